"""Each commitment's latest published progress update, kept on the commitment itself.

A commitment's status is its latest update's: the one with the highest `published_at`,
then the highest id. A correction is a new update like any other, so it becomes the latest
exactly when that order puts it first. Pages read `Commitment.latest_*` instead of ranking
every update of every commitment.

Whoever writes an update through the ORM (the publishing service, the demo loader, tests)
keeps the columns right without knowing about them: a new update moves them in the same
flush with a conditional UPDATE that only an update later in that order passes, so two
writers publishing at once cannot leave the earlier one behind (PostgreSQL re-checks the
condition against the row the other committed). Editing or deleting an update (neither
ever happens on the site) derives the columns again. Bulk Core inserts (`bench-data`) and
the migration call `refresh()` themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, and_, event, inspect, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from .models import Commitment, ProgressUpdate

# Changing one of these on an update can change which one is latest, or what it says.
DERIVED_FROM = ("commitment_id", "status", "percent_complete", "published_at")
COLUMNS = ("latest_update_id", "latest_status", "latest_percent", "latest_published_at")


def _latest_of(column):
    """The latest update's `column` for the commitment of the outer UPDATE's row."""
    return (
        select(column)
        .where(ProgressUpdate.commitment_id == Commitment.id)
        .order_by(ProgressUpdate.published_at.desc(), ProgressUpdate.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def refresh(connection: Connection, commitment_ids: Iterable[int] | None = None) -> None:
    """Derive the columns again from the updates, for these commitments (None: all)."""
    ids = None if commitment_ids is None else sorted(set(commitment_ids))
    if ids == []:
        return
    stmt = update(Commitment).values(
        latest_update_id=_latest_of(ProgressUpdate.id),
        latest_status=_latest_of(ProgressUpdate.status),
        latest_percent=_latest_of(ProgressUpdate.percent_complete),
        latest_published_at=_latest_of(ProgressUpdate.published_at),
    )
    if ids is not None:
        stmt = stmt.where(Commitment.id.in_(ids))
    connection.execute(stmt.execution_options(synchronize_session=False))


def _loaded_commitment(session: Session | None, commitment_id: int) -> Commitment | None:
    if session is None:
        return None
    key = inspect(Commitment).identity_key_from_primary_key([commitment_id])
    return session.identity_map.get(key)


@event.listens_for(ProgressUpdate, "after_insert")
def _published(_mapper, connection: Connection, update_row: ProgressUpdate) -> None:
    later = or_(
        Commitment.latest_published_at.is_(None),
        Commitment.latest_published_at < update_row.published_at,
        and_(
            Commitment.latest_published_at == update_row.published_at,
            Commitment.latest_update_id < update_row.id,
        ),
    )
    values = {
        "latest_update_id": update_row.id,
        "latest_status": update_row.status,
        "latest_percent": update_row.percent_complete,
        "latest_published_at": update_row.published_at,
    }
    result = connection.execute(
        update(Commitment)
        .where(Commitment.id == update_row.commitment_id, later)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    commitment = _loaded_commitment(Session.object_session(update_row), update_row.commitment_id)
    if result.rowcount and commitment is not None:
        for name, value in values.items():
            set_committed_value(commitment, name, value)


def _derive_again(connection: Connection, update_row: ProgressUpdate, ids: set[int]) -> None:
    refresh(connection, ids)
    session = Session.object_session(update_row)
    columns = [getattr(Commitment, name) for name in COLUMNS]
    rows = connection.execute(select(Commitment.id, *columns).where(Commitment.id.in_(ids)))
    for commitment_id, *values in rows:
        commitment = _loaded_commitment(session, commitment_id)
        if commitment is not None:
            for name, value in zip(COLUMNS, values, strict=True):
                set_committed_value(commitment, name, value)


@event.listens_for(ProgressUpdate, "after_update")
def _edited(_mapper, connection: Connection, update_row: ProgressUpdate) -> None:
    attrs = inspect(update_row).attrs
    if not any(attrs[name].history.has_changes() for name in DERIVED_FROM):
        return
    before = {*attrs.commitment_id.history.deleted}
    before.update(getattr(c, "id", None) for c in attrs.commitment.history.deleted)
    _derive_again(connection, update_row, {update_row.commitment_id, *before} - {None})


@event.listens_for(ProgressUpdate, "after_delete")
def _deleted(_mapper, connection: Connection, update_row: ProgressUpdate) -> None:
    _derive_again(connection, update_row, {update_row.commitment_id})
