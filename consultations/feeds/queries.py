"""Reads for the Atom feeds: the newest events of a scope, in a fixed number of SQL queries.

An event is something published (a progress update, an assessment, a reasoned response) or
a moment of a consultation's life that the clock has passed (opening, closing) or that its
coordinator declared (responses complete). One UNION over the tables picks the newest
keys; the records behind them are then loaded one query per kind, so a feed costs the same
whether the site holds ten records or a hundred thousand. Nothing whose moment is still in
the future is listed: the feed learns that a consultation opened by reading the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, literal_column, select, union_all
from sqlalchemy.orm import joinedload, lazyload, selectinload

from ..clock import as_utc
from ..consultation.models import Consultation
from ..extensions import db
from ..plans.amendment_models import Revision
from ..plans.models import ActionPlan, Assessment, Commitment, ProgressUpdate
from ..reports.models import ReportState, SelfAssessmentReport
from ..responses.models import Response

UPDATE = "progress-update"
ASSESSMENT = "assessment"
OPENED = "consultation-opened"
CLOSED = "consultation-closed"
RESPONDED = "consultation-responded"
RESPONSE = "response"
REPORT = "self-assessment-report"
PROPOSAL_ANSWER = "proposal-answer"
AMENDMENT = "amendment"
TIMELINE_PUBLISHED = "cocreation-timeline-published"
TIMELINE_CHANGED = "cocreation-timeline-changed"
CONSULTATION_KINDS = (OPENED, CLOSED, RESPONDED)


@dataclass(frozen=True)
class Scope:
    """Which events a feed lists: all of them, or those of one plan, commitment or consultation."""

    plan_id: int | None = None
    commitment_id: int | None = None
    consultation_id: int | None = None

    @property
    def has_records(self) -> bool:
        """Progress updates and assessments belong to commitments, never to a consultation."""
        return self.consultation_id is None


@dataclass(frozen=True)
class Event:
    kind: str
    record: ProgressUpdate | Assessment | Consultation | Response | SelfAssessmentReport | Revision
    moment: datetime
    # The consultation a response belongs to; None for the other kinds.
    consultation: Consultation | None = None


def _key(kind: str, column_id, moment) -> Select:
    return select(
        literal_column(f"'{kind}'").label("kind"), column_id.label("id"), moment.label("moment")
    )


def _consultations_in(scope: Scope):
    """A condition on Consultation for the scope (None: every consultation)."""
    if scope.consultation_id is not None:
        return Consultation.id == scope.consultation_id
    if scope.commitment_id is not None:
        return Consultation.commitment_id == scope.commitment_id
    if scope.plan_id is not None:
        return Consultation.plan_id == scope.plan_id
    return None


def _commitments_in(scope: Scope, model):
    """A condition on ProgressUpdate or Assessment for the scope (None: all of them)."""
    if scope.commitment_id is not None:
        return model.commitment_id == scope.commitment_id
    if scope.plan_id is not None:
        return model.commitment_id.in_(
            select(Commitment.id).where(Commitment.plan_id == scope.plan_id)
        )
    return None


def _keys(scope: Scope, moment: datetime) -> list[Select]:
    parts = []
    if scope.has_records:
        for kind, model in ((UPDATE, ProgressUpdate), (ASSESSMENT, Assessment)):
            stmt = _key(kind, model.id, model.published_at).where(model.published_at <= moment)
            condition = _commitments_in(scope, model)
            parts.append(stmt if condition is None else stmt.where(condition))
        amended = Revision.created_at
        stmt = _key(AMENDMENT, Revision.id, amended).where(amended <= moment)
        condition = _commitments_in(scope, Revision)
        parts.append(stmt if condition is None else stmt.where(condition))
    in_scope = _consultations_in(scope)
    completed = Consultation.responses_completed_at
    consultation_parts = [
        _key(OPENED, Consultation.id, Consultation.opens_at).where(Consultation.opens_at <= moment),
        _key(CLOSED, Consultation.id, Consultation.closes_at).where(
            Consultation.closes_at <= moment
        ),
        _key(RESPONDED, Consultation.id, completed).where(
            completed.is_not(None), completed <= moment
        ),
    ]
    for stmt in consultation_parts:
        parts.append(stmt if in_scope is None else stmt.where(in_scope))
    responses = _key(
        RESPONSE, Response.id, func.coalesce(Response.updated_at, Response.published_at)
    ).where(Response.published_at <= moment)
    if in_scope is not None:
        responses = responses.where(
            Response.consultation_id.in_(select(Consultation.id).where(in_scope))
        )
    parts.append(responses)
    if scope.commitment_id is None and scope.consultation_id is None:
        reports = _key(REPORT, SelfAssessmentReport.id, SelfAssessmentReport.published_at).where(
            SelfAssessmentReport.state == ReportState.PUBLISHED,
            SelfAssessmentReport.published_at <= moment,
        )
        if scope.plan_id is not None:
            reports = reports.where(SelfAssessmentReport.plan_id == scope.plan_id)
        parts.append(reports)
    if scope.consultation_id is None:
        parts.append(_proposal_answers(scope, moment))
    if scope.commitment_id is None and scope.consultation_id is None:
        parts.extend(_timeline_keys(scope, moment))
    return parts


def _timeline_keys(scope: Scope, moment: datetime) -> list[Select]:
    """A co-creation timeline's publication and each dated change made once it was public."""
    from ..proposals.models import CoCreationChange, CoCreationTimeline

    published = CoCreationTimeline.published_at
    publications = _key(TIMELINE_PUBLISHED, CoCreationTimeline.id, published).where(
        published.is_not(None), published <= moment
    )
    changes = (
        _key(TIMELINE_CHANGED, CoCreationChange.id, CoCreationChange.changed_at)
        .join(CoCreationTimeline, CoCreationTimeline.id == CoCreationChange.timeline_id)
        .where(
            published.is_not(None),
            CoCreationChange.changed_at > published,
            CoCreationChange.changed_at <= moment,
        )
    )
    if scope.plan_id is not None:
        publications = publications.where(CoCreationTimeline.plan_id == scope.plan_id)
        changes = changes.where(CoCreationTimeline.plan_id == scope.plan_id)
    return [publications, changes]


def _proposal_answers(scope: Scope, moment: datetime) -> Select:
    """Published answers to proposals from the public, of the scope's plan or commitment."""
    from ..proposals.models import Proposal, ProposalAnswer, public_proposal

    stmt = (
        _key(PROPOSAL_ANSWER, ProposalAnswer.proposal_id, ProposalAnswer.published_at)
        .join(Proposal, Proposal.id == ProposalAnswer.proposal_id)
        .where(
            ProposalAnswer.published_at.is_not(None),
            ProposalAnswer.published_at <= moment,
            public_proposal(),
        )
    )
    if scope.commitment_id is not None:
        return stmt.where(ProposalAnswer.commitment_id == scope.commitment_id)
    if scope.plan_id is not None:
        return stmt.where(Proposal.plan_id == scope.plan_id)
    return stmt


def _newest(part: Select, limit: int, name: str) -> Select:
    """Each kind's own newest `limit` first, so the merge never sorts a whole table."""
    columns = part.selected_columns
    sub = part.order_by(columns.moment.desc(), columns.id.desc()).limit(limit).subquery(name)
    return select(sub.c.kind, sub.c.id, sub.c.moment)


def newest_events(scope: Scope, moment: datetime, limit: int) -> list[Event]:
    """The `limit` newest events of `scope` up to `moment`, newest first, records loaded."""
    parts = [_newest(part, limit, f"part{n}") for n, part in enumerate(_keys(scope, moment))]
    merged = union_all(*parts).subquery("events")
    keys = db.session.execute(
        select(merged.c.kind, merged.c.id, merged.c.moment)
        .order_by(merged.c.moment.desc(), merged.c.kind, merged.c.id.desc())
        .limit(limit)
    ).all()
    ids: dict[str, list[int]] = {}
    for kind, record_id, _moment in keys:
        ids.setdefault(kind, []).append(record_id)
    updates = _records(ProgressUpdate, ids.get(UPDATE))
    assessments = _records(Assessment, ids.get(ASSESSMENT))
    revisions = _revisions(ids.get(AMENDMENT))
    responses = _responses(ids.get(RESPONSE))
    reports = _reports(ids.get(REPORT))
    consultation_ids = [i for kind in CONSULTATION_KINDS for i in ids.get(kind, [])]
    consultation_ids += [response.consultation_id for response in responses.values()]
    consultations = _consultations(consultation_ids)
    proposals = _proposals(ids.get(PROPOSAL_ANSWER))
    timelines = _timelines(ids.get(TIMELINE_PUBLISHED), ids.get(TIMELINE_CHANGED))
    events = []
    for kind, record_id, moment_of in keys:
        if kind == UPDATE:
            record = updates[record_id]
        elif kind == ASSESSMENT:
            record = assessments[record_id]
        elif kind == AMENDMENT:
            record = revisions[record_id]
        elif kind == RESPONSE:
            record = responses[record_id]
        elif kind == REPORT:
            record = reports[record_id]
        elif kind == PROPOSAL_ANSWER:
            record = proposals[record_id]
        elif kind in (TIMELINE_PUBLISHED, TIMELINE_CHANGED):
            record = timelines[kind, record_id]
        else:
            record = consultations[record_id]
        around = consultations[record.consultation_id] if kind == RESPONSE else None
        events.append(Event(kind, record, as_utc(moment_of), around))
    return events


def _proposals(ids: list[int] | None) -> dict:
    """Proposals by id, with their answer (one query)."""
    from ..proposals.models import Proposal

    if not ids:
        return {}
    return {p.id: p for p in db.session.scalars(select(Proposal).where(Proposal.id.in_(ids)))}


@dataclass(frozen=True)
class TimelineEvent:
    """A co-creation timeline's publication (no change) or one dated change of it."""

    timeline: object  # CoCreationTimeline, with its plan and stages
    change: object | None = None  # CoCreationChange


def _timelines(published: list[int] | None, changed: list[int] | None) -> dict:
    """Timeline events by (kind, id): one query for the changes, one for the timelines and
    their plans (their stages come with them)."""
    from ..proposals.models import CoCreationChange, CoCreationTimeline

    if not published and not changed:
        return {}
    changes = []
    if changed:
        changes = list(
            db.session.scalars(select(CoCreationChange).where(CoCreationChange.id.in_(changed)))
        )
    timeline_ids = set(published or []) | {change.timeline_id for change in changes}
    timelines = {
        timeline.id: timeline
        for timeline in db.session.scalars(
            select(CoCreationTimeline)
            .where(CoCreationTimeline.id.in_(timeline_ids))
            .options(joinedload(CoCreationTimeline.plan).selectinload(ActionPlan.texts))
        )
    }
    found: dict = {
        (TIMELINE_PUBLISHED, key): TimelineEvent(timelines[key]) for key in published or []
    }
    for change in changes:
        found[TIMELINE_CHANGED, change.id] = TimelineEvent(timelines[change.timeline_id], change)
    return found


def _records(model, ids: list[int] | None) -> dict:
    """Progress updates or assessments by id, with their texts and their commitment's title."""
    if not ids:
        return {}
    stmt = (
        select(model)
        .where(model.id.in_(ids))
        .options(
            selectinload(model.texts),
            joinedload(model.commitment).options(
                selectinload(Commitment.texts),
                lazyload(Commitment.plan),
                lazyload(Commitment.lead_agency),
                lazyload(Commitment.milestones),
            ),
        )
    )
    return {record.id: record for record in db.session.scalars(stmt)}


def _revisions(ids: list[int] | None) -> dict[int, Revision]:
    """Amendments by id, with their reasons and their commitment's title."""
    if not ids:
        return {}
    revisions = list(db.session.scalars(select(Revision).where(Revision.id.in_(ids))))
    commitments = {
        c.id: c
        for c in db.session.scalars(
            select(Commitment)
            .where(Commitment.id.in_({r.commitment_id for r in revisions}))
            .options(
                lazyload(Commitment.plan),
                lazyload(Commitment.lead_agency),
                lazyload(Commitment.milestones),
            )
        )
    }
    for revision in revisions:
        revision.commitment = commitments[revision.commitment_id]
    return {revision.id: revision for revision in revisions}


def _responses(ids: list[int] | None) -> dict[int, Response]:
    if not ids:
        return {}
    stmt = select(Response).where(Response.id.in_(ids)).options(selectinload(Response.texts))
    return {response.id: response for response in db.session.scalars(stmt)}


def _reports(ids: list[int] | None) -> dict[int, SelfAssessmentReport]:
    """Published self-assessment reports by id, with their plan (never their figures)."""
    if not ids:
        return {}
    stmt = (
        select(SelfAssessmentReport)
        .where(SelfAssessmentReport.id.in_(ids))
        .options(selectinload(SelfAssessmentReport.plan))
    )
    return {report.id: report for report in db.session.scalars(stmt)}


def _consultations(ids: list[int]) -> dict[int, Consultation]:
    """Consultations by id, with their titles, introductions and agency names."""
    if not ids:
        return {}
    stmt = (
        select(Consultation)
        .where(Consultation.id.in_(set(ids)))
        .options(
            selectinload(Consultation.texts),
            lazyload(Consultation.plan),
            lazyload(Consultation.sections),
            lazyload(Consultation.commitment),
        )
    )
    return {consultation.id: consultation for consultation in db.session.scalars(stmt)}


# The things a feed is about ------------------------------------------------------------


def get_plan(slug: str) -> ActionPlan | None:
    stmt = select(ActionPlan).where(ActionPlan.slug == slug)
    return db.session.scalars(stmt.options(lazyload(ActionPlan.coordinating_agency))).first()


def get_commitment(reference: str) -> Commitment | None:
    stmt = (
        select(Commitment)
        .where(Commitment.reference == reference.upper())
        .options(
            lazyload(Commitment.plan),
            lazyload(Commitment.lead_agency),
            lazyload(Commitment.milestones),
        )
    )
    return db.session.scalars(stmt).first()


def get_consultation(slug: str) -> Consultation | None:
    stmt = (
        select(Consultation)
        .where(Consultation.slug == slug)
        .options(
            lazyload(Consultation.agency),
            lazyload(Consultation.plan),
            lazyload(Consultation.sections),
        )
    )
    return db.session.scalars(stmt).first()


def site_started() -> datetime | None:
    """When the newest plan or consultation was added: the time of a site feed with no entries."""
    moments = db.session.execute(
        select(func.max(ActionPlan.created_at)).union_all(select(func.max(Consultation.created_at)))
    ).scalars()
    present = [as_utc(moment) for moment in moments if moment is not None]
    return max(present) if present else None
