"""What the standards check needs to know about one plan, gathered in a fixed number of
queries however many consultations, comments and records the plan has."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..clock import as_utc, now
from ..comments.models import Comment, CommentState
from ..consultation.models import Consultation
from ..extensions import db
from ..repository.queries import record_moments
from ..responses.models import AnsweredComment


@dataclass(frozen=True)
class CommentsDue:
    """Consultations whose response deadline has passed, and their comments still unanswered."""

    consultations: int
    unanswered: int


@dataclass
class PlanFacts:
    plan: object
    consultations: list[tuple[str, str]]  # (slug, title) of those opened, oldest first
    comments_due: CommentsDue
    record_days: list  # the day of each record of the repository


def _opened(plan, moment: datetime) -> list[tuple[str, str]]:
    rows = db.session.scalars(
        select(Consultation)
        .where(Consultation.plan_id == plan.id, Consultation.opens_at <= moment)
        .order_by(Consultation.opens_at, Consultation.id)
        .options(selectinload(Consultation.texts))
    )
    return [(row.slug, row.text("title").text) for row in rows]


def _comments_due(plan, moment: datetime) -> CommentsDue:
    due = select(Consultation.id).where(
        Consultation.plan_id == plan.id, Consultation.response_deadline <= moment
    )
    consultations = db.session.scalar(select(func.count()).select_from(due.subquery())) or 0
    answered = select(AnsweredComment.comment_id).where(AnsweredComment.comment_id == Comment.id)
    unanswered = db.session.scalar(
        select(func.count()).where(
            Comment.consultation_id.in_(due),
            Comment.state == CommentState.VISIBLE,
            ~answered.exists(),
        )
    )
    return CommentsDue(consultations, unanswered or 0)


def plan_facts(plan, moment: datetime | None = None) -> PlanFacts:
    moment = moment or now()
    return PlanFacts(
        plan=plan,
        consultations=_opened(plan, moment),
        comments_due=_comments_due(plan, moment),
        record_days=[as_utc(m).date() for m in record_moments(plan)],
    )
