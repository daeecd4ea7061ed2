"""Reading amendments: a commitment's revisions with their reasons and word differences,
a plan's refreshes, and how many of its commitments were amended or added at a refresh.

Other features call `for_commitments(ids)` (the self-assessment report lists each
commitment's amendments with their reasons from it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, distinct, func, select

from ..extensions import db
from ..pagination import Page, paginate
from ..statements import built_once, read_rows
from .amendment_models import PlanRefresh, Revision, RevisionKind
from .models import ActionPlan, Commitment
from .worddiff import SideBySide, word_diff

HISTORY_PER_PAGE = 20
# How many of the latest amendments the commitment page shows before "all revisions".
RECENT = 3

FIELD_LABELS = {
    "title": _l("Title"),
    "problem": _l("Problem addressed"),
    "objective": _l("Objective"),
    "description": _l("Description"),
    "other_actors": _l("Other actors"),
    "deliverable": _l("Deliverable"),
    "start_date": _l("Start date"),
    "end_date": _l("End date"),
    "due_date": _l("Due date"),
    "status": _l("Status"),
}
TEXT_FIELDS = ("title", "problem", "objective", "description", "other_actors", "deliverable")
DATE_FIELDS = ("start_date", "end_date", "due_date")


@dataclass(frozen=True)
class Change:
    """One field of one language that differs between two versions."""

    field: str
    lang: str  # "" for dates and states, which are the same in every language
    old: str
    new: str

    @property
    def label(self) -> str:
        return str(FIELD_LABELS[self.field])

    @property
    def is_date(self) -> bool:
        return self.field in DATE_FIELDS

    def old_date(self) -> date | None:
        return date.fromisoformat(self.old) if self.old else None

    def new_date(self) -> date | None:
        return date.fromisoformat(self.new) if self.new else None

    def diff(self) -> SideBySide:
        return word_diff(self.old, self.new)


def changes(revision: Revision) -> list[Change]:
    """What the revision changed, field by field and language by language."""
    before, after = revision.before or {}, revision.after or {}
    found = []
    for field in DATE_FIELDS + ("status",):
        if field in after and before.get(field) != after.get(field):
            found.append(Change(field, "", before.get(field) or "", after.get(field) or ""))
    old_texts, new_texts = before.get("texts", {}), after.get("texts", {})
    for lang in dict.fromkeys([*new_texts, *old_texts]):
        old, new = old_texts.get(lang, {}), new_texts.get(lang, {})
        for field in TEXT_FIELDS:
            if (old.get(field) or "") != (new.get(field) or ""):
                found.append(Change(field, lang, old.get(field) or "", new.get(field) or ""))
    return found


def _revisions(commitment_id: int):
    return (
        select(Revision).where(Revision.commitment_id == commitment_id).order_by(Revision.id.desc())
    )


@dataclass(frozen=True)
class Recent:
    revisions: list[Revision]
    total: int


def recent(commitment: Commitment) -> Recent:
    """The commitment's latest amendments and how many there are (a fixed number of queries)."""
    statement = built_once(
        "recent revisions", lambda: _revisions(bindparam("commitment")).limit(RECENT)
    )
    rows = list(db.session.scalars(statement, {"commitment": commitment.id}))
    total = len(rows)
    if total == RECENT:
        total = db.session.scalar(
            select(func.count(Revision.id)).where(Revision.commitment_id == commitment.id)
        )
    return Recent(rows, total)


def history(commitment: Commitment, page: int) -> Page:
    """One page of the commitment's revisions, newest first."""
    keys = paginate(
        select(Revision.id)
        .where(Revision.commitment_id == commitment.id)
        .order_by(Revision.id.desc()),
        page,
        HISTORY_PER_PAGE,
    )
    ids = [row[0] for row in keys.items]
    by_id = {r.id: r for r in db.session.scalars(select(Revision).where(Revision.id.in_(ids)))}
    keys.items = [by_id[i] for i in ids]
    return keys


def for_commitments(ids: Iterable[int]) -> dict[int, list[Revision]]:
    """Each commitment's amendments, oldest first, with their reasons loaded
    (`revision.text("reason")`, `revision.kind`, `revision.created_at`, `revision.author_name`,
    `changes(revision)`). Commitments without amendments are absent. Two queries."""
    ids = sorted(set(ids))
    found: dict[int, list[Revision]] = {}
    if not ids:
        return found
    stmt = select(Revision).where(Revision.commitment_id.in_(ids)).order_by(Revision.id)
    for revision in db.session.scalars(stmt):
        found.setdefault(revision.commitment_id, []).append(revision)
    return found


@dataclass(frozen=True)
class AmendmentCounts:
    amended: int  # commitments amended after adoption (not counting those added)
    added: int  # commitments added at a refresh


def plan_counts(plan: ActionPlan) -> AmendmentCounts:
    """How many of the plan's commitments were amended, and how many added at a refresh."""
    in_plan = Revision.commitment_id.in_(select(Commitment.id).where(Commitment.plan_id == plan.id))
    added = select(Revision.commitment_id).where(in_plan, Revision.kind == RevisionKind.ADDED)
    amended_count = select(func.count(distinct(Revision.commitment_id))).where(
        in_plan, Revision.kind != RevisionKind.ADDED, Revision.commitment_id.not_in(added)
    )
    added_count = select(func.count(distinct(Revision.commitment_id))).where(
        in_plan, Revision.kind == RevisionKind.ADDED
    )
    amended, added_number = read_rows(
        select(amended_count.scalar_subquery(), added_count.scalar_subquery())
    ).one()
    return AmendmentCounts(amended or 0, added_number or 0)


def refreshes(plan: ActionPlan, limit: int = 10) -> list[PlanRefresh]:
    """The plan's latest refreshes, newest first, with their notes."""
    return list(
        db.session.scalars(
            select(PlanRefresh)
            .where(PlanRefresh.plan_id == plan.id)
            .order_by(PlanRefresh.refreshed_on.desc(), PlanRefresh.id.desc())
            .limit(limit)
        )
    )
