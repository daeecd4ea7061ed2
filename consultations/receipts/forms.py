"""The form on the track page: type a reference number."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import InputRequired

from ..forms import Form
from .references import MAX_LENGTH


class TrackForm(Form):
    """A GET form, so it works without JavaScript and the result page has its own address."""

    class Meta(Form.Meta):
        csrf = False  # looking something up changes nothing

    reference = StringField(
        _l("Reference number"),
        description=_l("As in your confirmation e-mail, for example C-7K3Q-9M2P."),
        validators=[InputRequired(message=_l("Type the reference number you were given."))],
        render_kw={
            "autocomplete": "off",
            "autocapitalize": "characters",
            "spellcheck": "false",
            # Room for the dashes and spaces people type between the groups.
            "maxlength": MAX_LENGTH + 8,
        },
    )
