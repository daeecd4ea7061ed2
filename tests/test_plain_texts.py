"""Texts read as plain rows (content.read_texts): one statement a kind, never out of date."""

from sqlalchemy import select
from sqlalchemy.orm import lazyload

from consultations.content import read_texts
from consultations.extensions import db


def test_each_kind_of_record_has_its_texts_read_in_one_statement(
    make_plan, make_commitment, count_queries
):
    plan = make_plan(titles={"en": "The plan", "he": "התוכנית"})
    first = make_commitment(plan, texts={"en": {"title": "Open budgets"}})
    second = make_commitment(plan, texts={"lv": {"title": "Atklāti budžeti"}})
    db.session.expire_all()
    records = [db.session.get(type(first), first.id), db.session.get(type(second), second.id)]
    plan = records[0].plan
    with count_queries() as counted:
        read_texts([*records, plan, None])
        shown = [record.text("title", "en") for record in records]
        plan_title = plan.text("title", "he")
    assert counted.count == 2
    assert [(s.text, s.lang, s.fallback) for s in shown] == [
        ("Open budgets", "en", False),
        ("Atklāti budžeti", "lv", True),
    ]
    assert plan_title.text == "התוכנית"
    with count_queries() as again:
        read_texts(records)  # read already: nothing more is sent
    assert again.count == 0


def test_a_write_in_the_same_session_shows_at_once(make_plan, make_commitment):
    commitment = make_commitment(make_plan(), texts={"en": {"title": "Open budgets"}})
    read_texts([commitment])
    assert commitment.text("title", "en").text == "Open budgets"
    commitment.texts[0].title = "Open budgets for all"
    db.session.flush()
    assert commitment.text("title", "en").text == "Open budgets for all"


def test_a_commitment_page_shows_a_retitled_commitment_plan_and_agency_at_once(
    app, make_plan, make_commitment
):
    plan = make_plan(titles={"en": "First plan"})
    commitment = make_commitment(plan, texts={"en": {"title": "Open budgets"}})
    client = app.test_client()
    path = f"/en/commitments/{commitment.reference}"
    page = client.get(path).get_data(as_text=True)
    assert "Open budgets" in page and "First plan" in page
    commitment.texts[0].title = "Open budgets for all"
    plan.texts[0].title = "Second plan"
    commitment.lead_agency.texts[0].name = "Renamed ministry"
    db.session.commit()
    page = client.get(path).get_data(as_text=True)
    assert "Open budgets for all" in page
    assert "Second plan" in page
    assert "Renamed ministry" in page


def test_a_record_given_no_plain_texts_reads_its_own_unless_they_may_differ_in_memory(
    make_plan, make_commitment, count_queries
):
    plan = make_plan()
    commitment = make_commitment(plan, texts={"en": {"title": "Open budgets"}})
    model, ident = type(commitment), commitment.id
    db.session.commit()
    db.session.close()  # nothing of it in memory, as at the start of a request
    stored = _without_texts(model, ident)
    with count_queries() as counted:
        assert stored.text("title", "en").text == "Open budgets"
    assert counted.count == 1
    assert "texts" not in stored.__dict__  # plain rows, not the relationship's objects

    stored.texts[0].title = "Open budgets, changed"  # loaded and changed, not yet flushed
    assert stored.text("title", "en").text == "Open budgets, changed"
    db.session.rollback()
    db.session.close()
    retitled = _without_texts(model, ident)
    retitled.plan.number += 1  # a write elsewhere in the session, not yet flushed
    with count_queries() as counted:
        retitled.text("title", "en")
    assert "texts" in retitled.__dict__  # no flush forced by a read


def _without_texts(model, ident: int):
    """A record loaded with its texts left to load lazily, as a page's statements do."""
    return db.session.scalars(
        select(model).where(model.id == ident).options(lazyload(model.texts))
    ).one()
