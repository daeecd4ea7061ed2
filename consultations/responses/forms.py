"""The coordinator's reasoned response form: outcome, reasons per language, what it answers."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import InputRequired

from ..consultation.labels import OUTCOME
from ..content import language_field
from ..forms import Form
from ..plans.staff_forms import per_language, text_data


class ResponseEditForm(Form):
    """An outcome and reasons in at least one language."""

    outcome = RadioField(
        _l("Outcome"),
        choices=[SelectChoice(outcome.value, label) for outcome, label in OUTCOME.items()],
        validators=[InputRequired(message=_l("Choose what became of the comments."))],
    )

    def texts(self) -> dict[str, dict[str, str]]:
        return {lang: {"reasons": self[f"reasons_{lang}"].data or ""} for lang in self.languages()}

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not any(texts["reasons"].strip() for texts in self.texts().values()):
            field = self[language_field("reasons")]
            field.errors = [
                *field.errors,
                _("Write the reasons in at least one language."),
            ]
            valid = False
        return valid


per_language(
    ResponseEditForm,
    "reasons",
    lambda language: TextAreaField(_l("Reasons (%(language)s)", language=language)),
)


class ResponseForm(ResponseEditForm):
    """A new response: the comments ticked on the page, or one whole section."""

    comments = SelectMultipleField(
        _l("Comments to answer"), coerce=int, choices=[], validate_choice=False
    )
    whole_section = SelectField(
        _l("Or answer a whole section"),
        choices=[],
        default="",
        description=_l(
            "Answers every comment on that section that has no response yet, "
            "instead of the comments ticked above."
        ),
    )

    def answering(self, consultation) -> dict:
        """What the response answers: the chosen section, else the ticked comments."""
        anchor = self.whole_section.data
        section = next((s for s in consultation.sections if s.anchor == anchor), None)
        return {"section": section} if section else {"comment_ids": self.comments.data}

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.comments.data and not self.whole_section.data:
            self.comments.errors = [
                *self.comments.errors,
                _("Tick at least one comment, or choose a whole section."),
            ]
            valid = False
        return valid


def section_choices(consultation, lang: str) -> list[SelectChoice]:
    """The consultation's sections by heading, after a "no, only the ticked comments" choice."""
    return [
        SelectChoice("", _("No, only the comments I ticked")),
        *(
            SelectChoice(section.anchor, section_title(section, lang))
            for section in consultation.sections
        ),
    ]


def section_title(section, lang: str) -> str:
    """A section's heading, or its number when it has none."""
    heading = section.text("heading", lang).text
    return heading or _("Section %(number)s", number=section.position)


def response_data(response) -> dict:
    return {"outcome": response.outcome.value, **text_data(response, ("reasons",))}
