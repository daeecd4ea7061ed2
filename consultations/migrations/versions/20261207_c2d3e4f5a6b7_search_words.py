"""search words: the SQLite index's words, to search the word being typed as whole words

Revision ID: c2d3e4f5a6b7
Revises: b0c1d2e3f4a5
Create Date: 2026-12-07 12:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c2d3e4f5a6b7'
down_revision = 'b0c1d2e3f4a5'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != 'sqlite':
        return
    op.execute("CREATE TABLE IF NOT EXISTS search_index_words (word TEXT PRIMARY KEY) WITHOUT ROWID")
    # Every word the index holds now, read from the index itself.
    op.execute("CREATE VIRTUAL TABLE temp.search_index_vocabulary USING fts5vocab(main, search_index, 'row')")
    op.execute("INSERT INTO search_index_words (word) SELECT term FROM temp.search_index_vocabulary")
    op.execute("DROP TABLE temp.search_index_vocabulary")


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("DROP TABLE IF EXISTS search_index_words")
