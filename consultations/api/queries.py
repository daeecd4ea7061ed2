"""Reads behind the JSON API, each list in the same few SQL queries whatever its length.

Every resource carries `updated_at`, its last change: the latest of its own row's time, its
text rows' times, the records that change what it shows (progress updates for a commitment's
status, a consultation's opening and closing for its phase) and the public audit events
about it. Nothing new is stored: the moments are gathered with one UNION per list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, String, and_, cast, func, select, union_all
from sqlalchemy.orm import joinedload, lazyload, selectinload

from ..accounts.models import User
from ..agencies.models import Agency, AgencyText
from ..audit.models import AuditEvent
from ..audit.services import list_public_events
from ..comments.models import Comment, CommentState
from ..consultation.models import (
    Consultation,
    ConsultationText,
    Section,
    SectionRevision,
    SectionText,
)
from ..extensions import db
from ..plans.models import (
    ActionPlan,
    ActionPlanText,
    Assessment,
    Commitment,
    CommitmentText,
    Milestone,
    MilestoneText,
    ProgressUpdate,
)
from ..plans.queries import Page, _Derived, paginate
from ..responses.models import AnsweredComment, Response, ResponseText


@dataclass(frozen=True)
class Window:
    """Which page of a list, and since when (None: every record)."""

    page: int
    per_page: int
    since: datetime | None


# Change times ------------------------------------------------------------------------


def _latest(*moments: Select):
    """Per id, the latest of the (id, at) rows the statements give."""
    rows = union_all(*moments).subquery("moments")
    key, at = list(rows.c)
    return select(key.label("id"), func.max(at).label("updated_at")).group_by(key).subquery()


def _audited(target_type: str, key, model_id, model) -> Select:
    """(id, when) of every public audit event about the records of `model`."""
    return (
        select(model_id.label("id"), AuditEvent.occurred_at.label("at"))
        .select_from(model)
        .join(
            AuditEvent,
            and_(
                AuditEvent.target_type == target_type,
                AuditEvent.target_id == key,
                AuditEvent.public.is_(True),
            ),
        )
    )


def _pairs(key, at) -> Select:
    return select(key.label("id"), at.label("at"))


def plan_changes():
    return _latest(
        _pairs(ActionPlan.id, ActionPlan.created_at),
        _pairs(ActionPlanText.plan_id, ActionPlanText.updated_at),
        _audited("plan", ActionPlan.slug, ActionPlan.id, ActionPlan),
    )


def agency_changes():
    return _latest(
        _pairs(Agency.id, Agency.created_at),
        _pairs(AgencyText.agency_id, AgencyText.updated_at),
        _audited("agency", Agency.slug, Agency.id, Agency),
    )


def commitment_changes():
    return _latest(
        _pairs(Commitment.id, Commitment.created_at),
        _pairs(CommitmentText.commitment_id, CommitmentText.updated_at),
        _pairs(Milestone.commitment_id, MilestoneText.updated_at).join(
            MilestoneText, MilestoneText.milestone_id == Milestone.id
        ),
        _pairs(ProgressUpdate.commitment_id, ProgressUpdate.published_at),
        _pairs(Assessment.commitment_id, Assessment.published_at),
        _audited("commitment", Commitment.reference, Commitment.id, Commitment),
    )


def consultation_changes(moment: datetime):
    """Includes the opening and closing once past: the phase a reader sees changed then."""
    return _latest(
        _pairs(Consultation.id, Consultation.created_at),
        _pairs(ConsultationText.consultation_id, ConsultationText.updated_at),
        _pairs(Section.consultation_id, SectionText.updated_at).join(
            SectionText, SectionText.section_id == Section.id
        ),
        _pairs(Consultation.id, Consultation.responses_completed_at).where(
            Consultation.responses_completed_at.is_not(None)
        ),
        _pairs(Consultation.id, Consultation.opens_at).where(Consultation.opens_at <= moment),
        _pairs(Consultation.id, Consultation.closes_at).where(Consultation.closes_at <= moment),
        _audited("consultation", Consultation.slug, Consultation.id, Consultation),
    )


def comment_changes():
    return _latest(
        _pairs(Comment.id, Comment.created_at),
        _pairs(Comment.id, Comment.edited_at).where(Comment.edited_at.is_not(None)),
        _audited("comment", cast(Comment.id, String), Comment.id, Comment),
    )


def response_changes():
    return _latest(
        _pairs(Response.id, Response.published_at),
        _pairs(Response.id, Response.updated_at).where(Response.updated_at.is_not(None)),
        _pairs(ResponseText.response_id, ResponseText.updated_at),
    )


def _window(stmt: Select, changed_at, window: Window, make) -> Page:
    if window.since is not None:
        stmt = stmt.where(changed_at >= window.since)
    return paginate(stmt, window.page, window.per_page, make)


# Plans and agencies ------------------------------------------------------------------


def _plans(changed) -> Select:
    return (
        select(ActionPlan, changed.c.updated_at)
        .join(changed, changed.c.id == ActionPlan.id)
        .options(selectinload(ActionPlan.texts), joinedload(ActionPlan.coordinating_agency))
    )


def list_plans(window: Window) -> Page:
    changed = plan_changes()
    stmt = _plans(changed).order_by(ActionPlan.id)
    return _window(stmt, changed.c.updated_at, window, tuple)


def get_plan(slug: str) -> tuple | None:
    row = db.session.execute(_plans(plan_changes()).where(ActionPlan.slug == slug)).first()
    return tuple(row) if row else None


def _agencies(changed) -> Select:
    return select(Agency, changed.c.updated_at).join(changed, changed.c.id == Agency.id)


def list_agencies(window: Window) -> Page:
    changed = agency_changes()
    stmt = _agencies(changed).order_by(Agency.id)
    return _window(stmt, changed.c.updated_at, window, tuple)


def get_agency(slug: str) -> tuple | None:
    row = db.session.execute(_agencies(agency_changes()).where(Agency.slug == slug)).first()
    return tuple(row) if row else None


# Commitments, progress updates, assessments -------------------------------------------


def _commitments(today: date):
    """Commitments with the plans package's derived progress (never computed twice)."""
    derived = _Derived(today)
    changed = commitment_changes()
    stmt = (
        derived.rows(selectinload(Commitment.milestones).selectinload(Milestone.texts))
        .add_columns(changed.c.updated_at)
        .join(changed, changed.c.id == Commitment.id)
    )
    return stmt, changed, lambda row: (derived.row(tuple(row)[:6]), row[6])


def list_commitments(window: Window, today: date, plan: str = "", agency: str = "") -> Page:
    stmt, changed, make = _commitments(today)
    if plan:
        stmt = stmt.where(ActionPlan.slug == plan)
    if agency:
        lead = select(Agency.id).where(Agency.slug == agency).scalar_subquery()
        stmt = stmt.where(Commitment.lead_agency_id == lead)
    return _window(stmt.order_by(Commitment.id), changed.c.updated_at, window, make)


def get_commitment(reference: str, today: date) -> tuple | None:
    stmt, _changed, make = _commitments(today)
    row = db.session.execute(stmt.where(Commitment.reference == reference.upper())).first()
    return make(row) if row else None


def _records(model) -> Select:
    """Progress updates or assessments, each with its commitment's reference."""
    return (
        select(model, Commitment.reference)
        .join(Commitment, Commitment.id == model.commitment_id)
        .options(selectinload(model.texts))
    )


def list_records(model, window: Window, commitment: str = "") -> Page:
    stmt = _records(model).order_by(model.id)
    if commitment:
        stmt = stmt.where(Commitment.reference == commitment.upper())
    return _window(stmt, model.published_at, window, tuple)


def get_record(model, record_id: int) -> tuple | None:
    row = db.session.execute(_records(model).where(model.id == record_id)).first()
    return tuple(row) if row else None


# Consultations -----------------------------------------------------------------------


def _consultations(moment: datetime):
    changed = consultation_changes(moment)
    stmt = (
        select(Consultation, changed.c.updated_at, Commitment.reference)
        .join(changed, changed.c.id == Consultation.id)
        .outerjoin(Commitment, Commitment.id == Consultation.commitment_id)
        .options(
            selectinload(Consultation.sections).selectinload(Section.texts),
            joinedload(Consultation.plan).lazyload(ActionPlan.coordinating_agency),
        )
    )
    return stmt, changed


def list_consultations(window: Window, moment: datetime, plan: str = "") -> Page:
    stmt, changed = _consultations(moment)
    if plan:
        stmt = stmt.where(Consultation.plan.has(ActionPlan.slug == plan))
    return _window(stmt.order_by(Consultation.id), changed.c.updated_at, window, tuple)


def get_consultation(slug: str, moment: datetime) -> tuple | None:
    stmt, _changed = _consultations(moment)
    row = db.session.execute(stmt.where(Consultation.slug == slug)).first()
    return tuple(row) if row else None


def find_consultation_id(slug: str) -> int | None:
    return db.session.scalar(select(Consultation.id).where(Consultation.slug == slug))


def list_revisions(consultation_id: int, window: Window) -> Page:
    """Earlier wordings of the consultation's sections, oldest replacement first."""
    stmt = (
        select(SectionRevision, Section.anchor)
        .join(Section, Section.id == SectionRevision.section_id)
        .where(Section.consultation_id == consultation_id)
        .order_by(SectionRevision.id)
    )
    return _window(stmt, SectionRevision.replaced_at, window, tuple)


# Comments and responses --------------------------------------------------------------


def public_comment():
    """What anyone may read: visible and not held for a moderator's review."""
    return and_(Comment.state == CommentState.VISIBLE, Comment.held.is_(False))


def _comments(changed) -> Select:
    return (
        select(Comment, Consultation.slug, Section.anchor, changed.c.updated_at)
        .join(changed, changed.c.id == Comment.id)
        .join(Consultation, Consultation.id == Comment.consultation_id)
        .outerjoin(Section, Section.id == Comment.section_id)
        .where(public_comment())
        .options(joinedload(Comment.author).lazyload(User.roles), lazyload(Comment.parent))
    )


def list_comments(window: Window, consultation: str = "") -> Page:
    changed = comment_changes()
    stmt = _comments(changed).order_by(Comment.id)
    if consultation:
        stmt = stmt.where(Consultation.slug == consultation)
    return _window(stmt, changed.c.updated_at, window, tuple)


def get_comment(comment_id: int) -> tuple | None:
    row = db.session.execute(_comments(comment_changes()).where(Comment.id == comment_id)).first()
    return tuple(row) if row else None


def _responses(changed) -> Select:
    return (
        select(Response, Consultation.slug, Section.anchor, changed.c.updated_at)
        .join(changed, changed.c.id == Response.id)
        .join(Consultation, Consultation.id == Response.consultation_id)
        .outerjoin(Section, Section.id == Response.section_id)
    )


def _with_answers(page_items: list[tuple]) -> list[tuple]:
    """Each response row plus the public comments it answers, in one query for the page."""
    ids = [row[0].id for row in page_items]
    answered: dict[int, list[int]] = {response_id: [] for response_id in ids}
    if ids:
        rows = db.session.execute(
            select(AnsweredComment.response_id, AnsweredComment.comment_id)
            .join(Comment, Comment.id == AnsweredComment.comment_id)
            .where(AnsweredComment.response_id.in_(ids), public_comment())
            .order_by(AnsweredComment.comment_id)
        )
        for response_id, comment_id in rows:
            answered[response_id].append(comment_id)
    return [(*row, answered[row[0].id]) for row in page_items]


def list_responses(window: Window, consultation: str = "") -> Page:
    changed = response_changes()
    stmt = _responses(changed).order_by(Response.id)
    if consultation:
        stmt = stmt.where(Consultation.slug == consultation)
    page = _window(stmt, changed.c.updated_at, window, tuple)
    page.items = _with_answers(page.items)
    return page


def get_response(response_id: int) -> tuple | None:
    stmt = _responses(response_changes()).where(Response.id == response_id)
    row = db.session.execute(stmt).first()
    return _with_answers([tuple(row)])[0] if row else None


# The audit log -----------------------------------------------------------------------


def list_audit_events(window: Window, target_type: str = "", target_id: str = "") -> Page:
    """Public events, oldest first (the order of the chain), as the audit page filters them."""
    stmt = (
        list_public_events(target_type, target_id)
        .order_by(None)
        .order_by(AuditEvent.id)
        .options(lazyload(AuditEvent.actor))
    )
    return _window(stmt, AuditEvent.occurred_at, window, lambda row: row[0])


def get_audit_event(event_id: int) -> AuditEvent | None:
    stmt = (
        select(AuditEvent)
        .where(AuditEvent.id == event_id, AuditEvent.public.is_(True))
        .options(lazyload(AuditEvent.actor))
    )
    return db.session.scalar(stmt)
