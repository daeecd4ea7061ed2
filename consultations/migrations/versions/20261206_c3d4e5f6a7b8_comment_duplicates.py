"""comment duplicates

A comment's fingerprint no longer includes its section and parent, so the same text from the
same person anywhere on one consultation meets the unique constraint (consultation, author,
fingerprint). Existing fingerprints are recomputed from the stored text. Comments that were
already repeated on other sections or under other comments stay published as they are: the
oldest keeps the text's fingerprint and each later copy gets "duplicate:<id>", so the
constraint holds and nothing anyone wrote disappears. Comments their authors removed get
"removed:<id>" (their text is gone), as erasing an account already does.

Display names are compared by their confusable skeleton (UTS #39) from now on, so every
account's name key is recomputed. Should two existing accounts now share a key, the older
keeps it (and with it the protection of the name) and the newer gets "look-alike <id>",
which no name can produce (keys have no spaces); nobody's name changes. Erased accounts keep
their "deleted account <id>" key.

Revision ID: c3d4e5f6a7b8
Revises: b2c3d4e5f6a7
Create Date: 2026-12-06 03:00:00

"""

import hashlib
import unicodedata

import sqlalchemy as sa
from alembic import op
from confusable_homoglyphs import confusables

# revision identifiers, used by Alembic.
revision = "c3d4e5f6a7b8"
down_revision = "b2c3d4e5f6a7"
branch_labels = None
depends_on = None

BATCH = 2000

comments = sa.table(
    "comments",
    sa.column("id", sa.Integer),
    sa.column("consultation_id", sa.Integer),
    sa.column("author_id", sa.Integer),
    sa.column("section_id", sa.Integer),
    sa.column("parent_id", sa.Integer),
    sa.column("body_text", sa.Text),
    sa.column("state", sa.String),
    sa.column("fingerprint", sa.String),
)


def _hash(key):
    return hashlib.sha256(key.casefold().encode()).hexdigest()


def _words(text):
    return " ".join((text or "").split())


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
        .where(comments.c.id == sa.bindparam("row_id"))
        .values(fingerprint=sa.bindparam("new_fingerprint"))
    )
    seen = set()
    last = 0
    while True:
        rows = bind.execute(
            sa.select(comments).where(comments.c.id > last).order_by(comments.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        changes = []
        for row in rows:
            fingerprint = fingerprint_of(row, seen)
            if fingerprint != row.fingerprint:
                changes.append({"row_id": row.id, "new_fingerprint": fingerprint})
        if changes:
            bind.execute(update, changes)
        last = rows[-1].id


def _upgraded(row, seen):
    if row.state == "removed" or (row.fingerprint or "").startswith("removed:"):
        return f"removed:{row.id}"
    fingerprint = _new(row)
    key = (row.consultation_id, row.author_id, fingerprint)
    if key in seen:
        return f"duplicate:{row.id}"
    seen.add(key)
    return fingerprint


def _downgraded(row, _seen):
    if row.state == "removed" or (row.fingerprint or "").startswith("removed:"):
        return row.fingerprint
    return _old(row)


users = sa.table(
    "users",
    sa.column("id", sa.Integer),
    sa.column("display_name", sa.String),
    sa.column("name_key", sa.String),
    sa.column("deleted_at", sa.DateTime),
)


def _rekey(key_of):
    """Give every account that is not erased the name key `key_of(display_name)`.

    All keys first step aside to a value no name produces, so no update meets a key that is
    about to change; of two accounts with one key, the older keeps it.
    """
    bind = op.get_bind()
    live = users.c.deleted_at.is_(None)
    rows = bind.execute(
        sa.select(users.c.id, users.c.display_name).where(live).order_by(users.c.id)
    ).all()
    update = (
        users.update()
        .where(users.c.id == sa.bindparam("row_id"))
        .values(name_key=sa.bindparam("new_key"))
    )
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        bind.execute(update, [{"row_id": r.id, "new_key": f"migrating {r.id}"} for r in batch])
    seen = set()
    changes = []
    for row in rows:
        key = key_of(row.display_name)
        if key in seen:
            key = f"look-alike {row.id}"
        seen.add(key)
        changes.append({"row_id": row.id, "new_key": key})
    for start in range(0, len(changes), BATCH):
        bind.execute(update, changes[start : start + BATCH])


def _skeleton_key(name):
    from consultations.accounts.rules import name_key  # the rule in force

    return name_key(name)


def _earlier_key(name):
    # As accounts.rules.name_key was before this revision.
    data = confusables.confusables_data

    def prototype(char):
        homoglyphs = data.get(char)
        if not homoglyphs:
            return char
        return min([char, *(entry["c"] for entry in homoglyphs)]).casefold()

    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = [c for c in decomposed if not unicodedata.combining(c) and c != " "]
    return "".join(prototype(char) for char in letters)


def upgrade():
    _rewrite(_upgraded)
    _rekey(_skeleton_key)


def downgrade():
    _rekey(_earlier_key)
    _rewrite(_downgraded)
