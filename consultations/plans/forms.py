"""Forms of the public plan pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectField

from ..forms import Form
from .labels import DERIVED_STATUS, OGP_VALUE
from .queries import CommitmentFilters

ORDER_LABELS = {"asc": _l("Ascending"), "desc": _l("Descending")}
SORT_LABELS = {
    "reference": _l("Reference"),
    "title": _l("Title"),
    "status": _l("Status"),
    "percent": _l("Percent complete"),
    "updated": _l("Last update"),
    "due": _l("Next milestone due"),
}


def choices(labels: dict) -> list[SelectChoice]:
    """One option per entry of a value → label mapping, in its order."""
    return [SelectChoice(str(value), label) for value, label in labels.items()]


class CommitmentFilterForm(Form):
    """Filter and sort a plan's commitments; a GET form, so it works without JavaScript."""

    class Meta:
        csrf = False  # a GET filter changes nothing

    agency = SelectField(_l("Lead agency"), choices=[])
    status = SelectField(
        _l("Status"),
        choices=[SelectChoice("", _l("Any status")), *choices(DERIVED_STATUS)],
    )
    value = SelectField(
        _l("OGP value"),
        choices=[SelectChoice("", _l("Any value")), *choices(OGP_VALUE)],
    )
    sort = SelectField(_l("Sort by"), choices=choices(SORT_LABELS), default="reference")
    order = SelectField(
        _l("Order"),
        choices=choices(ORDER_LABELS),
        default="asc",
    )

    def filters(self) -> CommitmentFilters:
        """The chosen filters; a value that is not among the choices falls back to the default."""

        def chosen(field, default: str = "") -> str:
            allowed = {str(choice.value) for choice in field.choices}
            if field.data is None or str(field.data) not in allowed:
                field.data = default
            return str(field.data)

        return CommitmentFilters(
            agency=chosen(self.agency),
            status=chosen(self.status),
            value=chosen(self.value),
            sort=chosen(self.sort, "reference"),
            descending=chosen(self.order, "asc") == "desc",
        )
