"""Comment counters on consultations and sections, kept in the writer's own transaction.

`comment_count` is the number of visible comments (replies included) and `thread_count`
the number of top-level comments a reader can page through (a removed one stays listed
while a reply that is not removed hangs under it). Pages read them instead of counting
100,000 rows.

Each listed thread also carries its `thread_position` (1 … thread_count, oldest first), so
any page of comments is one range of positions, read from an index, not an OFFSET that
grows with the page number. A new thread takes its place (at the end, nearly always); a
recount numbers the consultation's threads again.

One session hook watches every flush: a new comment adds to the counters, hiding and
restoring move `comment_count` by one; removals (rare) and bulk `update(Comment)` of the
state (account erasure) and bulk inserts (bench-data) recount the consultations they touch.
So services, the demo loader, bench-data and tests need no counter code of their own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import chain

from sqlalchemy import (
    Connection,
    and_,
    bindparam,
    event,
    exists,
    func,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy.orm import ORMExecuteState, Session, aliased

from ..comments.models import Comment, CommentState
from .models import Consultation, Section

# Changing one of these on a comment can move a counter.
COUNTED_FIELDS = ("state", "consultation_id", "section_id", "parent_id")


def _visible_in(owner_column):
    return (
        select(func.count(Comment.id))
        .where(owner_column, Comment.state == CommentState.VISIBLE)
        .scalar_subquery()
    )


def _threads_in(owner_column):
    reply = aliased(Comment)
    answered = exists().where(reply.parent_id == Comment.id, reply.state != CommentState.REMOVED)
    return (
        select(func.count(Comment.id))
        .where(
            owner_column,
            Comment.parent_id.is_(None),
            or_(Comment.state != CommentState.REMOVED, answered),
        )
        .scalar_subquery()
    )


def _listed_thread(comment):
    """A top-level comment readers page through: not removed, or answered by a reply that is."""
    reply = aliased(Comment)
    answered = exists().where(reply.parent_id == comment.id, reply.state != CommentState.REMOVED)
    return and_(comment.parent_id.is_(None), or_(comment.state != CommentState.REMOVED, answered))


def renumber(connection: Connection, ids: list[int] | None) -> None:
    """Number the listed threads of these consultations (None: all) 1, 2, … oldest first,
    writing only the positions that change, and clear the positions of everything else."""
    ranked = aliased(Comment)
    position = func.row_number().over(
        partition_by=ranked.consultation_id, order_by=(ranked.created_at, ranked.id)
    )
    numbered = select(ranked.id, position.label("position")).where(_listed_thread(ranked))
    unlisted = and_(Comment.thread_position.is_not(None), ~_listed_thread(Comment))
    if ids is not None:
        numbered = numbered.where(ranked.consultation_id.in_(ids))
        unlisted = and_(unlisted, Comment.consultation_id.in_(ids))
    numbered = numbered.subquery()
    connection.execute(update(Comment).where(unlisted).values(thread_position=None))
    connection.execute(
        update(Comment)
        .where(
            Comment.id == numbered.c.id,
            or_(
                Comment.thread_position.is_(None),
                Comment.thread_position != numbered.c.position,
            ),
        )
        .values(thread_position=numbered.c.position)
    )


_EARLIER = aliased(Comment)
# A new thread's position: one after the nearest earlier listed thread (read backwards along
# the consultation's (created_at, id) index: nearly always a step or two).
_PLACE_NEW = (
    update(Comment)
    .where(Comment.id == bindparam("new_id"))
    .values(
        thread_position=func.coalesce(
            select(_EARLIER.thread_position)
            .where(
                _EARLIER.consultation_id == bindparam("consultation"),
                _EARLIER.thread_position.is_not(None),
                or_(
                    _EARLIER.created_at < bindparam("created"),
                    and_(
                        _EARLIER.created_at == bindparam("created"),
                        _EARLIER.id < bindparam("new_id"),
                    ),
                ),
            )
            .order_by(_EARLIER.created_at.desc(), _EARLIER.id.desc())
            .limit(1)
            .scalar_subquery(),
            0,
        )
        + 1
    )
)
# Threads written after it (none, unless its time was given) move one place on.
_MAKE_ROOM = (
    update(Comment)
    .where(
        Comment.consultation_id == bindparam("consultation"),
        Comment.thread_position.is_not(None),
        Comment.id != bindparam("new_id"),
        or_(
            Comment.created_at > bindparam("created"),
            and_(Comment.created_at == bindparam("created"), Comment.id > bindparam("new_id")),
        ),
    )
    .values(thread_position=Comment.thread_position + 1)
)


def _place(connection: Connection, comment: Comment) -> None:
    values = {
        "new_id": comment.id,
        "consultation": comment.consultation_id,
        "created": comment.created_at,
    }
    connection.execute(_MAKE_ROOM, values)
    connection.execute(_PLACE_NEW, values)


def lock(connection: Connection, ids: list[int] | None) -> None:
    """On PostgreSQL, take these consultations' rows (None: all), in id order.

    A recount renumbers every thread of a consultation, so a writer must hold the
    consultation before it writes any of its comments: one that wrote its comments first
    and then waited for the consultation deadlocked with a recount that held the
    consultation and waited to renumber those comments. SQLite runs one writer at a time."""
    if connection.dialect.name != "postgresql" or ids == []:
        return
    locked = select(Consultation.id).order_by(Consultation.id).with_for_update()
    connection.execute(locked if ids is None else locked.where(Consultation.id.in_(ids)))


def recount(connection: Connection, consultation_ids: Iterable[int] | None = None) -> None:
    """Count again, from the comments, the counters of these consultations (None: all)."""
    ids = None if consultation_ids is None else sorted(set(consultation_ids))
    if ids == []:
        return
    # Taken first, so the counting statements below start after every other writer of these
    # counters has committed, and see what it wrote. Counting with an older snapshot, two
    # concurrent recounts (two accounts erased at once) each missed the other's removed
    # comments. The writers that lead here lock earlier still (see `lock`).
    lock(connection, ids)
    of_consultation = Comment.consultation_id == Consultation.id
    stmt = update(Consultation).values(
        comment_count=_visible_in(of_consultation), thread_count=_threads_in(of_consultation)
    )
    of_section = and_(
        Comment.consultation_id == Section.consultation_id, Comment.section_id == Section.id
    )
    section_stmt = update(Section).values(
        comment_count=_visible_in(of_section), thread_count=_threads_in(of_section)
    )
    if ids is not None:
        stmt = stmt.where(Consultation.id.in_(ids))
        section_stmt = section_stmt.where(Section.consultation_id.in_(ids))
    connection.execute(stmt.execution_options(synchronize_session=False))
    connection.execute(section_stmt.execution_options(synchronize_session=False))
    renumber(connection, ids)


class _Changes:
    def __init__(self) -> None:
        self.consultations: Counter[tuple[int, str]] = Counter()
        self.sections: Counter[tuple[int, str]] = Counter()
        self.recount: set[int] = set()
        self.placed: list[Comment] = []

    def add(self, comment: Comment, field: str, delta: int) -> None:
        if not delta:
            return
        self.consultations[comment.consultation_id, field] += delta
        if comment.section_id is not None:
            self.sections[comment.section_id, field] += delta


def _parent_removed(session: Session, connection: Connection, parent_id: int) -> bool:
    parent = session.identity_map.get(inspect(Comment).identity_key_from_primary_key([parent_id]))
    if parent is not None and "state" in parent.__dict__:
        return parent.state == CommentState.REMOVED
    state = connection.scalar(select(Comment.state).where(Comment.id == parent_id))
    return state == CommentState.REMOVED


def _new(session: Session, connection: Connection, comment: Comment, changes: _Changes) -> None:
    state = comment.state
    changes.add(comment, "comment_count", int(state == CommentState.VISIBLE))
    if comment.parent_id is None:
        changes.add(comment, "thread_count", int(state != CommentState.REMOVED))
        if state != CommentState.REMOVED:
            changes.placed.append(comment)
    elif state != CommentState.REMOVED and _parent_removed(session, connection, comment.parent_id):
        # A reply under a removed top-level comment can bring its thread back to the list.
        changes.recount.add(comment.consultation_id)


def _dirty(comment: Comment, changes: _Changes) -> None:
    attrs = inspect(comment).attrs
    if not any(attrs[name].history.has_changes() for name in COUNTED_FIELDS):
        return
    history = attrs.state.history
    if any(attrs[name].history.has_changes() for name in COUNTED_FIELDS[1:]) or (
        not history.deleted
    ):
        # Moved, or the earlier state was not loaded: count the consultation(s) again.
        before = attrs.consultation_id.history.deleted
        changes.recount.update({comment.consultation_id, *before} - {None})
        return
    before, after = history.deleted[0], comment.state
    delta = int(after == CommentState.VISIBLE) - int(before == CommentState.VISIBLE)
    changes.add(comment, "comment_count", delta)
    if (before == CommentState.REMOVED) != (after == CommentState.REMOVED):
        # Whether a thread is listed also depends on its replies: count again (rare).
        changes.recount.add(comment.consultation_id)


def _apply(connection: Connection, changes: _Changes) -> None:
    for model, deltas in ((Consultation, changes.consultations), (Section, changes.sections)):
        by_row: dict[int, dict[str, int]] = {}
        for (row_id, field), delta in deltas.items():
            if delta:
                by_row.setdefault(row_id, {})[field] = delta
        for row_id, fields in sorted(by_row.items()):
            values = {field: getattr(model, field) + delta for field, delta in fields.items()}
            connection.execute(
                update(model)
                .where(model.id == row_id)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
    for comment in changes.placed:
        if comment.consultation_id not in changes.recount:
            _place(connection, comment)
    recount(connection, changes.recount)


def _before_flush(session: Session, _context, _instances) -> None:
    """Hold the consultations of the comments this flush moves or deletes before it writes
    them (the order `lock` explains); a new comment is seen by no one else until committed."""
    ids: set[int] = set()
    for comment in chain(session.dirty, session.deleted):
        if not isinstance(comment, Comment):
            continue
        attrs = inspect(comment).attrs
        if comment in session.deleted or any(
            attrs[name].history.has_changes() for name in COUNTED_FIELDS
        ):
            history = attrs.consultation_id.history
            ids.update(value for value in (*history.unchanged, *history.added, *history.deleted))
    ids.discard(None)
    if ids:
        lock(session.connection(), sorted(ids))


def _after_flush(session: Session, _context) -> None:
    comments = [
        (kind, instance)
        for kind, instances in (("new", session.new), ("dirty", session.dirty))
        for instance in instances
        if isinstance(instance, Comment)
    ]
    deleted = [instance for instance in session.deleted if isinstance(instance, Comment)]
    if not comments and not deleted:
        return
    connection = session.connection()
    changes = _Changes()
    for kind, comment in comments:
        if kind == "new":
            _new(session, connection, comment, changes)
        else:
            _dirty(comment, changes)
    changes.recount.update(inspect(comment).dict.get("consultation_id") for comment in deleted)
    changes.recount.discard(None)
    _apply(connection, changes)


# Bulk writes that cannot move a counter (flags, authors, edits).
_UNCOUNTED = {
    "flag_count",
    "held",
    "author_id",
    "body_text",
    "body_html",
    "fingerprint",
    "edited_at",
    "hidden_at",
    "hidden_rule",
    "hidden_note",
    "language",
    "stance",
}


def _written_columns(statement) -> set[str] | None:
    values = getattr(statement, "_values", None)
    if not values:
        return None
    return {getattr(key, "key", key) for key in values}


def _inserted_into(orm_execute_state: ORMExecuteState) -> set[int] | None:
    """The consultations a bulk INSERT of comments writes to (None: cannot tell)."""
    rows = orm_execute_state.parameters
    if isinstance(rows, dict):
        rows = [rows]
    ids = {row.get("consultation_id") for row in rows or ()}
    return None if not ids or None in ids else ids


def _on_bulk_write(orm_execute_state: ORMExecuteState):
    """Bulk `insert(Comment)` (bench-data), `update(Comment)` of the state (account
    erasure) and `delete(Comment)` bypass the flush: note the consultations they touch,
    run them, then count those consultations again."""
    mapper = orm_execute_state.bind_mapper
    if mapper is None or mapper.class_ is not Comment:
        return None
    session = orm_execute_state.session
    statement = orm_execute_state.statement
    if orm_execute_state.is_insert:
        ids = _inserted_into(orm_execute_state)
    elif orm_execute_state.is_update or orm_execute_state.is_delete:
        if orm_execute_state.is_update:
            written = _written_columns(statement)
            if written is not None and written <= _UNCOUNTED:
                return None
        where = statement.whereclause
        touched = select(Comment.consultation_id).distinct()
        ids = set(session.connection().scalars(touched if where is None else touched.where(where)))
        lock(session.connection(), sorted(ids))
    else:
        return None
    result = orm_execute_state.invoke_statement()
    recount(session.connection(), ids)
    return result


def init_counters() -> None:
    """Watch every session's comment writes (once per process, however many apps are made)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
    if not event.contains(Session, "do_orm_execute", _on_bulk_write):
        event.listen(Session, "do_orm_execute", _on_bulk_write)
