"""The expectations survey: offered once per account, before the person's first comment."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import bindparam, exists, select
from sqlalchemy.exc import IntegrityError

from .. import permissions
from ..accounts.models import User
from ..clock import now
from ..comments.models import Comment
from ..errors import DomainError, FieldRejected, PermissionDenied
from ..extensions import db
from ..statements import built_once, read_rows
from .models import ExpectationAnswer, ExpectedOutcome, ExpectedWait, Respondent


class ExpectationsAlreadyAnswered(DomainError):
    """The person already answered (or skipped) the expectations survey."""

    status_code = 409


def _state(user: User) -> tuple[bool, bool]:
    """Whether the person has commented anywhere, and has answered already: one statement
    built once, read plainly (a consultation page asks it for every signed-in reader)."""
    statement = built_once("expectations state", _commented_and_answered)
    commented, answered = read_rows(statement, {"user": user.id}).one()
    return bool(commented), bool(answered)


def _commented_and_answered():
    return select(
        exists().where(Comment.author_id == bindparam("user")),
        exists().where(ExpectationAnswer.user_id == bindparam("user")),
    )


def expectations_offered(user) -> bool:
    """Whether to offer the survey now: signed in, no comment yet, not answered or skipped."""
    if not getattr(user, "is_authenticated", False):
        return False
    return permissions.can_answer_expectations(user, *_state(user))


def _choice(field: str, kind, value: str | None):
    """The chosen answer, None when the question is skipped; anything else is refused."""
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        raise FieldRejected(field, _("Choose one of the answers, or leave it empty.")) from None


def answer_expectations(
    user: User,
    outcome: str | None,
    wait: str | None,
    respondent: str | None,
    declined: bool = False,
    moment: datetime | None = None,
) -> ExpectationAnswer:
    """Keep the person's expectations (each question may be left empty), or "skip", once."""
    answer = ExpectationAnswer(
        user_id=user.id,
        outcome=None if declined else _choice("outcome", ExpectedOutcome, outcome),
        wait=None if declined else _choice("wait", ExpectedWait, wait),
        respondent=None if declined else _choice("respondent", Respondent, respondent),
        declined=declined,
        created_at=moment or now(),
    )
    commented, answered = _state(user)
    if answered:
        raise ExpectationsAlreadyAnswered()
    if not permissions.can_answer_expectations(user, commented, answered):
        raise PermissionDenied()
    db.session.add(answer)
    try:
        db.session.commit()
    except IntegrityError as error:  # answered twice (another tab, a double click)
        db.session.rollback()
        raise ExpectationsAlreadyAnswered() from error
    return answer
