"""Every permission rule, as a plain predicate. Views, templates and services all ask here."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import abort

from .accounts.models import Role
from .clock import as_utc
from .comments.models import CommentState
from .consultation.models import Phase
from .plans.models import PlanStatus

DRAFT_STATUSES = frozenset({PlanStatus.DRAFTING, PlanStatus.CONSULTATION})
REPORTING_STATUSES = frozenset({PlanStatus.ADOPTED, PlanStatus.IMPLEMENTATION, PlanStatus.CLOSED})
COMMENT_EDIT_WINDOW = timedelta(minutes=15)


def _signed_in(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def is_admin(user: Any) -> bool:
    return _signed_in(user) and user.has_role(Role.ADMIN)


def can_access_staff(user: Any) -> bool:
    """Whether the staff area's navigation is shown at all."""
    return _signed_in(user) and bool(user.roles)


def can_manage_users(user: Any) -> bool:
    return is_admin(user)


def can_delete_account(user: Any) -> bool:
    """People without a staff role delete their own account. Staff acts are signed records,
    so an administrator withdraws the roles first (and cannot withdraw their own admin
    role, so the last administrator never leaves the site without one)."""
    return _signed_in(user) and not user.roles


def can_change_roles(user: Any, target: Any) -> bool:
    """Admins grant and revoke roles, but not their own admin role (an admin never locks out)."""
    return is_admin(user) and target is not None


def can_revoke_grant(user: Any, grant: Any) -> bool:
    if not is_admin(user):
        return False
    return not (grant.user_id == user.id and grant.role == Role.ADMIN)


def can_manage_agencies(user: Any) -> bool:
    return is_admin(user)


def can_set_service_standards(user: Any) -> bool:
    """Admins publish the service standards the site measures itself against."""
    return is_admin(user)


def coordinates(user: Any, agency_id: int | None) -> bool:
    """Whether `user` is a coordinator of that agency."""
    return _signed_in(user) and agency_id is not None and agency_id in user.coordinated_agency_ids()


def belongs_to_plan(agency: Any, plan: Any) -> bool:
    """Staff act within their country: an agency takes part in the plans of its own
    country, and the plan's coordinating body in its plan whatever its country."""
    return agency is not None and (
        agency.id == plan.coordinating_agency_id
        or (agency.country is not None and agency.country == plan.country)
    )


def plan_agency_ids(user: Any, plan: Any) -> set[int]:
    """The agencies `user` coordinates that belong to `plan` (see `belongs_to_plan`)."""
    if not _signed_in(user):
        return set()
    return {
        grant.agency_id
        for grant in user.roles
        if grant.role == Role.COORDINATOR and belongs_to_plan(grant.agency, plan)
    }


def can_act_in_plan(user: Any, plan: Any) -> bool:
    """Whether `user` coordinates an agency of the plan's country, or its coordinating body."""
    return bool(plan_agency_ids(user, plan))


def covers(user: Any, plan: Any, agency_id: int | None) -> bool:
    """A coordinator covers their agency's commitments in plans of their agency's country;
    the plan's national coordinator (a coordinator of the plan's coordinating body) covers
    every commitment of the plan."""
    own = plan_agency_ids(user, plan)
    return plan.coordinating_agency_id in own or (agency_id is not None and agency_id in own)


def can_manage_plans(user: Any) -> bool:
    return is_admin(user)


def can_coordinate(user: Any) -> bool:
    """Whether the person holds a coordinator grant (the staff commitments page)."""
    return _signed_in(user) and bool(user.coordinated_agency_ids())


def can_monitor(user: Any) -> bool:
    """Whether the person is a civil-society monitor (the staff assessments page)."""
    return _signed_in(user) and user.has_role(Role.MONITOR)


def is_national_coordinator(user: Any, plan: Any) -> bool:
    """A coordinator of the plan's coordinating body covers every commitment of the plan."""
    return plan.coordinating_agency_id in plan_agency_ids(user, plan)


def can_draft_in_plan(user: Any, plan: Any) -> bool:
    """Whether the person may draft a commitment in this plan for at least one agency."""
    return plan.status in DRAFT_STATUSES and can_act_in_plan(user, plan)


def can_draft_commitment(user: Any, plan: Any, agency_id: int | None) -> bool:
    """Commitments are written and edited while the plan is drafted or consulted on."""
    return plan.status in DRAFT_STATUSES and covers(user, plan, agency_id)


def can_import_plan(user: Any, plan: Any) -> bool:
    """Admins load a plan's commitments from a CSV file, in any status, without being a
    coordinator of the lead agencies; coordinators of an agency of the plan load their
    own agency's (`can_import_commitment`, checked line by line). Every lead agency the
    file names must belong to the plan (`belongs_to_plan`)."""
    return is_admin(user) or can_act_in_plan(user, plan)


def can_import_commitment(user: Any, plan: Any, agency_id: int | None) -> bool:
    """Whether an imported line led by that agency is the person's to import."""
    return is_admin(user) or covers(user, plan, agency_id)


def can_import_update(user: Any, plan: Any, agency_id: int | None) -> bool:
    """Whether imported progress updates of a commitment led by that agency are the
    person's to load: once the plan is adopted, like publishing one."""
    return plan.status in REPORTING_STATUSES and can_import_commitment(user, plan, agency_id)


def can_import_assessment(user: Any, plan: Any) -> bool:
    """Imported independent assessments carry a monitor's words and name: admins alone
    load them (never a coordinator, whose work they judge), once the plan is adopted."""
    return plan.status in REPORTING_STATUSES and is_admin(user)


def can_edit_commitment(user: Any, commitment: Any) -> bool:
    return can_draft_commitment(user, commitment.plan, commitment.lead_agency_id)


def can_publish_update(user: Any, commitment: Any) -> bool:
    """Progress is reported once the plan is adopted."""
    plan = commitment.plan
    return plan.status in REPORTING_STATUSES and covers(user, plan, commitment.lead_agency_id)


AMENDABLE_STATUSES = frozenset({PlanStatus.ADOPTED, PlanStatus.IMPLEMENTATION})


def can_amend_commitment(user: Any, commitment: Any) -> bool:
    """Once adopted (and until closed), a commitment and its milestones change only by a
    reasoned amendment: from the coordinators of its lead agency, the plan's national
    coordinator, or an admin."""
    plan = commitment.plan
    return plan.status in AMENDABLE_STATUSES and (
        is_admin(user) or covers(user, plan, commitment.lead_agency_id)
    )


def can_refresh_plan(user: Any, plan: Any) -> bool:
    """The plan's national coordinator or an admin marks an adopted plan as refreshed."""
    return plan.status in AMENDABLE_STATUSES and (
        is_admin(user) or is_national_coordinator(user, plan)
    )


def can_add_commitment_at_refresh(user: Any, plan: Any, agency_id: int | None) -> bool:
    """A refreshed plan takes new commitments, from whoever may amend that agency's."""
    return plan.status in AMENDABLE_STATUSES and (
        is_admin(user) or (agency_id is not None and covers(user, plan, agency_id))
    )


def can_add_any_commitment_at_refresh(user: Any, plan: Any) -> bool:
    """Whether the person may add a commitment at a refresh for at least one agency."""
    return plan.status in AMENDABLE_STATUSES and (is_admin(user) or can_act_in_plan(user, plan))


def can_publish_assessment(user: Any, commitment: Any) -> bool:
    return (
        _signed_in(user)
        and user.has_role(Role.MONITOR)
        and commitment.plan.status in REPORTING_STATUSES
    )


def can_publish_design_assessment(user: Any, commitment: Any) -> bool:
    """Monitors review a commitment's design while its plan is drafted or consulted on,
    before adoption (the IRM's Action Plan Review)."""
    return (
        _signed_in(user)
        and user.has_role(Role.MONITOR)
        and commitment.plan.status in DRAFT_STATUSES
    )


def can_correct_assessment(user: Any, assessment: Any) -> bool:
    """Monitors correct their own organisation's assessments, never another's."""
    if not can_publish_assessment(user, assessment.commitment):
        return False
    organisations = {g.organisation or "" for g in user.roles if g.role == Role.MONITOR}
    return assessment.organisation in organisations


def can_write_self_assessment(user: Any, plan: Any) -> bool:
    """Coordinators of the plan's country or coordinating body, and admins, draft and
    publish a plan's self-assessment report once the plan is adopted."""
    return plan.status in REPORTING_STATUSES and (is_admin(user) or can_act_in_plan(user, plan))


def can_see_translation_status(user: Any) -> bool:
    return can_access_staff(user)


def can_create_consultation(user: Any, plan: Any, agency_id: int | None) -> bool:
    """A coordinator opens their agency's draft (or the national coordinator any draft of the
    plan) to public comment while the plan is still being written."""
    return plan.status in DRAFT_STATUSES and covers(user, plan, agency_id)


def can_edit_consultation(user: Any, consultation: Any) -> bool:
    return covers(user, consultation.plan, consultation.agency_id)


def can_comment(user: Any, consultation: Any, moment: Any) -> bool:
    """Signed in, e-mail confirmed, not suspended, and the consultation is open."""
    return (
        _signed_in(user)
        and user.is_verified
        and user.suspended_at is None
        and consultation.phase(moment) == Phase.OPEN
    )


def can_edit_comment(user: Any, comment: Any, moment: Any) -> bool:
    """Authors may correct a visible comment for a short while after writing it."""
    return (
        _signed_in(user)
        and comment.author_id == user.id
        and user.suspended_at is None
        and comment.state == CommentState.VISIBLE
        and moment - as_utc(comment.created_at) <= COMMENT_EDIT_WINDOW
    )


def can_remove_comment(user: Any, comment: Any) -> bool:
    """Authors may take back their own comment at any time."""
    return (
        _signed_in(user)
        and comment.author_id == user.id
        and comment.state != (CommentState.REMOVED)
    )


def can_flag(user: Any, comment: Any) -> bool:
    """Signed-in people with a confirmed e-mail flag other people's visible comments."""
    return (
        _signed_in(user)
        and user.is_verified
        and user.suspended_at is None
        and comment.author_id != user.id
        and comment.state == CommentState.VISIBLE
    )


def comment_actions(
    user: Any, consultation: Any, comments: Any, moment: Any, max_depth: int
) -> dict[int, tuple[bool, bool, bool, bool]]:
    """Whether the reader may reply to, edit, remove and flag each listed comment, by id:
    the four rules, asked once for a page of comments, with what depends on the reader and
    the consultation alone (may they comment now at all?) decided once, not for each of sixty
    comments. Nothing for a reader who is not signed in: each action needs that."""
    user = getattr(user, "_get_current_object", lambda: user)()  # once through the proxy
    if not _signed_in(user):
        return {}
    may_comment = can_comment(user, consultation, moment)
    return {
        comment.id: (
            may_comment and _open_to_replies(consultation, comment, max_depth),
            can_edit_comment(user, comment, moment),
            can_remove_comment(user, comment),
            can_flag(user, comment),
        )
        for comment in comments
    }


def can_moderate(user: Any) -> bool:
    """Moderators handle flags, hide and restore comments, and suspend accounts."""
    return _signed_in(user) and user.has_role(Role.MODERATOR)


def can_suspend(user: Any, target: Any) -> bool:
    """Moderators suspend citizens' accounts, never their own or another staff member's."""
    return can_moderate(user) and target is not None and target.id != user.id and not target.roles


def can_respond(user: Any, consultation: Any, moment: Any) -> bool:
    """The consultation's coordinator answers comments once it has opened."""
    return can_edit_consultation(user, consultation) and consultation.phase(moment) != (
        Phase.SCHEDULED
    )


def can_answer_survey(user: Any, has_commented: bool, already_answered: bool) -> bool:
    """The satisfaction survey is offered once, to people who took part."""
    return _signed_in(user) and has_commented and not already_answered


def can_answer_expectations(user: Any, has_commented: bool, already_answered: bool) -> bool:
    """The expectations survey is offered once per account, before the first comment."""
    return _signed_in(user) and not has_commented and not already_answered


def can_reply(user: Any, consultation: Any, comment: Any, moment: Any, max_depth: int) -> bool:
    """People who may comment reply to visible comments, up to `max_depth` levels deep."""
    return can_comment(user, consultation, moment) and _open_to_replies(
        consultation, comment, max_depth
    )


def _open_to_replies(consultation: Any, comment: Any, max_depth: int) -> bool:
    return (
        comment.consultation_id == consultation.id
        and comment.depth < max_depth
        and comment.state == CommentState.VISIBLE
        and not comment.held
    )


def can_follow(user: Any, target: Any) -> bool:
    """Signed-in people with a confirmed e-mail follow a plan, commitment or consultation
    (every one of them is public, so a follower never hears of something they cannot see)."""
    return (
        _signed_in(user) and user.is_verified and user.suspended_at is None and target is not None
    )


def can_unfollow(user: Any, follow: Any) -> bool:
    """Anyone stops following what they follow, whatever the state of their account."""
    return _signed_in(user) and follow is not None and follow.user_id == user.id


# The multi-stakeholder forum: kept by its country's secretariat (and admins).


def forum_countries(user: Any) -> set[str]:
    """The countries whose forum `user` keeps as its secretariat."""
    if not _signed_in(user):
        return set()
    return {
        grant.agency.country
        for grant in user.roles
        if grant.role == Role.FORUM_SECRETARIAT and grant.agency and grant.agency.country
    }


def can_manage_forum(user: Any, country: str | None) -> bool:
    """The forum's secretariat (a grant for an agency of its country) and admins keep it:
    members, rules, meetings, and answers to proposed members."""
    return is_admin(user) or (country is not None and country in forum_countries(user))


def can_create_forum(user: Any) -> bool:
    return is_admin(user)


def can_keep_any_forum(user: Any) -> bool:
    """Whether the staff navigation offers the forum pages."""
    return is_admin(user) or bool(forum_countries(user))


def can_propose_member(user: Any) -> bool:
    """Signed-in people with a confirmed e-mail propose a member to a forum's secretariat."""
    return _signed_in(user) and user.is_verified and user.suspended_at is None


def can_publish_minutes(user: Any, meeting: Any, moment: Any) -> bool:
    """Minutes and decisions follow the meeting: published once it has been held."""
    return can_manage_forum(user, meeting.forum.country) and as_utc(meeting.held_at) <= moment


# Documents: a file follows the record it belongs to.


def can_upload_document(user: Any, owner_type: str, owner: Any) -> bool:
    """Reports and assessments carry their author's evidence; an action plan's official
    documents come from admins and the plan's national coordinators; a comment's
    attachments from its author."""
    if not _signed_in(user) or owner is None:
        return False
    if owner_type == "plan":
        return is_admin(user) or is_national_coordinator(user, owner)
    if owner_type == "progress_update":
        return owner.author_id == user.id and can_publish_update(user, owner.commitment)
    if owner_type == "assessment":
        return owner.author_id == user.id and can_publish_assessment(user, owner.commitment)
    if owner_type == "comment":
        return owner.author_id == user.id and owner.state == CommentState.VISIBLE
    if owner_type == "proposal":
        return owner.author_id == user.id and owner.state == "visible"
    if owner_type == "meeting":
        return can_manage_forum(user, owner.forum.country)
    return False


def can_view_document(user: Any, document: Any, owner: Any) -> bool:
    """Whoever may see the record sees its files: plans, progress updates and assessments
    are public; a hidden, held or removed comment's files only to moderators."""
    if owner is None:
        return False
    if document.owner_type == "comment":
        if owner.state != CommentState.VISIBLE or owner.held:
            return can_moderate(user)
    if document.owner_type == "proposal" and owner.state != "visible":
        return can_moderate(user)
    return True


# The co-creation timeline and proposals from the public (consultations/proposals).


def can_edit_cocreation(user: Any, plan: Any) -> bool:
    """Admins and coordinators of the plan's country or coordinating body set a drafting
    plan's co-creation timeline and publish it."""
    return plan.status in DRAFT_STATUSES and (is_admin(user) or can_act_in_plan(user, plan))


def can_propose(user: Any, timeline: Any, today: Any) -> bool:
    """Anyone signed in with a confirmed e-mail proposes a commitment during the plan's
    published proposals stage (both end days included)."""
    if not (_signed_in(user) and user.is_verified and user.suspended_at is None):
        return False
    if timeline is None or timeline.published_at is None:
        return False
    from .proposals.models import Stage

    stage = timeline.stage(Stage.PROPOSALS)
    return stage is not None and stage.includes(today)


def can_support_proposal(user: Any, proposal: Any) -> bool:
    """Signed-in people with a confirmed e-mail support other people's visible proposals
    until the answers are out."""
    return (
        _signed_in(user)
        and user.is_verified
        and user.suspended_at is None
        and proposal.author_id != user.id
        and proposal.state == "visible"
        and proposal.public_answer is None
    )


def can_answer_proposal(user: Any, proposal: Any) -> bool:
    """Admins, the plan's national coordinators and coordinators of the suggested lead
    agency write the reasoned answer, until the plan's answers are published."""
    plan = proposal.plan
    return (
        proposal.public_answer is None
        and plan.status in DRAFT_STATUSES
        and (is_admin(user) or covers(user, plan, proposal.lead_agency_id))
    )


def can_publish_proposal_answers(user: Any, plan: Any) -> bool:
    """Admins and the plan's national coordinators publish the answers, all together."""
    return plan.status in DRAFT_STATUSES and (
        is_admin(user) or (_signed_in(user) and is_national_coordinator(user, plan))
    )


def can_comment_on_proposal(user: Any, proposal: Any, timeline: Any, today: Any) -> bool:
    """Whoever may propose comments on visible proposals that are not held for review,
    while the proposals stage is open."""
    return proposal.state == "visible" and not proposal.held and can_propose(user, timeline, today)


def can_flag_proposal_item(user: Any, item: Any) -> bool:
    """Signed-in people with a confirmed e-mail flag other people's visible proposals and
    proposal comments, as they flag comments."""
    return can_flag(user, item)


def can_hide_proposal(user: Any, proposal: Any) -> bool:
    """Moderators hide a visible proposal with a public reason, and restore a hidden one."""
    return can_moderate(user) and proposal is not None


def require(allowed: bool) -> None:
    """Stop the request with 403 unless `allowed`."""
    if not allowed:
        abort(403)


TEMPLATE_PREDICATES = {
    name: value
    for name, value in globals().items()
    if name.startswith(("can_", "is_")) and callable(value)
}
