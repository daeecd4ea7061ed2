"""Every write that amends an adopted plan: a commitment's text or dates, its milestones,
a commitment added at a refresh, and the refresh itself.

Each amendment is a `Revision` with a reason in at least one language, signed and dated,
holding the record before and after. It is audited, reaches the commitment's followers and
is committed once, like every other write of the plans package.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from .. import permissions
from ..accounts.models import User
from ..agencies.models import Agency
from ..audit.services import record
from ..clock import now
from ..content import clean_texts, language_field, sync_texts
from ..errors import PermissionDenied
from ..extensions import db
from ..follows import notify
from .amendment_models import PlanRefresh, PlanRefreshText, Revision, RevisionKind, RevisionText
from .models import (
    ActionPlan,
    Commitment,
    CommitmentText,
    Milestone,
    MilestoneStatus,
    MilestoneText,
)
from .services import (
    PlanRejected,
    check_commitment,
    check_milestone,
    commitment_snapshot,
    milestone_snapshot,
    write_commitment,
)


def _reasons(reasons: dict[str, str]) -> dict[str, str]:
    """The reason in each language it was given in; at least one is required."""
    cleaned = {lang: text.strip() for lang, text in reasons.items() if text and text.strip()}
    if not cleaned:
        raise PlanRejected(
            language_field("reason"),
            _("Give the reason for the amendment in at least one language."),
        )
    return cleaned


def _revise(
    actor: User,
    commitment: Commitment,
    kind: RevisionKind,
    before: dict | None,
    after: dict,
    reasons: dict[str, str],
    milestone: Milestone | None = None,
    refresh: PlanRefresh | None = None,
) -> Revision:
    """Record the revision, audit it and tell the followers (the caller commits)."""
    revision = Revision(
        commitment_id=commitment.id,
        milestone_id=milestone.id if milestone else None,
        kind=kind,
        refresh_id=refresh.id if refresh else None,
        author_id=actor.id,
        author_name=actor.display_name,
        created_at=now(),
        before=before,
        after=after,
        texts=[RevisionText(locale=lang, reason=text) for lang, text in reasons.items()],
    )
    db.session.add(revision)
    db.session.flush()
    record(
        actor,
        "commitment.amend",
        "commitment",
        commitment.reference,
        before,
        {**after, "revision_id": revision.id, "kind": kind.value, "reasons": reasons},
    )
    notify.amendment_recorded(revision, commitment)
    return revision


def amend_commitment(
    actor: User,
    commitment: Commitment,
    *,
    start_date: date | None,
    end_date: date | None,
    texts: dict[str, dict[str, str]],
    reasons: dict[str, str],
) -> Revision:
    """Change an adopted commitment's text or dates, with the reason why."""
    if not permissions.can_amend_commitment(actor, commitment):
        raise PermissionDenied()
    reasons = _reasons(reasons)
    check_commitment(commitment.reference, start_date, end_date, commitment.ogp_values)
    texts = clean_texts(texts, "title")
    if commitment.source_locale not in texts:
        raise PlanRejected(
            f"title_{commitment.source_locale}", _("The original language needs at least a title.")
        )
    before = commitment_snapshot(commitment)
    commitment.start_date, commitment.end_date = start_date, end_date
    sync_texts(commitment, CommitmentText, texts)
    db.session.flush()
    after = commitment_snapshot(commitment)
    if after == before:
        db.session.rollback()
        raise PlanRejected(language_field("title"), _("Nothing was changed."))
    revision = _revise(actor, commitment, RevisionKind.AMENDED, before, after, reasons)
    db.session.commit()
    return revision


def amend_milestone(
    actor: User,
    milestone: Milestone,
    *,
    start_date: date | None,
    due_date: date,
    texts: dict[str, dict[str, str]],
    reasons: dict[str, str],
) -> Revision:
    """Change a milestone of an adopted commitment: its deliverable or its dates."""
    commitment = milestone.commitment
    if not permissions.can_amend_commitment(actor, commitment):
        raise PermissionDenied()
    reasons = _reasons(reasons)
    check_milestone(start_date, due_date)
    texts = clean_texts(texts, "deliverable")
    before = milestone_snapshot(milestone)
    milestone.start_date, milestone.due_date = start_date, due_date
    sync_texts(milestone, MilestoneText, texts)
    db.session.flush()
    after = milestone_snapshot(milestone)
    if after == before:
        db.session.rollback()
        raise PlanRejected(language_field("deliverable"), _("Nothing was changed."))
    kind = RevisionKind.MILESTONE_AMENDED
    revision = _revise(actor, commitment, kind, before, after, reasons, milestone)
    db.session.commit()
    return revision


def add_milestone(
    actor: User,
    commitment: Commitment,
    *,
    start_date: date | None,
    due_date: date,
    texts: dict[str, dict[str, str]],
    reasons: dict[str, str],
) -> Revision:
    """Add a milestone to an adopted commitment."""
    if not permissions.can_amend_commitment(actor, commitment):
        raise PermissionDenied()
    reasons = _reasons(reasons)
    check_milestone(start_date, due_date)
    texts = clean_texts(texts, "deliverable")
    milestone = Milestone(
        position=len(commitment.milestones) + 1,
        status=MilestoneStatus.NOT_STARTED,
        start_date=start_date,
        due_date=due_date,
    )
    commitment.milestones.append(milestone)
    sync_texts(milestone, MilestoneText, texts)
    db.session.flush()
    kind = RevisionKind.MILESTONE_ADDED
    after = milestone_snapshot(milestone)
    revision = _revise(actor, commitment, kind, None, after, reasons, milestone)
    db.session.commit()
    return revision


def withdraw_milestone(actor: User, milestone: Milestone, *, reasons: dict[str, str]) -> Revision:
    """Withdraw a milestone of an adopted commitment; it stays listed, as withdrawn."""
    commitment = milestone.commitment
    if not permissions.can_amend_commitment(actor, commitment):
        raise PermissionDenied()
    reasons = _reasons(reasons)
    if milestone.status == MilestoneStatus.WITHDRAWN:
        raise PlanRejected(language_field("reason"), _("This milestone is already withdrawn."))
    before = milestone_snapshot(milestone)
    milestone.status, milestone.completed_on = MilestoneStatus.WITHDRAWN, None
    db.session.flush()
    kind = RevisionKind.MILESTONE_WITHDRAWN
    after = milestone_snapshot(milestone)
    revision = _revise(actor, commitment, kind, before, after, reasons, milestone)
    db.session.commit()
    return revision


def latest_refresh(plan: ActionPlan) -> PlanRefresh | None:
    return db.session.scalars(
        select(PlanRefresh)
        .where(PlanRefresh.plan_id == plan.id)
        .order_by(PlanRefresh.refreshed_on.desc(), PlanRefresh.id.desc())
        .limit(1)
    ).first()


def add_commitment(
    actor: User,
    plan: ActionPlan,
    *,
    lead_agency: Agency,
    reasons: dict[str, str],
    **fields,
) -> Commitment:
    """Add a commitment to an adopted plan at its latest refresh.

    `fields` are `services.write_commitment`'s: reference, source_locale, dates, values, texts.
    """
    if not permissions.can_add_commitment_at_refresh(actor, plan, lead_agency.id):
        raise PermissionDenied()
    reasons = _reasons(reasons)
    refresh = latest_refresh(plan)
    if refresh is None:
        raise PlanRejected("reference", _("Mark the plan as refreshed before adding commitments."))
    commitment = write_commitment(actor, plan, None, lead_agency=lead_agency, **fields)
    after = commitment_snapshot(commitment)
    _revise(actor, commitment, RevisionKind.ADDED, None, after, reasons, refresh=refresh)
    db.session.commit()
    return commitment


def mark_refreshed(
    actor: User, plan: ActionPlan, *, refreshed_on: date, notes: dict[str, str]
) -> PlanRefresh:
    """Mark an adopted plan as refreshed on a day, with a note on what changed."""
    if not permissions.can_refresh_plan(actor, plan):
        raise PermissionDenied()
    notes = {lang: text.strip() for lang, text in notes.items() if text and text.strip()}
    if not notes:
        raise PlanRejected(language_field("note"), _("Write the note in at least one language."))
    if refreshed_on > now().date():
        raise PlanRejected("refreshed_on", _("The date cannot be in the future."))
    if refreshed_on < plan.period_start:
        raise PlanRejected("refreshed_on", _("The date cannot be before the plan starts."))
    refresh = PlanRefresh(
        plan_id=plan.id,
        refreshed_on=refreshed_on,
        author_id=actor.id,
        author_name=actor.display_name,
        created_at=now(),
        texts=[PlanRefreshText(locale=lang, note=text) for lang, text in notes.items()],
    )
    db.session.add(refresh)
    db.session.flush()
    record(
        actor,
        "plan.refresh",
        "plan",
        plan.slug,
        None,
        {"refresh_id": refresh.id, "refreshed_on": refreshed_on.isoformat(), "notes": notes},
    )
    db.session.commit()
    return refresh
