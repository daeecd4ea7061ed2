"""Writes to reasoned responses: answer comments or a whole section, correct, declare complete.

A comment is answered at most once; a response answers the comments chosen, or every visible
comment of a section not yet answered. Each write is audited and committed once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from .. import permissions
from ..accounts.models import User
from ..audit.services import record
from ..clock import now
from ..comments.models import Comment, CommentState
from ..consultation.models import Consultation, Phase, Section
from ..content import clean_texts, sync_texts, texts_snapshot
from ..errors import FieldRejected, PermissionDenied
from ..extensions import db
from ..follows import notify
from ..receipts import mailing as receipts_mailing
from .models import AnsweredComment, Outcome, Response, ResponseText

ResponseRejected = FieldRejected


def response_snapshot(response: Response) -> dict:
    return {
        "response_id": response.id,
        "outcome": response.outcome.value,
        "section_id": response.section_id,
        "comment_ids": sorted(answer.comment_id for answer in response.answers),
        "texts": texts_snapshot(response, ("reasons",)),
    }


def _outcome(value: Outcome | str | None) -> Outcome:
    try:
        return Outcome(value)
    except ValueError as error:
        raise ResponseRejected("outcome", _("Choose what became of the comments.")) from error


def _unanswered():
    answered = select(AnsweredComment.comment_id).where(AnsweredComment.comment_id == Comment.id)
    return ~answered.exists()


def _section_comments(consultation: Consultation, section: Section) -> list[Comment]:
    if section.consultation_id != consultation.id:
        raise ResponseRejected("section", _("This section belongs to another consultation."))
    comments = db.session.scalars(
        select(Comment).where(
            Comment.section_id == section.id,
            Comment.state == CommentState.VISIBLE,
            _unanswered(),
        )
    ).all()
    if not comments:
        raise ResponseRejected("section", _("Every comment on this section is already answered."))
    return list(comments)


def _chosen_comments(consultation: Consultation, comment_ids: Iterable[int]) -> list[Comment]:
    ids = set(comment_ids)
    if not ids:
        raise ResponseRejected("comments", _("Choose at least one comment to answer."))
    rows = db.session.execute(
        select(Comment, AnsweredComment.response_id)
        .outerjoin(AnsweredComment, AnsweredComment.comment_id == Comment.id)
        .where(Comment.id.in_(ids))
    ).all()
    if len(rows) != len(ids) or any(c.consultation_id != consultation.id for c, _r in rows):
        raise ResponseRejected(
            "comments", _("One of the chosen comments belongs to another consultation.")
        )
    if any(comment.state != CommentState.VISIBLE for comment, _r in rows):
        raise ResponseRejected("comments", _("One of the chosen comments is hidden or removed."))
    if any(response_id is not None for _c, response_id in rows):
        raise ResponseRejected("comments", _("One of the chosen comments is already answered."))
    return [comment for comment, _r in rows]


def publish_response(
    coordinator: User,
    consultation: Consultation,
    *,
    outcome: Outcome | str,
    texts: dict[str, dict[str, str]],
    comment_ids: Iterable[int] = (),
    section: Section | None = None,
    moment: datetime | None = None,
) -> Response:
    """Answer the chosen comments, or a whole section, with an outcome and its reasons."""
    moment = moment or now()
    if not permissions.can_respond(coordinator, consultation, moment):
        raise PermissionDenied()
    outcome = _outcome(outcome)
    if section is not None:
        comments = _section_comments(consultation, section)
    else:
        comments = _chosen_comments(consultation, comment_ids)
    texts = clean_texts(texts, "reasons")
    response = Response(
        consultation_id=consultation.id,
        section_id=section.id if section else None,
        outcome=outcome,
        author_id=coordinator.id,
        published_at=moment,
    )
    sync_texts(response, ResponseText, texts)
    response.answers = [AnsweredComment(comment_id=comment.id) for comment in comments]
    db.session.add(response)
    try:
        db.session.flush()
    except IntegrityError as error:  # someone answered one of them a moment ago
        db.session.rollback()
        raise ResponseRejected(
            "comments", _("One of the chosen comments is already answered.")
        ) from error
    record(
        coordinator,
        "response.publish",
        "consultation",
        consultation.slug,
        None,
        response_snapshot(response),
    )
    notify.responses_published(consultation)
    receipts_mailing.response_published(response, comments)
    db.session.commit()
    return response


def edit_response(
    coordinator: User,
    response: Response,
    outcome: Outcome | str,
    texts: dict[str, dict[str, str]],
    moment: datetime | None = None,
) -> Response:
    """Correct a response's outcome or reasons; the comments stay answered, marked updated."""
    moment = moment or now()
    consultation = db.session.get(Consultation, response.consultation_id)
    if not permissions.can_respond(coordinator, consultation, moment):
        raise PermissionDenied()
    outcome = _outcome(outcome)
    texts = clean_texts(texts, "reasons")
    before = response_snapshot(response)
    response.outcome = outcome
    sync_texts(response, ResponseText, texts)
    response.updated_at = moment
    db.session.flush()
    record(
        coordinator,
        "response.update",
        "consultation",
        consultation.slug,
        before,
        response_snapshot(response),
    )
    db.session.commit()
    return response


def unanswered_count(consultation: Consultation) -> int:
    """How many visible comments of the consultation still wait for a response."""
    return db.session.scalar(
        select(func.count(Comment.id)).where(
            Comment.consultation_id == consultation.id,
            Comment.state == CommentState.VISIBLE,
            _unanswered(),
        )
    )


def complete_responses(
    coordinator: User, consultation: Consultation, moment: datetime | None = None
) -> Consultation:
    """Declare every comment answered once the consultation has closed ("responded" phase)."""
    moment = moment or now()
    if not permissions.can_respond(coordinator, consultation, moment):
        raise PermissionDenied()
    phase = consultation.phase(moment)
    if phase == Phase.RESPONDED:
        return consultation
    if phase != Phase.CLOSED:
        raise ResponseRejected(
            "complete", _("Responses can be declared complete only after the consultation closes.")
        )
    waiting = unanswered_count(consultation)
    if waiting:
        raise ResponseRejected(
            "complete",
            ngettext(
                "%(num)d comment still waits for a response.",
                "%(num)d comments still wait for a response.",
                waiting,
            ),
        )
    consultation.responses_completed_at = moment
    record(
        coordinator,
        "responses.complete",
        "consultation",
        consultation.slug,
        {"responses_completed_at": None},
        {"responses_completed_at": moment.isoformat()},
    )
    notify.responses_completed(consultation)
    db.session.commit()
    return consultation
