"""The forum's writes: history kept, rules versioned, agenda before and minutes after."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from forum.builders import days_ago, held, member
from sqlalchemy import select

from consultations.audit.models import AuditEvent
from consultations.clock import as_utc
from consultations.errors import FieldRejected, PermissionDenied
from consultations.extensions import db
from consultations.forum import queries, services
from consultations.forum.models import Attendance, ForumMember, ProposalState


def test_a_change_ends_the_old_membership_and_starts_a_new_one(forum, people):
    keeper = people["secretariat"]
    dana = member(forum, keeper, role="member", start=date(2024, 1, 1))
    chair = services.change_member(
        keeper,
        dana,
        date(2025, 3, 1),
        name="Dana",
        is_seat=False,
        organisation="Org",
        sector="government",
        role="co_chair",
        term_end=None,
    )
    rows = db.session.scalars(select(ForumMember).order_by(ForumMember.id)).all()
    assert [(r.role.value, r.term_start, r.ended_on) for r in rows] == [
        ("member", date(2024, 1, 1), date(2025, 3, 1)),
        ("co_chair", date(2025, 3, 1), None),
    ]
    assert chair.replaces_id == dana.id
    assert [m.role.value for m in queries.members_current_on(forum.id, date(2025, 2, 28))] == [
        "member"
    ]
    assert [m.role.value for m in queries.members_current_on(forum.id, date(2025, 3, 1))] == [
        "co_chair"
    ]


def test_leaving_keeps_the_row_and_a_second_ending_is_refused(forum, people):
    keeper = people["secretariat"]
    dana = member(forum, keeper)
    services.end_membership(keeper, dana, date(2025, 1, 1))
    assert queries.members_current_on(forum.id, date(2025, 1, 2)) == []
    assert queries.members_current_on(forum.id, date(2024, 6, 1)) == [dana]
    with pytest.raises(FieldRejected):
        services.end_membership(keeper, dana, date(2025, 2, 1))
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["forum.member_add", "forum.member_end"]


def test_a_term_cannot_end_before_it_starts(forum, people):
    with pytest.raises(FieldRejected) as refused:
        member(forum, people["secretariat"], start=date(2025, 1, 1), end=date(2024, 1, 1))
    assert refused.value.field == "term_end"
    assert db.session.scalar(select(ForumMember.id)) is None


def test_rules_are_published_as_versions_and_earlier_ones_stay(forum, people):
    keeper = people["secretariat"]
    first = services.publish_rules(keeper, forum, "Members serve two years.", "en")
    second = services.publish_rules(keeper, forum, "Members serve three years.", "en")
    assert (first.version, second.version) == (1, 2)
    assert queries.current_rules(forum.id).body_html == "<p>Members serve three years.</p>"
    assert queries.rules_version(forum.id, 1).body_html == "<p>Members serve two years.</p>"
    assert queries.rules_published_at(forum.id) == as_utc(first.published_at)


def test_minutes_wait_for_the_meeting_and_the_agenda_does_not(forum, people):
    keeper = people["secretariat"]
    meeting = held(forum, keeper, days_ago(-10))
    services.publish_agenda(keeper, meeting, "1. Welcome")
    assert meeting.agenda_published_at is not None
    with pytest.raises(FieldRejected):
        services.publish_minutes(keeper, meeting, "We met.", "")
    assert meeting.minutes_published_at is None
    past = held(forum, keeper, days_ago(3))
    services.publish_minutes(keeper, past, "We met.", "We decided.")
    dates = queries.minutes_publication_dates(forum.id)
    assert [d.meeting_id for d in dates] == [past.id, meeting.id]
    assert dates[0].published_at is not None and dates[1].published_at is None


def test_republishing_an_agenda_keeps_its_first_publication_date(forum, people):
    keeper = people["secretariat"]
    meeting = held(forum, keeper, days_ago(-10))
    services.publish_agenda(keeper, meeting, "1. Welcome")
    first = meeting.agenda_published_at
    services.publish_agenda(keeper, meeting, "1. Welcome\n2. Budget")
    assert meeting.agenda_published_at == first
    assert "Budget" in meeting.agenda_html


def test_attendance_is_recorded_for_the_members_of_the_day(forum, people):
    keeper = people["secretariat"]
    dana, yossi = member(forum, keeper, "Dana"), member(forum, keeper, "Yossi")
    meeting = held(forum, keeper, days_ago(3))
    services.record_attendance(keeper, meeting, [dana.id])
    rows = {(a.member_id, a.present) for a in db.session.scalars(select(Attendance))}
    assert rows == {(dana.id, True), (yossi.id, False)}
    with pytest.raises(FieldRejected):
        services.record_attendance(keeper, meeting, [9999])


def test_both_sectors_are_current_only_while_both_sit(forum, people):
    keeper = people["secretariat"]
    member(forum, keeper, "Dana", sector="government")
    ngo = member(forum, keeper, "Noa", sector="civil_society")
    assert queries.both_sectors_current_on(forum.id, date(2025, 1, 1))
    services.end_membership(keeper, ngo, date(2025, 6, 1))
    assert not queries.both_sectors_current_on(forum.id, date(2025, 6, 1))
    assert queries.both_sectors_current_on(forum.id, date(2025, 5, 31))


def test_meetings_held_and_last_meeting(forum, people):
    keeper = people["secretariat"]
    older, newer = held(forum, keeper, days_ago(400)), held(forum, keeper, days_ago(200))
    held(forum, keeper, days_ago(-30))
    assert [m for m, _at in queries.meetings_held(forum.id)] == [older.id, newer.id]
    assert queries.last_meeting_held(forum.id).date() == days_ago(200).date()
    assert queries.forum_for_country("il").id == forum.id
    assert queries.forum_for_country("HU") is None


def test_a_proposal_is_answered_by_the_secretariat_only(forum, people):
    proposal = services.propose_member(
        people["citizen"], forum, "Shira", "Open Knowledge", "civil_society", "Knows open data."
    )
    with pytest.raises(PermissionDenied):
        services.answer_proposal(people["other_secretariat"], proposal, "accepted", "Yes")
    services.answer_proposal(people["secretariat"], proposal, "declined", "The forum is full.")
    assert proposal.state == ProposalState.DECLINED
    assert queries.proposals_of(people["citizen"].id, forum.id)[0].answer == "The forum is full."


def test_meeting_needs_a_place_unless_online(forum, people):
    with pytest.raises(FieldRejected) as refused:
        services.schedule_meeting(people["secretariat"], forum, days_ago(1), " ", False, "en")
    assert refused.value.field == "place"
    online = services.schedule_meeting(people["secretariat"], forum, days_ago(1), "", True, "en")
    assert online.online


def test_one_forum_per_country(forum, people):
    with pytest.raises(FieldRejected):
        services.create_forum(people["admin"], "il")
    with pytest.raises(PermissionDenied):
        services.create_forum(people["secretariat"], "HU")
    assert services.create_forum(people["admin"], "hu").country == "HU"


def test_agenda_published_in_advance_is_visible_in_its_dates(forum, people):
    meeting = held(forum, people["secretariat"], days_ago(-14))
    services.publish_agenda(people["secretariat"], meeting, "Items")
    (dates,) = queries.agenda_publication_dates(forum.id)
    assert dates.held_at - dates.published_at > timedelta(days=13)
