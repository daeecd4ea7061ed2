"""Staff forms for consultations: the consultation itself (texts and schedule) and its sections.

Translatable content has one field per site language, named `<field>_<lang>`; `texts()`
turns those into the `{lang: {field: value}}` the services take. Dates and times are typed
in the deployment's time zone and handed to the services in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import DateField, SelectChoice, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..clock import as_utc
from ..forms import Form
from ..plans.staff_forms import form_texts, optional_int, per_language, text_data
from .models import Consultation, Section

# When a deadline is given as a date only, it runs to the end of that day.
END_OF_DAY = time(23, 59)


def local_zone() -> ZoneInfo:
    """The deployment's time zone, in which staff type dates and times."""
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def to_utc(day: date, moment: time) -> datetime:
    """A date and time typed in the deployment's time zone, as a UTC datetime."""
    return datetime.combine(day, moment, tzinfo=local_zone()).astimezone(UTC)


def to_local(moment: datetime) -> datetime:
    """A stored UTC datetime in the deployment's time zone, to the minute, for a form."""
    return as_utc(moment).astimezone(local_zone()).replace(second=0, microsecond=0)


def _require_pair(form: Form, needed: str, extra: str, message: str) -> bool:
    """Per language, `extra` text needs its `needed` text too; otherwise it would be dropped."""
    valid = True
    for lang in form.languages():
        if (form[f"{extra}_{lang}"].data or "").strip() and not (
            form[f"{needed}_{lang}"].data or ""
        ).strip():
            form[f"{needed}_{lang}"].errors.append(message)
            valid = False
    return valid


def _heading(language):
    return StringField(
        _l("Section heading (%(language)s)", language=language), validators=[Length(max=300)]
    )


def _body(language):
    return TextAreaField(_l("Section text (%(language)s)", language=language))


class PlacementForm(Form):
    """Where a new consultation belongs; its fields come first on the page."""

    # Any value parses; the view answers 403 for a plan or agency the person may not use.
    plan = SelectField(
        _l("Action plan"),
        coerce=optional_int,
        choices=[],
        validate_choice=False,
        validators=[InputRequired()],
    )
    agency = SelectField(
        _l("Agency"),
        coerce=optional_int,
        choices=[],
        validate_choice=False,
        validators=[InputRequired()],
        description=_l("The agency that runs the consultation and answers its comments."),
    )
    commitment = StringField(
        _l("Commitment reference"),
        validators=[Optional(), Length(max=12)],
        description=_l(
            "To consult on one draft commitment of the plan, e.g. IL0024. "
            "Leave empty to consult on the whole plan."
        ),
    )
    slug = StringField(
        _l("Address name"),
        validators=[DataRequired(), Length(max=80)],
        description=_l("Used in the page address, e.g. open-budget-data."),
    )


class ScheduleForm(Form):
    """A consultation's title, introduction and schedule, shared by creating and editing."""

    opens_on = DateField(_l("Opens on"), validators=[InputRequired()])
    opens_time = TimeField(_l("Opening time"), validators=[InputRequired()])
    closes_on = DateField(_l("Closes on"), validators=[InputRequired()])
    closes_time = TimeField(_l("Closing time"), validators=[InputRequired()])
    deadline_on = DateField(_l("Response deadline"), validators=[Optional()])
    deadline_time = TimeField(
        _l("Response deadline time"),
        validators=[Optional()],
        description=_l("If left empty: the end of the day."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = current_app.config["RESPONSE_DAYS"]
        self.deadline_on.description = ngettext(
            "If left empty: %(num)d day after the closing.",
            "If left empty: %(num)d days after the closing.",
            days,
        )

    def texts(self) -> dict[str, dict[str, str]]:
        return form_texts(self, ("title", "introduction"))

    def schedule(self, existing: Consultation | None = None) -> tuple:
        """Opening, closing and deadline in UTC (deadline None for the default). A time
        left as the form showed it keeps its stored seconds, so an untouched field is
        never taken for a change."""
        opens = to_utc(self.opens_on.data, self.opens_time.data)
        closes = to_utc(self.closes_on.data, self.closes_time.data)
        deadline = None
        if self.deadline_on.data:
            deadline = to_utc(self.deadline_on.data, self.deadline_time.data or END_OF_DAY)
        if existing is not None:
            opens = _unless_same(opens, existing.opens_at)
            closes = _unless_same(closes, existing.closes_at)
            deadline = deadline and _unless_same(deadline, existing.response_deadline)
        return opens, closes, deadline

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        paired = _require_pair(
            self,
            "title",
            "introduction",
            _("Give a title in this language too, or clear its introduction."),
        )
        return valid and paired


def _unless_same(typed: datetime, stored: datetime) -> datetime:
    return as_utc(stored) if typed == to_local(stored).astimezone(UTC) else typed


per_language(
    ScheduleForm,
    "title",
    lambda language: StringField(
        _l("Title (%(language)s)", language=language), validators=[Length(max=300)]
    ),
)
per_language(
    ScheduleForm,
    "introduction",
    lambda language: TextAreaField(_l("Introduction (%(language)s)", language=language)),
)


class NewConsultationForm(PlacementForm, ScheduleForm):
    """A new consultation: where it belongs, its address, and the draft's first section."""

    def section_texts(self) -> dict[str, dict[str, str]]:
        return form_texts(self, ("heading", "body"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        paired = _require_pair(
            self, "body", "heading", _("Write the section's text in this language too.")
        )
        return valid and paired


per_language(NewConsultationForm, "heading", _heading)
per_language(NewConsultationForm, "body", _body)


def new_consultation_data() -> dict:
    """Usual times to start from: opening in the morning, closing at the end of the day."""
    return {"opens_time": time(9, 0), "closes_time": END_OF_DAY}


def edit_form(consultation: Consultation, moment: datetime) -> ScheduleForm:
    """The form to change a consultation, saying so when its opening can no longer move."""
    form = ScheduleForm(data=consultation_data(consultation))
    if moment >= as_utc(consultation.opens_at):
        form.opens_on.description = _(
            "The consultation has opened; its opening can no longer move."
        )
    return form


def consultation_data(consultation: Consultation) -> dict:
    opens = to_local(consultation.opens_at)
    closes = to_local(consultation.closes_at)
    deadline = to_local(consultation.response_deadline)
    return {
        "opens_on": opens.date(),
        "opens_time": opens.time(),
        "closes_on": closes.date(),
        "closes_time": closes.time(),
        "deadline_on": deadline.date(),
        "deadline_time": deadline.time(),
        **text_data(consultation, ("title", "introduction")),
    }


class SectionForm(Form):
    def texts(self) -> dict[str, dict[str, str]]:
        return form_texts(self, ("heading", "body"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        paired = _require_pair(
            self, "body", "heading", _("Write the section's text in this language too.")
        )
        return valid and paired


per_language(SectionForm, "heading", _heading)
per_language(SectionForm, "body", _body)


def section_data(section: Section | None) -> dict:
    return text_data(section, ("heading", "body")) if section else {}


def plan_choices(plans, placeholder: str) -> list[SelectChoice]:
    """Plans by title in the reader's language; a fallback title keeps its own `lang`."""
    choices = [SelectChoice("", placeholder)]
    for plan in plans:
        shown = plan.text("title")
        render_kw = {"lang": shown.lang} if shown.fallback else {}
        choices.append(SelectChoice(plan.id, shown.text, render_kw))
    return choices
