"""The repository's list: every source's records of one plan, newest first, one page at a
time, in a number of queries that does not grow with the records (one count, one page,
then one load per kind on the page and one for their documents)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import func, literal, select, union_all

from ..clock import as_utc, now
from ..documents.services import documents_for
from ..extensions import db
from ..pagination import Page, last_page
from .sources import Entry, by_kind, sources

PER_PAGE = 50
BATCH = 500


def _everything(plans: list, until: datetime | None = None):
    """(plan id, kind, id, moment) of every record of the plans' cycles, as one subquery."""
    moment = until or now()
    parts = []
    for source in sources():
        rows = source.rows(plans).subquery()
        plan_column, id_column, moment_column = list(rows.c)
        parts.append(
            select(
                plan_column.label("plan_id"),
                literal(source.kind).label("kind"),
                id_column.label("id"),
                moment_column.label("moment"),
            ).where(moment_column.is_not(None), moment_column <= moment)
        )
    return union_all(*parts).subquery("records")


def _entries(rows) -> list[Entry]:
    kinds = by_kind()
    ids_by_kind: dict[str, list[int]] = {}
    for kind, record_id, _moment in rows:
        ids_by_kind.setdefault(kind, []).append(record_id)
    loaded = {kind: kinds[kind].load(ids) for kind, ids in ids_by_kind.items()}
    files = documents_for(
        (kinds[kind].owner_type, record_id)
        for kind, ids in ids_by_kind.items()
        if kinds[kind].owner_type
        for record_id in ids
    )
    entries = []
    for kind, record_id, moment in rows:
        title, url = loaded[kind].get(record_id, ("", ""))
        owner_type = kinds[kind].owner_type
        documents = files.get((owner_type, record_id), []) if owner_type else []
        entries.append(Entry(kind, record_id, as_utc(moment), title, url, documents))
    return entries


def repository_page(plan, page: int) -> Page:
    records = _everything([plan])
    total = db.session.scalar(select(func.count()).select_from(records)) or 0
    page = last_page(page, total, PER_PAGE)
    rows = db.session.execute(
        select(records.c.kind, records.c.id, records.c.moment)
        .order_by(records.c.moment.desc(), records.c.kind, records.c.id.desc())
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    return Page(_entries(rows), page, PER_PAGE, total)


def last_updated(plan) -> datetime | None:
    """When the latest record was added: the repository is as new as its newest record."""
    records = _everything([plan])
    latest = db.session.scalar(select(func.max(records.c.moment)))
    return as_utc(latest) if latest else None


def record_moments(plans: list, until: datetime | None = None) -> dict[int, list[datetime]]:
    """When each record of each plan was added, oldest first, by plan id (for the standards
    check): one query however many plans."""
    records = _everything(plans, until)
    moments: dict[int, list[datetime]] = {plan.id: [] for plan in plans}
    rows = db.session.execute(
        select(records.c.plan_id, records.c.moment).order_by(records.c.moment)
    )
    for plan_id, moment in rows:
        moments[plan_id].append(as_utc(moment))
    return moments


def every_entry(plan) -> Iterator[Entry]:
    """Every record, oldest first, a batch at a time (for the download)."""
    records = _everything([plan])
    stmt = select(records.c.kind, records.c.id, records.c.moment).order_by(
        records.c.moment, records.c.kind, records.c.id
    )
    offset = 0
    while rows := db.session.execute(stmt.limit(BATCH).offset(offset)).all():
        yield from _entries(rows)
        offset += BATCH
