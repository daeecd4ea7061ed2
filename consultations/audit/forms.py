"""The audit log's filter form."""

from flask_babel import lazy_gettext as _l
from wtforms import SearchField, SelectChoice, SelectField
from wtforms.validators import Length, Optional

from ..forms import Form

# The kinds of things public events are about, as the filter offers them.
TARGET_TYPES = {
    "plan": _l("Action plan"),
    "commitment": _l("Commitment"),
    "agency": _l("Agency"),
    "consultation": _l("Consultation"),
    "comment": _l("Comment"),
}


class AuditFilterForm(Form):
    """Narrow the log to one kind of thing, or to one thing; a GET form that works without JS."""

    class Meta:
        csrf = False  # a GET filter changes nothing

    target_type = SelectField(
        _l("What changed"),
        choices=[
            SelectChoice("", _l("Anything")),
            *(SelectChoice(value, label) for value, label in TARGET_TYPES.items()),
        ],
    )
    target_id = SearchField(
        _l("Reference or address name"),
        validators=[Optional(), Length(max=80)],
        description=_l("For example IL0003 for a commitment, or a plan's address name."),
    )

    def filters(self) -> tuple[str, str]:
        """The chosen kind and identifier; anything not offered counts as no filter."""
        target_type = self.target_type.data if self.target_type.data in TARGET_TYPES else ""
        target_id = (self.target_id.data or "").strip()
        if len(target_id) > 80:
            target_id = ""
        self.target_type.data, self.target_id.data = target_type, target_id
        return target_type, target_id
