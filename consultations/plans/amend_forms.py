"""Forms for amending an adopted plan: every one asks for the reason, in any language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, TextAreaField
from wtforms.validators import InputRequired, Optional

from ..forms import Form
from .staff_forms import (
    COMMITMENT_TEXT_FIELDS,
    CommitmentForm,
    form_texts,
    per_language,
    text_data,
)


def _reason_field(language):
    return TextAreaField(_l("Reason for the amendment (%(language)s)", language=language))


class ReasonForm(Form):
    """Only the reason: withdrawing a milestone."""

    def reasons(self) -> dict[str, str]:
        return {lang: self[f"reason_{lang}"].data or "" for lang in self.languages()}


per_language(ReasonForm, "reason", _reason_field)


class AmendCommitmentForm(ReasonForm):
    start_date = DateField(_l("Start date"), validators=[Optional()])
    end_date = DateField(_l("End date"), validators=[Optional()])

    def texts(self) -> dict[str, dict[str, str]]:
        return form_texts(self, tuple(COMMITMENT_TEXT_FIELDS))


for _name, _make in COMMITMENT_TEXT_FIELDS.items():
    per_language(AmendCommitmentForm, _name, _make)


def amend_commitment_data(commitment) -> dict:
    return {
        "start_date": commitment.start_date,
        "end_date": commitment.end_date,
        **text_data(commitment, tuple(COMMITMENT_TEXT_FIELDS)),
    }


class AmendMilestoneForm(ReasonForm):
    start_date = DateField(_l("Start date"), validators=[Optional()])
    due_date = DateField(_l("Due date"), validators=[InputRequired()])

    def texts(self) -> dict[str, dict[str, str]]:
        return form_texts(self, ("deliverable",))


per_language(
    AmendMilestoneForm,
    "deliverable",
    lambda language: TextAreaField(_l("Deliverable (%(language)s)", language=language)),
)


class AddedCommitmentForm(CommitmentForm):
    """A new commitment at a refresh: the draft form, plus why it is added."""

    def reasons(self) -> dict[str, str]:
        return {lang: self[f"reason_{lang}"].data or "" for lang in self.languages()}


per_language(AddedCommitmentForm, "reason", _reason_field)


class RefreshForm(Form):
    refreshed_on = DateField(_l("Refreshed on"), validators=[InputRequired()])

    def notes(self) -> dict[str, str]:
        return {lang: self[f"note_{lang}"].data or "" for lang in self.languages()}


per_language(
    RefreshForm,
    "note",
    lambda language: TextAreaField(_l("What changed (%(language)s)", language=language)),
)
