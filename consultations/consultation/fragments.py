"""What a consultation page's kept facts (its agency, plan and commitment, named and linked)
are rendered from, as one stamp (consultations/fragments.py)."""

from __future__ import annotations

from ..fragments import table_stamp, untouched_form
from .models import Consultation

# The names and addresses of the consultation's agency, plan and commitment.
FACTS_TABLES = (
    "agencies",
    "agency_texts",
    "action_plans",
    "action_plan_texts",
    "commitments",
    "commitment_texts",
)


def facts_stamp(consultation: Consultation) -> tuple | None:
    """The facts' tables' versions and which agency, plan and commitment they name; None
    when the versions are unknown (rendered every time)."""
    tables = table_stamp(FACTS_TABLES)
    if tables is None:
        return None
    return tables, consultation.agency_id, consultation.plan_id, consultation.commitment_id


def comment_form_stamp(form) -> tuple | None:
    """The stamp of the comment form's fields as yet untouched: the sections' headings (its
    section choices) and what is chosen beforehand; None once it carries what someone sent."""
    if form is None or not untouched_form(form):
        return None
    tables = table_stamp(FILTER_TABLES)
    if tables is None:
        return None
    return tables, form.section.data, form.language.data


# The headings the comment filter's section choices name.
FILTER_TABLES = ("sections", "section_texts")


def filters_stamp(filters) -> tuple | None:
    """The comment filter's stamp: the sections' versions and what the reader chose; None
    when the versions are unknown (rendered every time)."""
    tables = table_stamp(FILTER_TABLES)
    if tables is None:
        return None
    return tables, filters.section, filters.stance, filters.order
