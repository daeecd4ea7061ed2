"""Engine set-up: SQLite tuned for a small server, and migrations applied on first use."""

from __future__ import annotations

import fcntl
from pathlib import Path

from flask import Flask, has_request_context, request
from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine

from .extensions import db

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Hand transaction control to SQLAlchemy's "begin" event below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # 64 MB of page cache per connection instead of 2 MB: the comment and search indexes
        # of a national consultation then stay in memory.
        cursor.execute("PRAGMA cache_size=-65536")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        # A writer takes the write lock up front, so concurrent writers wait their turn
        # (busy_timeout) instead of failing when a read transaction tries to upgrade.
        # Page reads stay deferred so they never queue behind writers.
        reading = has_request_context() and request.method in READ_ONLY_METHODS
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def init_database(app: Flask) -> None:
    """Tune the engine and bring an embedded database to the latest schema."""
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            _tune_sqlite(engine)
            if app.config["AUTO_MIGRATE"] and not app.config.get("TESTING"):
                upgrade_sqlite(app, engine)


def upgrade_sqlite(app: Flask, engine: Engine) -> None:
    """Create and migrate the SQLite file, once, even when several workers start together."""
    database = engine.url.database
    if not database or database == ":memory:":
        return
    path = Path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    if _at_head(engine):
        return
    with open(path.with_suffix(".migrate.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _at_head(engine):
            from flask_migrate import upgrade

            upgrade(directory=str(MIGRATIONS_DIR))


def _at_head(engine: Engine) -> bool:
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    heads = set(ScriptDirectory.from_config(config).get_heads())
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current == heads
