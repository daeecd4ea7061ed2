"""comment duplicates

A comment's fingerprint no longer includes its section and parent, so the same text from the
same person anywhere on one consultation meets the unique constraint (consultation, author,
fingerprint). Existing fingerprints are recomputed from the stored text. Comments that were
already repeated on other sections or under other comments stay published as they are: the
oldest keeps the text's fingerprint and each later copy gets "duplicate:<id>", so the
constraint holds and nothing anyone wrote disappears. Comments their authors removed get
"removed:<id>" (their text is gone), as erasing an account already does.

Revision ID: c3d4e5f6a7b8
Revises: b2c3d4e5f6a7
Create Date: 2026-12-06 03:00:00

"""
import hashlib

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3d4e5f6a7b8'
down_revision = 'b2c3d4e5f6a7'
branch_labels = None
depends_on = None

BATCH = 2000

comments = sa.table(
    'comments',
    sa.column('id', sa.Integer),
    sa.column('consultation_id', sa.Integer),
    sa.column('author_id', sa.Integer),
    sa.column('section_id', sa.Integer),
    sa.column('parent_id', sa.Integer),
    sa.column('body_text', sa.Text),
    sa.column('state', sa.String),
    sa.column('fingerprint', sa.String),
)


def _hash(key):
    return hashlib.sha256(key.casefold().encode()).hexdigest()


def _words(text):
    return ' '.join((text or '').split())


def _new(row):
    # As comments.services.comment_fingerprint does at this revision.
    return _hash(f"text|{_words(row.body_text)}")


def _old(row):
    return _hash(f"{row.section_id or ''}|{row.parent_id or ''}|{_words(row.body_text)}")


def _rewrite(fingerprint_of):
    """Walk every comment oldest first and give it `fingerprint_of(row, seen)`."""
    bind = op.get_bind()
    update = (
        comments.update()
        .where(comments.c.id == sa.bindparam('row_id'))
        .values(fingerprint=sa.bindparam('new_fingerprint'))
    )
    seen = set()
    last = 0
    while True:
        rows = bind.execute(
            sa.select(comments)
            .where(comments.c.id > last)
            .order_by(comments.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        changes = []
        for row in rows:
            fingerprint = fingerprint_of(row, seen)
            if fingerprint != row.fingerprint:
                changes.append({'row_id': row.id, 'new_fingerprint': fingerprint})
        if changes:
            bind.execute(update, changes)
        last = rows[-1].id


def _upgraded(row, seen):
    if row.state == 'removed' or (row.fingerprint or '').startswith('removed:'):
        return f"removed:{row.id}"
    fingerprint = _new(row)
    key = (row.consultation_id, row.author_id, fingerprint)
    if key in seen:
        return f"duplicate:{row.id}"
    seen.add(key)
    return fingerprint


def _downgraded(row, _seen):
    if row.state == 'removed' or (row.fingerprint or '').startswith('removed:'):
        return row.fingerprint
    return _old(row)


def upgrade():
    _rewrite(_upgraded)


def downgrade():
    _rewrite(_downgraded)
