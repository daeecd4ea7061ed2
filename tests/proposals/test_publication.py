"""What the public sees of co-creation (proposals/publication.py and models.public_proposal):
the timeline once published, and proposals neither hidden nor held, with published answers
only."""

from __future__ import annotations

from datetime import date, timedelta

from proposals.dates import stage_dates

from consultations.extensions import db
from consultations.plans.models import PlanStatus
from consultations.proposals import publication, services
from consultations.proposals.models import (
    CoCreationChange,
    CoCreationStage,
    CoCreationStageText,
    CoCreationTimeline,
    Stage,
)


def hold(proposal) -> None:
    proposal.held, proposal.flag_count = True, 3  # as three flags leave it
    db.session.commit()


def answer(world, proposal, **fields) -> None:
    services.answer_proposal(
        world.people.lead, proposal, reasons="Considered", language="en", **fields
    )


def test_a_timeline_is_public_only_once_published(world, make_plan):
    assert publication.public_timeline(world.plan) == publication.timeline_of(world.plan)
    assert publication.public_timeline(world.plan) is not None
    draft = make_plan(slug="draft-only", status=PlanStatus.DRAFTING)
    services.save_timeline(world.people.admin, draft, stage_dates(world.today, world.today))
    assert publication.timeline_of(draft) is not None
    assert publication.public_timeline(draft) is None
    assert publication.public_timeline(make_plan()) is None


def test_the_public_list_leaves_out_hidden_and_held_proposals(world, make_proposal):
    shown, hidden, held = make_proposal(), make_proposal(), make_proposal()
    services.hide_proposal(world.people.moderator, hidden, "Insults")
    hold(held)
    public = publication.list_proposals(world.plan, 1).items
    everything = publication.list_proposals(world.plan, 1, include_hidden=True).items
    assert public == [shown]
    assert everything == [shown, hidden, held]


def test_proposals_are_listed_most_supported_first(world, make_proposal):
    quiet, popular = make_proposal(), make_proposal()
    services.support(world.people.monitor, popular)
    assert publication.list_proposals(world.plan, 1).items == [popular, quiet]


def test_only_public_proposals_with_published_answers_shape_a_commitment(world, make_proposal):
    kept, held, hidden, merged = (make_proposal() for _ in range(4))
    for proposal in (kept, held, hidden):
        answer(world, proposal, outcome="included", commitment_id=world.commitment.id)
    answer(world, merged, outcome="merged", merged_into_id=kept.id)
    assert publication.shaped_by(world.commitment) == []  # written, not yet published
    assert publication.merged_here(kept) == []
    services.publish_answers(world.people.national, world.plan)
    hold(held)
    services.hide_proposal(world.people.moderator, hidden, "Insults")
    assert publication.shaped_by(world.commitment) == [(kept.id, kept.title, kept.language)]
    assert [row.id for row in publication.merged_here(kept)] == [merged.id]
    hold(merged)
    assert publication.merged_here(kept) == []


def test_a_stage_includes_its_first_and_last_day_only(world):
    stage = publication.public_timeline(world.plan).stage(Stage.PROPOSALS)
    first, last = stage.starts_on, stage.ends_on
    assert (first, last) == (world.today - timedelta(days=3), world.today + timedelta(days=3))
    day = timedelta(days=1)
    assert [stage.includes(d) for d in (first - day, first, last, last + day)] == [
        False,
        True,
        True,
        False,
    ]


def test_a_change_shows_a_new_stage_without_earlier_dates():
    moved = {"stage": "proposals", "before": ["2026-01-01", "2026-01-31"]}
    added = {"stage": "drafting", "before": None, "after": ["2026-02-01", "2026-02-28"]}
    change = CoCreationChange(dates=[{**moved, "after": ["2026-01-01", "2026-02-07"]}, added])
    january, february = date(2026, 1, 1), date(2026, 2, 1)
    assert change.moves() == [
        (Stage.PROPOSALS, (january, date(2026, 1, 31)), (january, date(2026, 2, 7))),
        (Stage.DRAFTING, None, (february, date(2026, 2, 28))),
    ]


def test_a_timeline_without_a_stage_has_none_to_show():
    assert CoCreationTimeline(stages=[]).stage(Stage.PROPOSALS) is None


def test_a_stage_tells_how_to_take_part_in_the_language_asked_for(app_ctx):
    stage = CoCreationStage(
        texts=[
            CoCreationStageText(locale="en", ways_to_take_part="Write to us"),
            CoCreationStageText(locale="he", ways_to_take_part="כתבו לנו"),
        ]
    )
    assert stage.text("ways_to_take_part").text == "Write to us"
    assert stage.text("ways_to_take_part", "he").text == "כתבו לנו"


def test_a_published_answer_names_its_outcome_on_the_proposal_and_the_list(
    client, world, make_proposal
):
    """The proposals' outcomes (included, merged…) are not the responses' (adopted…): each
    page names the proposal's own, in the reader's language."""
    included, refused = make_proposal(), make_proposal()
    answer(world, included, outcome="included", commitment_id=world.commitment.id)
    answer(world, refused, outcome="not_included")
    services.publish_answers(world.people.national, world.plan)
    page = client.get(f"/en/proposals/{refused.id}").get_data(as_text=True)
    assert "<strong>not included</strong>" in page
    listing = client.get(f"/en/plans/{world.plan.slug}/proposals").get_data(as_text=True)
    assert "<p>Answer: included</p>" in listing and "<p>Answer: not included</p>" in listing
    hebrew = client.get(f"/he/proposals/{included.id}").get_data(as_text=True)
    assert "<strong></strong>" not in hebrew and "<strong>included</strong>" not in hebrew
