"""Every comment and consultation predicate, by table: each role (anonymous, citizen, the
author, coordinator, monitor, moderator, admin) against each state a reader could meet
(visible, held, hidden, removed; scheduled, open, closed), at each time boundary."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from consultations import permissions
from consultations.accounts.models import Role, RoleGrant, User
from consultations.agencies.models import Agency
from consultations.comments.models import CommentState
from consultations.consultation.models import Phase
from consultations.plans.models import PlanStatus

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
AGENCY, OTHER_AGENCY, NATIONAL_BODY = 1, 2, 9
COUNTRY = "IL"
_ids = itertools.count(100)


def person(*roles: str, verified: bool = True, suspended: bool = False) -> User:
    user = User(id=next(_ids), email="p@example.org", display_name="P", language="en")
    user.email_verified_at = NOW - timedelta(days=3) if verified else None
    user.suspended_at = NOW - timedelta(days=1) if suspended else None
    for role in roles:
        agency = AGENCY if role == "coordinator" else None
        organisation = "Watchdog" if role == "monitor" else None
        grant = RoleGrant(role=Role(role), agency_id=agency, organisation=organisation)
        if agency is not None:
            grant.agency = Agency(id=agency, slug="agency", country=COUNTRY)
        user.roles.append(grant)
    return user


AUTHOR = person()
PEOPLE = {
    "nobody": None,
    "anonymous": AnonymousUserMixin(),
    "citizen": person(),
    "author": AUTHOR,
    "unverified": person(verified=False),
    "suspended": person(suspended=True),
    "coordinator": person("coordinator"),
    "monitor": person("monitor"),
    "moderator": person("moderator"),
    "admin": person("admin"),
}
SIGNED_IN = set(PEOPLE) - {"nobody", "anonymous"}
MAY_TAKE_PART = SIGNED_IN - {"unverified", "suspended"}


def consultation(phase: Phase, agency_id: int = AGENCY, status=PlanStatus.CONSULTATION):
    opens = {Phase.SCHEDULED: NOW + timedelta(days=1)}.get(phase, NOW - timedelta(days=10))
    closes = NOW + timedelta(days=5) if phase in (Phase.SCHEDULED, Phase.OPEN) else NOW
    plan = SimpleNamespace(status=status, coordinating_agency_id=NATIONAL_BODY, country=COUNTRY)
    record = SimpleNamespace(id=7, plan=plan, agency_id=agency_id, opens_at=opens, closes_at=closes)
    record.responses_completed_at = NOW if phase == Phase.RESPONDED else None
    record.phase = lambda moment: _phase(record, moment)
    return record


def _phase(record, moment):
    from consultations.consultation.models import Consultation

    return Consultation.phase(record, moment)


def comment(state=CommentState.VISIBLE, held=False, author=AUTHOR, depth=0, age=timedelta(0)):
    return SimpleNamespace(
        consultation_id=7,
        author_id=author.id if author else None,
        state=state,
        held=held,
        depth=depth,
        created_at=NOW - age,
    )


STATES = {
    "visible": {},
    "held": {"held": True},
    "hidden": {"state": CommentState.HIDDEN},
    "removed": {"state": CommentState.REMOVED},
}


@pytest.mark.parametrize("phase", list(Phase))
@pytest.mark.parametrize("who", PEOPLE)
def test_only_verified_unsuspended_people_comment_while_open(who, phase):
    allowed = who in MAY_TAKE_PART and phase == Phase.OPEN
    assert permissions.can_comment(PEOPLE[who], consultation(phase), NOW) is allowed


def test_commenting_opens_at_opens_at_and_closes_at_closes_at_exactly():
    record = consultation(Phase.OPEN)
    record.opens_at, record.closes_at = NOW, NOW + timedelta(days=1)
    user = PEOPLE["citizen"]
    assert permissions.can_comment(user, record, NOW - timedelta(microseconds=1)) is False
    assert permissions.can_comment(user, record, NOW) is True
    assert permissions.can_comment(user, record, record.closes_at - timedelta(seconds=1)) is True
    assert permissions.can_comment(user, record, record.closes_at) is False


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_author_edits_a_visible_comment(who, state):
    target = comment(**STATES[state])
    allowed = who == "author" and state in ("visible", "held")
    assert permissions.can_edit_comment(PEOPLE[who], target, NOW) is allowed


def test_the_edit_window_ends_fifteen_minutes_after_writing_exactly():
    window = permissions.COMMENT_EDIT_WINDOW
    assert window == timedelta(minutes=15)
    assert permissions.can_edit_comment(AUTHOR, comment(age=window), NOW) is True
    late = comment(age=window + timedelta(microseconds=1))
    assert permissions.can_edit_comment(AUTHOR, late, NOW) is False


def test_a_suspended_author_edits_nothing():
    suspended = PEOPLE["suspended"]
    assert permissions.can_edit_comment(suspended, comment(author=suspended), NOW) is False
    assert permissions.can_remove_comment(suspended, comment(author=suspended)) is True


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_author_removes_a_comment_not_yet_removed(who, state):
    allowed = who == "author" and state != "removed"
    assert permissions.can_remove_comment(PEOPLE[who], comment(**STATES[state])) is allowed


def test_a_comment_whose_author_left_is_removed_by_nobody():
    for who in PEOPLE:
        assert permissions.can_remove_comment(PEOPLE[who], comment(author=None)) is False


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("who", PEOPLE)
def test_others_flag_only_visible_comments(who, state):
    allowed = who in MAY_TAKE_PART - {"author"} and state in ("visible", "held")
    assert permissions.can_flag(PEOPLE[who], comment(**STATES[state])) is allowed


@pytest.mark.parametrize("phase", list(Phase))
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("who", PEOPLE)
def test_replies_go_to_visible_published_comments_of_an_open_consultation(who, state, phase):
    allowed = who in MAY_TAKE_PART and state == "visible" and phase == Phase.OPEN
    target = comment(**STATES[state])
    assert permissions.can_reply(PEOPLE[who], consultation(phase), target, NOW, 2) is allowed


def test_replies_stop_at_the_maximum_depth_and_at_other_consultations():
    user, record = PEOPLE["citizen"], consultation(Phase.OPEN)
    assert permissions.can_reply(user, record, comment(depth=1), NOW, 2) is True
    assert permissions.can_reply(user, record, comment(depth=2), NOW, 2) is False
    elsewhere = comment()
    elsewhere.consultation_id = 8
    assert permissions.can_reply(user, record, elsewhere, NOW, 2) is False


@pytest.mark.parametrize("who", PEOPLE)
def test_only_moderators_moderate(who):
    assert permissions.can_moderate(PEOPLE[who]) is (who == "moderator")


@pytest.mark.parametrize("who", PEOPLE)
def test_moderators_suspend_citizens_only(who):
    expected = {
        target: who == "moderator" and target in {"citizen", "author", "unverified"}
        for target in PEOPLE
        if PEOPLE[target] is not None and target != "anonymous"
    }
    actual = {target: permissions.can_suspend(PEOPLE[who], PEOPLE[target]) for target in expected}
    expected["suspended"] = who == "moderator"
    assert actual == expected
    assert permissions.can_suspend(PEOPLE[who], None) is False


def test_a_moderator_never_suspends_themselves():
    moderator = PEOPLE["moderator"]
    clone = SimpleNamespace(id=moderator.id, roles=[])
    assert permissions.can_suspend(moderator, clone) is False


COORDINATES_OWN = {"coordinator"}


@pytest.mark.parametrize("phase", list(Phase))
@pytest.mark.parametrize("who", PEOPLE)
def test_the_consultations_coordinator_edits_and_answers_once_opened(who, phase):
    own, others = consultation(phase), consultation(phase, OTHER_AGENCY)
    assert permissions.can_edit_consultation(PEOPLE[who], own) is (who in COORDINATES_OWN)
    assert permissions.can_edit_consultation(PEOPLE[who], others) is False
    answers = who in COORDINATES_OWN and phase != Phase.SCHEDULED
    assert permissions.can_respond(PEOPLE[who], own, NOW) is answers
    assert permissions.can_respond(PEOPLE[who], others, NOW) is False


@pytest.mark.parametrize("status", list(PlanStatus))
@pytest.mark.parametrize("who", PEOPLE)
def test_consultations_are_created_and_plans_imported_while_drafting(who, status):
    plan = SimpleNamespace(status=status, coordinating_agency_id=NATIONAL_BODY, country=COUNTRY)
    drafting = status in permissions.DRAFT_STATUSES
    allowed = drafting and who in COORDINATES_OWN
    assert permissions.can_create_consultation(PEOPLE[who], plan, AGENCY) is allowed
    assert permissions.can_create_consultation(PEOPLE[who], plan, OTHER_AGENCY) is False
    assert permissions.can_import_plan(PEOPLE[who], plan) is (
        who == "admin" or who in COORDINATES_OWN
    )


@pytest.mark.parametrize("who", PEOPLE)
def test_the_survey_is_offered_once_to_people_who_took_part(who):
    user = PEOPLE[who]
    signed_in = who in SIGNED_IN
    assert permissions.can_answer_survey(user, True, False) is signed_in
    assert permissions.can_answer_survey(user, False, False) is False
    assert permissions.can_answer_survey(user, True, True) is False


@pytest.mark.parametrize("who", PEOPLE)
def test_the_expectations_survey_is_offered_once_before_a_first_comment(who):
    user = PEOPLE[who]
    assert permissions.can_answer_expectations(user, False, False) is (who in SIGNED_IN)
    assert permissions.can_answer_expectations(user, True, False) is False
    assert permissions.can_answer_expectations(user, False, True) is False


@pytest.mark.parametrize("who", PEOPLE)
def test_following_needs_a_confirmed_unsuspended_account(who):
    target = SimpleNamespace(id=1)
    assert permissions.can_follow(PEOPLE[who], target) is (who in MAY_TAKE_PART)
    assert permissions.can_follow(PEOPLE[who], None) is False


@pytest.mark.parametrize("who", PEOPLE)
def test_anyone_signed_in_stops_following_only_their_own_follows(who):
    user = PEOPLE[who]
    own = SimpleNamespace(user_id=getattr(user, "id", -1))
    other = SimpleNamespace(user_id=-2)
    assert permissions.can_unfollow(user, own) is (who in SIGNED_IN)
    assert permissions.can_unfollow(user, other) is False
    assert permissions.can_unfollow(user, None) is False


def test_something_that_is_not_a_person_is_never_signed_in():
    for thing in (object(), SimpleNamespace(roles=[], id=1)):
        assert permissions.is_admin(thing) is False
        assert permissions.can_access_staff(thing) is False
        assert permissions.can_follow(thing, SimpleNamespace(id=1)) is False


def test_a_monitor_without_an_organisation_corrects_unsigned_assessments():
    monitor = person("monitor")
    monitor.roles[0].organisation = None
    plan = SimpleNamespace(
        status=PlanStatus.IMPLEMENTATION, coordinating_agency_id=NATIONAL_BODY, country=COUNTRY
    )
    commitment = SimpleNamespace(plan=plan, lead_agency_id=AGENCY)
    unsigned = SimpleNamespace(commitment=commitment, organisation="")
    signed = SimpleNamespace(commitment=commitment, organisation="Watchdog")
    assert permissions.can_correct_assessment(monitor, unsigned) is True
    assert permissions.can_correct_assessment(monitor, signed) is False


@pytest.mark.parametrize("phase", list(Phase))
@pytest.mark.parametrize("who", PEOPLE)
def test_a_page_of_comments_decides_each_action_as_the_rule_for_one_comment(who, phase):
    """`comment_actions` asks the four rules once for a page: for every person, comment
    state and consultation phase it must decide exactly as each rule does alone, and
    nothing for a reader who is not signed in."""
    user, record = PEOPLE[who], consultation(phase)
    authors = [AUTHOR, user if who in SIGNED_IN else None]  # someone else's, and the reader's
    listed = [comment(author=author, **values) for author in authors for values in STATES.values()]
    listed += [
        comment(depth=2),  # as deep as replies go
        comment(author=authors[1], age=timedelta(hours=1)),  # past the time to edit
        comment(),  # on another consultation, below
    ]
    listed[-1].consultation_id = -1
    for number, each in enumerate(listed):
        each.id = number
    decided = permissions.comment_actions(user, record, listed, NOW, 2)
    if who not in SIGNED_IN:
        assert decided == {}
        return
    for each in listed:
        assert decided[each.id] == (
            permissions.can_reply(user, record, each, NOW, 2),
            permissions.can_edit_comment(user, each, NOW),
            permissions.can_remove_comment(user, each),
            permissions.can_flag(user, each),
        )


# Files attached to records: who sees them, who adds them.

OWNER_STATES = {
    "visible": {},
    "held": {"held": True},
    "hidden": {"state": CommentState.HIDDEN},
    "removed": {"state": CommentState.REMOVED},
}


@pytest.mark.parametrize("state", OWNER_STATES)
@pytest.mark.parametrize("who", PEOPLE)
def test_a_comments_files_are_seen_by_whoever_sees_its_text(who, state):
    document = SimpleNamespace(owner_type="comment")
    owner = comment(**OWNER_STATES[state])
    allowed = state == "visible" or who == "moderator"
    assert permissions.can_view_document(PEOPLE[who], document, owner) is allowed


@pytest.mark.parametrize("state", ["visible", "hidden", "removed"])
@pytest.mark.parametrize("who", PEOPLE)
def test_a_proposals_files_are_seen_while_it_is_visible_and_by_moderators(who, state):
    document = SimpleNamespace(owner_type="proposal")
    owner = SimpleNamespace(state=state, held=False)
    allowed = state == "visible" or who == "moderator"
    assert permissions.can_view_document(PEOPLE[who], document, owner) is allowed


@pytest.mark.parametrize("owner_type", ["plan", "progress_update", "assessment"])
@pytest.mark.parametrize("who", PEOPLE)
def test_the_files_of_published_accountability_records_are_public(who, owner_type):
    document = SimpleNamespace(owner_type=owner_type)
    assert permissions.can_view_document(PEOPLE[who], document, SimpleNamespace()) is True
    assert permissions.can_view_document(PEOPLE[who], document, None) is False


@pytest.mark.parametrize("state", OWNER_STATES)
@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_author_attaches_files_to_their_visible_comment(who, state):
    owner = comment(**OWNER_STATES[state])
    allowed = who == "author" and OWNER_STATES[state].get("state") is None
    assert permissions.can_upload_document(PEOPLE[who], "comment", owner) is allowed


@pytest.mark.parametrize("state", ["visible", "hidden", "removed"])
@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_author_attaches_files_to_their_visible_proposal(who, state):
    owner = SimpleNamespace(author_id=AUTHOR.id, state=state)
    allowed = who == "author" and state == "visible"
    assert permissions.can_upload_document(PEOPLE[who], "proposal", owner) is allowed


@pytest.mark.parametrize("who", PEOPLE)
def test_nobody_attaches_files_to_nothing_or_to_an_unknown_kind(who):
    owner = comment()
    assert permissions.can_upload_document(PEOPLE[who], "comment", None) is False
    assert permissions.can_upload_document(PEOPLE[who], "elsewhere", owner) is False
