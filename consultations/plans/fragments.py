"""A commitment's row in a plan's table: what it is rendered from, and its stamp
(consultations/fragments.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from markupsafe import Markup

from ..fragments import table_stamp
from .models import Commitment, Completion
from .staleness import DerivedProgress

# The row's title and its lead agency's address and name come from these tables; everything
# else it shows is in the row itself.
ROW_TABLES = ("commitment_texts", "agencies", "agency_texts")
# A commitment page's body (its texts' sections and the milestones' table) comes from these.
BODY_TABLES = ("commitment_texts", "milestones", "milestone_texts")


# A plan's commitment filter: which agencies lead its commitments, and their names.
FILTER_TABLES = ("commitments", "agencies", "agency_texts")


def plan_filters_stamp(filters) -> tuple | None:
    """The plan's commitment filter's stamp: its tables' versions and what the reader chose;
    None when the versions are unknown (rendered every time)."""
    tables = table_stamp(FILTER_TABLES)
    if tables is None:
        return None
    return tables, filters.agency, filters.status, filters.value, filters.sort, filters.descending


def plan_summary_stamp(plan, summary, gap_count: int, amendment_counts) -> tuple:
    """Every figure the plan's summary (key figures, chart and table) shows: computed for
    each request anyway, so the stamp is exact without table versions."""
    return (
        plan.slug,
        tuple(summary.counts.items()),
        summary.overdue_milestones,
        summary.late_commitments,
        gap_count,
        amendment_counts.amended,
        amendment_counts.added,
    )


def commitment_body_stamp(today: date) -> tuple | None:
    """The commitment page body's stamp: its tables' versions and the day, which makes a
    milestone overdue; None when the versions are unknown (rendered every time)."""
    tables = table_stamp(BODY_TABLES)
    return None if tables is None else (tables, today)


@dataclass
class PlanRow(DerivedProgress):
    """A row of a plan's table: its columns, and the commitment (with its texts and lead
    agency) only when the row's fragment was not kept; else the kept HTML."""

    id: int
    reference: str
    lead_agency_id: int
    status: Completion | None
    percent: int | None
    updated_at: datetime | None
    next_due: date | None
    stale: bool
    today: date
    commitment: Commitment | None = None
    kept_html: Markup | None = None

    def stamp(self, tables: tuple | None, stale_days: int) -> tuple | None:
        """Every value the row is rendered from, so that a new progress update, a milestone
        falling due or a renamed agency makes a new fragment; None when the table versions
        are unknown (the row is then rendered every time)."""
        if tables is None:
            return None
        return (
            tables,
            self.reference,
            self.lead_agency_id,
            self.status,
            self.percent,
            self.updated_at,
            self.next_due,
            self.next_due_overdue,
            self.stale,
            stale_days,
        )
