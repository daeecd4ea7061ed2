"""The plan-wide gaps: commitments whose latest self-reported status and latest independent
assessment disagree, in a fixed number of queries whatever the plan's size.

The rules are plans/progress.py's (`find_gap`, the shared `SCALE`); here they are also
written in SQL so a plan of any size is filtered, counted, sorted and paginated by the
database. Both scales store the same words for the steps they share, so they compare as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import String, and_, bindparam, case, cast, func, or_, select

from ..agencies.models import Agency
from ..clock import as_utc
from ..extensions import db
from ..pagination import Page, paginate
from ..plans.models import ActionPlan, Assessment, Commitment, Completion
from ..plans.progress import SCALE, Gap, find_gap
from ..plans.queries import agency_name_order
from ..plans.staleness import Derived
from ..statements import built_once, read_rows

PER_PAGE = 25
SORTS = ("distance", "since", "reference", "agency")


def _latest_assessment(column):
    return (
        select(column)
        .where(Assessment.commitment_id == Commitment.id)
        .order_by(Assessment.published_at.desc(), Assessment.id.desc())
        .limit(1)
        .correlate(Commitment)
        .scalar_subquery()
    )


def _rank(column):
    """A status's step on the shared scale (None off the scale: withdrawn, no evidence)."""
    return case(*((cast(column, String) == word, step) for word, step in SCALE.items()))


class GapColumns:
    """The expressions of a commitment's gap, beside `Derived`'s progress columns."""

    def __init__(self, today: date):
        self.derived = Derived(today)
        self.assessed = _latest_assessment(Assessment.completion)
        self.assessed_at = _latest_assessment(Assessment.published_at)
        reported = cast(Commitment.latest_status, String)
        assessed = cast(self.assessed, String)
        self.disagree = and_(
            Commitment.latest_status.is_not(None),
            self.assessed.is_not(None),
            or_(
                reported == Completion.WITHDRAWN.value,
                assessed == "no_evidence",
                reported != assessed,
            ),
        )
        self.distance = func.abs(_rank(self.assessed) - _rank(Commitment.latest_status))
        # The two claims have disagreed since the later of them was published.
        self.since = case(
            (self.assessed_at > Commitment.latest_published_at, self.assessed_at),
            else_=Commitment.latest_published_at,
        )

    def select(self, plan: ActionPlan) -> object:
        d = self.derived
        stmt = select(
            Commitment,
            d.status,
            d.published_at,
            self.assessed,
            self.assessed_at,
            d.due.label("next_due"),
            d.stale.label("stale"),
        )
        return d.joined(stmt).where(Commitment.plan_id == plan.id, self.disagree)


@dataclass(frozen=True)
class GapRow:
    """One commitment whose two latest claims disagree."""

    commitment: Commitment
    gap: Gap
    next_due: date | None
    stale: bool
    today: date

    @property
    def distance(self) -> int | None:
        """Steps apart on the shared scale; None when one claim is off it."""
        if self.gap.kind in ("no_evidence", "withdrawn"):
            return None
        return abs(SCALE[self.gap.assessed.value] - SCALE[self.gap.reported.value])

    @property
    def since(self) -> datetime:
        return max(self.gap.reported_at, self.gap.assessed_at)

    @property
    def overdue(self) -> bool:
        return self.next_due is not None and self.next_due < self.today


def gap_row(today: date):
    def make(result) -> GapRow:
        commitment, reported, reported_at, assessed, assessed_at, next_due, stale = result
        gap = find_gap(reported, as_utc(reported_at), assessed, as_utc(assessed_at))
        return GapRow(commitment, gap, next_due, bool(stale), today)

    return make


@dataclass(frozen=True)
class GapFilters:
    agency: str = ""
    sort: str = "distance"
    descending: bool = True


def list_plan_gaps(
    plan: ActionPlan, filters: GapFilters, page: int, today: date, lang: str
) -> Page:
    """One page of the plan's gaps, filtered by lead agency and sorted."""
    columns = GapColumns(today)
    stmt = columns.select(plan)
    if filters.agency:
        agency_id = select(Agency.id).where(Agency.slug == filters.agency).scalar_subquery()
        stmt = stmt.where(Commitment.lead_agency_id == agency_id)
    if filters.sort == "agency":
        stmt = stmt.join(Agency, Agency.id == Commitment.lead_agency_id)
    key = {
        "distance": columns.distance,
        "since": columns.since,
        "agency": agency_name_order(lang),
    }.get(filters.sort, Commitment.reference)
    key = key.desc() if filters.descending else key.asc()
    stmt = stmt.order_by(key.nulls_last(), Commitment.reference)
    return paginate(stmt, page, PER_PAGE, gap_row(today))


def count_plan_gaps(plan: ActionPlan, today: date) -> int:
    """How many of the plan's commitments have a gap (one query), for the plan page's link."""
    stmt = built_once("plan gap count", lambda: _gap_count(today), today)
    return read_rows(stmt, {"plan": plan.id}).scalar() or 0


def _gap_count(today: date):
    return select(func.count(Commitment.id)).where(
        Commitment.plan_id == bindparam("plan"), GapColumns(today).disagree
    )


def all_plan_gaps(plan: ActionPlan, today: date) -> list[GapRow]:
    """Every gap of the plan, by reference (the self-assessment report's snapshot)."""
    columns = GapColumns(today)
    stmt = columns.select(plan).order_by(Commitment.reference)
    return [gap_row(today)(result) for result in db.session.execute(stmt)]
