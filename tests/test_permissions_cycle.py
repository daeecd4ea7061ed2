"""The rules of the rest of the OGP cycle, by table: refreshes and amendments, imports, the
self-assessment, co-creation and proposals, the forum and the files of accountability
records. Every person (each role, in and out of the plan's country, unconfirmed and
suspended accounts) against every plan status, each record state and each boundary day."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from consultations import permissions
from consultations.accounts.models import Role, RoleGrant, User
from consultations.agencies.models import Agency
from consultations.plans.models import PlanStatus
from consultations.proposals.models import CoCreationStage, CoCreationTimeline, Stage

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
TODAY = NOW.date()
# The plans are Israel's; ABROAD is an agency of Latvia; NATIONAL_BODY coordinates the plan.
AGENCY, OTHER_AGENCY, ABROAD, NATIONAL_BODY, STATELESS = 1, 2, 3, 9, 5
COUNTRY_OF = {AGENCY: "IL", OTHER_AGENCY: "IL", ABROAD: "LV", NATIONAL_BODY: "IL", STATELESS: None}
_ids = itertools.count(500)


def person(*grants: tuple[str, int | None], verified: bool = True, suspended: bool = False) -> User:
    """A person with (role, agency) grants; an agency of None is a grant without one."""
    user = User(id=next(_ids), email="p@example.org", display_name="P", language="en")
    user.email_verified_at = NOW - timedelta(days=3) if verified else None
    user.suspended_at = NOW - timedelta(days=1) if suspended else None
    for role, agency_id in grants:
        grant = RoleGrant(role=Role(role), agency_id=agency_id)
        if agency_id is not None:
            grant.agency = Agency(id=agency_id, slug=f"a{agency_id}", country=COUNTRY_OF[agency_id])
        if role == "monitor":
            grant.organisation = "Watchdog"
        user.roles.append(grant)
    return user


PEOPLE = {
    "nobody": None,
    "anonymous": AnonymousUserMixin(),
    "citizen": person(),
    "unverified": person(verified=False),
    "suspended": person(suspended=True),
    "coordinator": person(("coordinator", AGENCY)),
    "other coordinator": person(("coordinator", OTHER_AGENCY)),
    "coordinator abroad": person(("coordinator", ABROAD)),
    "national coordinator": person(("coordinator", NATIONAL_BODY)),
    "monitor": person(("monitor", None)),
    "moderator": person(("moderator", None)),
    "admin": person(("admin", None)),
    "secretariat": person(("forum_secretariat", AGENCY)),
    "secretariat abroad": person(("forum_secretariat", ABROAD)),
    "secretariat of a stateless agency": person(("forum_secretariat", STATELESS)),
    "secretariat without an agency": person(("forum_secretariat", None)),
}
SIGNED_IN = set(PEOPLE) - {"nobody", "anonymous"}
MAY_TAKE_PART = SIGNED_IN - {"unverified", "suspended"}
IN_THE_PLAN = {"coordinator", "other coordinator", "national coordinator"}
ADMINS = {"admin"}
SECRETARIAT = {"secretariat"}

DRAFTING = {PlanStatus.DRAFTING, PlanStatus.CONSULTATION}
REPORTING = {PlanStatus.ADOPTED, PlanStatus.IMPLEMENTATION, PlanStatus.CLOSED}
AMENDABLE = {PlanStatus.ADOPTED, PlanStatus.IMPLEMENTATION}


def plan(status: PlanStatus):
    return SimpleNamespace(status=status, country="IL", coordinating_agency_id=NATIONAL_BODY)


def commitment(status: PlanStatus, agency_id: int = AGENCY):
    return SimpleNamespace(plan=plan(status), lead_agency_id=agency_id)


def covers_expected(who: str, agency_id: int | None) -> bool:
    """Who covers a commitment of that agency in the Israeli plan (any status)."""
    if who == "national coordinator":
        return True
    return agency_id is not None and who == {
        AGENCY: "coordinator",
        OTHER_AGENCY: "other coordinator",
    }.get(agency_id)


def test_the_tables_people_are_who_they_say():
    assert permissions.coordinates(PEOPLE["coordinator"], AGENCY) is True
    assert permissions.forum_countries(PEOPLE["secretariat"]) == {"IL"}
    assert permissions.is_admin(PEOPLE["admin"]) is True


@pytest.mark.parametrize("who", PEOPLE)
def test_coordinates_is_a_grant_for_that_agency(who):
    user = PEOPLE[who]
    assert permissions.coordinates(user, AGENCY) is (who == "coordinator")
    assert permissions.coordinates(user, OTHER_AGENCY) is (who == "other coordinator")
    assert permissions.coordinates(user, NATIONAL_BODY) is (who == "national coordinator")
    assert permissions.coordinates(user, None) is False


# Imports: updates once the plan is adopted, from whoever would publish them; assessments
# from admins alone.


@pytest.mark.parametrize("status", list(PlanStatus))
@pytest.mark.parametrize("who", PEOPLE)
def test_imported_updates_come_from_admins_and_the_commitments_coordinators(who, status):
    user, record = PEOPLE[who], plan(status)
    for agency_id in (AGENCY, OTHER_AGENCY, ABROAD, None):
        allowed = status in REPORTING and (who in ADMINS or covers_expected(who, agency_id))
        assert permissions.can_import_update(user, record, agency_id) is allowed, agency_id


@pytest.mark.parametrize("status", list(PlanStatus))
@pytest.mark.parametrize("who", PEOPLE)
def test_imported_assessments_come_from_admins_only(who, status):
    allowed = status in REPORTING and who in ADMINS
    assert permissions.can_import_assessment(PEOPLE[who], plan(status)) is allowed


# Amendments and refreshes: from adoption until the plan is closed.


@pytest.mark.parametrize("status", list(PlanStatus))
@pytest.mark.parametrize("who", PEOPLE)
def test_commitments_are_amended_by_their_coordinators_and_admins_while_adopted(who, status):
    user = PEOPLE[who]
    for agency_id in (AGENCY, OTHER_AGENCY, ABROAD):
        allowed = status in AMENDABLE and (who in ADMINS or covers_expected(who, agency_id))
        target = commitment(status, agency_id)
        assert permissions.can_amend_commitment(user, target) is allowed, agency_id


@pytest.mark.parametrize("status", list(PlanStatus))
@pytest.mark.parametrize("who", PEOPLE)
def test_plans_are_refreshed_by_their_national_coordinator_and_admins(who, status):
    allowed = status in AMENDABLE and who in ADMINS | {"national coordinator"}
    assert permissions.can_refresh_plan(PEOPLE[who], plan(status)) is allowed


@pytest.mark.parametrize("status", list(PlanStatus))
@pytest.mark.parametrize("who", PEOPLE)
def test_commitments_are_added_at_a_refresh_for_an_agency_one_covers(who, status):
    user, record = PEOPLE[who], plan(status)
    for agency_id in (AGENCY, OTHER_AGENCY, ABROAD):
        allowed = status in AMENDABLE and (who in ADMINS or covers_expected(who, agency_id))
        assert permissions.can_add_commitment_at_refresh(user, record, agency_id) is allowed
    # Without an agency only an admin adds one: even the national coordinator names its lead.
    without = permissions.can_add_commitment_at_refresh(user, record, None)
    assert without is (status in AMENDABLE and who in ADMINS)
    anyone = status in AMENDABLE and who in ADMINS | IN_THE_PLAN
    assert permissions.can_add_any_commitment_at_refresh(user, record) is anyone


# The self-assessment report and the co-creation timeline: the plan's coordinators and
# admins, in the plan's status that fits.


@pytest.mark.parametrize("status", list(PlanStatus))
@pytest.mark.parametrize("who", PEOPLE)
def test_the_self_assessment_is_written_once_the_plan_is_adopted(who, status):
    allowed = status in REPORTING and who in ADMINS | IN_THE_PLAN
    assert permissions.can_write_self_assessment(PEOPLE[who], plan(status)) is allowed


@pytest.mark.parametrize("status", list(PlanStatus))
@pytest.mark.parametrize("who", PEOPLE)
def test_the_cocreation_timeline_is_edited_while_the_plan_is_drafted(who, status):
    allowed = status in DRAFTING and who in ADMINS | IN_THE_PLAN
    assert permissions.can_edit_cocreation(PEOPLE[who], plan(status)) is allowed


# Proposals from the public.


def timeline(starts: date, ends: date, published: bool = True, stage=Stage.PROPOSALS):
    """A published timeline whose `stage` runs from `starts` to `ends`; the stages around
    it cover every other day, so only the proposals stage decides."""
    stages = [
        CoCreationStage(stage=Stage.AWARENESS, starts_on=date(2000, 1, 1), ends_on=starts),
        CoCreationStage(stage=stage, starts_on=starts, ends_on=ends),
        CoCreationStage(stage=Stage.DRAFTING, starts_on=ends, ends_on=date(2100, 1, 1)),
    ]
    published_at = NOW - timedelta(days=30) if published else None
    return CoCreationTimeline(published_at=published_at, stages=stages)


OPEN = timeline(TODAY - timedelta(days=5), TODAY + timedelta(days=5))


@pytest.mark.parametrize("who", PEOPLE)
def test_anyone_confirmed_and_unsuspended_proposes_during_the_proposals_stage(who):
    user = PEOPLE[who]
    assert permissions.can_propose(user, OPEN, TODAY) is (who in MAY_TAKE_PART)
    assert permissions.can_propose(user, None, TODAY) is False
    unpublished = timeline(TODAY - timedelta(days=5), TODAY + timedelta(days=5), published=False)
    assert permissions.can_propose(user, unpublished, TODAY) is False
    without_stage = timeline(
        TODAY - timedelta(days=5), TODAY + timedelta(days=5), stage=Stage.ADOPTION
    )
    assert permissions.can_propose(user, without_stage, TODAY) is False


def test_the_proposals_stage_includes_both_of_its_end_days():
    user, record = PEOPLE["citizen"], timeline(TODAY, TODAY + timedelta(days=3))
    assert permissions.can_propose(user, record, TODAY - timedelta(days=1)) is False
    assert permissions.can_propose(user, record, TODAY) is True
    assert permissions.can_propose(user, record, TODAY + timedelta(days=3)) is True
    assert permissions.can_propose(user, record, TODAY + timedelta(days=4)) is False


AUTHOR = PEOPLE["citizen"]
PROPOSAL_STATES = {
    "visible": {},
    "held": {"held": True},
    "hidden": {"state": "hidden"},
    "removed": {"state": "removed"},
    "answered": {"public_answer": "Taken into commitment IL0001."},
}


def proposal(status=PlanStatus.DRAFTING, lead_agency_id=AGENCY, **changes):
    values = {
        "author_id": AUTHOR.id,
        "state": "visible",
        "held": False,
        "public_answer": None,
        "plan": plan(status),
        "lead_agency_id": lead_agency_id,
    }
    return SimpleNamespace(**(values | changes))


@pytest.mark.parametrize("state", PROPOSAL_STATES)
@pytest.mark.parametrize("who", PEOPLE)
def test_others_support_visible_proposals_until_the_answers_are_out(who, state):
    allowed = who in MAY_TAKE_PART - {"citizen"} and state in ("visible", "held")
    target = proposal(**PROPOSAL_STATES[state])
    assert permissions.can_support_proposal(PEOPLE[who], target) is allowed


@pytest.mark.parametrize("state", PROPOSAL_STATES)
@pytest.mark.parametrize("who", PEOPLE)
def test_comments_go_to_visible_proposals_not_held_while_proposals_are_open(who, state):
    target = proposal(**PROPOSAL_STATES[state])
    allowed = who in MAY_TAKE_PART and state in ("visible", "answered")
    assert permissions.can_comment_on_proposal(PEOPLE[who], target, OPEN, TODAY) is allowed
    closed = timeline(TODAY - timedelta(days=9), TODAY - timedelta(days=1))
    assert permissions.can_comment_on_proposal(PEOPLE[who], target, closed, TODAY) is False


@pytest.mark.parametrize("status", list(PlanStatus))
@pytest.mark.parametrize("who", PEOPLE)
def test_proposals_are_answered_by_admins_and_the_suggested_agencys_coordinators(who, status):
    user = PEOPLE[who]
    for lead in (AGENCY, OTHER_AGENCY, ABROAD, None):
        allowed = status in DRAFTING and (who in ADMINS or covers_expected(who, lead))
        assert permissions.can_answer_proposal(user, proposal(status, lead)) is allowed, lead
        answered = proposal(status, lead, public_answer="Merged into IL0002.")
        assert permissions.can_answer_proposal(user, answered) is False


@pytest.mark.parametrize("status", list(PlanStatus))
@pytest.mark.parametrize("who", PEOPLE)
def test_the_answers_are_published_by_admins_and_the_national_coordinator(who, status):
    allowed = status in DRAFTING and who in ADMINS | {"national coordinator"}
    assert permissions.can_publish_proposal_answers(PEOPLE[who], plan(status)) is allowed


@pytest.mark.parametrize("state", PROPOSAL_STATES)
@pytest.mark.parametrize("who", PEOPLE)
def test_proposals_and_their_comments_are_flagged_like_comments(who, state):
    item = proposal(**PROPOSAL_STATES[state])
    allowed = who in MAY_TAKE_PART - {"citizen"} and state in ("visible", "held", "answered")
    assert permissions.can_flag_proposal_item(PEOPLE[who], item) is allowed


@pytest.mark.parametrize("who", PEOPLE)
def test_moderators_hide_and_restore_proposals(who):
    assert permissions.can_hide_proposal(PEOPLE[who], proposal()) is (who == "moderator")
    assert permissions.can_hide_proposal(PEOPLE[who], None) is False


# The multi-stakeholder forum: its country's secretariat and admins.


@pytest.mark.parametrize("who", PEOPLE)
def test_the_forum_is_kept_by_its_countrys_secretariat_and_admins(who):
    user = PEOPLE[who]
    countries = {"secretariat": {"IL"}, "secretariat abroad": {"LV"}}.get(who, set())
    assert permissions.forum_countries(user) == countries
    assert permissions.can_manage_forum(user, "IL") is (who in ADMINS | SECRETARIAT)
    assert permissions.can_manage_forum(user, "LV") is (who in ADMINS | {"secretariat abroad"})
    assert permissions.can_manage_forum(user, None) is (who in ADMINS)
    assert permissions.can_create_forum(user) is (who in ADMINS)
    keeps_one = who in ADMINS | {"secretariat", "secretariat abroad"}
    assert permissions.can_keep_any_forum(user) is keeps_one
    assert permissions.can_propose_member(user) is (who in MAY_TAKE_PART)


def meeting(country: str, held_at: datetime):
    return SimpleNamespace(forum=SimpleNamespace(country=country), held_at=held_at)


@pytest.mark.parametrize("who", PEOPLE)
def test_minutes_are_published_by_the_forums_keepers_once_the_meeting_is_held(who):
    user = PEOPLE[who]
    keeps = who in ADMINS | SECRETARIAT
    assert permissions.can_publish_minutes(user, meeting("IL", NOW), NOW) is keeps
    assert (
        permissions.can_publish_minutes(user, meeting("IL", NOW - timedelta(days=1)), NOW) is keeps
    )
    later = meeting("IL", NOW + timedelta(microseconds=1))
    assert permissions.can_publish_minutes(user, later, NOW) is False
    abroad = meeting("LV", NOW - timedelta(days=1))
    assert permissions.can_publish_minutes(user, abroad, NOW) is (
        who in ADMINS | {"secretariat abroad"}
    )


def test_a_meeting_held_at_a_naive_utc_time_is_compared_as_utc():
    """SQLite hands back times without their zone; they are UTC."""
    admin = PEOPLE["admin"]
    naive = meeting("IL", NOW.replace(tzinfo=None))
    assert permissions.can_publish_minutes(admin, naive, NOW) is True
    assert permissions.can_publish_minutes(admin, naive, NOW - timedelta(seconds=1)) is False


# Files added to accountability records: the plan's official documents, evidence for a
# progress update by its author, for an assessment by its author, a meeting's papers.


@pytest.mark.parametrize("status", list(PlanStatus))
@pytest.mark.parametrize("who", PEOPLE)
def test_a_plans_documents_come_from_admins_and_its_national_coordinator(who, status):
    allowed = who in ADMINS | {"national coordinator"}
    assert permissions.can_upload_document(PEOPLE[who], "plan", plan(status)) is allowed
    assert permissions.can_upload_document(PEOPLE[who], "plan", None) is False


def _own_id(user) -> int:
    return getattr(user, "id", None) or -1


@pytest.mark.parametrize("status", list(PlanStatus))
@pytest.mark.parametrize("who", PEOPLE)
def test_an_updates_evidence_comes_from_its_author_while_they_may_publish(who, status):
    user = PEOPLE[who]
    for agency_id in (AGENCY, OTHER_AGENCY):
        own = SimpleNamespace(author_id=_own_id(user), commitment=commitment(status, agency_id))
        allowed = status in REPORTING and covers_expected(who, agency_id)
        assert permissions.can_upload_document(user, "progress_update", own) is allowed
        theirs = SimpleNamespace(author_id=-2, commitment=commitment(status, agency_id))
        assert permissions.can_upload_document(user, "progress_update", theirs) is False


@pytest.mark.parametrize("status", list(PlanStatus))
@pytest.mark.parametrize("who", PEOPLE)
def test_an_assessments_evidence_comes_from_its_monitor_while_they_may_publish(who, status):
    user = PEOPLE[who]
    own = SimpleNamespace(author_id=_own_id(user), commitment=commitment(status))
    allowed = status in REPORTING and who == "monitor"
    assert permissions.can_upload_document(user, "assessment", own) is allowed
    theirs = SimpleNamespace(author_id=-2, commitment=commitment(status))
    assert permissions.can_upload_document(user, "assessment", theirs) is False


@pytest.mark.parametrize("who", PEOPLE)
def test_a_meetings_papers_come_from_its_forums_keepers(who):
    user = PEOPLE[who]
    home = meeting("IL", NOW + timedelta(days=3))
    assert permissions.can_upload_document(user, "meeting", home) is (who in ADMINS | SECRETARIAT)
    abroad = meeting("LV", NOW)
    allowed = who in ADMINS | {"secretariat abroad"}
    assert permissions.can_upload_document(user, "meeting", abroad) is allowed
