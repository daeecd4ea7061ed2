"""irm design fields and import

Revision ID: f2a3b4c5d6e7
Revises: e1f2a3b4c5d6
Create Date: 2026-12-07 07:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f2a3b4c5d6e7'
down_revision = 'e1f2a3b4c5d6'
branch_labels = None
depends_on = None

POTENTIAL_FOR_RESULTS = ('unclear', 'modest', 'substantial')
POTENTIAL_IMPACT = ('none', 'minor', 'moderate', 'transformative')


def _enum(values, name):
    return sa.Enum(*values, name=name, native_enum=False, length=24)


def _defer_foreign_keys():
    """SQLite rebuilds a table to change it; other tables' rows still point at it meanwhile."""
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('PRAGMA defer_foreign_keys = ON')


def upgrade():
    _defer_foreign_keys()
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verifiable', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('relevant', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('potential_for_results', _enum(POTENTIAL_FOR_RESULTS, 'potentialforresults'), nullable=True))
        batch_op.add_column(sa.Column('potential_impact', _enum(POTENTIAL_IMPACT, 'potentialimpact'), nullable=True))
        batch_op.add_column(sa.Column('promising', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('starred', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('policy_area', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('contact_person', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('budget_amount', sa.Numeric(precision=16, scale=2), nullable=True))
        batch_op.add_column(sa.Column('budget_currency', sa.String(length=3), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('budget_source', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('schedule_note', sa.String(length=300), nullable=False, server_default=''))

    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('milestone_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_assessments_milestone_id'), ['milestone_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_assessments_milestone_id_milestones'), 'milestones', ['milestone_id'], ['id'], ondelete='RESTRICT')
        batch_op.alter_column('opened_government', existing_type=sa.Enum('worsened', 'did_not_change', 'marginal', 'major', 'outstanding', name='openedgovernment', native_enum=False, length=24), nullable=True)

    op.create_table('design_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=80), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('verifiable', sa.Boolean(), nullable=False),
    sa.Column('relevant', sa.Boolean(), nullable=False),
    sa.Column('potential_for_results', _enum(POTENTIAL_FOR_RESULTS, 'potentialforresults'), nullable=False),
    sa.Column('promising', sa.Boolean(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_design_assessments_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_design_assessments_commitment_id_commitments'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_design_assessments'))
    )
    op.create_index('ix_design_assessments_commitment', 'design_assessments', ['commitment_id', 'id'], unique=False)
    op.create_table('design_assessment_texts',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('narrative', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['design_assessments.id'], name=op.f('fk_design_assessment_texts_assessment_id_design_assessments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('assessment_id', 'locale', name=op.f('pk_design_assessment_texts'))
    )
    op.create_table('import_agency_mappings',
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('name_key', sa.String(length=300), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_import_agency_mappings_agency_id_agencies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('country', 'name_key', name=op.f('pk_import_agency_mappings'))
    )


def downgrade():
    _defer_foreign_keys()
    op.drop_table('import_agency_mappings')
    op.drop_index('ix_design_assessments_commitment', table_name='design_assessments')
    op.drop_table('design_assessment_texts')
    op.drop_table('design_assessments')
    op.execute("DELETE FROM assessment_texts WHERE assessment_id IN (SELECT id FROM assessments WHERE milestone_id IS NOT NULL OR opened_government IS NULL)")
    op.execute("DELETE FROM assessments WHERE milestone_id IS NOT NULL OR opened_government IS NULL")
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.alter_column('opened_government', existing_type=sa.Enum('worsened', 'did_not_change', 'marginal', 'major', 'outstanding', name='openedgovernment', native_enum=False, length=24), nullable=False)
        batch_op.drop_constraint(batch_op.f('fk_assessments_milestone_id_milestones'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_assessments_milestone_id'))
        batch_op.drop_column('milestone_id')
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        for name in ('schedule_note', 'budget_source', 'budget_currency', 'budget_amount', 'contact_person', 'policy_area', 'starred', 'promising', 'potential_impact', 'potential_for_results', 'relevant', 'verifiable'):
            batch_op.drop_column(name)
