"""The search documents: one per searchable thing and language, with its normalised text.

The full-text index itself is not a model. On SQLite it is an FTS5 table over the two
normalised columns and the kind, kept in step by triggers, with a table of its words; on
PostgreSQL two stored tsvector columns under a GIN index.
Both are made here for `db.create_all()` and by the migration for real databases.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DDL, DateTime, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db

# Every schema object named from here on is the index's, not the models' (FTS5 makes
# shadow tables such as search_index_data); the schema comparison leaves them out.
INDEX_NAME = "search_index"

# Title words weigh more than body words: A for the title, B for the body.
PG_VECTOR = (
    "(setweight(to_tsvector('simple'::regconfig, title_normalised), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_normalised), 'B'))"
)
# Every kind of document, in the order the search page lists them.
KINDS = (
    "commitment",
    "consultation",
    "section",
    "update",
    "comment",
    "document",
    "proposal",
    "meeting",
    "forum",
)

# PostgreSQL keeps the vectors stored, so ranking reads them instead of parsing the text
# again: the weighted title and body, and the title alone. One GIN index per kind as well
# as one over all, so that "comments that match" or "sections that match" reads only the
# postings of that kind (a prefix query reads every posting of its words: 20,000 for a
# common word, 100 once only consultations are in the index).
PG_TERMS = f"{INDEX_NAME}_terms"
PG_TITLE = f"{INDEX_NAME}_title"
PG_CREATE = (
    f"ALTER TABLE search_documents ADD COLUMN {PG_TERMS} tsvector GENERATED ALWAYS AS "
    f"({PG_VECTOR}) STORED",
    f"ALTER TABLE search_documents ADD COLUMN {PG_TITLE} tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple'::regconfig, title_normalised)) STORED",
    f"CREATE INDEX {INDEX_NAME}_gin ON search_documents USING gin ({PG_TERMS})",
    f"CREATE INDEX {INDEX_NAME}_title_gin ON search_documents USING gin ({PG_TITLE})",
    *(
        f"CREATE INDEX {INDEX_NAME}_gin_{kind} ON search_documents USING gin ({PG_TERMS}) "
        f"WHERE kind = '{kind}'"
        for kind in KINDS
    ),
)

# The kind is a third, unweighted column, so that the index alone finds "comments that
# match" without reading the documents.
SQLITE_COLUMNS = "title_normalised, body_normalised, kind"
SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX_NAME} USING fts5({SQLITE_COLUMNS}, "
    "content='search_documents', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER IF NOT EXISTS {INDEX_NAME}_insert AFTER INSERT ON search_documents BEGIN "
    f"INSERT INTO {INDEX_NAME}(rowid, {SQLITE_COLUMNS}) "
    "VALUES (new.id, new.title_normalised, new.body_normalised, new.kind); END",
    f"CREATE TRIGGER IF NOT EXISTS {INDEX_NAME}_delete AFTER DELETE ON search_documents BEGIN "
    f"INSERT INTO {INDEX_NAME}({INDEX_NAME}, rowid, {SQLITE_COLUMNS}) "
    "VALUES ('delete', old.id, old.title_normalised, old.body_normalised, old.kind); END",
    f"CREATE TRIGGER IF NOT EXISTS {INDEX_NAME}_update AFTER UPDATE ON search_documents BEGIN "
    f"INSERT INTO {INDEX_NAME}({INDEX_NAME}, rowid, {SQLITE_COLUMNS}) "
    "VALUES ('delete', old.id, old.title_normalised, old.body_normalised, old.kind); "
    f"INSERT INTO {INDEX_NAME}(rowid, {SQLITE_COLUMNS}) "
    "VALUES (new.id, new.title_normalised, new.body_normalised, new.kind); END",
)
# Every word the SQLite index holds, to expand the word still being typed into the whole
# words it begins (search/index.py): FTS5 gathers a prefix's postings anew for every MATCH,
# 0.5 ms for a common word, where a few whole words are read as they are.
WORDS_NAME = f"{INDEX_NAME}_words"
SQLITE_CREATE += (f"CREATE TABLE IF NOT EXISTS {WORDS_NAME} (word TEXT PRIMARY KEY) WITHOUT ROWID",)
SQLITE_DROP = f"DROP TABLE IF EXISTS {INDEX_NAME}"
SQLITE_DROP_WORDS = f"DROP TABLE IF EXISTS {WORDS_NAME}"


class SearchDocument(db.Model):
    """One searchable thing in one language: what is shown, and the text the index reads."""

    __tablename__ = "search_documents"
    __table_args__ = (UniqueConstraint("kind", "object_id", "locale", name="uq_search_document"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # commitment, consultation, section, update or comment
    kind: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int] = mapped_column(Integer)
    locale: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(Text, default="")
    # What the thing belongs to, e.g. the consultation of a section or a comment.
    context: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    title_normalised: Mapped[str] = mapped_column(Text, default="")
    body_normalised: Mapped[str] = mapped_column(Text, default="")
    # The commitment reference or consultation slug its page is found by, and the anchor.
    url_key: Mapped[str] = mapped_column(String(80))
    anchor: Mapped[str] = mapped_column(String(80), default="")
    written_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


def described_by_models(name: str | None, _type: str, _parents: dict) -> bool:
    """Alembic's include_name: False for the index's own objects, which no model describes."""
    return not (name or "").startswith(INDEX_NAME)


_table = SearchDocument.__table__
for _statement in SQLITE_CREATE:
    event.listen(_table, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
for _statement in PG_CREATE:
    event.listen(_table, "after_create", DDL(_statement).execute_if(dialect="postgresql"))
for _statement in (SQLITE_DROP, SQLITE_DROP_WORDS):
    event.listen(_table, "before_drop", DDL(_statement).execute_if(dialect="sqlite"))
