"""Whether a commitment went silent and whether its milestones are late, as the public
pages, the API, the staff digest and the reports show it.

The rules, in SQL so a list of any length costs the same few queries: a commitment of a
plan being implemented, not finished, is stale once `STALE_AFTER_DAYS` full days have
passed since its latest published update, or since it started when it has none
(`progress.stale_cutoff`); a milestone neither complete nor withdrawn is overdue from the
day after its due date. A commitment's status, percent and last update are the columns its
row keeps (plans/latest.py). The lists select these columns beside each commitment
(plans/queries.py `commitment_rows`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, and_, bindparam, case, distinct, func, or_, select

from ..agencies.models import Agency
from ..extensions import db
from ..statements import built_once, read_rows
from .labels import DERIVED_STATUS, NO_UPDATE
from .models import ActionPlan, Commitment, Completion, Milestone, MilestoneStatus
from .progress import FINISHED, REPORTING_PLANS, stale_cutoff

# Milestones that can no longer be late.
SETTLED_MILESTONES = (MilestoneStatus.COMPLETE, MilestoneStatus.WITHDRAWN)


class DerivedProgress:
    """What a row's derived columns (`status`, `next_due`, `today`) mean on the pages."""

    status: Completion | None
    next_due: date | None
    today: date

    @property
    def derived_status(self) -> str:
        return self.status.value if self.status else NO_UPDATE

    @property
    def next_due_overdue(self) -> bool:
        return self.next_due is not None and self.next_due < self.today


@dataclass(frozen=True)
class CommitmentRow(DerivedProgress):
    """A commitment with the progress derived from its published records."""

    commitment: Commitment
    status: Completion | None
    percent: int | None
    updated_at: datetime | None
    next_due: date | None
    stale: bool
    today: date


class Derived:
    """The expressions that give a commitment's progress, all from its own row but the next
    milestone due (a lookup in the commitment's few milestones)."""

    def __init__(self, today: date):
        self.today = today
        self.status = Commitment.latest_status
        self.percent = Commitment.latest_percent
        self.published_at = Commitment.latest_published_at
        self.due = (
            select(func.min(Milestone.due_date))
            .where(
                Milestone.commitment_id == Commitment.id,
                Milestone.status.not_in(SETTLED_MILESTONES),
            )
            .correlate(Commitment)
            .scalar_subquery()
        )
        last_day, last_moment = stale_cutoff(today)
        started = func.coalesce(Commitment.start_date, ActionPlan.period_start)
        self.stale = case(
            (
                and_(
                    ActionPlan.status.in_(REPORTING_PLANS),
                    or_(self.status.is_(None), self.status.not_in(FINISHED)),
                    or_(
                        self.published_at < last_moment,
                        and_(self.published_at.is_(None), started <= last_day),
                    ),
                ),
                True,
            ),
            else_=False,
        )

    def joined(self, stmt: Select) -> Select:
        """`stmt` (over Commitment) joined to its plan."""
        return stmt.join(Commitment.plan)


# A plan's summary ----------------------------------------------------------------------


@dataclass
class PlanSummary:
    """Counts of a plan's commitments by derived status, and how many are on schedule."""

    counts: dict[str, int]
    overdue_milestones: int
    late_commitments: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def on_schedule(self) -> int:
        return self.total - self.late_commitments

    @property
    def on_schedule_share(self) -> float | None:
        return self.on_schedule / self.total if self.total else None

    @property
    def largest(self) -> int:
        return max(self.counts.values(), default=0)


def plan_summary(plan: ActionPlan, today: date) -> PlanSummary:
    """Commitments by derived status; milestones past due and not complete (one query)."""
    statement = built_once("plan summary", _plan_summary)
    rows = read_rows(statement, {"plan": plan.id, "today": today}).all()
    counts = dict.fromkeys(DERIVED_STATUS, 0)
    for status, number, *_overdue in rows:
        if number:  # a plan without commitments still has its one row of overdue counts
            counts[status.value if status else NO_UPDATE] = number
    _status, _number, overdue_milestones, late = rows[0]
    return PlanSummary(counts, overdue_milestones, late)


def _plan_summary() -> Select:
    overdue = (
        select(Milestone.id, Milestone.commitment_id)
        .join(Milestone.commitment)
        .where(
            Commitment.plan_id == bindparam("plan"),
            Milestone.due_date < bindparam("today"),
            Milestone.status.not_in(SETTLED_MILESTONES),
        )
        .subquery("overdue")
    )
    overdue_counts = select(
        func.count(overdue.c.id), func.count(distinct(overdue.c.commitment_id))
    ).subquery("overdue_counts")
    counted = list(overdue_counts.c)
    return (
        select(Commitment.latest_status, func.count(Commitment.id), *counted)
        .select_from(overdue_counts)
        .outerjoin(Commitment, Commitment.plan_id == bindparam("plan"))
        .group_by(Commitment.latest_status, *counted)
    )


# An agency's freshness -----------------------------------------------------------------


@dataclass(frozen=True)
class AgencyRow:
    """An agency with how current its commitments in plans being implemented are."""

    agency: Agency
    reporting: int
    stale: int

    @property
    def up_to_date(self) -> int:
        return self.reporting - self.stale

    @property
    def up_to_date_share(self) -> float | None:
        return self.up_to_date / self.reporting if self.reporting else None


def freshness_by_agency(today: date):
    """Per lead agency: its commitments in plans being implemented, and how many are stale."""
    derived = Derived(today)
    return (
        derived.joined(
            select(
                Commitment.lead_agency_id.label("agency_id"),
                func.count(Commitment.id).label("reporting"),
                func.sum(case((derived.stale, 1), else_=0)).label("stale"),
            )
        )
        .where(ActionPlan.status.in_(REPORTING_PLANS))
        .group_by(Commitment.lead_agency_id)
        .subquery("freshness")
    )


def agency_freshness(agency: Agency, today: date) -> tuple[int, int]:
    """(up to date, total) among the agency's commitments in plans being implemented."""
    derived = Derived(today)
    stmt = derived.joined(
        select(func.count(Commitment.id), func.sum(case((derived.stale, 1), else_=0)))
    ).where(Commitment.lead_agency_id == agency.id, ActionPlan.status.in_(REPORTING_PLANS))
    total, stale = db.session.execute(stmt).one()
    return (total or 0) - (stale or 0), total or 0
