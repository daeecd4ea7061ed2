"""Reads of reasoned responses that other pages share: each comment's answer, and the tally."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, bindparam, case, exists, func, select
from sqlalchemy.orm import joinedload

from ..clock import as_utc
from ..comments.models import Comment, CommentState
from ..consultation.models import Consultation
from ..extensions import db
from ..statements import among, built_once, read_rows
from .models import AnsweredComment, Response


@dataclass(frozen=True)
class ResponseSummary:
    """How many visible comments are answered, and whether the response deadline was met."""

    answered: int
    total: int
    deadline: datetime
    # None while the deadline has not come and the responses are not declared complete.
    deadline_met: bool | None
    answered_on_time: int = 0
    completed_at: datetime | None = None

    @property
    def due(self) -> bool:
        """Whether the verdict on the deadline is in (met or missed)."""
        return self.deadline_met is not None


def answers_for(comment_ids: Iterable[int]) -> dict[int, Response]:
    """The response answering each of these comments (one query, texts loaded with it)."""
    ids = list(dict.fromkeys(comment_ids))
    if not ids:
        return {}
    rows = db.session.execute(built_once("answers of comments", _answers), {"ids": ids}).unique()
    return {comment_id: response for comment_id, response in rows}


def _answers():
    """Built once (`statements.built_once`): every page of comments asks."""
    return (
        select(AnsweredComment.comment_id, Response)
        .join(Response, Response.id == AnsweredComment.response_id)
        .where(among(AnsweredComment.comment_id, "ids"))
        .options(joinedload(Response.texts))
    )


def _answered_counts() -> Select:
    """The consultation's answered comments, and those answered by the deadline."""
    return (
        select(
            func.count(AnsweredComment.comment_id),
            func.count(case((Response.published_at <= bindparam("deadline"), 1))),
        )
        .select_from(Response)
        .join(AnsweredComment, AnsweredComment.response_id == Response.id)
        # A response answers comments of its own consultation only (responses.services);
        # reaching the comments through it keeps the count to the answered ones.
        .where(
            Response.consultation_id == bindparam("consultation"),
            exists().where(
                Comment.id == AnsweredComment.comment_id, Comment.state == CommentState.VISIBLE
            ),
        )
    )


def response_summary(consultation: Consultation, moment: datetime) -> ResponseSummary:
    """ "N of M comments answered" and the deadline verdict; M from the comment counter
    (consultation/counters.py), N counted over the consultation's responses only."""
    deadline = as_utc(consultation.response_deadline)
    statement = built_once("answered comments", _answered_counts)
    parameters = {"consultation": consultation.id, "deadline": deadline}
    answered, on_time = read_rows(statement, parameters).one()
    total = consultation.comment_count
    completed = consultation.responses_completed_at
    if completed is not None:
        met: bool | None = as_utc(completed) <= deadline
    elif moment > deadline:
        met = on_time == total
    else:
        met = None
    return ResponseSummary(
        answered=answered,
        total=total,
        deadline=deadline,
        deadline_met=met,
        answered_on_time=on_time,
        completed_at=as_utc(completed) if completed else None,
    )


# The coordinator's page --------------------------------------------------------------

GENERAL = "general"  # the filter value for comments on the consultation as a whole


def get_consultation_or_404(slug: str) -> Consultation:
    return db.first_or_404(select(Consultation).where(Consultation.slug == slug))


def unanswered_comments(consultation: Consultation, section: str = "") -> Select:
    """Visible comments still waiting for a response, oldest first, optionally of one section."""
    answered = select(AnsweredComment.comment_id).where(AnsweredComment.comment_id == Comment.id)
    stmt = select(Comment).where(
        Comment.consultation_id == consultation.id,
        Comment.state == CommentState.VISIBLE,
        ~answered.exists(),
    )
    if section == GENERAL:
        stmt = stmt.where(Comment.section_id.is_(None))
    elif section:
        ids = [s.id for s in consultation.sections if s.anchor == section]
        stmt = stmt.where(Comment.section_id.in_(ids))
    return stmt.order_by(Comment.created_at, Comment.id)


def published_responses(consultation: Consultation) -> Select:
    """The consultation's responses, newest first, each with how many comments it answers."""
    answers = (
        select(func.count(AnsweredComment.comment_id))
        .where(AnsweredComment.response_id == Response.id)
        .correlate(Response)
        .scalar_subquery()
    )
    return (
        select(Response, answers.label("answers"))
        .where(Response.consultation_id == consultation.id)
        .order_by(Response.published_at.desc(), Response.id.desc())
    )
