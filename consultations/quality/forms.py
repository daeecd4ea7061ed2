"""The staff form for the service standards."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DecimalField, IntegerField
from wtforms.validators import InputRequired, NumberRange

from ..forms import Form
from .standards import LIMITS


def _range(name: str) -> NumberRange:
    low, high = LIMITS[name]
    return NumberRange(low, high, message=_l("Enter a number from %(min)s to %(max)s."))


def _required():
    return InputRequired(message=_l("Enter a number."))


class StandardsForm(Form):
    median_days = DecimalField(
        _l("Median days from closing to the first response, at most"),
        places=1,
        validators=[_required(), _range("median_days")],
        render_kw={"inputmode": "decimal"},
    )
    on_time_percent = IntegerField(
        _l("Comments answered by the response deadline, at least (per cent)"),
        validators=[_required(), _range("on_time_percent")],
        render_kw={"inputmode": "numeric"},
    )
    satisfaction = DecimalField(
        _l("Satisfaction, at least (1 to 5)"),
        places=1,
        validators=[_required(), _range("satisfaction")],
        render_kw={"inputmode": "decimal"},
    )
    fresh_percent = IntegerField(
        _l("Commitments with a recent progress update, at least (per cent)"),
        validators=[_required(), _range("fresh_percent")],
        render_kw={"inputmode": "numeric"},
    )
