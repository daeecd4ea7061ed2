"""evidence archives

Revision ID: e7f8a9b0c1d2
Revises: d6e7f8a9b0c1
Create Date: 2026-12-07 07:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e7f8a9b0c1d2'
down_revision = 'd6e7f8a9b0c1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'link_archives',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('url_sha256', sa.String(length=64), nullable=False),
        sa.Column('url', sa.String(length=2000), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=True),
        sa.Column('final_url', sa.String(length=2000), nullable=False),
        sa.Column('http_status', sa.Integer(), nullable=True),
        sa.Column('content_type', sa.String(length=100), nullable=False),
        sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('checked_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('failing_since', sa.DateTime(timezone=True), nullable=True),
        sa.Column('problem', sa.String(length=200), nullable=False),
        sa.Column('next_check_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('url_sha256'),
    )
    with op.batch_alter_table('link_archives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_link_archives_next_check_at'), ['next_check_at'], unique=False)


def downgrade():
    with op.batch_alter_table('link_archives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_link_archives_next_check_at'))
    op.drop_table('link_archives')
