"""plan import and co-creation

Revision ID: a9b0c1d2e3f4
Revises: f8a9b0c1d2e3
Create Date: 2026-12-07 08:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a9b0c1d2e3f4'
down_revision = 'f8a9b0c1d2e3'
branch_labels = None
depends_on = None


# Co-creation (wt-cocreation): forum meetings and forum pages are searched; PostgreSQL keeps
# a GIN index per kind of search document. Run `flask search reindex` after upgrading to
# index the meetings and forums already there.
COCREATION_SEARCH_KINDS = ("meeting", "forum")


def upgrade():
    if op.get_bind().dialect.name == 'postgresql':
        for kind in COCREATION_SEARCH_KINDS:
            op.execute(
                f"CREATE INDEX search_index_gin_{kind} ON search_documents "
                f"USING gin (search_index_terms) WHERE kind = '{kind}'"
            )


def downgrade():
    for kind in COCREATION_SEARCH_KINDS:
        if op.get_bind().dialect.name == 'postgresql':
            op.execute(f"DROP INDEX IF EXISTS search_index_gin_{kind}")
        op.execute(f"DELETE FROM search_documents WHERE kind = '{kind}'")
