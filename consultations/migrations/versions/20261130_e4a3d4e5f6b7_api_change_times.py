"""api change times

Revision ID: e4a3d4e5f6b7
Revises: d3f2c3e4f5a6
Create Date: 2026-11-30 00:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e4a3d4e5f6b7'
down_revision = 'd3f2c3e4f5a6'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
