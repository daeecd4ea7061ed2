"""proposals and timeline

Revision ID: c5d6e7f8a9b0
Revises: b4c5d6e7f8a9
Create Date: 2026-12-07 07:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c5d6e7f8a9b0'
down_revision = 'b4c5d6e7f8a9'
branch_labels = None
depends_on = None


def upgrade():
    stage = sa.Enum('awareness', 'proposals', 'drafting', 'consultation', 'adoption', name='stage', native_enum=False, length=24)
    op.create_table('cocreation_timelines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answers_published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['action_plans.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_id')
    )
    op.create_table('cocreation_stages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('timeline_id', sa.Integer(), nullable=False),
    sa.Column('stage', stage, nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['timeline_id'], ['cocreation_timelines.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('timeline_id', 'stage', name='uq_cocreation_stage')
    )
    op.create_table('cocreation_stage_texts',
    sa.Column('stage_id', sa.Integer(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('ways_to_take_part', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['stage_id'], ['cocreation_stages.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('stage_id', 'locale')
    )
    op.create_table('cocreation_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('timeline_id', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('dates', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['timeline_id'], ['cocreation_timelines.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_cocreation_changes_timeline_id', 'cocreation_changes', ['timeline_id'], unique=False)
    op.create_table('proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=80), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.Column('solution', sa.Text(), nullable=False),
    sa.Column('lead_agency_id', sa.Integer(), nullable=True),
    sa.Column('access_to_information', sa.Boolean(), nullable=False),
    sa.Column('civic_participation', sa.Boolean(), nullable=False),
    sa.Column('public_accountability', sa.Boolean(), nullable=False),
    sa.Column('technology', sa.Boolean(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('state', sa.Enum('visible', 'hidden', name='proposalstate', native_enum=False, length=24), nullable=False),
    sa.Column('hidden_reason', sa.Text(), nullable=True),
    sa.Column('support_count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lead_agency_id'], ['agencies.id'], ),
    sa.ForeignKeyConstraint(['plan_id'], ['action_plans.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_id', 'author_id', 'fingerprint', name='uq_proposal_once')
    )
    op.create_index('ix_proposals_plan', 'proposals', ['plan_id', 'state', 'id'], unique=False)
    op.create_index('ix_proposals_author_id', 'proposals', ['author_id'], unique=False)
    op.create_index('ix_proposals_lead_agency_id', 'proposals', ['lead_agency_id'], unique=False)
    op.create_table('proposal_supports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('proposal_id', 'user_id', name='uq_proposal_support')
    )
    op.create_index('ix_proposal_supports_user_id', 'proposal_supports', ['user_id'], unique=False)
    op.create_table('proposal_answers',
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.Enum('included', 'partly_included', 'merged', 'not_included', name='outcome', native_enum=False, length=24), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=80), nullable=False),
    sa.Column('written_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], ),
    sa.ForeignKeyConstraint(['merged_into_id'], ['proposals.id'], ),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('proposal_id')
    )
    op.create_index('ix_proposal_answers_commitment', 'proposal_answers', ['commitment_id'], unique=False)
    # Proposals are searched: PostgreSQL keeps a GIN index per kind of search document.
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(
            "CREATE INDEX search_index_gin_proposal ON search_documents "
            "USING gin (search_index_terms) WHERE kind = 'proposal'"
        )


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP INDEX IF EXISTS search_index_gin_proposal")
    op.execute("DELETE FROM search_documents WHERE kind = 'proposal'")
    op.drop_index('ix_proposal_answers_commitment', table_name='proposal_answers')
    op.drop_table('proposal_answers')
    op.drop_index('ix_proposal_supports_user_id', table_name='proposal_supports')
    op.drop_table('proposal_supports')
    op.drop_index('ix_proposals_lead_agency_id', table_name='proposals')
    op.drop_index('ix_proposals_author_id', table_name='proposals')
    op.drop_index('ix_proposals_plan', table_name='proposals')
    op.drop_table('proposals')
    op.drop_index('ix_cocreation_changes_timeline_id', table_name='cocreation_changes')
    op.drop_table('cocreation_changes')
    op.drop_table('cocreation_stage_texts')
    op.drop_table('cocreation_stages')
    op.drop_table('cocreation_timelines')
