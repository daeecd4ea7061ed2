"""A commitment's record: its latest assessment, and its updates and assessments merged.

Progress updates and assessments live in two tables; the timeline pages through both at
once with a UNION, then loads the page's records and their corrections in fixed queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from markupsafe import Markup
from sqlalchemy import Select, bindparam, func, literal_column, or_, select, union_all
from sqlalchemy.orm import defaultload, lazyload

from ..agencies.models import Agency
from ..clock import as_utc
from ..content import read_texts
from ..extensions import db
from ..fragments import kept_already, table_stamp
from ..pagination import Page, paginate_built
from ..statements import built_once, read_rows
from .models import AssessedCompletion, Assessment, Commitment, ProgressUpdate

TIMELINE_PER_PAGE = 20
# What a record's kept fragment on the commitment page is rendered from beyond its own row:
# its texts, the corrections' dates, its agency's name, the milestone numbers it names and
# the archived copies of its evidence links. Files are rendered outside the fragment.
TIMELINE_TABLES = (
    "progress_updates",
    "progress_update_texts",
    "assessments",
    "assessment_texts",
    "agencies",
    "agency_texts",
    "milestones",
    "link_archives",
)


@dataclass(frozen=True)
class LatestAssessment:
    completion: AssessedCompletion
    published_at: datetime


def latest_assessment(commitment: Commitment) -> LatestAssessment | None:
    """The newest published independent assessment's completion and date."""
    statement = built_once("latest assessment", _latest_assessment)
    result = read_rows(statement, {"commitment": commitment.id}).first()
    return LatestAssessment(result[0], as_utc(result[1])) if result else None


def _latest_assessment():
    return (
        select(Assessment.completion, Assessment.published_at)
        .where(
            Assessment.commitment_id == bindparam("commitment"), Assessment.milestone_id.is_(None)
        )
        .order_by(Assessment.published_at.desc(), Assessment.id.desc())
        .limit(1)
    )


@dataclass
class TimelineEntry:
    """A progress update or an assessment, with the records it corrects or that correct it;
    or only its kept fragment, when the page has it already (then nothing else is loaded)."""

    kind: str  # "update" or "assessment"
    ident: int
    record: ProgressUpdate | Assessment | None = None
    kept_html: Markup | None = None
    corrects_date: datetime | None = None
    corrected_on: list[datetime] = field(default_factory=list)

    @property
    def owner_type(self) -> str:
        """What the record's documents name it (documents.models.OWNER_TYPES)."""
        return "progress_update" if self.kind == "update" else "assessment"

    @property
    def published_at(self) -> datetime:
        """When an update reports on (its "as of"), or when an assessment was published."""
        return as_utc(self.record.published_at)

    @property
    def recorded_at(self) -> datetime | None:
        recorded = getattr(self.record, "recorded_at", None)
        return as_utc(recorded) if recorded else None

    @property
    def backdated(self) -> bool:
        """A progress update written on a later day than the one it reports on."""
        recorded = self.recorded_at
        return recorded is not None and recorded.date() > self.published_at.date()


def commitment_timeline(commitment: Commitment, page: int) -> Page:
    """Progress updates and assessments merged, newest first, one page of them."""
    keys_of, count_of = built_once("commitment timeline", _timeline_keys)
    keys = paginate_built(keys_of, count_of, {"commitment": commitment.id}, page, TIMELINE_PER_PAGE)
    # A record's fragment is stamped with the table versions alone (pinned by the view), so
    # the records whose fragment is kept need not be loaded, nor their corrections.
    stamp = table_stamp(TIMELINE_TABLES)
    entries = {}
    for model in (ProgressUpdate, Assessment):
        kind = _kind(model)
        ids = [i for key_kind, i in keys.items if key_kind == kind]
        kept = kept_already(kind, ((i, stamp) for i in ids))
        entries[kind] = _load_records(model, [i for i in ids if i not in kept])
        for ident, html in kept.items():
            entries[kind][ident] = TimelineEntry(kind, ident, kept_html=html)
    keys.items = [entries[kind][i] for kind, i in keys.items]
    return keys


def _timeline_keys() -> tuple[Select, Select]:
    """The kind and id of one page of a commitment's records, newest first, and their count;
    built once (with the commitment, limit and offset bound when run): the union and its
    count cost more to build than to run."""
    merged = union_all(
        select(
            literal_column("'update'").label("kind"),
            ProgressUpdate.id,
            ProgressUpdate.published_at,
        ).where(ProgressUpdate.commitment_id == bindparam("commitment")),
        select(
            literal_column("'assessment'").label("kind"),
            Assessment.id,
            Assessment.published_at,
        ).where(Assessment.commitment_id == bindparam("commitment")),
    ).subquery("timeline")
    keys = (
        select(merged.c.kind, merged.c.id)
        .order_by(merged.c.published_at.desc(), merged.c.kind.desc(), merged.c.id.desc())
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )
    return keys, select(func.count()).select_from(merged)


def _load_records(model, ids: list[int]) -> dict[int, TimelineEntry]:
    """The records by id, with their texts and the dates of related corrections."""
    if not ids:
        return {}
    records = db.session.scalars(
        select(model).where(model.id.in_(ids)).options(*_without_texts(model))
    ).all()
    # Their texts, and their agencies' names, as plain rows: a statement for each kind.
    read_texts([*records, *(getattr(record, "agency", None) for record in records)])
    entries = {record.id: TimelineEntry(_kind(model), record.id, record) for record in records}
    corrects_ids = [
        entry.record.corrects_id for entry in entries.values() if entry.record.corrects_id
    ]
    # Each side of the OR by its own index (an empty IN would send SQLite to a full scan).
    related_to = [model.corrects_id.in_(ids)]
    if corrects_ids:
        related_to.append(model.id.in_(corrects_ids))
    # Sorted here: SQLite would rather walk the whole table in `published_at` order.
    related = sorted(
        read_rows(
            select(model.id, model.published_at, model.corrects_id).where(or_(*related_to))
        ).all(),
        key=lambda row: (as_utc(row.published_at), row.id),
    )
    dates = {related_id: as_utc(published_at) for related_id, published_at, _ in related}
    for entry in entries.values():
        entry.corrects_date = dates.get(entry.record.corrects_id)
    for _, published_at, corrects_id in related:
        if corrects_id in entries:
            entries[corrects_id].corrected_on.append(as_utc(published_at))
    return entries


@cache
def _without_texts(model) -> tuple:
    """Records loaded without their texts (nor, for updates, their agency's): `read_texts`."""
    if model is ProgressUpdate:
        return lazyload(model.texts), defaultload(model.agency).lazyload(Agency.texts)
    return (lazyload(model.texts),)


def _kind(model) -> str:
    return "update" if model is ProgressUpdate else "assessment"
