"""Where a comment stands, as its track page shows it: never who wrote it or what it says."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select

from ..comments.models import Comment, CommentState
from ..consultation.models import Consultation
from ..extensions import db
from ..moderation.rules import RULES
from ..responses.models import AnsweredComment, Response
from . import tracking

SUBJECT = "comment"
PREFIX = "C"


class Stage(enum.StrEnum):
    PUBLISHED = "published"
    HELD = "held"  # flagged by enough people; a moderator will look at it
    HIDDEN = "hidden"  # by a moderator, under a participation rule
    REMOVED = "removed"  # taken back by its author
    ANSWERED = "answered"  # a reasoned response was published


@dataclass(frozen=True)
class CommentStatus:
    stage: Stage
    received_at: datetime
    consultation: Consultation
    rule: str | None = None  # the participation rule a hidden comment broke (its key)
    rule_title: str | None = None  # that rule's title, in the reader's language
    response: Response | None = None


def comment_status(comment_id: int) -> CommentStatus | None:
    """The stage of one comment, read from the few columns that say it (not its text)."""
    row = db.session.execute(
        select(
            Comment.consultation_id,
            Comment.state,
            Comment.held,
            Comment.hidden_rule,
            Comment.created_at,
            AnsweredComment.response_id,
        )
        .outerjoin(AnsweredComment, AnsweredComment.comment_id == Comment.id)
        .where(Comment.id == comment_id)
    ).first()
    if row is None:
        return None
    consultation = db.session.get(Consultation, row.consultation_id)
    response = db.session.get(Response, row.response_id) if row.response_id else None
    status = CommentStatus(Stage.PUBLISHED, row.created_at, consultation)
    if row.state == CommentState.REMOVED:
        return replace(status, stage=Stage.REMOVED)
    if row.state == CommentState.HIDDEN:
        rule = RULES.get(row.hidden_rule)
        return replace(
            status, stage=Stage.HIDDEN, rule=row.hidden_rule, rule_title=rule[0] if rule else None
        )
    if row.held:
        return replace(status, stage=Stage.HELD)
    if response is not None:
        return replace(status, stage=Stage.ANSWERED, response=response)
    return status


tracking.register(SUBJECT, comment_status, "receipts/_comment.html")
