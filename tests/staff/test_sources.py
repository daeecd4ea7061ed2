"""Each threshold of the worklist fires on its last day and not the day after, for the
people who cover the work and nobody else."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from consultations.comments.models import Comment
from consultations.extensions import db
from consultations.plans.models import MilestoneStatus
from consultations.responses import services as responses
from consultations.responses.models import Outcome
from consultations.staff.items import collect_groups, count_items

from .conftest import MOMENT, TODAY, at


def lines(user, key=None) -> list[str]:
    groups = collect_groups(user, MOMENT)
    chosen = [group for group in groups if key in (None, group.source.key)]
    return [item.text for group in chosen for item in group.items]


def keys(user) -> list[str]:
    return [group.source.key for group in collect_groups(user, MOMENT)]


def test_response_deadline_on_the_seventh_day_is_listed(world, waiting_consultation):
    waiting_consultation(at(7, hour=23), unanswered=2)
    assert lines(world.coordinator, "responses") == [
        "“Open data law”: 2 comments unanswered; response deadline 14 Dec 2026"
    ]


def test_response_deadline_on_the_eighth_day_is_not_yet_listed(world, waiting_consultation):
    waiting_consultation(at(8, hour=0, minute=30))
    assert lines(world.coordinator) == []


def test_response_deadline_later_today_is_due_not_missed(world, waiting_consultation):
    waiting_consultation(at(0, hour=8))
    assert keys(world.coordinator) == ["responses"]


def test_response_deadline_of_yesterday_is_missed(world, waiting_consultation):
    waiting_consultation(at(-1, hour=23, minute=59), unanswered=1)
    groups = collect_groups(world.coordinator, MOMENT)
    assert [group.source.key for group in groups] == ["missed"]
    (item,) = groups[0].items
    assert item.late
    assert item.text == (
        "“Open data law”: 1 comment still unanswered; the response deadline was 6 Dec 2026"
    )
    assert (item.endpoint, item.values) == ("responses.manage", {"slug": "consultation-1"})


def test_answered_or_completed_consultations_are_not_listed(world, waiting_consultation):
    answered = waiting_consultation(at(3), unanswered=1, title="All answered")
    comment_ids = list(db.session.scalars(select(Comment.id)))
    responses.publish_response(
        world.coordinator,
        answered,
        outcome=Outcome.ADOPTED,
        texts={"en": {"reasons": "Thank you, noted."}},
        comment_ids=comment_ids,
    )
    completed = waiting_consultation(at(-3), unanswered=1, title="Declared complete")
    completed.responses_completed_at = at(-4)
    db.session.commit()
    assert lines(world.coordinator) == []


def test_another_agencys_coordinator_sees_none_of_it_and_the_admin_sees_all(
    world, waiting_consultation
):
    waiting_consultation(at(2))
    waiting_consultation(at(-2), agency=world.other_agency, title="Agency B's law")
    assert keys(world.coordinator) == ["responses"]
    assert keys(world.other_coordinator) == ["missed"]
    assert keys(world.admin) == ["missed", "responses"]
    assert lines(world.moderator) == lines(world.monitor) == lines(world.citizen) == []


def test_milestones_overdue_and_due_until_the_fourteenth_day_are_listed(world, make_commitment):
    make_commitment(
        world.plan,
        reference="IL0001",
        agency=world.agency,
        milestones=(
            (TODAY - timedelta(days=1), MilestoneStatus.IN_PROGRESS),
            (TODAY + timedelta(days=14), MilestoneStatus.NOT_STARTED),
            (TODAY + timedelta(days=15), MilestoneStatus.NOT_STARTED),
            (TODAY - timedelta(days=5), MilestoneStatus.COMPLETE, TODAY),
        ),
    )
    groups = collect_groups(world.coordinator, MOMENT)
    milestones = next(group for group in groups if group.source.key == "milestones")
    assert [(item.text, item.late) for item in milestones.items] == [
        ("IL0001: “Deliverable 1” was due on 6 Dec 2026", True),
        ("IL0001: “Deliverable 2” is due on 21 Dec 2026", False),
    ]
    assert milestones.items[0].endpoint == "staff.update"
    assert "milestones" not in keys(world.other_coordinator)


def test_commitment_going_stale_on_the_fourteenth_day_is_listed(
    world, make_commitment, make_update
):
    # STALE_AFTER_DAYS is 90: updated 76 days ago, it goes stale in 14 days.
    soon = make_commitment(world.plan, reference="IL0002", agency=world.agency)
    make_update(soon, published_at=at(-76))
    later = make_commitment(world.plan, reference="IL0003", agency=world.agency)
    make_update(later, published_at=at(-75))
    already = make_commitment(world.plan, reference="IL0004", agency=world.agency)
    make_update(already, published_at=at(-91))
    assert lines(world.coordinator, "stale") == [
        "IL0002 “Commitment 1” goes stale on 21 Dec 2026 without a progress update"
    ]


def test_thresholds_follow_the_settings(app, world, waiting_consultation, monkeypatch):
    waiting_consultation(at(9))
    assert lines(world.coordinator) == []
    monkeypatch.setitem(app.config, "STAFF_RESPONSE_DAYS", 9)
    assert keys(world.coordinator) == ["responses"]


def test_comments_held_longer_than_a_day_are_counted_for_moderators(world, held_comment):
    held_comment(MOMENT - timedelta(hours=24, minutes=1))
    held_comment(MOMENT - timedelta(hours=25))
    held_comment(MOMENT - timedelta(hours=23, minutes=59))
    expected = ["2 comments have been held for review for more than 24 h"]
    assert lines(world.moderator) == expected
    assert lines(world.admin) == expected
    assert lines(world.coordinator) == []


def test_the_badge_counts_what_the_page_lists(world, waiting_consultation, held_comment):
    waiting_consultation(at(1))
    waiting_consultation(at(-1))
    held_comment(MOMENT - timedelta(days=2))
    assert count_items(world.admin, MOMENT) == 3
    assert count_items(world.coordinator, MOMENT) == 2
    assert count_items(world.moderator, MOMENT) == 1
    assert count_items(world.monitor, MOMENT) == 0


def test_a_comment_is_held_from_the_flag_that_reaches_the_threshold_until_reviewed(
    app, world, make_consultation, make_comment, make_user
):
    from consultations.moderation import services as moderation

    comment = make_comment(make_consultation(plan=world.plan, agency=world.agency))
    for hours in (40, 30, 26, 2):
        moderation.flag_comment(
            make_user(), comment, "spam", moment=MOMENT - timedelta(hours=hours)
        )
    assert comment.held_at.replace(tzinfo=None) == (MOMENT - timedelta(hours=26)).replace(
        tzinfo=None
    )
    assert lines(world.moderator) == ["1 comment has been held for review for more than 24 h"]
    moderation.restore_comment(world.moderator, comment)
    assert comment.held_at is None
    assert lines(world.moderator) == []
