"""Forms of the personal-data pages; labels are lazy so they follow the page's language."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, RadioField, SelectChoice
from wtforms.validators import DataRequired, InputRequired

from ..forms import Form
from .services import KEEP, REMOVE


class DownloadForm(Form):
    """Only its CSRF token: the download is a POST, so no other site can trigger it."""


def comment_choices() -> list[SelectChoice]:
    return [
        SelectChoice(KEEP, _l('Keep my comments, shown as written by "Deleted account"')),
        SelectChoice(REMOVE, _l("Remove the text of my comments")),
    ]


class DeleteAccountForm(Form):
    comments = RadioField(
        _l("What happens to your comments"),
        choices=comment_choices,
        validators=[DataRequired(message=_l("Choose what happens to your comments."))],
    )
    password = PasswordField(
        _l("Your password"),
        validators=[InputRequired(message=_l("Enter your password to confirm."))],
        description=_l("To confirm that it is really you."),
    )
