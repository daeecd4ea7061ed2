"""consultation counters

Revision ID: f5a6b7c8d9e0
Revises: e4a3d4e5f6b7
Create Date: 2026-11-30 01:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f5a6b7c8d9e0'
down_revision = 'e4a3d4e5f6b7'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
