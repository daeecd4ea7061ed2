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

# Visible comments (replies included), and the top-level comments a reader pages through:
# a removed one stays listed while a reply that is not removed hangs under it.
VISIBLE = "SELECT count(c.id) FROM comments c WHERE {owner} AND c.state = 'visible'"
THREADS = (
    "SELECT count(c.id) FROM comments c WHERE {owner} AND c.parent_id IS NULL"
    " AND (c.state != 'removed' OR EXISTS (SELECT 1 FROM comments r"
    " WHERE r.parent_id = c.id AND r.state != 'removed'))"
)


def _backfill(table, owner):
    op.execute(
        f"UPDATE {table} SET comment_count = ({VISIBLE.format(owner=owner)}),"
        f" thread_count = ({THREADS.format(owner=owner)})"
    )


def upgrade():
    for table in ('consultations', 'sections'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('comment_count', sa.Integer(), server_default='0', nullable=False))
            batch_op.add_column(sa.Column('thread_count', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.create_index('ix_comments_section_created', ['section_id', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_comments_stance', ['consultation_id', 'stance', 'parent_id', 'state', 'section_id'], unique=False)
    _backfill('consultations', 'c.consultation_id = consultations.id')
    _backfill('sections', 'c.consultation_id = sections.consultation_id AND c.section_id = sections.id')


def downgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index('ix_comments_stance')
        batch_op.drop_index('ix_comments_section_created')
    for table in ('sections', 'consultations'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('thread_count')
            batch_op.drop_column('comment_count')
