"""multi stakeholder forum

Revision ID: b4c5d6e7f8a9
Revises: a3b4c5d6e7f8
Create Date: 2026-12-07 07:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b4c5d6e7f8a9'
down_revision = 'a3b4c5d6e7f8'
branch_labels = None
depends_on = None

SECTOR = sa.Enum('government', 'civil_society', 'other', name='sector', native_enum=False, length=20)


def upgrade():
    op.create_table(
        'forums',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('country', sa.String(length=2), nullable=False),
        sa.Column('join_html', sa.Text(), server_default='', nullable=False),
        sa.Column('join_language', sa.String(length=8), server_default='en', nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('country'),
    )
    op.create_table(
        'forum_members',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('forum_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('is_seat', sa.Boolean(), nullable=False),
        sa.Column('organisation', sa.String(length=200), nullable=False),
        sa.Column('sector', SECTOR, nullable=False),
        sa.Column('role', sa.Enum('co_chair', 'member', 'observer', name='memberrole', native_enum=False, length=20), nullable=False),
        sa.Column('term_start', sa.Date(), nullable=False),
        sa.Column('term_end', sa.Date(), nullable=True),
        sa.Column('ended_on', sa.Date(), nullable=True),
        sa.Column('replaces_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['replaces_id'], ['forum_members.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_forum_members_forum_term', 'forum_members', ['forum_id', 'term_start'], unique=False)
    op.create_table(
        'forum_rules',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('forum_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('body_html', sa.Text(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('published_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['published_by_id'], ['users.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('forum_id', 'version', name='uq_forum_rules_version'),
    )
    op.create_table(
        'forum_meetings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('forum_id', sa.Integer(), nullable=False),
        sa.Column('held_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('place', sa.String(length=200), nullable=False),
        sa.Column('online', sa.Boolean(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('agenda_html', sa.Text(), nullable=False),
        sa.Column('agenda_published_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('minutes_html', sa.Text(), nullable=False),
        sa.Column('decisions_html', sa.Text(), nullable=False),
        sa.Column('minutes_published_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_forum_meetings_forum_held', 'forum_meetings', ['forum_id', 'held_at'], unique=False)
    op.create_table(
        'forum_attendance',
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('present', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['forum_meetings.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['member_id'], ['forum_members.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('meeting_id', 'member_id'),
    )
    op.create_table(
        'forum_member_proposals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('forum_id', sa.Integer(), nullable=False),
        sa.Column('proposer_id', sa.Integer(), nullable=True),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('organisation', sa.String(length=200), nullable=False),
        sa.Column('sector', SECTOR, nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('state', sa.Enum('pending', 'accepted', 'declined', name='proposalstate', native_enum=False, length=12), nullable=False),
        sa.Column('answer', sa.Text(), nullable=False),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('answered_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['proposer_id'], ['users.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_forum_member_proposals_forum_id', 'forum_member_proposals', ['forum_id'], unique=False)
    op.create_index('ix_forum_member_proposals_proposer_id', 'forum_member_proposals', ['proposer_id'], unique=False)


def downgrade():
    op.drop_index('ix_forum_member_proposals_proposer_id', table_name='forum_member_proposals')
    op.drop_index('ix_forum_member_proposals_forum_id', table_name='forum_member_proposals')
    op.drop_table('forum_member_proposals')
    op.drop_table('forum_attendance')
    op.drop_index('ix_forum_meetings_forum_held', table_name='forum_meetings')
    op.drop_table('forum_meetings')
    op.drop_table('forum_rules')
    op.drop_index('ix_forum_members_forum_term', table_name='forum_members')
    op.drop_table('forum_members')
    op.drop_table('forums')
