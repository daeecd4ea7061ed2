"""search index

Revision ID: b1f0a1c2d3e4
Revises: 5129bac37ffe
Create Date: 2026-11-30 00:15:00

The documents table, and the full-text index over its normalised columns: an FTS5 table
kept in step by triggers on SQLite, a GIN expression index on PostgreSQL. Existing
content becomes searchable with `flask --app app search-reindex`.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b1f0a1c2d3e4'
down_revision = '5129bac37ffe'
branch_labels = None
depends_on = None

PG_VECTOR = (
    "(setweight(to_tsvector('simple'::regconfig, title_normalised), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_normalised), 'B'))"
)
SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE search_index USING fts5("
    "title_normalised, body_normalised, content='search_documents', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_index_insert AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_index(rowid, title_normalised, body_normalised) "
    "VALUES (new.id, new.title_normalised, new.body_normalised); END",
    "CREATE TRIGGER search_index_delete AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_index(search_index, rowid, title_normalised, body_normalised) "
    "VALUES ('delete', old.id, old.title_normalised, old.body_normalised); END",
    "CREATE TRIGGER search_index_update AFTER UPDATE ON search_documents BEGIN "
    "INSERT INTO search_index(search_index, rowid, title_normalised, body_normalised) "
    "VALUES ('delete', old.id, old.title_normalised, old.body_normalised); "
    "INSERT INTO search_index(rowid, title_normalised, body_normalised) "
    "VALUES (new.id, new.title_normalised, new.body_normalised); END",
)


def upgrade():
    op.create_table('search_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('context', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('title_normalised', sa.Text(), nullable=False),
    sa.Column('body_normalised', sa.Text(), nullable=False),
    sa.Column('url_key', sa.String(length=80), nullable=False),
    sa.Column('anchor', sa.String(length=80), nullable=False),
    sa.Column('written_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_documents')),
    sa.UniqueConstraint('kind', 'object_id', 'locale', name='uq_search_document')
    )
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        for statement in SQLITE_CREATE:
            op.execute(statement)
    elif dialect == 'postgresql':
        op.execute(f"CREATE INDEX search_index_vector ON search_documents USING gin ({PG_VECTOR})")


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        op.execute("DROP TABLE IF EXISTS search_index")
    elif dialect == 'postgresql':
        op.execute("DROP INDEX IF EXISTS search_index_vector")
    op.drop_table('search_documents')
