"""search at scale

Revision ID: b7c8d9e0f1a2
Revises: a6b7c8d9e0f1
Create Date: 2026-11-30 01:00:00

Search that stays fast when a word matches 100,000 documents. On SQLite the FTS5 table
gains the document's kind as a third column, so that "comments that match" and the newest
matches of one kind come from the index alone; it is rebuilt from the documents. On
PostgreSQL the vectors are stored (weighted title and body, and the title alone) under GIN
indexes, one over all documents and one per kind, instead of an expression index whose
vectors every ranking had to compute again; the generated columns fill themselves.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b7c8d9e0f1a2'
down_revision = 'a6b7c8d9e0f1'
branch_labels = None
depends_on = None

PG_VECTOR = (
    "(setweight(to_tsvector('simple'::regconfig, title_normalised), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_normalised), 'B'))"
)
KINDS = ("commitment", "consultation", "section", "update", "comment")
TRIGGERS = ("search_index_insert", "search_index_delete", "search_index_update")


def _sqlite_index(columns: tuple[str, ...]) -> list[str]:
    """The FTS5 table over `columns` of search_documents and the triggers keeping it."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    return [
        f"CREATE VIRTUAL TABLE search_index USING fts5({names}, "
        "content='search_documents', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 0')",
        "CREATE TRIGGER search_index_insert AFTER INSERT ON search_documents BEGIN "
        f"INSERT INTO search_index(rowid, {names}) VALUES (new.id, {new}); END",
        "CREATE TRIGGER search_index_delete AFTER DELETE ON search_documents BEGIN "
        f"INSERT INTO search_index(search_index, rowid, {names}) "
        f"VALUES ('delete', old.id, {old}); END",
        "CREATE TRIGGER search_index_update AFTER UPDATE ON search_documents BEGIN "
        f"INSERT INTO search_index(search_index, rowid, {names}) "
        f"VALUES ('delete', old.id, {old}); "
        f"INSERT INTO search_index(rowid, {names}) VALUES (new.id, {new}); END",
        "INSERT INTO search_index(search_index) VALUES ('rebuild')",
    ]


def _sqlite_replace(columns: tuple[str, ...]) -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS search_index")
    for statement in _sqlite_index(columns):
        op.execute(statement)


def upgrade():
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        _sqlite_replace(("title_normalised", "body_normalised", "kind"))
    elif dialect == 'postgresql':
        op.execute("DROP INDEX IF EXISTS search_index_vector")
        op.execute(
            "ALTER TABLE search_documents ADD COLUMN search_index_terms tsvector "
            f"GENERATED ALWAYS AS ({PG_VECTOR}) STORED"
        )
        op.execute(
            "ALTER TABLE search_documents ADD COLUMN search_index_title tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title_normalised)) STORED"
        )
        op.execute(
            "CREATE INDEX search_index_gin ON search_documents USING gin (search_index_terms)"
        )
        op.execute(
            "CREATE INDEX search_index_title_gin ON search_documents "
            "USING gin (search_index_title)"
        )
        for kind in KINDS:
            op.execute(
                f"CREATE INDEX search_index_gin_{kind} ON search_documents "
                f"USING gin (search_index_terms) WHERE kind = '{kind}'"
            )


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        _sqlite_replace(("title_normalised", "body_normalised"))
    elif dialect == 'postgresql':
        for kind in KINDS:
            op.execute(f"DROP INDEX IF EXISTS search_index_gin_{kind}")
        op.execute("DROP INDEX IF EXISTS search_index_title_gin")
        op.execute("DROP INDEX IF EXISTS search_index_gin")
        op.execute("ALTER TABLE search_documents DROP COLUMN IF EXISTS search_index_title")
        op.execute("ALTER TABLE search_documents DROP COLUMN IF EXISTS search_index_terms")
        op.execute(f"CREATE INDEX search_index_vector ON search_documents USING gin ({PG_VECTOR})")
