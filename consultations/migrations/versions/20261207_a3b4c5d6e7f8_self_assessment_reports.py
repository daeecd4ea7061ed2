"""self assessment reports

Revision ID: a3b4c5d6e7f8
Revises: f2a3b4c5d6e7
Create Date: 2026-12-07 07:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a3b4c5d6e7f8'
down_revision = 'f2a3b4c5d6e7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'self_assessment_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('period', sa.Enum('mid_term', 'end_of_term', name='period', native_enum=False, length=24), nullable=False),
        sa.Column('state', sa.Enum('queued', 'generating', 'draft', 'published', name='reportstate', native_enum=False, length=24), nullable=False),
        sa.Column('replaces_id', sa.Integer(), nullable=True),
        sa.Column('snapshot', sa.JSON(), nullable=True),
        sa.Column('progress_done', sa.Integer(), nullable=False),
        sa.Column('progress_total', sa.Integer(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.Column('generated_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['plan_id'], ['action_plans.id'], ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['replaces_id'], ['self_assessment_reports.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('self_assessment_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_self_assessment_reports_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_self_assessment_reports_replaces_id'), ['replaces_id'], unique=False)

    op.create_table(
        'self_assessment_report_texts',
        sa.Column('report_id', sa.Integer(), nullable=False),
        sa.Column('locale', sa.String(length=8), nullable=False),
        sa.Column('introduction', sa.Text(), nullable=False),
        sa.Column('process', sa.Text(), nullable=False),
        sa.Column('conclusions', sa.Text(), nullable=False),
        sa.Column('introduction_html', sa.Text(), nullable=False),
        sa.Column('process_html', sa.Text(), nullable=False),
        sa.Column('conclusions_html', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.ForeignKeyConstraint(['report_id'], ['self_assessment_reports.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('report_id', 'locale'),
    )


def downgrade():
    op.drop_table('self_assessment_report_texts')
    with op.batch_alter_table('self_assessment_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_self_assessment_reports_replaces_id'))
        batch_op.drop_index(batch_op.f('ix_self_assessment_reports_plan_id'))
    op.drop_table('self_assessment_reports')
