"""The search form: a GET form, so a search is a link that can be shared and bookmarked."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SearchField, SelectChoice, SelectField

from ..forms import Form
from .text import MAX_QUERY_LENGTH

KIND_LABELS = {
    "commitment": _l("Commitment"),
    "consultation": _l("Consultation"),
    "section": _l("Consultation section"),
    "update": _l("Progress update"),
    "comment": _l("Comment"),
    "document": _l("Document"),
    "proposal": _l("Proposal"),
    # TRANSLATORS: a meeting of the multi-stakeholder forum, as a kind of search result.
    "meeting": _l("Forum meeting"),
    "forum": _l("Multi-stakeholder forum"),
}
KIND_CHOICES = {
    "": _l("Everything"),
    "commitment": _l("Commitments"),
    "consultation": _l("Consultations"),
    "section": _l("Consultation sections"),
    "update": _l("Progress updates"),
    "comment": _l("Comments"),
    "document": _l("Documents"),
    "proposal": _l("Proposals"),
    "meeting": _l("Forum meetings"),
    "forum": _l("Multi-stakeholder forums"),
}


class SearchForm(Form):
    """What to look for, and in which kind of thing."""

    class Meta:
        csrf = False  # a GET search changes nothing

    q = SearchField(
        _l("Search for"),
        description=_l(
            "Words in any of the site's languages. Accents, vowel marks and Hebrew prefixes "
            "are optional."
        ),
        render_kw={"maxlength": MAX_QUERY_LENGTH, "spellcheck": "false"},
    )
    kind = SelectField(
        _l("Show"),
        choices=[SelectChoice(value, label) for value, label in KIND_CHOICES.items()],
        default="",
    )

    def chosen_kind(self) -> str:
        """The kind asked for, or everything when the value is not one of the choices."""
        if self.kind.data not in KIND_CHOICES:
            self.kind.data = ""
        return self.kind.data
