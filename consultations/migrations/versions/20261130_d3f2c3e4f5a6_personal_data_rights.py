"""personal data rights

Revision ID: d3f2c3e4f5a6
Revises: c2e1b2d3e4f5
Create Date: 2026-11-30 00:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd3f2c3e4f5a6'
down_revision = 'c2e1b2d3e4f5'
branch_labels = None
depends_on = None


def upgrade():
    # A deleted account stays as an anonymous row, because audit events refer to it.
    op.add_column('users', sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('users') as batch_op:
        batch_op.drop_column('deleted_at')
