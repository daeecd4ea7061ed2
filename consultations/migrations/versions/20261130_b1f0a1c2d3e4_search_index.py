"""search index

Revision ID: b1f0a1c2d3e4
Revises: 5129bac37ffe
Create Date: 2026-11-30 00:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b1f0a1c2d3e4'
down_revision = '5129bac37ffe'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
