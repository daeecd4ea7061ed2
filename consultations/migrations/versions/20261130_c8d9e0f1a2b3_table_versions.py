"""table versions

Revision ID: c8d9e0f1a2b3
Revises: b7c8d9e0f1a2
Create Date: 2026-11-30 03:30:00

One version per table, changed by every transaction that writes to it; rendered pages for
readers who are not signed in are kept while the versions of what they read stay the same.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c8d9e0f1a2b3'
down_revision = 'b7c8d9e0f1a2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'table_versions',
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('version', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_table_versions')),
    )


def downgrade():
    op.drop_table('table_versions')
