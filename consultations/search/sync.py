"""Keeps the search documents in step with every write, in the writer's own transaction.

One session hook watches the searchable models: after each flush, the documents of the
things written, edited, hidden, restored or removed are rewritten from their rows; a
second one does the same around bulk ORM updates and deletes of those models. So
services, the demo loader and tests need no search code of their own.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import chain

from flask import Flask
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session

from ..comments.models import Comment
from ..consultation.models import Consultation, ConsultationText, Section, SectionText
from ..documents.models import Document, DocumentText
from ..forum.models import Forum, ForumRules, Meeting
from ..plans.models import Commitment, CommitmentText, ProgressUpdate, ProgressUpdateText
from ..proposals.models import Proposal
from .documents import refresh

# model -> (document kind, attribute holding the id of the thing the document is about)
WATCHED = {
    Commitment: ("commitment", "id"),
    CommitmentText: ("commitment", "commitment_id"),
    Consultation: ("consultation", "id"),
    ConsultationText: ("consultation", "consultation_id"),
    Section: ("section", "id"),
    SectionText: ("section", "section_id"),
    ProgressUpdate: ("update", "id"),
    ProgressUpdateText: ("update", "update_id"),
    Comment: ("comment", "id"),
    Document: ("document", "id"),
    DocumentText: ("document", "document_id"),
    Proposal: ("proposal", "id"),
    Meeting: ("meeting", "id"),
    Forum: ("forum", "id"),
    ForumRules: ("forum", "forum_id"),
}
# Only these columns of a thing change its documents; its texts change them whatever column.
# Counters and pointers kept on the same rows (a consultation's comment count, a
# commitment's latest update) change with every comment or update and must not make the
# hook rewrite a consultation's 100,000 comment documents.
# A text dropped from `texts` is deleted only during the flush, so the collection counts.
SEARCHED_FIELDS = {
    Commitment: ("reference", "texts"),
    Consultation: ("slug", "texts", "sections"),
    Section: ("anchor", "consultation_id", "texts"),
    ProgressUpdate: ("published_at", "commitment_id", "texts"),
    Comment: ("body_text", "state", "held", "language", "consultation_id", "section_id"),
    # Not its supporters' count, which changes with every support.
    Proposal: ("title", "problem", "solution", "state", "held", "language"),
    Meeting: (
        "held_at",
        "place",
        "language",
        "forum_id",
        "agenda_html",
        "agenda_published_at",
        "minutes_html",
        "decisions_html",
        "minutes_published_at",
    ),
    Forum: ("country", "join_html", "join_language"),
}


def _changed(session: Session, instance: object) -> bool:
    fields = SEARCHED_FIELDS.get(type(instance))
    if fields is not None:
        state = inspect(instance)
        return any(state.attrs[name].history.has_changes() for name in fields)
    return session.is_modified(instance)


def _targets(session: Session) -> dict[str, set[int]]:
    targets: dict[str, set[int]] = defaultdict(set)
    dirty = [instance for instance in session.dirty if _changed(session, instance)]
    for instance in chain(session.new, dirty, session.deleted):
        watched = WATCHED.get(type(instance))
        if watched is None:
            continue
        kind, attribute = watched
        state = inspect(instance)
        # Read without loading: a flush must not set off lazy loads.
        object_id = state.dict.get(attribute)
        if object_id is None and attribute == "id" and state.identity:
            object_id = state.identity[0]
        if object_id is not None:
            targets[kind].add(object_id)
    return targets


def _after_flush(session: Session, _context) -> None:
    targets = _targets(session)
    if targets:
        refresh(session.connection(), targets)


def _bulk_targets(orm_execute_state: ORMExecuteState) -> tuple[str, object] | None:
    """The kind and the id column of the things a bulk UPDATE or DELETE statement touches."""
    mapper = orm_execute_state.bind_mapper
    watched = WATCHED.get(mapper.class_) if mapper is not None else None
    if watched is None:
        return None
    kind, attribute = watched
    return kind, getattr(mapper.class_, attribute)


def _writes_searched(statement, model: type) -> bool:
    """Whether a bulk UPDATE sets a column the documents show (True when it cannot tell)."""
    fields = SEARCHED_FIELDS.get(model)
    values = getattr(statement, "_values", None)
    if fields is None or not values:
        return True
    return any(getattr(key, "key", key) in fields for key in values)


def _on_bulk_write(orm_execute_state: ORMExecuteState):
    """Bulk `update(Comment)…` or `delete(…)` bypass the flush (account erasure uses them):
    note which things they touch, run them, then rewrite those things' documents."""
    if not (orm_execute_state.is_update or orm_execute_state.is_delete):
        return None
    watched = _bulk_targets(orm_execute_state)
    if watched is None:
        return None
    kind, id_column = watched
    session = orm_execute_state.session
    statement = orm_execute_state.statement
    model = orm_execute_state.bind_mapper.class_
    if orm_execute_state.is_update and not _writes_searched(statement, model):
        return None
    where = statement.whereclause
    touched = select(id_column) if where is None else select(id_column).where(where)
    ids = set(session.connection().scalars(touched))
    result = orm_execute_state.invoke_statement()
    if ids:
        refresh(session.connection(), {kind: ids})
    return result


def init_search(_app: Flask) -> None:
    """Watch every session's writes (once per process, however many apps are made)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
    if not event.contains(Session, "do_orm_execute", _on_bulk_write):
        event.listen(Session, "do_orm_execute", _on_bulk_write)
