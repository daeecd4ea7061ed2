"""The satisfaction survey: offered once per consultation to people who commented on it."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import bindparam, exists, select
from sqlalchemy.exc import IntegrityError

from .. import permissions
from ..accounts.models import User
from ..clock import now
from ..comments.models import Comment
from ..consultation.models import Consultation
from ..errors import DomainError, FieldRejected, PermissionDenied
from ..extensions import db
from ..statements import built_once, read_rows
from .models import Respondent, SatisfactionAnswer

REMARK_MAX_LENGTH = 1000
SCORES = range(1, 6)


class SurveyAlreadyAnswered(DomainError):
    """The person already answered (or declined) the survey for this consultation."""

    status_code = 409


def _commented_on():
    return exists().where(
        Comment.consultation_id == bindparam("consultation"), Comment.author_id == bindparam("user")
    )


def _answered():
    return exists().where(
        SatisfactionAnswer.consultation_id == bindparam("consultation"),
        SatisfactionAnswer.user_id == bindparam("user"),
    )


def _taking_part(user: User, consultation: Consultation) -> tuple[bool, bool]:
    """Whether the person commented on the consultation, and whether they answered (or
    declined) its survey: one statement built once, read plainly (every page of the
    consultation a signed-in person reads asks)."""
    statement = built_once("taking part", lambda: select(_commented_on(), _answered()))
    row = read_rows(statement, {"consultation": consultation.id, "user": user.id}).one()
    return bool(row[0]), bool(row[1])


def survey_offered(user, consultation: Consultation) -> bool:
    """Whether the detail page should offer the survey to this person now."""
    if not getattr(user, "is_authenticated", False):
        return False
    return permissions.can_answer_survey(user, *_taking_part(user, consultation))


def _check_score(field: str, value: int | None) -> int:
    if value not in SCORES:
        raise FieldRejected(field, _("Choose a number from 1 to 5."))
    return value


def _respondent(value: str | None) -> Respondent | None:
    if not value:
        return None
    try:
        return Respondent(value)
    except ValueError:
        raise FieldRejected(
            "respondent", _("Choose one of the answers, or leave it empty.")
        ) from None


def _save(answer: SatisfactionAnswer) -> SatisfactionAnswer:
    db.session.add(answer)
    try:
        db.session.commit()
    except IntegrityError as error:  # answered twice (another tab, a double click)
        db.session.rollback()
        raise SurveyAlreadyAnswered() from error
    return answer


def _require_offered(user: User, consultation: Consultation) -> None:
    commented, answered = _taking_part(user, consultation)
    if answered:
        raise SurveyAlreadyAnswered()
    if not permissions.can_answer_survey(user, commented, False):
        raise PermissionDenied()


def answer_survey(
    user: User,
    consultation: Consultation,
    satisfaction: int | None,
    ease: int | None,
    remark: str = "",
    moment: datetime | None = None,
    respondent: str | None = None,
) -> SatisfactionAnswer:
    """Record how satisfied the person was and how easy taking part was (1 to 5 each), and
    optionally whether they answer as a resident, for an organisation or a business."""
    satisfaction = _check_score("satisfaction", satisfaction)
    group = _respondent(respondent)
    ease = _check_score("ease", ease)
    remark = (remark or "").strip()
    if len(remark) > REMARK_MAX_LENGTH:
        raise FieldRejected(
            "remark",
            _("Please keep your remark to %(max)d characters or fewer.", max=REMARK_MAX_LENGTH),
        )
    _require_offered(user, consultation)
    return _save(
        SatisfactionAnswer(
            consultation_id=consultation.id,
            user_id=user.id,
            satisfaction=satisfaction,
            ease=ease,
            remark=remark,
            declined=False,
            respondent=group,
            created_at=moment or now(),
        )
    )


def decline_survey(
    user: User, consultation: Consultation, moment: datetime | None = None
) -> SatisfactionAnswer:
    """Record "no, thanks", so the survey is not offered again for this consultation."""
    _require_offered(user, consultation)
    return _save(
        SatisfactionAnswer(
            consultation_id=consultation.id,
            user_id=user.id,
            satisfaction=None,
            ease=None,
            remark="",
            declined=True,
            created_at=moment or now(),
        )
    )
