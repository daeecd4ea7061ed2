"""staff reminders

Revision ID: c9d0e1f2a3b4
Revises: b8c9d0e1f2a3
Create Date: 2026-12-07 07:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c9d0e1f2a3b4'
down_revision = 'b8c9d0e1f2a3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'staff_digests',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', 'day'),
    )
    with op.batch_alter_table('comments') as batch:
        batch.add_column(sa.Column('held_at', sa.DateTime(timezone=True), nullable=True))
    # Comments held before this column existed: held since their latest flag.
    op.execute(
        "UPDATE comments SET held_at = (SELECT max(flags.created_at) FROM flags "
        "WHERE flags.comment_id = comments.id) WHERE held"
    )


def downgrade():
    with op.batch_alter_table('comments') as batch:
        batch.drop_column('held_at')
    op.drop_table('staff_digests')
