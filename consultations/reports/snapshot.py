"""The figures of a self-assessment report, gathered from the published records.

The snapshot is plain JSON (texts in every language they exist in), so the published report
is frozen: the page, the PDF, the DOCX, the API and the open data read it and never the
live tables. Commitments are read in batches, each batch in a fixed number of queries, so a
plan of a thousand commitments costs a few dozen queries and one batch in memory at a time.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date, datetime

from sqlalchemy import distinct, false, func, select
from sqlalchemy.orm import selectinload

from ..clock import as_utc, now
from ..comments.models import Comment, CommentState
from ..consultation.models import Consultation
from ..documents.models import Document
from ..extensions import db
from ..plans.models import (
    ActionPlan,
    AssessedCompletion,
    Assessment,
    Commitment,
    Completion,
    Milestone,
    ProgressUpdate,
)
from ..plans.progress import SCALE, find_gap
from ..quality.queries import days_between
from ..responses.models import AnsweredComment, Response
from ..satisfaction.models import SatisfactionAnswer
from .amendments import plan_amendments

BATCH = 200


def _iso(moment: datetime | date | None) -> str | None:
    if moment is None:
        return None
    return as_utc(moment).isoformat() if isinstance(moment, datetime) else moment.isoformat()


def _texts(rows, field: str) -> dict[str, str]:
    return {row.locale: getattr(row, field) for row in rows if getattr(row, field)}


def participation(plan: ActionPlan, moment: datetime) -> dict:
    """Co-creation and consultation figures of the plan's consultations (six queries)."""
    in_plan = select(Consultation.id).where(Consultation.plan_id == plan.id)
    visible = (Comment.consultation_id.in_(in_plan), Comment.state == CommentState.VISIBLE)
    comments, participants = db.session.execute(
        select(func.count(Comment.id), func.count(distinct(Comment.author_id))).where(*visible)
    ).one()
    outcomes = dict(
        db.session.execute(
            select(Response.outcome, func.count(Response.id))
            .where(Response.consultation_id.in_(in_plan))
            .group_by(Response.outcome)
        ).all()
    )
    answered, on_time = db.session.execute(
        select(
            func.count(AnsweredComment.comment_id),
            func.count(AnsweredComment.comment_id).filter(
                Response.published_at <= Consultation.response_deadline
            ),
        )
        .join(Response, Response.id == AnsweredComment.response_id)
        .join(Consultation, Consultation.id == Response.consultation_id)
        .join(Comment, Comment.id == AnsweredComment.comment_id)
        .where(Consultation.plan_id == plan.id, Comment.state == CommentState.VISIBLE)
    ).one()
    first = (
        select(Response.consultation_id, func.min(Response.published_at).label("first_at"))
        .group_by(Response.consultation_id)
        .subquery("first_response")
    )
    closed = db.session.execute(
        select(Consultation.closes_at, first.c.first_at)
        .outerjoin(first, first.c.consultation_id == Consultation.id)
        .where(Consultation.plan_id == plan.id, Consultation.closes_at <= moment)
    ).all()
    days = [days_between(closes, first_at or moment) for closes, first_at in closed]
    score, answers = db.session.execute(
        select(
            func.avg(SatisfactionAnswer.satisfaction), func.count(SatisfactionAnswer.satisfaction)
        ).where(
            SatisfactionAnswer.consultation_id.in_(in_plan),
            SatisfactionAnswer.declined == false(),
        )
    ).one()
    return {
        "consultations": db.session.scalar(select(func.count()).select_from(in_plan.subquery())),
        "comments": comments,
        "participants": participants,
        "responses": sum(outcomes.values()),
        "outcomes": {outcome.value: count for outcome, count in outcomes.items()},
        "answered": answered,
        "answered_on_time": on_time,
        "median_days_to_response": round(statistics.median(days), 1) if days else None,
        "satisfaction": round(float(score), 1) if answers else None,
        "satisfaction_answers": answers,
    }


def _batches(plan: ActionPlan) -> Iterator[list[Commitment]]:
    """The plan's commitments, BATCH at a time by id, with texts and milestones."""
    last_id = 0
    while True:
        batch = db.session.scalars(
            select(Commitment)
            .where(Commitment.plan_id == plan.id, Commitment.id > last_id)
            .order_by(Commitment.id)
            .limit(BATCH)
            .options(selectinload(Commitment.milestones).selectinload(Milestone.texts))
        ).all()
        if not batch:
            return
        yield batch
        last_id = batch[-1].id
        for commitment in batch:  # keep one batch in memory, not the whole plan
            db.session.expunge(commitment)


def _documents(owner_type: str, owners) -> dict[int, list[dict]]:
    """The documents of the records `owners` (a subquery of their ids) selects, by record."""
    found: dict[int, list[dict]] = defaultdict(list)
    rows = db.session.scalars(
        select(Document)
        .where(Document.owner_type == owner_type, Document.owner_id.in_(owners))
        .order_by(Document.id)
    )
    for document in rows:
        found[document.owner_id].append(
            {
                "id": document.id,
                "name": document.original_name,
                "titles": _texts(document.texts, "title"),
            }
        )
    return found


def _records(batch: list[Commitment]) -> tuple[dict, dict]:
    """Each commitment's progress updates and assessments, oldest first (four queries)."""
    ids = [commitment.id for commitment in batch]
    updates, assessments = defaultdict(list), defaultdict(list)
    rows = db.session.execute(
        select(
            ProgressUpdate.id,
            ProgressUpdate.commitment_id,
            ProgressUpdate.status,
            ProgressUpdate.percent_complete,
            ProgressUpdate.published_at,
            ProgressUpdate.corrects_id,
            ProgressUpdate.evidence,
        )
        .where(ProgressUpdate.commitment_id.in_(ids))
        .order_by(ProgressUpdate.commitment_id, ProgressUpdate.published_at, ProgressUpdate.id)
    ).all()
    files = _documents(
        "progress_update",
        select(ProgressUpdate.id).where(ProgressUpdate.commitment_id.in_(ids)),
    )
    for row in rows:
        updates[row.commitment_id].append(
            {
                "status": row.status.value,
                "percent": row.percent_complete,
                "published_at": _iso(row.published_at),
                "correction": row.corrects_id is not None,
                "links": list(row.evidence or []),
                "documents": files.get(row.id, []),
            }
        )
    rows = db.session.execute(
        select(
            Assessment.id,
            Assessment.commitment_id,
            Assessment.organisation,
            Assessment.completion,
            Assessment.opened_government,
            Assessment.published_at,
            Assessment.corrects_id,
            Assessment.evidence,
        )
        .where(Assessment.commitment_id.in_(ids))
        .order_by(Assessment.commitment_id, Assessment.published_at, Assessment.id)
    ).all()
    files = _documents("assessment", select(Assessment.id).where(Assessment.commitment_id.in_(ids)))
    for row in rows:
        assessments[row.commitment_id].append(
            {
                "organisation": row.organisation,
                "completion": row.completion.value,
                "opened_government": row.opened_government.value,
                "published_at": _iso(row.published_at),
                "correction": row.corrects_id is not None,
                "links": list(row.evidence or []),
                "documents": files.get(row.id, []),
            }
        )
    return updates, assessments


def _gap(updates: list[dict], assessments: list[dict]) -> dict | None:
    """The disagreement between the latest of each (plans/progress.py's rule)."""
    if not updates or not assessments:
        return None
    reported, assessed = updates[-1], assessments[-1]
    gap = find_gap(
        Completion(reported["status"]),
        datetime.fromisoformat(reported["published_at"]),
        AssessedCompletion(assessed["completion"]),
        datetime.fromisoformat(assessed["published_at"]),
    )
    if gap is None:
        return None
    steps = None
    if gap.kind in ("lower", "higher"):
        steps = abs(SCALE[gap.assessed.value] - SCALE[gap.reported.value])
    return {
        "kind": gap.kind,
        "reported": gap.reported.value,
        "assessed": gap.assessed.value,
        "distance": steps,
        "since": _iso(max(gap.reported_at, gap.assessed_at)),
    }


def _commitment(commitment: Commitment, updates: list[dict], assessments: list[dict]) -> dict:
    return {
        "reference": commitment.reference,
        "titles": _texts(commitment.texts, "title"),
        "agency": _texts(commitment.lead_agency.texts, "name"),
        "status": commitment.latest_status.value if commitment.latest_status else None,
        "percent": commitment.latest_percent,
        "start_date": _iso(commitment.start_date),
        "end_date": _iso(commitment.end_date),
        "milestones": [
            {
                "deliverables": _texts(milestone.texts, "deliverable"),
                "due_date": _iso(milestone.due_date),
                "status": milestone.status.value,
                "completed_on": _iso(milestone.completed_on),
            }
            for milestone in commitment.milestones
        ],
        "updates": updates,
        "assessments": assessments,
        "gap": _gap(updates, assessments),
    }


def commitment_count(plan: ActionPlan) -> int:
    return db.session.scalar(select(func.count(Commitment.id)).where(Commitment.plan_id == plan.id))


def build(plan: ActionPlan, period: str, progress: Callable[[int], None] | None = None) -> dict:
    """The whole snapshot of `plan` for `period`; `progress(done)` after every batch."""
    moment = now()
    commitments, done = [], 0
    for batch in _batches(plan):
        updates, assessments = _records(batch)
        for commitment in batch:
            commitments.append(
                _commitment(commitment, updates[commitment.id], assessments[commitment.id])
            )
        done += len(batch)
        if progress is not None:
            progress(done)
    commitments.sort(key=lambda item: item["reference"])
    return {
        "generated_at": _iso(moment),
        "period": period,
        "plan": {
            "slug": plan.slug,
            "country": plan.country,
            "period_start": _iso(plan.period_start),
            "period_end": _iso(plan.period_end),
            "status": plan.status.value,
            "titles": _texts(plan.texts, "title"),
        },
        "participation": participation(plan, moment),
        "commitments": commitments,
        "gaps": sum(1 for item in commitments if item["gap"]),
        "amendments": plan_amendments(plan),
    }
