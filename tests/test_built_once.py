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
