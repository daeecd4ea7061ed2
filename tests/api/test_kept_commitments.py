"""The API's list of commitments keeps each serialized commitment in the worker until a
table it is read from changes: a client always reads what reading afresh would give."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bench.cost import counting_statements
from consultations.clock import now
from consultations.extensions import db
from consultations.fragments import kept_results, pin_versions
from consultations.plans.models import CommitmentText, Milestone

LIST = "/api/v1/commitments"


def rendered(app, client) -> dict:
    """The list rendered now, not a kept page of it (records may be kept)."""
    pages = app.extensions.get("page_cache")
    if pages is not None:
        pages.clear()
    return client.get(LIST).get_json()


def afresh(app, client) -> dict:
    """The list as a worker that keeps nothing yet would answer it."""
    app.extensions.pop("kept_results", None)
    return rendered(app, client)


def sent_for(app, client) -> tuple[dict, int]:
    with counting_statements(db.engine) as sent:
        body = rendered(app, client)
    return body, sent[0]


def test_a_kept_commitment_reads_as_afresh_in_fewer_statements(app, client, world):
    fresh = afresh(app, client)
    assert [item["reference"] for item in fresh["data"]] == [world.commitment.reference]
    kept, statements = sent_for(app, client)
    assert kept == fresh
    app.extensions.pop("kept_results")
    _, statements_afresh = sent_for(app, client)
    # The page's ids and count are read every time; the rows and contents only when missing.
    assert statements < statements_afresh


def test_a_change_to_any_table_it_shows_is_in_the_next_answer(
    app, client, world, make_update, make_assessment
):
    rendered(app, client)  # its commitment kept from here on
    text = db.session.scalars(
        select(CommitmentText).where(
            CommitmentText.commitment_id == world.commitment.id, CommitmentText.locale == "en"
        )
    ).one()
    text.title = "Open budgets"
    db.session.commit()
    [item] = rendered(app, client)["data"]
    assert item["title"]["en"] == "Open budgets"
    assert rendered(app, client) == afresh(app, client)

    make_update(world.commitment, status="substantial", percent=70)
    body = rendered(app, client)
    assert body["data"][0]["percent_complete"] == 70
    assert body == afresh(app, client)

    milestone = db.session.scalars(
        select(Milestone).where(Milestone.commitment_id == world.commitment.id)
    ).first()
    milestone.position += 10
    db.session.commit()
    body = rendered(app, client)
    assert milestone.position in [m["position"] for m in body["data"][0]["milestones"]]
    assert body == afresh(app, client)

    make_assessment(world.commitment)
    assert rendered(app, client) == afresh(app, client)


def test_nothing_is_kept_while_the_request_has_written(app, client, world):
    computed = []

    def compute(keys):
        computed.append(keys)
        return {key: key for key in keys}

    with app.test_request_context():
        db.session.add(
            CommitmentText(
                commitment_id=world.commitment.id, locale="lv", title="Atklātība", updated_at=now()
            )
        )
        db.session.flush()  # written, not committed: no versions are pinned for it
        pin_versions()
        assert kept_results("test", [1, 2], compute) == {1: 1, 2: 2}
        assert kept_results("test", [1, 2], compute) == {1: 1, 2: 2}
        db.session.rollback()
    assert computed == [[1, 2], [1, 2]]


def test_each_address_the_site_is_asked_at_names_its_own(app, client, world):
    assert rendered(app, client)["data"][0]["url"].startswith("http://localhost/")
    other = client.get(LIST, base_url="http://127.0.0.1").get_json()
    assert other["data"][0]["url"].startswith("http://127.0.0.1/api/v1/commitments/")


def test_the_next_day_reads_progress_afresh(app, client, world, make_update, monkeypatch):
    from consultations.api import views

    make_update(world.commitment, percent=40)
    assert rendered(app, client)["data"][0]["stale"] is False
    later = now() + timedelta(days=400)  # long past the days an update stays current
    monkeypatch.setattr(views, "now", lambda: later)
    body = rendered(app, client)
    assert body["data"][0]["stale"] is True
    assert body == afresh(app, client)
