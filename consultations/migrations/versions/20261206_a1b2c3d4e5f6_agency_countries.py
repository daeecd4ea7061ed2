"""agency countries

Revision ID: a1b2c3d4e5f6
Revises: c8d9e0f1a2b3
Create Date: 2026-12-06 01:00:00

Agencies get a country (staff act only in plans of their agency's country) and public
contact details. A progress update names the agency it was published for, so readers see
its name in their own language rather than the publisher's; its written name stays only
where no agency could be matched.
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
    # Only added columns and indexes: SQLite alters the tables in place. (Recreating a table
    # that others point at would, with foreign keys on, delete what points at it.)
    with op.batch_alter_table('agencies', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('country', sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column('contact_email', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('phone', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('website', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('postal_address', sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f('ix_agencies_country'), ['country'], unique=False)
    connection = op.get_bind()
    reference = sa.ForeignKey('agencies.id', name=op.f('fk_progress_updates_agency_id_agencies'))
    op.add_column(
        'progress_updates',
        sa.Column('agency_id', sa.Integer(), reference, nullable=True),
        inline_references=connection.dialect.name == 'sqlite',
    )
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
                    "UPDATE progress_updates SET agency_id = :agency, organisation = '' "
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
    if connection.dialect.name == 'sqlite':
        _drop_sqlite_reference(connection)
    else:
        op.drop_constraint(
            op.f('fk_progress_updates_agency_id_agencies'), 'progress_updates',
            type_='foreignkey',
        )
        op.drop_column('progress_updates', 'agency_id')
    with op.batch_alter_table('agencies', schema=None, recreate='never') as batch_op:
        batch_op.drop_index(batch_op.f('ix_agencies_country'))
        batch_op.drop_column('postal_address')
        batch_op.drop_column('website')
        batch_op.drop_column('phone')
        batch_op.drop_column('contact_email')
        batch_op.drop_column('country')


def _drop_sqlite_reference(connection):
    """SQLite drops a column with a foreign key only by copying the table; dropping the old
    copy would cascade to the updates' narratives, so they are set aside and put back."""
    texts = connection.execute(sa.text('SELECT count(*) FROM progress_update_texts')).scalar()
    if texts:
        connection.execute(sa.text(
            'CREATE TEMPORARY TABLE kept_update_texts AS SELECT * FROM progress_update_texts'
        ))
    with op.batch_alter_table('progress_updates', schema=None, recreate='always') as batch_op:
        batch_op.drop_column('agency_id')
    if texts:
        connection.execute(sa.text(
            'INSERT INTO progress_update_texts SELECT * FROM kept_update_texts '
            'WHERE update_id NOT IN (SELECT update_id FROM progress_update_texts)'
        ))
        connection.execute(sa.text('DROP TABLE kept_update_texts'))
