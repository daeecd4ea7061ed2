"""api change times

Revision ID: e4a3d4e5f6b7
Revises: d3f2c3e4f5a6
Create Date: 2026-11-30 00:15:00

The API derives every record's change time from the columns that already exist (row and
text-row timestamps, published records and public audit events; consultations/api/queries.py),
so this revision changes nothing. It stays so the chain of revisions is unbroken.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'e4a3d4e5f6b7'
down_revision = 'd3f2c3e4f5a6'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
