"""follows and notifications

Revision ID: c2e1b2d3e4f5
Revises: b1f0a1c2d3e4
Create Date: 2026-11-30 00:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c2e1b2d3e4f5'
down_revision = 'b1f0a1c2d3e4'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
