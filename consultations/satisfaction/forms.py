"""The two-question satisfaction survey."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from ..forms import Form
from .labels import OUTCOME, RESPONDENT, WAIT
from .results import ALL
from .services import REMARK_MAX_LENGTH, SCORES

RESPONDENT_CHOICES = {key: text for key, text in RESPONDENT.items() if key != ALL}


def _score(value) -> int | None:
    """The chosen number, or None for anything else (the service says what is wrong)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def ScoreField(label) -> RadioField:  # noqa: N802  (reads like the field classes)
    # The service checks the range, so a tampered value gets the same message as none.
    return RadioField(
        label,
        choices=[SelectChoice(str(score), str(score)) for score in SCORES],
        coerce=_score,
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose a number from 1 to 5."))],
    )


def _optional_choice(value) -> str:
    return value or ""


def OptionalChoice(label, labels: dict) -> RadioField:  # noqa: N802
    # Every question may be skipped; the service refuses a value that is not an answer.
    return RadioField(
        label,
        choices=[SelectChoice(str(key), str(text)) for key, text in labels.items()],
        coerce=_optional_choice,
        validate_choice=False,
        validators=[Optional()],
    )


RESPONDENT_QUESTION = _l(
    "Do you answer as a resident, for an organisation or for a business? (optional)"
)


class ExpectationsForm(Form):
    outcome = OptionalChoice(
        _l("What do you expect to happen with your comment? (optional)"), OUTCOME
    )
    wait = OptionalChoice(_l("How long do you expect to wait for a response? (optional)"), WAIT)
    respondent = OptionalChoice(RESPONDENT_QUESTION, RESPONDENT_CHOICES)


class SurveyForm(Form):
    satisfaction = ScoreField(_l("How satisfied are you with taking part in this consultation?"))
    ease = ScoreField(_l("How easy was it to take part?"))
    remark = TextAreaField(
        _l("Anything else you would like to tell us? (optional)"),
        validators=[
            Length(
                max=REMARK_MAX_LENGTH,
                message=_l("Please keep your remark to %(max)d characters or fewer."),
            )
        ],
        render_kw={"maxlength": REMARK_MAX_LENGTH, "rows": 3},
    )
    respondent = OptionalChoice(RESPONDENT_QUESTION, RESPONDENT_CHOICES)
