"""SQL statements built once per app, and again when what they embed changes; plain reads."""

from __future__ import annotations

from consultations.statements import built_once


def test_a_statement_is_built_once_and_again_when_what_it_embeds_changes(make_app):
    built = []

    def build():
        built.append(len(built))
        return f"statement {len(built)}"

    with make_app().app_context():
        assert built_once("page", build, "monday") == "statement 1"
        assert built_once("page", build, "monday") == "statement 1"
        assert built_once("page", build, "tuesday") == "statement 2"  # a new day
        assert built_once("other page", build) == "statement 3"
    assert len(built) == 3


def test_every_app_builds_its_own(make_app):
    with make_app().app_context():
        first = built_once("page", object)
    with make_app().app_context():
        second = built_once("page", object)
        assert built_once("page", object) is second
    assert first is not second


def test_plain_rows_see_what_the_session_has_not_written_yet(make_plan, make_commitment):
    from sqlalchemy import func, select

    from consultations.clock import now
    from consultations.plans.models import CommitmentText
    from consultations.statements import read_rows

    commitment = make_commitment(make_plan(), texts={"en": {"title": "Open budgets"}})
    titles = select(CommitmentText.title).where(CommitmentText.commitment_id == commitment.id)
    assert read_rows(titles).scalars().all() == ["Open budgets"]
    commitment.texts.append(CommitmentText(locale="lv", title="Atklāti budžeti", updated_at=now()))
    count = select(func.count()).where(CommitmentText.commitment_id == commitment.id)
    assert read_rows(count).scalar() == 2  # the new text was written first, as a read would
    assert sorted(read_rows(titles).scalars()) == ["Atklāti budžeti", "Open budgets"]


def test_among_reads_the_rows_of_any_number_of_values_through_one_statement(make_agency):
    from sqlalchemy import select

    from consultations.agencies.models import Agency
    from consultations.extensions import db
    from consultations.statements import among, read_rows

    agencies = [make_agency(f"agency-{number}") for number in range(3)]
    ids = [agency.id for agency in agencies]
    statement = select(Agency.slug).where(among(Agency.id, "ids")).order_by(Agency.id)
    sent = []
    for values in ([], ids[:1], ids, [*ids, -1]):  # none, one, all, all and one not there
        result = read_rows(statement, {"ids": values})
        sent.append(result.context.statement)
        assert result.scalars().all() == [a.slug for a in agencies if a.id in values]
    if db.engine.dialect.name == "postgresql":
        # One statement for every count: it stays prepared on the connection.
        assert len(set(sent)) == 1
