"""What "nothing is half-written" means, checked straight on the database.

Each function returns the problems it found, as sentences; an empty list is a whole database.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select, text

from consultations.comments.models import Comment, CommentState
from consultations.consultation.models import Consultation, Section
from consultations.extensions import db
from consultations.search.models import INDEX_NAME, SearchDocument


def stored_texts(prefix: str) -> Counter:
    """How many comment rows hold each text that starts with `prefix`."""
    rows = db.session.scalars(select(Comment.body_text).where(Comment.body_text.like(f"{prefix}%")))
    return Counter(rows)


def problems() -> list[str]:
    """Every way the stored comments, their search documents and counters disagree."""
    return [
        *incomplete_comments(),
        *search_documents_out_of_step(),
        *counters_off(),
        *thread_positions_off(),
        *orphans(),
        *engine_problems(),
    ]


def incomplete_comments() -> list[str]:
    found = []
    for comment in db.session.scalars(select(Comment).order_by(Comment.id)):
        if not comment.fingerprint:
            found.append(f"comment {comment.id} has no fingerprint")
        if comment.state == CommentState.REMOVED:
            if comment.body_text or comment.body_html:
                found.append(f"removed comment {comment.id} still holds its text")
        elif not (comment.body_text and comment.body_html):
            found.append(f"comment {comment.id} has no text or no HTML")
        elif comment.body_text.split()[0] not in comment.body_html:
            found.append(f"comment {comment.id}: its HTML is not its text")
    return found


def search_documents_out_of_step() -> list[str]:
    """A visible comment has one document per its language, with its text; no other has one."""
    searchable = {
        comment.id: comment
        for comment in db.session.scalars(
            select(Comment).where(Comment.state == CommentState.VISIBLE, Comment.held.is_(False))
        )
    }
    documents = db.session.scalars(select(SearchDocument).where(SearchDocument.kind == "comment"))
    seen: Counter = Counter()
    found = []
    for document in documents:
        seen[document.object_id] += 1
        comment = searchable.get(document.object_id)
        if comment is None:
            found.append(f"search document {document.id} is about no visible comment")
        elif document.body != comment.body_text or document.locale != comment.language:
            found.append(f"the search document of comment {comment.id} is not its text")
    for comment_id in searchable:
        if seen[comment_id] != 1:
            found.append(f"comment {comment_id} has {seen[comment_id]} search documents")
    return found


def _comment_rows() -> list:
    """What the counters and the thread positions depend on, for every comment."""
    columns = [
        Comment.id,
        Comment.consultation_id,
        Comment.section_id,
        Comment.parent_id,
        Comment.state,
        Comment.created_at,
    ]
    if hasattr(Comment, "thread_position"):
        columns.append(Comment.thread_position)
    return db.session.execute(select(*columns)).all()


def _answered(rows) -> set[int]:
    """The comments with a reply that is not removed."""
    return {row.parent_id for row in rows if row.parent_id and row.state != CommentState.REMOVED}


def counters_off() -> list[str]:
    """Comment counters, where the schema has them, equal a count from the comments."""
    if not hasattr(Consultation, "comment_count"):
        return []
    visible = Counter()
    threads = Counter()
    comments = _comment_rows()
    answered = _answered(comments)
    for row in comments:
        owners = [("consultation", row.consultation_id)]
        if row.section_id:
            owners.append(("section", row.section_id))
        for owner in owners:
            if row.state == CommentState.VISIBLE:
                visible[owner] += 1
            if row.parent_id is None and (row.state != CommentState.REMOVED or row.id in answered):
                threads[owner] += 1
    found = []
    for kind, model in (("consultation", Consultation), ("section", Section)):
        for row in db.session.execute(select(model.id, model.comment_count, model.thread_count)):
            key = (kind, row.id)
            if (row.comment_count, row.thread_count) != (visible[key], threads[key]):
                found.append(
                    f"{kind} {row.id} counts {row.comment_count} comments and {row.thread_count} "
                    f"threads; a recount gives {visible[key]} and {threads[key]}"
                )
    return found


def thread_positions_off() -> list[str]:
    """Each consultation's listed threads stand at 1, 2, … in (created_at, id) order; replies
    and threads no longer listed stand nowhere."""
    if not hasattr(Comment, "thread_position"):
        return []
    rows = _comment_rows()
    answered = _answered(rows)
    listed: dict[int, list] = {}
    found = []
    for row in rows:
        if row.parent_id is None and (row.state != CommentState.REMOVED or row.id in answered):
            listed.setdefault(row.consultation_id, []).append(row)
        elif row.thread_position is not None:
            found.append(
                f"comment {row.id} is not a listed thread but stands at {row.thread_position}"
            )
    for consultation_id, threads in listed.items():
        threads.sort(key=lambda row: (row.created_at, row.id))
        positions = [row.thread_position for row in threads]
        if positions != list(range(1, len(threads) + 1)):
            found.append(f"the threads of consultation {consultation_id} stand at {positions[:50]}")
    return found


def orphans() -> list[str]:
    """Rows pointing at a row that is not there, for every foreign key of the schema."""
    found = []
    for table in db.metadata.sorted_tables:
        for key in table.foreign_keys:
            column, target = key.parent, key.column
            missing = db.session.scalar(
                select(func.count())
                .select_from(table)
                .where(column.is_not(None), column.not_in(select(target)))
            )
            if missing:
                found.append(f"{missing} rows of {table.name} point at no {target}")
    # Search documents name their thing by kind and id, without a foreign key.
    for kind, model in (("comment", Comment), ("consultation", Consultation), ("section", Section)):
        missing = db.session.scalar(
            select(func.count())
            .select_from(SearchDocument)
            .where(SearchDocument.kind == kind, SearchDocument.object_id.not_in(select(model.id)))
        )
        if missing:
            found.append(f"{missing} {kind} search documents are about nothing")
    return found


def engine_problems() -> list[str]:
    """SQLite's own checks of the file and of the full-text index (PostgreSQL needs none)."""
    if db.engine.dialect.name != "sqlite":
        return []
    found = []
    result = db.session.execute(text("PRAGMA integrity_check")).scalars().all()
    if result != ["ok"]:
        found.append(f"PRAGMA integrity_check: {result}")
    try:
        db.session.execute(
            text(f"INSERT INTO {INDEX_NAME}({INDEX_NAME}, rank) VALUES ('integrity-check', 1)")
        )
    except Exception as error:  # noqa: BLE001  (the message says what is wrong)
        found.append(f"the full-text index does not match its documents: {error}")
    db.session.rollback()
    return found
