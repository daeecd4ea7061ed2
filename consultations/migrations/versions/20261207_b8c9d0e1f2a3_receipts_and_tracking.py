"""receipts and tracking

Revision ID: b8c9d0e1f2a3
Revises: a7b8c9d0e1f2
Create Date: 2026-12-07 07:00:00

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8c9d0e1f2a3'
down_revision = 'a7b8c9d0e1f2'
branch_labels = None
depends_on = None

# Crockford base 32, as consultations/receipts/references.py (kept here as it was then).
ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'


def _reference(taken):
    while True:
        body = ''.join(secrets.choice(ALPHABET) for _ in range(8))
        reference = f'C-{body[:4]}-{body[4:]}'
        if reference not in taken:
            taken.add(reference)
            return reference


def upgrade():
    op.add_column(
        'users', sa.Column('response_mail', sa.Boolean(), server_default=sa.true(), nullable=False)
    )

    receipts = op.create_table('receipts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=12), nullable=False),
    sa.Column('subject_type', sa.String(length=20), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipts')),
    sa.UniqueConstraint('reference', name=op.f('uq_receipts_reference')),
    sa.UniqueConstraint('subject_type', 'subject_id', name='uq_receipt_subject')
    )

    # Every comment written before receipts existed gets its number now.
    comments = sa.table(
        'comments',
        sa.column('id', sa.Integer()),
        sa.column('created_at', sa.DateTime(timezone=True)),
    )
    connection = op.get_bind()
    taken = set()
    rows = [
        {
            'reference': _reference(taken),
            'subject_type': 'comment',
            'subject_id': comment_id,
            'created_at': created_at,
        }
        for comment_id, created_at in connection.execute(
            sa.select(comments.c.id, comments.c.created_at).order_by(comments.c.id)
        )
    ]
    if rows:
        op.bulk_insert(receipts, rows)


def downgrade():
    op.drop_table('receipts')
    # In place, not by rebuilding the table: on SQLite, dropping the old users table would
    # set every comment's author to NULL through its ON DELETE SET NULL key.
    op.execute('ALTER TABLE users DROP COLUMN response_mail')
