"""rendering at scale: each listed thread's position among its consultation's threads

Revision ID: f6a7b8c9d0e1
Revises: e5f6a7b8c9d0
Create Date: 2026-12-06 06:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f6a7b8c9d0e1'
down_revision = 'e5f6a7b8c9d0'
branch_labels = None
depends_on = None

# Listed threads (top-level, not removed or answered by a reply that is not) numbered
# 1, 2, … oldest first in each consultation; UPDATE … FROM runs on PostgreSQL and SQLite.
NUMBER_THREADS = """
UPDATE comments SET thread_position = ranked.position
FROM (
    SELECT c.id AS id,
           row_number() OVER (PARTITION BY c.consultation_id ORDER BY c.created_at, c.id)
               AS position
    FROM comments AS c
    WHERE c.parent_id IS NULL
      AND (c.state != 'removed' OR EXISTS (
          SELECT 1 FROM comments AS reply
          WHERE reply.parent_id = c.id AND reply.state != 'removed'))
) AS ranked
WHERE comments.id = ranked.id
"""


def upgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('thread_position', sa.Integer(), nullable=True))
        batch_op.create_index(
            'ix_comments_thread_position', ['consultation_id', 'thread_position'], unique=False
        )
    op.execute(NUMBER_THREADS)


def downgrade():
    # In place, not by rebuilding the table: SQLite would refuse to drop a comments table
    # that answered comments, flags and documents still point at.
    op.drop_index('ix_comments_thread_position', table_name='comments')
    op.execute('ALTER TABLE comments DROP COLUMN thread_position')
