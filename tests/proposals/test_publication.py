"""What the public sees of co-creation (proposals/publication.py and models.public_proposal):
the timeline once published, and proposals neither hidden nor held, with published answers
only."""

from __future__ import annotations

from datetime import timedelta

from proposals.dates import stage_dates

from consultations.extensions import db
from consultations.plans.models import PlanStatus
from consultations.proposals import publication, services
from consultations.proposals.models import Stage


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
    assert publication.shaped_by(world.commitment) == [kept]
    assert publication.merged_here(kept) == [merged]
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
