"""agency countries

Revision ID: a1b2c3d4e5f6
Revises: c8d9e0f1a2b3
Create Date: 2026-12-06 01:00:00

Agencies get a country (staff act only in plans of their agency's country) and public
contact details. A progress update names the agency it was published for, so readers see
its name in their own language rather than the publisher's.
"""
from collections import Counter

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a1b2c3d4e5f6'
down_revision = 'c8d9e0f1a2b3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('country', sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column('contact_email', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('phone', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('website', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('postal_address', sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f('ix_agencies_country'), ['country'], unique=False)
    with op.batch_alter_table('progress_updates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agency_id', sa.Integer(), nullable=True))
        batch_op.alter_column('organisation', existing_type=sa.String(length=200), nullable=True)
        batch_op.create_foreign_key(
            batch_op.f('fk_progress_updates_agency_id_agencies'), 'agencies', ['agency_id'], ['id']
        )
    connection = op.get_bind()
    _fill_countries(connection)
    _fill_update_agencies(connection)


def _fill_countries(connection):
    """An agency's country is that of the plans whose commitments it leads (the most
    common one), or else of the plans it coordinates."""
    votes = {}
    led = connection.execute(sa.text(
        'SELECT c.lead_agency_id, p.country FROM commitments c '
        'JOIN action_plans p ON p.id = c.plan_id'
    ))
    for agency_id, country in led:
        votes.setdefault(agency_id, Counter())[country] += 1
    coordinated = connection.execute(sa.text(
        'SELECT coordinating_agency_id, country FROM action_plans'
    ))
    for agency_id, country in coordinated:
        votes.setdefault(agency_id, Counter())[country] += 0
    for agency_id, counter in votes.items():
        country = max(sorted(counter), key=lambda code: counter[code])
        connection.execute(
            sa.text('UPDATE agencies SET country = :country WHERE id = :id'),
            {'country': country.upper(), 'id': agency_id},
        )


def _fill_update_agencies(connection):
    """Name the agency of each update whose written name is one of the names of its
    commitment's lead agency or of its plan's coordinating body; others keep their text."""
    names = {}
    for agency_id, name in connection.execute(sa.text('SELECT agency_id, name FROM agency_texts')):
        names.setdefault(agency_id, set()).add(' '.join(name.split()).casefold())
    updates = connection.execute(sa.text(
        'SELECT u.id, u.organisation, c.lead_agency_id, p.coordinating_agency_id '
        'FROM progress_updates u JOIN commitments c ON c.id = u.commitment_id '
        'JOIN action_plans p ON p.id = c.plan_id'
    )).all()
    for update_id, organisation, lead_id, coordinating_id in updates:
        written = ' '.join((organisation or '').split()).casefold()
        agency_id = next(
            (candidate for candidate in (lead_id, coordinating_id)
             if written and written in names.get(candidate, set())),
            None,
        )
        if agency_id is not None:
            connection.execute(
                sa.text(
                    'UPDATE progress_updates SET agency_id = :agency, organisation = NULL '
                    'WHERE id = :id'
                ),
                {'agency': agency_id, 'id': update_id},
            )


def downgrade():
    connection = op.get_bind()
    # The name goes back as text: English where the agency has it, else any of its names.
    for update_id, agency_id in connection.execute(sa.text(
        'SELECT id, agency_id FROM progress_updates WHERE agency_id IS NOT NULL'
    )).all():
        rows = dict(connection.execute(
            sa.text('SELECT locale, name FROM agency_texts WHERE agency_id = :id'),
            {'id': agency_id},
        ).all())
        name = rows.get('en') or next(iter(sorted(rows.values())), '')
        connection.execute(
            sa.text('UPDATE progress_updates SET organisation = :name WHERE id = :id'),
            {'name': name, 'id': update_id},
        )
    # Only where there is something to write: a statement that writes marks the table as
    # changed, and that mark is settled at commit, after older revisions have gone.
    unnamed = connection.execute(sa.text(
        'SELECT id FROM progress_updates WHERE organisation IS NULL'
    )).scalars().all()
    for update_id in unnamed:
        connection.execute(
            sa.text("UPDATE progress_updates SET organisation = '' WHERE id = :id"),
            {'id': update_id},
        )
    with op.batch_alter_table('progress_updates', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_progress_updates_agency_id_agencies'), type_='foreignkey'
        )
        batch_op.alter_column('organisation', existing_type=sa.String(length=200), nullable=False)
        batch_op.drop_column('agency_id')
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agencies_country'))
        batch_op.drop_column('postal_address')
        batch_op.drop_column('website')
        batch_op.drop_column('phone')
        batch_op.drop_column('contact_email')
        batch_op.drop_column('country')
