"""Open-data file of action plan refreshes: one row per refresh, with its note."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select

from ..plans.amendment_models import PlanRefresh, PlanRefreshText
from .schema import Column, Reference, Table, id_column, localized, ref_column, required, with_texts


def _refreshes() -> Select:
    stmt = select(PlanRefresh.id, PlanRefresh.plan_id, PlanRefresh.refreshed_on)
    stmt = with_texts(stmt, PlanRefreshText, "refresh_id", PlanRefresh.id, ("note",))
    return stmt.order_by(PlanRefresh.id)


REFRESHES = Table(
    "plan-refreshes",
    _l("Plan refreshes"),
    _l("Adopted action plans marked as refreshed (for example at a mid-term review)."),
    _l("The plan, the day it was refreshed, and the note in each language."),
    (
        id_column(),
        ref_column("plan_id", "action plan refreshed (action-plans.csv)"),
        required(Column("refreshed_on", "date", "The day the plan was refreshed.")),
        *localized("note", "note", "What changed at the refresh."),
    ),
    _refreshes,
    references=(Reference(("plan_id",), "action-plans"),),
)
