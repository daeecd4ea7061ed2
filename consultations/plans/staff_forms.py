"""Staff forms for plans, commitments, milestones, progress updates and assessments.

Translatable content has one field per site language, named `<field>_<lang>`; `texts()`
turns those into the `{lang: {field: value}}` the services take.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from markupsafe import Markup
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.validators import ValidationError as FieldError

from ..accounts.forms import LanguageField
from ..bidi import ltr_markup
from ..content import language_field
from ..documents.forms import DocumentsField
from ..forms import Form, add_per_language
from . import evidence as evidence_links
from .design import Design
from .labels import (
    ASSESSED_COMPLETION,
    COMPLETION,
    MILESTONE_STATUS,
    OGP_VALUE,
    OPENED_GOVERNMENT,
    PLAN_STATUS,
    POLICY_AREA,
    POTENTIAL_FOR_RESULTS,
    POTENTIAL_IMPACT,
)
from .models import (
    OGP_VALUES,
    Commitment,
    MilestoneStatus,
    OpenedGovernment,
    PotentialForResults,
    PotentialImpact,
)

LANGUAGE_LABELS = {
    "he": _l("Hebrew"),
    "lv": _l("Latvian"),
    "hu": _l("Hungarian"),
    "en": _l("English"),
    "ar": _l("Arabic"),
    "ru": _l("Russian"),
}


def optional_int(value) -> int | None:
    """An id from a select whose first option is an empty placeholder."""
    return None if value in ("", None) else int(value)


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(str(value), label) for value, label in labels.items()]


def per_language(form_class: type[Form], name: str, make) -> None:
    """Give `form_class` one field `<name>_<lang>` per language, `make(language label)` each."""
    add_per_language(form_class, name, lambda lang: make(LANGUAGE_LABELS[lang]))


def form_texts(form: Form, names: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """The form's per-language fields as `{lang: {name: value}}`, for the services."""
    return {
        lang: {name: form[f"{name}_{lang}"].data or "" for name in names}
        for lang in form.languages()
    }


def text_data(owner, names: tuple[str, ...]) -> dict[str, str]:
    """A translated record's rows as form data (`title_he`, `title_en`, …)."""
    return {f"{name}_{row.locale}": getattr(row, name) for row in owner.texts for name in names}


class PlanForm(Form):
    slug = StringField(
        _l("Address name"),
        validators=[DataRequired(), Length(max=80)],
        description=_l("Used in the page address, e.g. israel-2025."),
    )
    country = StringField(
        _l("Country code"),
        validators=[DataRequired(), Length(min=2, max=2)],
        description=_l("Two letters, e.g. IL, LV or HU."),
    )
    number = IntegerField(
        _l("Plan number"),
        validators=[InputRequired(), NumberRange(min=1, max=99)],
        description=_l("1 for the country's first national action plan, 2 for its second…"),
    )
    period_start = DateField(_l("Period starts"), validators=[InputRequired()])
    period_end = DateField(_l("Period ends"), validators=[InputRequired()])
    status = SelectField(_l("Status"), choices=_choices(PLAN_STATUS))
    coordinating_agency = SelectField(
        _l("Coordinating agency"),
        coerce=int,
        choices=[],
        description=_l("Its coordinators are the plan's national coordinators."),
    )

    def texts(self) -> dict[str, dict[str, str]]:
        return form_texts(self, ("title", "summary"))


def plan_data(plan) -> dict:
    if plan is None:
        return {}
    return {
        "slug": plan.slug,
        "country": plan.country,
        "number": plan.number,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "status": plan.status.value,
        "coordinating_agency": plan.coordinating_agency_id,
        **text_data(plan, ("title", "summary")),
    }


per_language(
    PlanForm,
    "title",
    lambda language: StringField(
        _l("Title (%(language)s)", language=language), validators=[Length(max=300)]
    ),
)
per_language(
    PlanForm,
    "summary",
    lambda language: TextAreaField(_l("Summary (%(language)s)", language=language)),
)

NOT_ASSESSED = _l("not assessed")


def _unknown_or(labels: dict, placeholder=NOT_ASSESSED) -> list[SelectChoice]:
    """A select whose empty first option means "not known yet"."""
    return [SelectChoice("", placeholder), *_choices(labels)]


def _yes_no() -> list[SelectChoice]:
    return [
        SelectChoice("", NOT_ASSESSED),
        SelectChoice("yes", _l("yes")),
        SelectChoice("no", _l("no")),
    ]


def _tristate(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def _tristate_data(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


COMMITMENT_TEXT_FIELDS = {
    "title": lambda language: StringField(
        _l("Title (%(language)s)", language=language), validators=[Length(max=300)]
    ),
    "problem": lambda language: TextAreaField(
        _l("Problem addressed (%(language)s)", language=language)
    ),
    "objective": lambda language: TextAreaField(_l("Objective (%(language)s)", language=language)),
    "description": lambda language: TextAreaField(
        _l("Description (%(language)s)", language=language)
    ),
    "other_actors": lambda language: TextAreaField(
        _l("Other actors (%(language)s)", language=language)
    ),
}


class CommitmentForm(Form):
    reference = StringField(
        _l("Reference"),
        validators=[DataRequired(), Length(max=12)],
        description=_l("The country code and four digits, e.g. IL0024."),
    )
    # Any value parses; the view answers 403 for an agency the person does not cover.
    lead_agency = SelectField(
        _l("Lead agency"),
        coerce=optional_int,
        choices=[],
        validate_choice=False,
        validators=[InputRequired()],
    )
    source_locale = LanguageField(_l("Original language"))
    start_date = DateField(_l("Start date"), validators=[Optional()])
    end_date = DateField(_l("End date"), validators=[Optional()])
    access_to_information = BooleanField(OGP_VALUE["access_to_information"])
    civic_participation = BooleanField(OGP_VALUE["civic_participation"])
    public_accountability = BooleanField(OGP_VALUE["public_accountability"])
    technology = BooleanField(OGP_VALUE["technology"])
    schedule_note = StringField(
        _l("Note on the dates"),
        validators=[Length(max=300)],
        description=_l("Instead of or beside the dates, e.g. “Permanent activity”."),
    )
    policy_area = SelectField(
        _l("Policy area"),
        choices=_unknown_or(POLICY_AREA, _l("Choose a policy area")),
        default="",
    )
    contact_person = StringField(
        _l("Contact person"),
        validators=[Length(max=200)],
        description=_l("Name, title and agency of the person who answers for it."),
    )
    budget_amount = DecimalField(
        _l("Budget"), places=2, validators=[Optional(), NumberRange(min=0)]
    )
    budget_currency = StringField(
        _l("Currency"),
        validators=[Length(max=3)],
        description=_l("Three letters (ISO 4217), e.g. EUR, ILS or HUF."),
    )
    budget_source = StringField(
        _l("Source of the budget"),
        validators=[Length(max=300)],
        description=_l("Where the money comes from, e.g. the agency's own budget."),
    )
    verifiable = SelectField(_l("Verifiable"), choices=_yes_no(), default="")
    relevant = SelectField(_l("Relevant to OGP values"), choices=_yes_no(), default="")
    potential_for_results = SelectField(
        _l("Potential for results"), choices=_unknown_or(POTENTIAL_FOR_RESULTS), default=""
    )
    potential_impact = SelectField(
        _l("Potential impact (older plans)"), choices=_unknown_or(POTENTIAL_IMPACT), default=""
    )
    promising = SelectField(_l("Promising"), choices=_yes_no(), default="")
    starred = SelectField(_l("Starred"), choices=_yes_no(), default="")

    def values(self) -> set[str]:
        return {value for value in OGP_VALUES if getattr(self, value).data}

    def design(self) -> Design:
        return Design(
            verifiable=_tristate(self.verifiable.data),
            relevant=_tristate(self.relevant.data),
            potential_for_results=(
                PotentialForResults(self.potential_for_results.data)
                if self.potential_for_results.data
                else None
            ),
            potential_impact=(
                PotentialImpact(self.potential_impact.data) if self.potential_impact.data else None
            ),
            promising=_tristate(self.promising.data),
            starred=_tristate(self.starred.data),
            policy_area=self.policy_area.data or None,
            contact_person=self.contact_person.data or "",
            budget_amount=self.budget_amount.data,
            budget_currency=self.budget_currency.data or "",
            budget_source=self.budget_source.data or "",
            schedule_note=self.schedule_note.data or "",
        )

    def texts(self) -> dict[str, dict[str, str]]:
        return form_texts(self, tuple(COMMITMENT_TEXT_FIELDS))


for _name, _make in COMMITMENT_TEXT_FIELDS.items():
    per_language(CommitmentForm, _name, _make)


def commitment_data(commitment: Commitment | None) -> dict:
    if commitment is None:
        return {}
    return {
        "reference": commitment.reference,
        "lead_agency": commitment.lead_agency_id,
        "source_locale": commitment.source_locale,
        "start_date": commitment.start_date,
        "end_date": commitment.end_date,
        **{value: getattr(commitment, value) for value in OGP_VALUES},
        **design_data(commitment),
        **text_data(commitment, tuple(COMMITMENT_TEXT_FIELDS)),
    }


def design_data(commitment: Commitment) -> dict:
    design = Design.of(commitment)
    return {
        **{name: _tristate_data(getattr(design, name)) for name in TRISTATE_FIELDS},
        "potential_for_results": design.potential_for_results or "",
        "potential_impact": design.potential_impact or "",
        "policy_area": design.policy_area or "",
        "contact_person": design.contact_person,
        "budget_amount": design.budget_amount,
        "budget_currency": design.budget_currency,
        "budget_source": design.budget_source,
        "schedule_note": design.schedule_note,
    }


TRISTATE_FIELDS = ("verifiable", "relevant", "promising", "starred")


class MilestoneForm(Form):
    start_date = DateField(_l("Start date"), validators=[Optional()])
    due_date = DateField(_l("Due date"), validators=[InputRequired()])

    def texts(self) -> dict[str, dict[str, str]]:
        return form_texts(self, ("deliverable",))


def milestone_data(milestone) -> dict:
    if milestone is None:
        return {}
    return {
        "start_date": milestone.start_date,
        "due_date": milestone.due_date,
        **text_data(milestone, ("deliverable",)),
    }


per_language(
    MilestoneForm,
    "deliverable",
    lambda language: TextAreaField(_l("Deliverable (%(language)s)", language=language)),
)


def check_evidence(_form, field) -> None:
    _links, problems = evidence_links.parse_links(field.data or "")
    if problems:
        raise FieldError(" ".join(problems))


def _evidence_hint() -> Markup:
    return ltr_markup(
        _("One web address per line, starting with %(http)s or %(https)s."),
        http="http://",
        https="https://",
    )


MAX_EVIDENCE_FILES = 10


class PublishedForm(Form):
    """What progress updates and assessments share: a narrative and evidence links."""

    evidence = TextAreaField(
        _l("Evidence"),
        validators=[check_evidence],
        description=LazyString(_evidence_hint),
    )
    files = DocumentsField(_l("Evidence files"), limit=MAX_EVIDENCE_FILES)

    def narratives(self) -> dict[str, str]:
        return {lang: self[f"narrative_{lang}"].data or "" for lang in self.languages()}

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not any(text.strip() for text in self.narratives().values()):
            self[language_field("narrative")].errors.append(
                _("Write the narrative in at least one language.")
            )
            return False
        return valid


per_language(
    PublishedForm,
    "narrative",
    lambda language: TextAreaField(_l("Narrative (%(language)s)", language=language)),
)


def published_data(record) -> dict:
    """An earlier record as form data, for its correction to start from."""
    return {**text_data(record, ("narrative",)), "evidence": "\n".join(record.evidence)}


class UpdateForm(PublishedForm):
    as_of = DateField(
        _l("Progress as of"),
        validators=[Optional()],
        description=_l(
            "Only for progress that happened earlier: the day it reports on. Empty means today."
        ),
    )
    status = SelectField(_l("Status"), choices=_choices(COMPLETION))
    percent_complete = IntegerField(
        _l("Percent complete"), validators=[InputRequired(), NumberRange(min=0, max=100)]
    )

    milestone_ids: list[int] = []

    def milestone_states(self) -> dict[int, tuple[MilestoneStatus, date | None]]:
        return {
            milestone_id: (
                MilestoneStatus(getattr(self, f"milestone_{milestone_id}_status").data),
                getattr(self, f"milestone_{milestone_id}_completed_on").data,
            )
            for milestone_id in self.milestone_ids
        }

    def milestone_fields(self, milestone_id: int) -> tuple:
        return (
            getattr(self, f"milestone_{milestone_id}_status"),
            getattr(self, f"milestone_{milestone_id}_completed_on"),
        )


def update_form(commitment: Commitment, **data) -> UpdateForm:
    """The progress update form, with a state and completion date for each milestone."""

    class Form(UpdateForm):
        milestone_ids = [milestone.id for milestone in commitment.milestones]

    for milestone in commitment.milestones:
        number = milestone.position
        setattr(
            Form,
            f"milestone_{milestone.id}_status",
            SelectField(
                _l("State of milestone %(number)d", number=number),
                choices=_choices(MILESTONE_STATUS),
            ),
        )
        setattr(
            Form,
            f"milestone_{milestone.id}_completed_on",
            DateField(
                _l("Milestone %(number)d completed on", number=number),
                validators=[Optional()],
                description=_l("Only for a complete milestone; today if left empty."),
            ),
        )
    return Form(data=data)


def update_data(commitment: Commitment, corrects=None) -> dict:
    """Start from the record being corrected, or from the commitment's current state."""
    states = {m.id: (m.status.value, m.completed_on) for m in commitment.milestones}
    data = {}
    if commitment.latest_status is not None:  # what its latest published update reported
        data = {
            "status": commitment.latest_status.value,
            "percent_complete": commitment.latest_percent,
        }
    if corrects is not None:
        for state in corrects.milestone_states:
            done = state["completed_on"]
            states[state["milestone_id"]] = (state["status"], done and date.fromisoformat(done))
        data = {
            **published_data(corrects),
            "status": corrects.status.value,
            "percent_complete": corrects.percent_complete,
        }
    for milestone_id, (status, completed_on) in states.items():
        data[f"milestone_{milestone_id}_status"] = status
        data[f"milestone_{milestone_id}_completed_on"] = completed_on
    return data


class AssessmentForm(PublishedForm):
    # "" is the whole commitment; otherwise a milestone's id (see `assessment_form`).
    milestone = SelectField(_l("What you assess"), choices=[], default="")
    completion = SelectField(_l("Completion"), choices=_choices(ASSESSED_COMPLETION))
    opened_government = SelectField(
        _l("Did it open government?"),
        choices=_unknown_or(OPENED_GOVERNMENT, _l("Choose (for the whole commitment)")),
        default="",
        description=_l("Leave it for a milestone: only a whole commitment opens government."),
    )

    def milestone_id(self) -> int | None:
        return optional_int(self.milestone.data)

    def opened(self) -> OpenedGovernment | None:
        return (
            OpenedGovernment(self.opened_government.data) if self.opened_government.data else None
        )


def assessment_form(commitment: Commitment, corrects=None) -> AssessmentForm:
    """The assessment form, offering the whole commitment or any one of its milestones."""
    form = AssessmentForm(data=assessment_data(corrects))
    form.milestone.choices = [
        SelectChoice("", _("The whole commitment")),
        *(
            SelectChoice(str(milestone.id), _("Milestone %(number)s", number=milestone.position))
            for milestone in commitment.milestones
        ),
    ]
    return form


def assessment_data(corrects=None) -> dict:
    if corrects is None:
        return {}
    return {
        **published_data(corrects),
        "milestone": str(corrects.milestone_id or ""),
        "completion": corrects.completion.value,
        "opened_government": corrects.opened_government.value if corrects.opened_government else "",
    }


def _required_yes_no() -> list[SelectChoice]:
    return [SelectChoice("yes", _l("yes")), SelectChoice("no", _l("no"))]


class DesignAssessmentForm(PublishedForm):
    files = None  # a design review links its evidence; it has no files of its own
    verifiable = SelectField(_l("Verifiable"), choices=_required_yes_no())
    relevant = SelectField(_l("Relevant to OGP values"), choices=_required_yes_no())
    potential_for_results = SelectField(
        _l("Potential for results"), choices=_choices(POTENTIAL_FOR_RESULTS)
    )
    promising = SelectField(_l("Promising"), choices=_required_yes_no())

    def verdict(self) -> dict:
        return {
            "verifiable": self.verifiable.data == "yes",
            "relevant": self.relevant.data == "yes",
            "potential_for_results": PotentialForResults(self.potential_for_results.data),
            "promising": self.promising.data == "yes",
        }


def agency_choices(agencies, placeholder: str | None = None) -> list[SelectChoice]:
    """Agencies by name in the reader's language; a fallback name keeps its own `lang`.
    A required select starts with an empty `placeholder` option."""
    choices = [SelectChoice("", placeholder)] if placeholder else []
    for agency in agencies:
        shown = agency.name()
        render_kw = {"lang": shown.lang} if shown.fallback else {}
        choices.append(SelectChoice(agency.id, shown.text, render_kw))
    return choices
