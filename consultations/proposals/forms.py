"""The co-creation timeline form, the proposal form, the answer and moderation forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..comments.forms import ReplyForm
from ..documents.forms import DocumentsField
from ..forms import Form, add_per_language
from ..plans.labels import OGP_VALUE
from ..plans.staff_forms import LANGUAGE_LABELS
from .labels import OUTCOME, STAGE
from .models import STAGES
from .services import TEXT_MAX, TITLE_MAX


class TimelineForm(Form):
    """Every stage's dates and ways to take part, and a note saying what changed."""

    note = TextAreaField(
        _l("What changed and why"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Shown with the dated change once the timeline is published."),
    )

    def stages(self) -> dict:
        return {
            stage: (
                self[f"{stage.value}_starts_on"].data,
                self[f"{stage.value}_ends_on"].data,
                {
                    lang: {"ways_to_take_part": self[f"{stage.value}_ways_{lang}"].data or ""}
                    for lang in self.languages()
                },
            )
            for stage in STAGES
        }


for _stage in STAGES:
    setattr(
        TimelineForm,
        f"{_stage.value}_starts_on",
        DateField(_l("%(stage)s: first day", stage=STAGE[_stage]), validators=[Optional()]),
    )
    setattr(
        TimelineForm,
        f"{_stage.value}_ends_on",
        DateField(_l("%(stage)s: last day", stage=STAGE[_stage]), validators=[Optional()]),
    )
    add_per_language(
        TimelineForm,
        f"{_stage.value}_ways",
        lambda lang, stage=_stage: TextAreaField(
            _l(
                "%(stage)s: ways to take part (%(language)s)",
                stage=STAGE[stage],
                language=LANGUAGE_LABELS[lang],
            ),
            validators=[Optional(), Length(max=TEXT_MAX)],
        ),
    )


def timeline_data(timeline) -> dict:
    """A saved timeline as form data."""
    data = {}
    for row in timeline.stages:
        data[f"{row.stage.value}_starts_on"] = row.starts_on
        data[f"{row.stage.value}_ends_on"] = row.ends_on
        for text in row.texts:
            data[f"{row.stage.value}_ways_{text.locale}"] = text.ways_to_take_part
    return data


class ProposalForm(Form):
    title = StringField(_l("Title"), validators=[InputRequired(), Length(max=TITLE_MAX)])
    problem = TextAreaField(
        _l("The problem to solve"),
        validators=[InputRequired(), Length(max=TEXT_MAX)],
        description=_l("What is wrong today, and who it affects."),
    )
    solution = TextAreaField(
        _l("The commitment you propose"),
        validators=[InputRequired(), Length(max=TEXT_MAX)],
        description=_l("What the government should do, and how it would solve the problem."),
    )
    lead_agency = SelectField(_l("Suggested lead agency"), choices=[], validate_choice=False)
    values = SelectMultipleField(
        _l("OGP values"),
        choices=[SelectChoice(key, label) for key, label in OGP_VALUE.items()],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )
    organisation = StringField(
        _l("On behalf of an organisation (optional)"),
        validators=[Optional(), Length(max=200)],
        description=_l(
            "The organisation's name as registered on this site; "
            "leave empty to propose as yourself."
        ),
    )

    # As many files as a comment may carry, through the same checks (COMMENT_ATTACHMENTS).
    documents = DocumentsField(_l("Documents (optional)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = proposal_documents()
        if limit:
            self.documents.limit = limit
        else:
            del self.documents

    def agency_id(self) -> int | None:
        raw = self.lead_agency.data or ""
        return int(raw) if raw.isdigit() else None

    def received(self) -> list:
        """The accepted files, waiting to be stored with the proposal."""
        return self.documents.received if "documents" in self else []


def proposal_documents() -> int:
    """How many files a proposal may carry: as many as a comment."""
    from ..comments.forms import comment_attachments

    return comment_attachments()


class AnswerForm(Form):
    outcome = RadioField(
        _l("What became of the proposal"),
        choices=[SelectChoice(outcome.value, label) for outcome, label in OUTCOME.items()],
        validators=[InputRequired(message=_l("Choose what became of the proposal."))],
    )
    commitment = SelectField(
        _l("The commitment it shaped"),
        choices=[],
        validate_choice=False,
        description=_l("For a proposal included or partly included."),
    )
    merged_into = SelectField(
        _l("The proposal it was merged into"),
        choices=[],
        validate_choice=False,
        description=_l("For a proposal merged into another."),
    )
    reasons = TextAreaField(
        _l("Reasons"),
        validators=[InputRequired(), Length(max=TEXT_MAX)],
        description=_l("How the proposal was considered, and why it was or was not taken up."),
    )

    @staticmethod
    def number(field) -> int | None:
        raw = field.data or ""
        return int(raw) if raw.isdigit() else None


class HideForm(Form):
    reason = TextAreaField(
        _l("Reason shown to the public"), validators=[InputRequired(), Length(max=1000)]
    )


class ProposalCommentForm(ReplyForm):
    """A consultation comment's form (text, language, the bot trap) without a stance or files."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.stance
        if "attachments" in self:
            del self.attachments
