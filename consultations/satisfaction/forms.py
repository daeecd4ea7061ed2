"""The two-question satisfaction survey."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, TextAreaField
from wtforms.validators import InputRequired, Length

from ..forms import Form
from .services import REMARK_MAX_LENGTH, SCORES


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
