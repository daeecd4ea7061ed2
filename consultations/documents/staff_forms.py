"""Staff forms of documents: an action plan's official documents."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import Length

from ..content import language_field
from ..forms import Form, add_per_language
from ..plans.staff_forms import LANGUAGE_LABELS
from .forms import DocumentsField


class PlanDocumentForm(Form):
    """An official document of an action plan: the file and its title in each language."""

    file = DocumentsField(_l("File"), limit=1)

    def titles(self) -> dict[str, str]:
        return {lang: (self[f"title_{lang}"].data or "").strip() for lang in self.languages()}

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not any(self.titles().values()):
            self[language_field("title")].errors.append(
                _("Give the title in at least one language.")
            )
            valid = False
        if valid and not self.file.received:
            self.file.errors.append(_("Choose a file to upload."))
            valid = False
        return valid


add_per_language(
    PlanDocumentForm,
    "title",
    lambda lang: StringField(
        _l("Title (%(language)s)", language=LANGUAGE_LABELS[lang]), validators=[Length(max=300)]
    ),
)
