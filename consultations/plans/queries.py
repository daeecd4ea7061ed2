"""Reads for the public accountability pages, each in a fixed number of SQL queries.

A commitment's status, percent complete and last update come from its latest published
progress update (highest `published_at`, then highest id), which the commitment's row
keeps (plans/latest.py); its next milestone due and whether it went silent are computed in
the same statement, so a list of any length costs the same few queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import abort
from sqlalchemy import (
    Select,
    and_,
    case,
    distinct,
    func,
    or_,
    select,
)
from sqlalchemy.orm import contains_eager, joinedload, raiseload, selectinload

from ..agencies.models import Agency, AgencyText
from ..clock import as_utc
from ..content import fallback_order
from ..extensions import db
from ..pagination import Page, paginate
from .labels import DERIVED_STATUS, NO_UPDATE
from .models import (
    OGP_VALUES,
    ActionPlan,
    Commitment,
    CommitmentText,
    Completion,
    Milestone,
    MilestoneStatus,
)
from .progress import FINISHED, REPORTING_PLANS, stale_cutoff

PER_PAGE = 25
SORTS = ("reference", "title", "status", "percent", "updated", "due")
# Milestones that can no longer be late.
SETTLED_MILESTONES = (MilestoneStatus.COMPLETE, MilestoneStatus.WITHDRAWN)


@dataclass(frozen=True)
class CommitmentRow:
    """A commitment with the progress derived from its published records."""

    commitment: Commitment
    status: Completion | None
    percent: int | None
    updated_at: datetime | None
    next_due: date | None
    stale: bool
    today: date

    @property
    def derived_status(self) -> str:
        return self.status.value if self.status else NO_UPDATE

    @property
    def next_due_overdue(self) -> bool:
        return self.next_due is not None and self.next_due < self.today


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

    def rows(self, *options) -> Select:
        # The derived columns are selected as columns, not read from the entity, so a
        # commitment already in the session never shows an older status.
        stmt = select(
            Commitment,
            self.status,
            self.percent,
            self.published_at,
            self.due.label("next_due"),
            self.stale.label("stale"),
        )
        return self.joined(stmt).options(
            contains_eager(Commitment.plan).selectinload(ActionPlan.texts),
            contains_eager(Commitment.plan).lazyload(ActionPlan.coordinating_agency),
            *(options or (raiseload(Commitment.milestones),)),
        )

    def row(self, result) -> CommitmentRow:
        commitment, status, percent, published_at, next_due, stale = result
        updated_at = as_utc(published_at) if published_at else None
        return CommitmentRow(
            commitment, status, percent, updated_at, next_due, bool(stale), self.today
        )

    def sort_key(self, sort: str, lang: str):
        if sort == "title":
            return func.coalesce(*(_title_in(code) for code in fallback_order(lang)))
        if sort == "status":
            ranks = [(self.status == status, rank) for rank, status in enumerate(Completion, 1)]
            return case(*ranks, else_=0)
        if sort == "percent":
            return self.percent
        if sort == "updated":
            return self.published_at
        if sort == "due":
            return self.due
        return Commitment.reference


def _title_in(lang: str):
    return (
        select(CommitmentText.title)
        .where(CommitmentText.commitment_id == Commitment.id, CommitmentText.locale == lang)
        .correlate(Commitment)
        .scalar_subquery()
    )


# Plans -------------------------------------------------------------------------------


def list_plans(page: int) -> Page:
    """Every action plan, newest period first, with its number of commitments."""
    counts = (
        select(Commitment.plan_id, func.count(Commitment.id).label("commitments"))
        .group_by(Commitment.plan_id)
        .subquery("counts")
    )
    stmt = (
        select(ActionPlan, func.coalesce(counts.c.commitments, 0))
        .outerjoin(counts, counts.c.plan_id == ActionPlan.id)
        .options(selectinload(ActionPlan.texts), joinedload(ActionPlan.coordinating_agency))
        .order_by(ActionPlan.period_start.desc(), ActionPlan.country, ActionPlan.number.desc())
    )
    return paginate(stmt, page, PER_PAGE, tuple)


def get_plan_or_404(slug: str) -> ActionPlan:
    return db.first_or_404(select(ActionPlan).where(ActionPlan.slug == slug))


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
    overdue = (
        select(Milestone.id, Milestone.commitment_id)
        .join(Milestone.commitment)
        .where(
            Commitment.plan_id == plan.id,
            Milestone.due_date < today,
            Milestone.status.not_in(SETTLED_MILESTONES),
        )
        .subquery("overdue")
    )
    overdue_counts = select(
        func.count(overdue.c.id), func.count(distinct(overdue.c.commitment_id))
    ).subquery("overdue_counts")
    counted = list(overdue_counts.c)
    rows = db.session.execute(
        select(Commitment.latest_status, func.count(Commitment.id), *counted)
        .select_from(overdue_counts)
        .outerjoin(Commitment, Commitment.plan_id == plan.id)
        .group_by(Commitment.latest_status, *counted)
    ).all()
    counts = dict.fromkeys(DERIVED_STATUS, 0)
    for status, number, *_overdue in rows:
        if number:  # a plan without commitments still has its one row of overdue counts
            counts[status.value if status else NO_UPDATE] = number
    _status, _number, overdue_milestones, late = rows[0]
    return PlanSummary(counts, overdue_milestones, late)


def plan_agencies(plan: ActionPlan) -> list[Agency]:
    """The agencies that lead at least one of the plan's commitments, by name."""
    leads = select(Commitment.lead_agency_id).where(Commitment.plan_id == plan.id)
    agencies = db.session.scalars(select(Agency).where(Agency.id.in_(leads))).all()
    return sorted(agencies, key=lambda agency: agency.name().text.casefold())


@dataclass(frozen=True)
class CommitmentFilters:
    agency: str = ""
    status: str = ""
    value: str = ""
    sort: str = "reference"
    descending: bool = False


def list_plan_commitments(
    plan: ActionPlan, filters: CommitmentFilters, page: int, today: date, lang: str
) -> Page:
    """One page of the plan's commitments, filtered and sorted, with derived progress."""
    derived = Derived(today)
    stmt = derived.rows().where(Commitment.plan_id == plan.id)
    if filters.agency:
        agency_id = select(Agency.id).where(Agency.slug == filters.agency).scalar_subquery()
        stmt = stmt.where(Commitment.lead_agency_id == agency_id)
    if filters.status == NO_UPDATE:
        stmt = stmt.where(derived.status.is_(None))
    elif filters.status:
        stmt = stmt.where(derived.status == Completion(filters.status))
    if filters.value in OGP_VALUES:
        stmt = stmt.where(getattr(Commitment, filters.value))
    key = derived.sort_key(filters.sort, lang)
    key = key.desc() if filters.descending else key.asc()
    stmt = stmt.order_by(key.nulls_last(), Commitment.reference)
    return paginate(stmt, page, PER_PAGE, derived.row)


# Commitments -------------------------------------------------------------------------


def get_commitment_or_404(reference: str, today: date) -> CommitmentRow:
    """The commitment with its texts, milestones, agency and derived progress."""
    derived = Derived(today)
    stmt = derived.rows(
        selectinload(Commitment.milestones).selectinload(Milestone.texts),
    ).where(Commitment.reference == reference.upper())
    result = db.session.execute(stmt).first()
    if result is None:
        abort(404)
    return derived.row(result)


# Agencies ----------------------------------------------------------------------------


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


def _freshness_by_agency(today: date):
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


def _agency_name_in(lang: str):
    return (
        select(AgencyText.name)
        .where(AgencyText.agency_id == Agency.id, AgencyText.locale == lang)
        .correlate(Agency)
        .scalar_subquery()
    )


def agency_name_order(lang: str):
    """An agency's name as the reader sees it (their language first), to sort by."""
    return func.coalesce(*(_agency_name_in(code) for code in fallback_order(lang)))


def list_agencies(page: int, today: date, lang: str) -> Page:
    """One page of every agency, by its name in the reader's language, with the freshness
    of its commitments (three queries whatever the number of agencies)."""
    freshness = _freshness_by_agency(today)
    name = func.coalesce(agency_name_order(lang), Agency.slug)
    stmt = (
        select(
            Agency,
            func.coalesce(freshness.c.reporting, 0),
            func.coalesce(freshness.c.stale, 0),
        )
        .outerjoin(freshness, freshness.c.agency_id == Agency.id)
        .order_by(func.lower(name), Agency.slug)
    )
    return paginate(stmt, page, PER_PAGE, lambda row: AgencyRow(*row))


def get_agency_or_404(slug: str) -> Agency:
    return db.first_or_404(select(Agency).where(Agency.slug == slug))


def list_agency_commitments(agency: Agency, page: int, today: date) -> Page:
    """One page of the commitments the agency leads, newest plan first."""
    derived = Derived(today)
    stmt = (
        derived.rows()
        .where(Commitment.lead_agency_id == agency.id)
        .order_by(ActionPlan.period_start.desc(), Commitment.reference)
    )
    return paginate(stmt, page, PER_PAGE, derived.row)


def agency_freshness(agency: Agency, today: date) -> tuple[int, int]:
    """(up to date, total) among the agency's commitments in plans being implemented."""
    derived = Derived(today)
    stmt = derived.joined(
        select(func.count(Commitment.id), func.sum(case((derived.stale, 1), else_=0)))
    ).where(Commitment.lead_agency_id == agency.id, ActionPlan.status.in_(REPORTING_PLANS))
    total, stale = db.session.execute(stmt).one()
    return (total or 0) - (stale or 0), total or 0
