"""The migration that makes a comment's fingerprint its words alone, on a database in use."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import MetaData, select

from consultations import create_app
from consultations.comments.services import comment_fingerprint
from consultations.database import MIGRATIONS_DIR
from consultations.demo import load_demo
from consultations.extensions import db

from helpers import settings_for

BEFORE = "b2c3d4e5f6a7"  # the revision before fingerprints left out the place


def test_existing_duplicates_across_sections_survive_the_migration(tmp_path):
    database = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    # The demo uploads files: they go to this test's folder, not the checkout's instance/.
    app = create_app(settings_for(database, STORAGE_URL=str(tmp_path / "documents")))
    with app.app_context():
        try:
            upgrade(directory=str(MIGRATIONS_DIR))
            list(load_demo())
            db.session.remove()
            downgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
            comments = MetaData()
            comments.reflect(db.engine, only=["comments"])
            table = comments.tables["comments"]
            with db.engine.begin() as connection:
                original = connection.execute(
                    select(table).where(table.c.parent_id.is_(None)).order_by(table.c.id)
                ).first()
                # The same person's same words on the whole draft, as the old rule allowed.
                copy = {**original._mapping, "section_id": None, "fingerprint": "old-copy"}
                del copy["id"]
                copied = connection.execute(table.insert().values(copy)).inserted_primary_key[0]
                removed = {**copy, "state": "removed", "body_text": "", "fingerprint": "gone"}
                gone = connection.execute(table.insert().values(removed)).inserted_primary_key[0]
            upgrade(directory=str(MIGRATIONS_DIR))
            with db.engine.connect() as connection:
                rows = {
                    row.id: row
                    for row in connection.execute(select(table).order_by(table.c.id)).all()
                }
        finally:
            db.session.remove()
            db.engine.dispose()
    assert rows[original.id].fingerprint == comment_fingerprint(original.body_text)
    assert rows[copied].fingerprint == f"duplicate:{copied}"
    assert rows[copied].body_text == original.body_text and rows[copied].state == "visible"
    assert rows[gone].fingerprint == f"removed:{gone}"
    visible = [row for row in rows.values() if row.state == "visible" and row.id != copied]
    assert all(row.fingerprint == comment_fingerprint(row.body_text) for row in visible)
