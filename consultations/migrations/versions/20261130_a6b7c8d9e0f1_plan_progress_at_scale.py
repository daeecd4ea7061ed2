"""plan progress at scale

Revision ID: a6b7c8d9e0f1
Revises: f5a6b7c8d9e0
Create Date: 2026-11-30 01:00:00

Each commitment keeps its latest published progress update (highest published_at, then
highest id) and what it reported, so pages stop ranking every update of every commitment
(consultations/plans/latest.py keeps them in step). A commitment's updates are indexed in
that order.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a6b7c8d9e0f1'
down_revision = 'f5a6b7c8d9e0'
branch_labels = None
depends_on = None

LATEST = (
    "(SELECT u.{column} FROM progress_updates u WHERE u.commitment_id = commitments.id"
    " ORDER BY u.published_at DESC, u.id DESC LIMIT 1)"
)


def upgrade():
    with op.batch_alter_table('progress_updates', schema=None) as batch_op:
        batch_op.drop_index('ix_progress_updates_commitment')
        batch_op.create_index(
            'ix_progress_updates_commitment', ['commitment_id', 'published_at', 'id'], unique=False
        )
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('latest_update_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('latest_status', sa.Enum('not_started', 'limited', 'substantial', 'complete', 'withdrawn', name='completion', native_enum=False, length=24), nullable=True))
        batch_op.add_column(sa.Column('latest_percent', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('latest_published_at', sa.DateTime(timezone=True), nullable=True))
    for table in ('progress_updates', 'assessments'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(
                f'ix_{table}_corrects_id',
                ['corrects_id'],
                unique=False,
                sqlite_where=sa.text('corrects_id IS NOT NULL'),
                postgresql_where=sa.text('corrects_id IS NOT NULL'),
            )
    # The API's reads of comments (consultations/comments/models.py).
    op.create_index('ix_comments_consultation_id', 'comments', ['consultation_id', 'id'], unique=False)
    op.create_index('ix_comments_created_at', 'comments', ['created_at'], unique=False)
    op.create_index(
        'ix_comments_edited_at',
        'comments',
        ['edited_at'],
        unique=False,
        sqlite_where=sa.text('edited_at IS NOT NULL'),
        postgresql_where=sa.text('edited_at IS NOT NULL'),
    )
    op.create_index('ix_audit_events_occurred_at', 'audit_events', ['occurred_at'], unique=False)
    # The few comments that are not public, counted apart (consultations/comments/models.py).
    op.create_index(
        'ix_comments_not_public',
        'comments',
        ['consultation_id', 'id'],
        unique=False,
        sqlite_where=sa.text("state != 'visible' OR held = 1"),
        postgresql_where=sa.text("state <> 'visible' OR held"),
    )
    op.execute(
        "UPDATE commitments SET "
        + ", ".join(
            f"{target} = {LATEST.format(column=column)}"
            for target, column in (
                ('latest_update_id', 'id'),
                ('latest_status', 'status'),
                ('latest_percent', 'percent_complete'),
                ('latest_published_at', 'published_at'),
            )
        )
    )


def downgrade():
    op.drop_index('ix_comments_not_public', table_name='comments')
    op.drop_index('ix_audit_events_occurred_at', table_name='audit_events')
    op.drop_index('ix_comments_edited_at', table_name='comments')
    op.drop_index('ix_comments_created_at', table_name='comments')
    op.drop_index('ix_comments_consultation_id', table_name='comments')
    for table in ('assessments', 'progress_updates'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f'ix_{table}_corrects_id')
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.drop_column('latest_published_at')
        batch_op.drop_column('latest_percent')
        batch_op.drop_column('latest_status')
        batch_op.drop_column('latest_update_id')
    with op.batch_alter_table('progress_updates', schema=None) as batch_op:
        batch_op.drop_index('ix_progress_updates_commitment')
        batch_op.create_index('ix_progress_updates_commitment', ['commitment_id', 'id'], unique=False)
