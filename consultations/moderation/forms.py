"""Forms for flagging, hiding, restoring and suspending; labels are lazy."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import Form
from .rules import RULES
from .services import NOTE_MAX_LENGTH


def rule_choices() -> list[SelectChoice]:
    """The participation rules, by their published titles."""
    return [SelectChoice(key, title) for key, (title, _description) in RULES.items()]


def _note(label, description=None, required: bool = False) -> TextAreaField:
    first = DataRequired(message=_l("Write why you are doing this.")) if required else Optional()
    return TextAreaField(
        label,
        validators=[first, Length(max=NOTE_MAX_LENGTH)],
        description=description,
    )


class FlagForm(Form):
    # The service says which rules exist, so a stale or forged value gets its message.
    reason = RadioField(
        _l("The rule it breaks"),
        choices=rule_choices,
        validate_choice=False,
        validators=[DataRequired(message=_l("Choose the rule this comment breaks."))],
    )
    note = _note(
        _l("Anything the moderators should know (optional)"),
        _l("At most 1,000 characters. Only moderators read this."),
    )


class HideForm(Form):
    rule = SelectField(
        _l("Participation rule broken"),
        choices=lambda: [SelectChoice("", _l("Choose a rule")), *rule_choices()],
        validate_choice=False,
        validators=[DataRequired(message=_l("Choose the rule this comment breaks."))],
    )
    note = _note(
        _l("Note to the author"),
        _l("Optional. Sent to the author by e-mail with the rule; not shown in public."),
    )


class RestoreForm(Form):
    note = _note(_l("Note for the audit log"), _l("Optional."))


class SuspendForm(Form):
    # What the moderator saw when they pressed the button, so a resent form does not undo it.
    action = HiddenField()
    note = _note(
        _l("Reason"),
        _l("Recorded in the audit log. Required to suspend, optional to lift a suspension."),
    )
