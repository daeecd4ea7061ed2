"""monthly quality

Revision ID: d0e1f2a3b4c5
Revises: c9d0e1f2a3b4
Create Date: 2026-12-07 07:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd0e1f2a3b4c5'
down_revision = 'c9d0e1f2a3b4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('quality_months',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('scope_kind', sa.String(length=16), nullable=False),
    sa.Column('scope', sa.String(length=40), nullable=False),
    sa.Column('median_days', sa.Float(), nullable=True),
    sa.Column('first_responses', sa.Integer(), nullable=False),
    sa.Column('answered_on_time', sa.Integer(), nullable=False),
    sa.Column('answers_due', sa.Integer(), nullable=False),
    sa.Column('satisfaction_sum', sa.Integer(), nullable=False),
    sa.Column('satisfaction_answers', sa.Integer(), nullable=False),
    sa.Column('ease_sum', sa.Integer(), nullable=False),
    sa.Column('ease_answers', sa.Integer(), nullable=False),
    sa.Column('commitments_fresh', sa.Integer(), nullable=False),
    sa.Column('commitments_reporting', sa.Integer(), nullable=False),
    sa.Column('comments', sa.Integer(), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=False),
    sa.Column('new_accounts', sa.Integer(), nullable=True),
    sa.Column('proposals', sa.Integer(), nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('month', 'scope_kind', 'scope', name='uq_quality_month_scope')
    )
    with op.batch_alter_table('quality_months', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quality_months_month'), ['month'], unique=False)

    op.create_table('service_standards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('median_days', sa.Float(), nullable=False),
    sa.Column('on_time_percent', sa.Integer(), nullable=False),
    sa.Column('satisfaction', sa.Float(), nullable=False),
    sa.Column('fresh_percent', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('expectation_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.Enum('read', 'answered', 'change', 'nothing', name='expectedoutcome', native_enum=False, length=16), nullable=True),
    sa.Column('wait', sa.Enum('week', 'month', 'quarter', 'never', name='expectedwait', native_enum=False, length=16), nullable=True),
    sa.Column('respondent', sa.Enum('resident', 'organisation', 'business', name='respondent', native_enum=False, length=16), nullable=True),
    sa.Column('declined', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id')
    )
    with op.batch_alter_table('satisfaction_answers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('respondent', sa.Enum('resident', 'organisation', 'business', name='respondent', native_enum=False, length=16), nullable=True))


def downgrade():
    with op.batch_alter_table('satisfaction_answers', schema=None) as batch_op:
        batch_op.drop_column('respondent')
    op.drop_table('expectation_answers')
    op.drop_table('service_standards')
    with op.batch_alter_table('quality_months', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quality_months_month'))
    op.drop_table('quality_months')
