"""Forms of the gaps page and of the self-assessment report."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectField, TextAreaField
from wtforms.validators import Length

from ..forms import Form
from ..plans.forms import ORDER_LABELS, choices
from ..plans.staff_forms import form_texts, per_language
from .gaps import GapFilters
from .services import MAX_SECTION, SECTIONS

GAP_SORTS = {
    "distance": _l("Steps apart"),
    "since": _l("Apart since"),
    "reference": _l("Reference"),
    "agency": _l("Lead agency"),
}
PERIODS = {"mid_term": _l("Mid-term"), "end_of_term": _l("End of term")}


class GapFilterForm(Form):
    """Filter and sort a plan's gaps; a GET form, so it works without JavaScript."""

    class Meta:
        csrf = False  # a GET filter changes nothing

    agency = SelectField(_l("Lead agency"), choices=[])
    sort = SelectField(_l("Sort by"), choices=choices(GAP_SORTS), default="distance")
    order = SelectField(_l("Order"), choices=choices(ORDER_LABELS), default="desc")

    def filters(self) -> GapFilters:
        """The chosen filters; a value that is not among the choices falls back to the default."""

        def chosen(field, default: str = "") -> str:
            allowed = {str(choice.value) for choice in field.choices}
            if field.data is None or str(field.data) not in allowed:
                field.data = default
            return str(field.data)

        return GapFilters(
            agency=chosen(self.agency),
            sort=chosen(self.sort, "distance"),
            descending=chosen(self.order, "desc") == "desc",
        )


class StartReportForm(Form):
    period = SelectField(_l("Period"), choices=[SelectChoice(k, v) for k, v in PERIODS.items()])


class NarrativeForm(Form):
    """The coordinator's sections, one field per section and language."""

    def texts(self) -> dict[str, dict[str, str]]:
        return form_texts(self, SECTIONS)


SECTION_FIELDS = {
    "introduction": lambda language: TextAreaField(
        _l("Introduction (%(language)s)", language=language),
        validators=[Length(max=MAX_SECTION)],
    ),
    "process": lambda language: TextAreaField(
        _l("Co-creation and consultation (%(language)s)", language=language),
        validators=[Length(max=MAX_SECTION)],
    ),
    "conclusions": lambda language: TextAreaField(
        _l("Conclusions and next steps (%(language)s)", language=language),
        validators=[Length(max=MAX_SECTION)],
    ),
}

for _name, _make in SECTION_FIELDS.items():
    per_language(NarrativeForm, _name, _make)


def narrative_data(report) -> dict:
    """The form's fields filled from the report's texts."""
    return {
        f"{name}_{text.locale}": getattr(text, name) for text in report.texts for name in SECTIONS
    }
