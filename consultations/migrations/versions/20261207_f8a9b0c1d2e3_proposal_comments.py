"""proposal comments

Revision ID: f8a9b0c1d2e3
Revises: e7f8a9b0c1d2
Create Date: 2026-12-07 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f8a9b0c1d2e3'
down_revision = 'e7f8a9b0c1d2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('flag_count', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('held', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('held_at', sa.DateTime(timezone=True), nullable=True))

    op.create_table(
        'proposal_comments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('proposal_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('body_text', sa.Text(), nullable=False),
        sa.Column('body_html', sa.Text(), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('state', sa.Enum('visible', 'hidden', 'removed', name='commentstate', native_enum=False, length=24), nullable=False),
        sa.Column('held', sa.Boolean(), nullable=False),
        sa.Column('held_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('flag_count', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('hidden_rule', sa.String(length=40), nullable=True),
        sa.Column('hidden_note', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['author_id'], ['users.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('proposal_id', 'author_id', 'fingerprint', name='uq_proposal_comment_once'),
    )
    with op.batch_alter_table('proposal_comments', schema=None) as batch_op:
        batch_op.create_index('ix_proposal_comments_proposal', ['proposal_id', 'created_at', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_comments_author_id'), ['author_id'], unique=False)

    op.create_table(
        'proposal_flags',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('proposal_id', sa.Integer(), nullable=True),
        sa.Column('comment_id', sa.Integer(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('reason', sa.String(length=40), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('(proposal_id IS NULL) <> (comment_id IS NULL)', name='ck_proposal_flag_one_subject'),
        sa.ForeignKeyConstraint(['comment_id'], ['proposal_comments.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('comment_id', 'user_id', name='uq_proposal_comment_flag_once'),
        sa.UniqueConstraint('proposal_id', 'user_id', name='uq_proposal_flag_once'),
    )
    with op.batch_alter_table('proposal_flags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_flags_comment_id'), ['comment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_flags_proposal_id'), ['proposal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_flags_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('proposal_flags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_flags_user_id'))
        batch_op.drop_index(batch_op.f('ix_proposal_flags_proposal_id'))
        batch_op.drop_index(batch_op.f('ix_proposal_flags_comment_id'))
    op.drop_table('proposal_flags')
    with op.batch_alter_table('proposal_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_comments_author_id'))
        batch_op.drop_index('ix_proposal_comments_proposal')
    op.drop_table('proposal_comments')
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_column('held_at')
        batch_op.drop_column('held')
        batch_op.drop_column('flag_count')
