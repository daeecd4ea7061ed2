"""What the Independent Reporting Mechanism records about a commitment's design, and the
facts OGP's template asks for beside it: policy area, contact person, budget.

The staff form, the CSV import and the demo all pass a `Design` to the commitment writer,
which checks it with `check_design` and copies it onto the commitment.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal

from babel.numbers import list_currencies
from flask_babel import gettext as _

from ..errors import FieldRejected
from .models import POLICY_AREAS, Commitment, PotentialForResults, PotentialImpact

MAX_BUDGET = Decimal("99999999999999.99")  # Numeric(16, 2)


@dataclass
class Design:
    verifiable: bool | None = None
    relevant: bool | None = None
    potential_for_results: PotentialForResults | None = None
    potential_impact: PotentialImpact | None = None
    promising: bool | None = None
    starred: bool | None = None
    policy_area: str | None = None
    contact_person: str = ""
    budget_amount: Decimal | None = None
    budget_currency: str = ""
    budget_source: str = ""
    schedule_note: str = ""

    @classmethod
    def of(cls, commitment: Commitment) -> Design:
        return cls(**{item.name: getattr(commitment, item.name) for item in fields(cls)})

    def apply(self, commitment: Commitment) -> None:
        for item in fields(self):
            setattr(commitment, item.name, getattr(self, item.name))

    def snapshot(self) -> dict:
        """The fields as the audit log and the API write them."""
        out = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, Decimal):
                value = str(value)
            elif hasattr(value, "value"):
                value = value.value
            out[item.name] = value
        return out


def check_design(design: Design) -> Design:
    """Refuse what the rules do not allow; return the design with its texts tidied."""
    design.contact_person = " ".join(design.contact_person.split())
    design.budget_source = " ".join(design.budget_source.split())
    design.schedule_note = " ".join(design.schedule_note.split())
    design.budget_currency = design.budget_currency.strip().upper()
    if design.policy_area is not None and design.policy_area not in POLICY_AREAS:
        raise FieldRejected("policy_area", _("Choose one of OGP's policy areas."))
    if len(design.contact_person) > 200:
        raise FieldRejected("contact_person", _("Keep this within %(max)s characters.", max=200))
    if len(design.schedule_note) > 300:
        raise FieldRejected("schedule_note", _("Keep this within %(max)s characters.", max=300))
    if len(design.budget_source) > 300:
        raise FieldRejected("budget_source", _("Keep this within %(max)s characters.", max=300))
    if design.budget_amount is not None and not Decimal(0) <= design.budget_amount <= MAX_BUDGET:
        raise FieldRejected("budget_amount", _("Give an amount of zero or more."))
    if design.budget_currency and design.budget_currency not in list_currencies():
        raise FieldRejected(
            "budget_currency", _("Use a three-letter ISO 4217 currency code, e.g. EUR or ILS.")
        )
    if design.budget_amount is not None and not design.budget_currency:
        raise FieldRejected("budget_currency", _("Give the currency of the amount."))
    return design
