"""The migration that keys display names by their confusable skeleton, on a database in use."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import MetaData, select

from consultations import create_app
from consultations.accounts.rules import name_key
from consultations.clock import now
from consultations.database import MIGRATIONS_DIR
from consultations.extensions import db

from helpers import add_account, settings_for

BEFORE = "b2c3d4e5f6a7"  # the revision before name keys were skeletons


def test_name_keys_are_recomputed_and_old_look_alikes_keep_their_names(tmp_path):
    app = create_app(settings_for(f"sqlite:///{tmp_path / 'site.sqlite3'}"))
    with app.app_context():
        try:
            upgrade(directory=str(MIGRATIONS_DIR))
            daniel = add_account("daniel@example.org", name="Daniel Weiss").id
            anna = add_account("anna@example.org", name="Анна Петрова").id
            gone = add_account("gone@example.org", name="Gone Person").id
            db.session.remove()
            downgrade(directory=str(MIGRATIONS_DIR), revision=BEFORE)
            tables = MetaData()
            tables.reflect(db.engine, only=["users"])
            users = tables.tables["users"]
            with db.engine.begin() as connection:
                row = connection.execute(select(users).where(users.c.id == daniel)).first()
                # A capital I for the l: a look-alike the earlier key let through.
                copy = {**row._mapping, "email": "fake@example.org", "display_name": "DanieI Weiss"}
                copy["name_key"] = "danieiweiss"
                del copy["id"]
                fake = connection.execute(users.insert().values(copy)).inserted_primary_key[0]
                erased = {"name_key": f"deleted account {gone}", "deleted_at": now()}
                connection.execute(users.update().where(users.c.id == gone).values(erased))
            upgrade(directory=str(MIGRATIONS_DIR))
            with db.engine.connect() as connection:
                keys = dict(connection.execute(select(users.c.id, users.c.name_key)).all())
                names = dict(connection.execute(select(users.c.id, users.c.display_name)).all())
        finally:
            db.session.remove()
            db.engine.dispose()
    assert keys[daniel] == name_key("Daniel Weiss") == name_key("DanieI Weiss")
    assert keys[fake] == f"look-alike {fake}" and names[fake] == "DanieI Weiss"
    assert keys[anna] == name_key("АННА ПЕТРОВА")
    assert keys[gone] == f"deleted account {gone}"
