"""Reads for the public accountability pages, each in a fixed number of SQL queries.

A commitment's status, percent complete and last update come from its latest published
progress update (highest `published_at`, then highest id), which the commitment's row
keeps (plans/latest.py); its next milestone due and whether it went silent come from the
rules of plans/staleness.py, computed in the same statement, so a list of any length costs
the same few queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import NamedTuple

from flask import abort
from sqlalchemy import Select, bindparam, case, func, select
from sqlalchemy.orm import (
    contains_eager,
    defaultload,
    joinedload,
    lazyload,
    raiseload,
    selectinload,
)

from ..agencies.models import Agency, AgencyText
from ..clock import as_utc
from ..content import fallback_order, pick, read_texts
from ..extensions import db
from ..fragments import kept_already, table_stamp
from ..pagination import Page, paginate, paginate_built
from ..statements import built_once
from .fragments import ROW_TABLES, PlanRow
from .labels import NO_UPDATE
from .models import OGP_VALUES, ActionPlan, Commitment, CommitmentText, Completion, Milestone
from .progress import stale_after_days
from .staleness import AgencyRow, CommitmentRow, Derived, freshness_by_agency

PER_PAGE = 25
SORTS = ("reference", "title", "status", "percent", "updated", "due")


def _with_progress(derived: Derived) -> Select:
    """Commitments with their derived columns, joined to their plan. The derived columns are
    selected as columns, not read from the entity, so a commitment already in the session
    never shows an older status."""
    return derived.joined(
        select(
            Commitment,
            derived.status,
            derived.percent,
            derived.published_at,
            derived.due.label("next_due"),
            derived.stale.label("stale"),
        )
    )


def commitment_rows(derived: Derived, *options) -> Select:
    """Commitments with their derived columns and their plan, for `commitment_row`."""
    return _with_progress(derived).options(
        contains_eager(Commitment.plan).selectinload(ActionPlan.texts),
        contains_eager(Commitment.plan).lazyload(ActionPlan.coordinating_agency),
        *(options or (raiseload(Commitment.milestones),)),
    )


def _one_commitment(derived: Derived) -> Select:
    """`commitment_rows` for one commitment, whose texts, plan's and lead agency's texts
    `read_texts` reads (the three relationships' loading was most of the statement's cost)."""
    return _with_progress(derived).options(
        contains_eager(Commitment.plan).lazyload(ActionPlan.texts),
        contains_eager(Commitment.plan).lazyload(ActionPlan.coordinating_agency),
        lazyload(Commitment.texts),
        lazyload(Commitment.milestones),
        defaultload(Commitment.lead_agency).lazyload(Agency.texts),
    )


def commitment_row(derived: Derived, result) -> CommitmentRow:
    """One row of `commitment_rows` as the pages show it."""
    commitment, status, percent, published_at, next_due, stale = result
    updated_at = as_utc(published_at) if published_at else None
    return CommitmentRow(
        commitment, status, percent, updated_at, next_due, bool(stale), derived.today
    )


def _title_in(lang: str):
    return (
        select(CommitmentText.title)
        .where(CommitmentText.commitment_id == Commitment.id, CommitmentText.locale == lang)
        .correlate(Commitment)
        .scalar_subquery()
    )


def _sort_key(derived: Derived, sort: str, lang: str):
    if sort == "title":
        return func.coalesce(*(_title_in(code) for code in fallback_order(lang)))
    if sort == "status":
        ranks = [(derived.status == status, rank) for rank, status in enumerate(Completion, 1)]
        return case(*ranks, else_=0)
    if sort == "percent":
        return derived.percent
    if sort == "updated":
        return derived.published_at
    if sort == "due":
        return derived.due
    return Commitment.reference


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
    """The plan and its coordinating agency, their texts read as plain rows (`read_texts`)."""
    plan = db.first_or_404(
        select(ActionPlan)
        .where(ActionPlan.slug == slug)
        .options(
            lazyload(ActionPlan.texts),
            defaultload(ActionPlan.coordinating_agency).lazyload(Agency.texts),
        )
    )
    read_texts([plan, plan.coordinating_agency])
    return plan


class AgencyChoice(NamedTuple):
    id: int
    slug: str
    name: str


def plan_agencies(plan: ActionPlan) -> list[AgencyChoice]:
    """Each agency that leads at least one of the plan's commitments, by name in the
    reader's language: plain rows, as the pages' filters need no more."""
    leads = select(Commitment.lead_agency_id).where(Commitment.plan_id == plan.id)
    rows = db.session.execute(
        select(Agency.id, Agency.slug, AgencyText.locale, AgencyText.name)
        .outerjoin(AgencyText, AgencyText.agency_id == Agency.id)
        .where(Agency.id.in_(leads))
    )
    texts = defaultdict(list)
    for row in rows:
        texts[row.id, row.slug].append(row)
    choices = [AgencyChoice(*agency, pick(found, "name").text) for agency, found in texts.items()]
    return sorted(choices, key=lambda choice: choice.name.casefold())


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
    """One page of the plan's commitments, filtered and sorted, with derived progress; each
    commitment itself is loaded only when its row's fragment is not kept (`PlanRow`)."""
    unfiltered = not (filters.agency or filters.status or filters.value)
    shape = (filters.sort, filters.descending, lang)
    if unfiltered:  # what nearly every reader asks for: its statements built once a day
        rows_of, count_of = built_once(
            ("plan commitments", shape),
            lambda: _plan_listing(today, filters, *shape),
            depends_on=(today, stale_after_days()),
        )
    else:  # a few thousand combinations of filters: built when asked
        rows_of, count_of = _plan_listing(today, filters, *shape)
    listed = paginate_built(
        rows_of, count_of, {"plan": plan.id}, page, PER_PAGE, partial(_plan_row, today)
    )
    _load_unless_kept(listed.items)
    return listed


def _plan_listing(
    today: date, filters: CommitmentFilters, sort: str, descending: bool, lang: str
) -> tuple[Select, Select]:
    """The page's rows and their count, the plan, limit and offset bound when run: building
    the derived progress and the sort cost more than running them (1.6 ms of a plan page
    in the profiler for `Derived` alone)."""
    derived = Derived(today)
    stmt = derived.joined(
        select(
            Commitment.id,
            Commitment.reference,
            Commitment.lead_agency_id,
            derived.status,
            derived.percent,
            derived.published_at,
            derived.due.label("next_due"),
            derived.stale.label("stale"),
        )
    ).where(Commitment.plan_id == bindparam("plan"))
    if filters.agency:
        agency_id = select(Agency.id).where(Agency.slug == filters.agency).scalar_subquery()
        stmt = stmt.where(Commitment.lead_agency_id == agency_id)
    if filters.status == NO_UPDATE:
        stmt = stmt.where(derived.status.is_(None))
    elif filters.status:
        stmt = stmt.where(derived.status == Completion(filters.status))
    if filters.value in OGP_VALUES:
        stmt = stmt.where(getattr(Commitment, filters.value))
    key = _sort_key(derived, sort, lang)
    key = key.desc() if descending else key.asc()
    stmt = stmt.order_by(key.nulls_last(), Commitment.reference)
    counted = select(func.count()).select_from(stmt.order_by(None).subquery())
    return stmt.limit(bindparam("limit")).offset(bindparam("offset")), counted


def _load_unless_kept(rows: list[PlanRow]) -> None:
    """Give each row its kept HTML, or else its commitment with the texts and lead agency it
    shows (one statement for the whole page)."""
    tables, stale_days = table_stamp(ROW_TABLES), stale_after_days()
    kept = kept_already("plan-row", ((row.id, row.stamp(tables, stale_days)) for row in rows))
    missing = {}
    for row in rows:
        row.kept_html = kept.get(row.id)
        if row.kept_html is None:
            missing[row.id] = row
    if not missing:
        return
    commitments = db.session.scalars(
        select(Commitment)
        .where(Commitment.id.in_(missing))
        .options(raiseload(Commitment.plan), lazyload(Commitment.milestones))
    )
    for commitment in commitments:
        missing[commitment.id].commitment = commitment


def _plan_row(today: date, result) -> PlanRow:
    ident, reference, lead_agency_id, status, percent, published_at, next_due, stale = result
    updated_at = as_utc(published_at) if published_at else None
    return PlanRow(
        ident, reference, lead_agency_id, status, percent, updated_at, next_due, bool(stale), today
    )


# Commitments -------------------------------------------------------------------------


def get_commitment_or_404(reference: str, today: date) -> CommitmentRow:
    """The commitment with its texts, milestones, agency and derived progress."""
    derived, stmt = built_once(
        "commitment page", lambda: _commitment_page(today), (today, stale_after_days())
    )
    result = db.session.execute(stmt, {"reference": reference.upper()}).first()
    if result is None:
        abort(404)
    row = commitment_row(derived, result)
    commitment = row.commitment
    read_texts((commitment, commitment.plan, commitment.lead_agency))
    return row


def _commitment_page(today: date) -> tuple[Derived, Select]:
    """The commitment page's statement, built once a day and staleness setting (`Derived`
    carries both): building it with its loader options cost more than running it."""
    derived = Derived(today)
    # Without its milestones: the page's kept body shows them (`milestones_of`).
    stmt = _one_commitment(derived).where(Commitment.reference == bindparam("reference"))
    return derived, stmt


def milestones_of(commitment: Commitment) -> list[Milestone]:
    """A commitment's milestones with their texts, in order (two statements, the texts plain)."""
    milestones = db.session.scalars(
        select(Milestone)
        .where(Milestone.commitment_id == commitment.id)
        .order_by(Milestone.position)
        .options(lazyload(Milestone.texts))
    ).all()
    read_texts(milestones)
    return milestones


# Agencies ----------------------------------------------------------------------------


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
    freshness = freshness_by_agency(today)
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
        commitment_rows(derived)
        .where(Commitment.lead_agency_id == agency.id)
        .order_by(ActionPlan.period_start.desc(), Commitment.reference)
    )
    return paginate(stmt, page, PER_PAGE, partial(commitment_row, derived))
