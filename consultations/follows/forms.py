"""Forms of follows: the follow button, how often to mail, and the unsubscribe page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice
from wtforms.validators import InputRequired

from ..forms import Form
from .models import Frequency


class FollowForm(Form):
    """Only its CSRF token: the follow and unfollow buttons."""


def frequency_choices():
    return [
        SelectChoice(Frequency.IMMEDIATE.value, _l("Immediately: one e-mail for each change")),
        SelectChoice(Frequency.DAILY.value, _l("Once a day: one summary of the day's changes")),
        SelectChoice(Frequency.NEVER.value, _l("Never: no notification e-mail")),
    ]


class FrequencyForm(Form):
    frequency = RadioField(
        _l("How often should we e-mail you?"),
        choices=frequency_choices,
        validators=[InputRequired(message=_l("Choose how often you want e-mail."))],
    )


class UnsubscribeForm(Form):
    """Sent without a login from an e-mail link: the signed token in the address is what
    authorizes it, so there is no CSRF token (the RFC 8058 one-click POST has none either)."""

    class Meta(Form.Meta):
        csrf = False

    scope = RadioField(
        choices=[SelectChoice("follow", "follow"), SelectChoice("all", "all")], validate_choice=True
    )
