"""Engine set-up: SQLite tuned for a small server, and migrations applied on first use."""

from __future__ import annotations

import fcntl
from functools import wraps
from pathlib import Path

from flask import Flask, g, has_request_context, request
from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from . import versions
from .extensions import db

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_IMMEDIATE = "sqlite_write_lock"  # key in the DBAPI connection's info: this transaction's
_DEFERRED = "defer_write_lock"  # key in flask.g: this request reads before it writes


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
        # 8 MB of page cache per connection instead of 2 MB. Each connection keeps its own
        # cache and a worker holds one per thread, while the system's file cache already
        # holds the database for all of them: 64 MB each made a worker of 4 threads grow past
        # 600 MB, for pages within a few percent of their speed at 8 MB (docs/performance.md).
        cursor.execute("PRAGMA cache_size=-8192")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        # A writer takes the write lock up front, so concurrent writers wait their turn
        # (busy_timeout) instead of failing when a read transaction tries to upgrade.
        # Page reads stay deferred so they never queue behind writers.
        reading = has_request_context() and (
            request.method in READ_ONLY_METHODS or g.get(_DEFERRED, False)
        )
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")
        connection.info[_IMMEDIATE] = not reading


def reads_before_writing(view):
    """Let a busy writing view read without SQLite's write lock, so that writers queue only
    for their writes; its service takes the lock with `write_lock()` before writing."""

    @wraps(view)
    def deferred(*args, **kwargs):
        g.setdefault(_DEFERRED, True)
        return view(*args, **kwargs)

    return deferred


def write_lock() -> None:
    """Take SQLite's write lock now if this transaction began without it.

    The transaction has only read so far: it ends and begins again as a writer, so what
    follows sees the latest data, as every statement does on PostgreSQL (whose rows are
    locked as they are written: nothing to do there)."""
    connection = db.session.connection()
    if connection.dialect.name != "sqlite" or connection.info.get(_IMMEDIATE, True):
        return
    if versions.has_pending_writes(connection):  # a write already made it the writer
        connection.info[_IMMEDIATE] = True
        return
    driver = connection.connection.dbapi_connection
    driver.execute("COMMIT")
    driver.execute("BEGIN IMMEDIATE")
    connection.info[_IMMEDIATE] = True


def init_database(app: Flask) -> None:
    """Tune the engine and bring an embedded database to the latest schema."""
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            _tune_sqlite(engine)
            if app.config["AUTO_MIGRATE"] and not app.config.get("TESTING"):
                upgrade_sqlite(app, engine)
    # Registered after Flask-SQLAlchemy's, so run before it closes the session: at the end
    # of the app context, which is the request's own; not at the end of a request context
    # pushed within another (to build an address for a mail) while its session still reads.
    app.teardown_appcontext(end_reading)


def end_reading(error: BaseException | None = None) -> None:
    """End a transaction that only read with COMMIT, not the ROLLBACK of closing the session.

    The same to the data; but psycopg forgets every prepared statement at a rollback, and it
    prepares a statement only at its fifth run on a connection, so on PostgreSQL no statement
    was ever prepared: each was parsed and planned anew on every request. A transaction that
    wrote, failed or holds changes not yet written is left to the rollback, as before."""
    if error is not None or not db.session.registry.has():  # a request that asked nothing
        return
    session = db.session()
    if not session.in_transaction():
        return
    if session.new or session.dirty or session.deleted:
        return
    if versions.has_pending_writes(session.connection()):
        return
    try:
        session.commit()
    except SQLAlchemyError:
        session.rollback()


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
