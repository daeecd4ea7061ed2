"""The co-creation cycle as people notice it: the stage's boundaries, supports counted once
at the same moment, answers published together, linked commitments, pages and their cost."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time, timedelta

import pytest
from proposals.dates import stage_dates

from consultations.errors import FieldRejected, PermissionDenied
from consultations.extensions import db
from consultations.follows.models import EventKind, Follow, Notification, TargetKind
from consultations.proposals import queries, services
from consultations.proposals.models import Proposal, ProposalSupport, Stage

from helpers import login


def at(day, hour=12):
    return datetime.combine(day, time(hour), tzinfo=UTC)


@pytest.mark.parametrize(
    ("offset", "allowed"),
    [(-4, False), (-3, True), (0, True), (3, True), (4, False)],
)
def test_proposals_are_taken_only_within_the_stage_both_end_days_included(world, offset, allowed):
    moment = at(world.today + timedelta(days=offset))
    propose = lambda: services.propose(  # noqa: E731
        world.people.citizen,
        world.plan,
        title="T",
        problem="P",
        solution="S",
        language="en",
        moment=moment,
    )
    if allowed:
        assert propose().created_at is not None
    else:
        with pytest.raises(PermissionDenied):
            propose()


def test_an_unpublished_timeline_takes_no_proposals(world, make_plan, make_agency):
    from consultations.plans.models import PlanStatus

    plan = make_plan(slug="lv-draft", status=PlanStatus.DRAFTING, country="IL")
    services.save_timeline(
        world.people.admin, plan, stage_dates(world.today - timedelta(days=1), world.today)
    )
    with pytest.raises(PermissionDenied):
        services.propose(
            world.people.citizen, plan, title="T", problem="P", solution="S", language="en"
        )


def test_the_same_proposal_sent_twice_is_one(world, make_proposal):
    first = make_proposal(title="Same", problem="P", solution="S")
    assert make_proposal(title="Same", problem="P", solution="S").id == first.id


def test_supports_sent_at_the_same_moment_count_once_per_account(app, world, make_proposal):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("threads of one process share the SQLite test file; run on PostgreSQL")
    proposal_id = make_proposal().id
    supporters = [world.people.speaker.id] * 4 + [world.people.monitor.id, world.people.admin.id]
    db.session.remove()  # this test's own reading session lets the writers be
    barrier = threading.Barrier(len(supporters))
    errors = []

    def support(user_id):
        with app.app_context():
            try:
                from consultations.accounts.models import User

                user = db.session.get(User, user_id)
                proposal = db.session.get(Proposal, proposal_id)
                barrier.wait(timeout=10)
                services.support(user, proposal)
            except Exception as error:  # shown by the assertion below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=support, args=(uid,)) for uid in supporters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    db.session.expire_all()
    assert db.session.get(Proposal, proposal_id).support_count == 3
    assert db.session.scalar(db.select(db.func.count(ProposalSupport.id))) == 3


def test_answers_stay_private_until_published_together(client, world, make_proposal):
    included, merged, refused = make_proposal(), make_proposal(), make_proposal()
    lead = world.people.lead
    services.answer_proposal(
        lead,
        included,
        outcome="included",
        reasons="Taken up",
        language="en",
        commitment_id=world.commitment.id,
    )
    services.answer_proposal(
        lead,
        merged,
        outcome="merged",
        reasons="Same idea",
        language="en",
        merged_into_id=included.id,
    )
    page = client.get(f"/en/proposals/{included.id}").get_data(as_text=True)
    assert "Taken up" not in page and "No answer has been published yet." in page
    with pytest.raises(FieldRejected):  # one proposal still has no answer
        services.publish_answers(world.people.national, world.plan)
    services.answer_proposal(
        lead, refused, outcome="not_included", reasons="Too costly", language="en"
    )
    assert services.publish_answers(world.people.national, world.plan) == 3
    moments = {p.answer.published_at for p in (included, merged, refused)}
    assert len(moments) == 1
    page = client.get(f"/en/proposals/{included.id}").get_data(as_text=True)
    assert "Taken up" in page and merged.title in page  # merged into it, linked back
    commitment_page = client.get(f"/en/commitments/{world.commitment.reference}")
    assert "Shaped by proposals from the public" in commitment_page.get_data(as_text=True)
    assert included.title in commitment_page.get_data(as_text=True)
    assert queries.all_answered(world.plan)
    figures = queries.answer_figures(world.plan)
    assert (figures.total, figures.answered, figures.in_time) == (3, 3, 3)
    with pytest.raises(PermissionDenied):  # a published answer stands
        services.answer_proposal(
            lead,
            refused,
            outcome="included",
            reasons="x",
            language="en",
            commitment_id=world.commitment.id,
        )


def test_an_included_answer_names_a_commitment_of_the_plan(world, make_proposal):
    proposal = make_proposal()
    with pytest.raises(FieldRejected) as refused:
        services.answer_proposal(
            world.people.lead, proposal, outcome="included", reasons="Yes", language="en"
        )
    assert refused.value.field == "commitment"


def test_bad_answer_input_is_refused_with_422_and_nothing_written(app, world, make_proposal):
    proposal = make_proposal()
    client = app.test_client()
    login(client, world.people.lead)
    response = client.post(
        f"/en/staff/proposals/{proposal.id}/answer",
        data={"outcome": "merged", "reasons": "Same", "merged_into": ""},
    )
    assert response.status_code == 422
    assert "merged into" in response.get_data(as_text=True)
    assert proposal.answer is None


def test_awaiting_answer_lists_what_the_agency_answers(world, make_proposal):
    waiting = make_proposal()
    elsewhere = make_proposal(lead_agency=world.other)
    assert [p.id for p in queries.awaiting_answer(world.people.lead, world.today)] == [waiting.id]
    national = {p.id for p in queries.awaiting_answer({world.national.id}, world.today)}
    assert national == {waiting.id, elsewhere.id}
    services.answer_proposal(
        world.people.lead, waiting, outcome="not_included", reasons="No", language="en"
    )
    assert queries.awaiting_answer(world.people.lead, world.today) == []
    assert queries.proposals_count(world.plan) == 2
    assert queries.proposals_stage_held(world.plan)
    assert not queries.all_answered(world.plan)


def test_a_timeline_published_two_weeks_ahead_meets_the_standard(world, make_plan):
    from consultations.plans.models import PlanStatus

    assert not queries.timeline_published_in_advance(world.plan)  # published while running
    plan = make_plan(slug="ahead", status=PlanStatus.DRAFTING, country="IL")
    start = world.today + timedelta(days=40)
    services.save_timeline(world.people.admin, plan, stage_dates(start, start + timedelta(days=5)))
    services.publish_timeline(world.people.admin, plan)
    assert queries.timeline_published_in_advance(plan)


def test_changes_to_a_published_timeline_are_dated_shown_and_told(client, world):
    follower = world.people.citizen
    db.session.add(
        Follow(
            user_id=follower.id,
            target_type=TargetKind.PLAN,
            target_id=world.plan.id,
            created_at=world.plan.created_at,
        )
    )
    db.session.commit()
    start = world.today + timedelta(days=2)
    services.save_timeline(
        world.people.national,
        world.plan,
        stage_dates(start, start + timedelta(days=9)),
        note="Longer stage",
    )
    page = client.get("/en/plans/il-draft/timeline").get_data(as_text=True)
    assert "Longer stage" in page and "the timeline was changed" in page
    notices = db.session.scalars(
        db.select(Notification).where(
            Notification.user_id == follower.id, Notification.kind == EventKind.TIMELINE
        )
    ).all()
    assert len(notices) == 1
    plan_page = client.get("/en/plans/il-draft").get_data(as_text=True)
    assert "Co-creation timeline" in plan_page


def test_a_stage_that_ends_before_it_starts_is_refused(world):
    dates = stage_dates(world.today, world.today + timedelta(days=3))
    start, end, texts = dates[Stage.DRAFTING]
    dates[Stage.DRAFTING] = (end, start, texts)
    with pytest.raises(FieldRejected):
        services.save_timeline(world.people.admin, world.plan, dates)


def test_a_hidden_proposal_shows_only_its_reason(client, world, make_proposal):
    proposal = make_proposal(title="Rude words here")
    services.hide_proposal(world.people.moderator, proposal, "Insults other people")
    page = client.get(f"/en/proposals/{proposal.id}").get_data(as_text=True)
    assert "Insults other people" in page and "Rude words here" not in page
    listing = client.get("/en/plans/il-draft/proposals").get_data(as_text=True)
    assert "Rude words here" not in listing
    services.restore_proposal(world.people.moderator, proposal)
    assert "Rude words here" in client.get("/en/plans/il-draft/proposals").get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    ["/en/plans/il-draft/timeline", "/en/plans/il-draft/proposals", "/he/plans/il-draft/proposals"],
)
def test_list_pages_cost_the_same_queries_for_3_or_30_proposals(
    client, world, make_proposal, count_queries, path
):
    for _ in range(3):
        make_proposal()
    with count_queries() as few:
        assert client.get(path).status_code == 200
    for _ in range(27):
        make_proposal(author=world.people.speaker)
    if "page_cache" in client.application.extensions:  # read the page again, not its copy
        client.application.extensions["page_cache"].clear()
    with count_queries() as many:
        assert client.get(path).status_code == 200
    assert many.count == few.count


def test_the_pages_answer(app, world, make_proposal):
    proposal = make_proposal()
    client = app.test_client()
    login(client, world.people.national)
    for path in (
        "/en/plans/il-draft/proposals/new",
        f"/en/proposals/{proposal.id}",
        f"/en/staff/proposals/{proposal.id}/answer",
        "/en/staff/plans/il-draft/timeline",
        "/he/plans/il-draft/timeline",
    ):
        assert client.get(path).status_code == 200, path


def test_near_identical_proposals_are_grouped_like_a_campaign(client, world, make_proposal):
    words = "Publish every ministry's budget as open data each quarter, line by line"
    first = make_proposal(title="Open budgets", problem="Budgets are hidden.", solution=words)
    second = make_proposal(
        author=world.people.speaker,
        title="Open budgets",
        problem="Budgets are hidden!",
        solution=words,
    )
    make_proposal(title="Something else", problem="Another matter", solution="A new idea")
    assert queries.near_identical(world.plan) == [
        [(first.id, "Open budgets"), (second.id, "Open budgets")]
    ]
    page = client.get("/en/plans/il-draft/proposals").get_data(as_text=True)
    assert "2 near-identical proposals:" in page
