"""The database: migrations match the models, SQLite set up for a server, concurrent writers."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from psycopg import sql
from sqlalchemy import JSON, bindparam, event, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from consultations import create_app
from consultations.agencies.models import Agency, AgencyText
from consultations.audit.services import verify_chain
from consultations.config import _database_url
from consultations.database import MIGRATIONS_DIR, reads_before_writing, write_lock
from consultations.extensions import db
from consultations.search.models import described_by_models

from helpers import ROOT, add_account, settings_for

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
ON_POSTGRES = POSTGRES_URL.startswith(("postgresql:", "postgres:", "postgresql+"))
needs_postgres = pytest.mark.skipif(
    not ON_POSTGRES, reason="PostgreSQL only: TEST_DATABASE_URL is not PostgreSQL"
)


@contextmanager
def scratch_postgres(purpose: str):
    """A throwaway PostgreSQL database beside the test one, dropped afterwards."""
    server = make_url(_database_url(POSTGRES_URL))
    name = f"consultations_{purpose}_test_{os.getpid()}"
    conninfo = server.set(drivername="postgresql").render_as_string(hide_password=False)
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(drop)
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(drop)


@contextmanager
def database(kind: str, tmp_path: Path, purpose: str):
    """The URL of an empty database of `kind`: a new SQLite file, or a scratch PostgreSQL one."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / f'{purpose}.sqlite3'}"
    else:
        if not ON_POSTGRES:
            pytest.skip("PostgreSQL only: TEST_DATABASE_URL is not PostgreSQL")
        with scratch_postgres(purpose) as url:
            yield url


@contextmanager
def app_on(url: str):
    app = create_app(settings_for(url))
    with app.app_context():
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


def schema_differences() -> list:
    with db.engine.connect() as connection:
        # The full-text index's own tables and index are not models (see search/models.py).
        opts = {"compare_type": True, "include_name": described_by_models}
        context = MigrationContext.configure(connection, opts=opts)
        return compare_metadata(context, db.metadata)


# Migrations ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=needs_postgres)])
def test_migrations_build_exactly_the_schema_the_models_describe(kind, tmp_path):
    with database(kind, tmp_path, "migrate") as url, app_on(url):
        upgrade(directory=str(MIGRATIONS_DIR))
        assert schema_differences() == []


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=needs_postgres)])
def test_migrations_downgrade_to_an_empty_database_and_up_again(kind, tmp_path):
    with database(kind, tmp_path, "downgrade") as url, app_on(url):
        upgrade(directory=str(MIGRATIONS_DIR))
        downgrade(directory=str(MIGRATIONS_DIR), revision="base")
        assert inspect(db.engine).get_table_names() == ["alembic_version"]
        upgrade(directory=str(MIGRATIONS_DIR))
        assert schema_differences() == []


# First use of a new SQLite file ----------------------------------------------------------


def flask_command(*args: str, database_url: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CONSULTATIONS_ENV", "TEST_DATABASE_URL", "AUTO_MIGRATE"}
    }
    env.update(DATABASE_URL=database_url, SECRET_KEY="demo-test-secret")
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def count_rows(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_demo_creates_and_migrates_a_new_sqlite_file_and_loads_twice_safely(tmp_path):
    path = tmp_path / "new" / "folder" / "site.sqlite3"
    first = flask_command("demo", database_url=f"sqlite:///{path}")
    assert first.returncode == 0, first.stderr
    for email in ("admin@example.org", "coordinator@example.org", "citizen@example.org"):
        assert email in first.stdout
    users, agencies = count_rows(path, "users"), count_rows(path, "agencies")
    assert users >= 6 and agencies >= 3

    second = flask_command("demo", database_url=f"sqlite:///{path}")
    assert second.returncode == 0, second.stderr
    assert (count_rows(path, "users"), count_rows(path, "agencies")) == (users, agencies)


def test_new_sqlite_file_is_at_the_latest_migration(tmp_path):
    path = tmp_path / "site.sqlite3"
    result = flask_command("db", "current", database_url=f"sqlite:///{path}")
    assert result.returncode == 0, result.stderr
    assert "(head)" in result.stdout


# SQLite settings -------------------------------------------------------------------------


def pragma(name: str):
    return db.session.execute(text(f"PRAGMA {name}")).scalar()


def test_sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout(make_app):
    with make_app().app_context():
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 5000
        # 8 MB: each of a worker's connections has its own cache (the system's file cache holds
        # the database for them all), and a worker stays under its memory budget.
        assert pragma("cache_size") == -8192


def test_sqlite_refuses_a_row_pointing_at_nothing(make_app):
    with make_app().app_context():
        db.session.add(AgencyText(agency_id=999_999, locale="en", name="Orphan"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_a_view_that_reads_first_holds_the_write_lock_only_while_writing(make_app):
    app = make_app()
    other = sqlite3.connect(make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database, timeout=0)

    def another_writer_can_write() -> bool:
        try:
            other.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:  # "database is locked"
            return False
        other.execute("ROLLBACK")
        return True

    @reads_before_writing
    def view():
        db.session.scalar(select(func.count(Agency.id)))  # reading: nobody waits
        reading = another_writer_can_write()
        write_lock()
        writing = another_writer_can_write()
        db.session.add(Agency(slug="written-after-the-lock"))
        db.session.commit()
        return reading, writing

    with app.test_request_context("/en/", method="POST"):
        assert view() == (True, False)
        assert db.session.scalar(select(func.count(Agency.id))) == 1
    assert another_writer_can_write()


# Concurrent writers ----------------------------------------------------------------------

WORKERS = 4
WRITES = 25

# Each worker is its own process with its own app, as gunicorn's workers are. Every write
# goes through save_agency, which reads (the audit chain's last hash) before it writes.
WORKER = """
import sys, time
from pathlib import Path
sys.path.insert(0, "tests")
from helpers import settings_for
from consultations import create_app
from consultations.accounts.models import User
from consultations.admin.services import save_agency
from consultations.extensions import db

url, worker, writes, admin_id, ready, go = sys.argv[1:]
app = create_app(settings_for(url))
with app.app_context():
    Path(ready).touch()
    while not Path(go).exists():
        time.sleep(0.01)
    admin = db.session.get(User, int(admin_id))
    for number in range(int(writes)):
        save_agency(admin, None, f"worker-{worker}-{number}", {"en": f"Agency {worker}.{number}"})
"""


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=needs_postgres)])
def test_concurrent_writers_lose_nothing_and_never_see_a_locked_database(kind, tmp_path):
    with database(kind, tmp_path, "concurrency") as url:
        with app_on(url):
            upgrade(directory=str(MIGRATIONS_DIR))
            admin_id = add_account("admin@example.org", admin=True).id
            agencies_before = db.session.scalar(select(func.count(Agency.id)))

        go = tmp_path / "go"
        workers = []
        for worker in range(WORKERS):
            ready = tmp_path / f"ready-{worker}"
            command = [sys.executable, "-c", WORKER, url, str(worker), str(WRITES)]
            command += [str(admin_id), str(ready), str(go)]
            workers.append(
                (ready, subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True))
            )
        deadline = time.monotonic() + 60
        while not all(ready.exists() for ready, _ in workers):
            assert time.monotonic() < deadline, "the workers did not start"
            dead = [process for _, process in workers if process.poll() is not None]
            assert not dead, f"a worker died:\n{dead[0].communicate()[1]}"
            time.sleep(0.05)
        go.touch()
        errors = [process.communicate(timeout=120)[1] for _, process in workers]

        assert not any("database is locked" in error for error in errors), "\n".join(errors)
        assert [process.returncode for _, process in workers] == [0] * WORKERS, "\n".join(errors)
        with app_on(url):
            total = db.session.scalar(select(func.count(Agency.id)))
            assert total - agencies_before == WORKERS * WRITES
            assert verify_chain() is None, "concurrent writers broke the audit chain"


# The audit chain -------------------------------------------------------------------------


def test_audit_verify_reports_an_intact_chain(app_ctx, runner):
    from consultations.audit.services import record

    for number in range(3):
        record(None, "agency.create", "agency", number, after={"name": f"Agency {number}"})
        db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "intact" in result.output


def test_audit_verify_names_the_first_altered_event(app_ctx, runner):
    from consultations.audit.services import record

    events = []
    for number in range(4):
        events.append(record(None, "agency.create", "agency", number, after={"n": number}))
        db.session.commit()
    altered = events[1].id
    db.session.execute(
        text('UPDATE audit_events SET "after" = :after WHERE id = :id').bindparams(
            bindparam("after", type_=JSON)
        ),
        {"after": {"n": 100}, "id": altered},
    )
    db.session.commit()
    db.session.expire_all()

    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code != 0
    assert f"Audit event {altered} is broken" in result.output
    assert f"Audit event {events[2].id}" not in result.output


def test_audit_verify_notices_a_deleted_event(app_ctx, runner):
    from consultations.audit.services import record

    events = []
    for number in range(3):
        events.append(record(None, "agency.create", "agency", number, after={"n": number}))
        db.session.commit()
    db.session.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": events[1].id})
    db.session.commit()

    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code != 0
    assert f"Audit event {events[2].id} is broken" in result.output


# How a request's transaction ends -----------------------------------------------------------


def _transaction_ends(app) -> list[str]:
    """ "commit" or "rollback" for each transaction of the app's engine, from now on."""
    ends: list[str] = []
    with app.app_context():
        engine = db.engine
    event.listen(engine, "commit", lambda _connection: ends.append("commit"))
    event.listen(engine, "rollback", lambda _connection: ends.append("rollback"))
    return ends


def test_a_request_that_only_read_commits_and_one_that_wrote_without_committing_rolls_back(
    make_app,
):
    app = make_app()

    @app.get("/test/unfinished-write")
    def unfinished_write():
        db.session.add(Agency(slug="never-committed"))
        db.session.flush()  # written in the transaction, never committed
        return "written"

    @app.get("/test/unflushed-change")
    def unflushed_change():
        db.session.add(Agency(slug="never-flushed"))
        return "added"

    ends = _transaction_ends(app)
    client = app.test_client()
    assert client.get("/en/").status_code == 200
    assert ends == ["commit"]  # the same to the data as a rollback (see the PostgreSQL test)
    for address in ("/test/unfinished-write", "/test/unflushed-change"):
        ends.clear()
        assert client.get(address).status_code == 200
        assert ends == ["rollback"], address
    with app.app_context():
        assert db.session.scalar(select(func.count(Agency.id))) == 0


@needs_postgres
def test_statements_stay_prepared_from_one_read_to_the_next_on_postgresql(app):
    # psycopg prepares a statement at its fifth run on a connection and forgets every
    # prepared statement at a rollback: with read requests ending in rollbacks, none ever
    # was, and PostgreSQL parsed and planned each statement of every page anew. An app of
    # its own (on the shared app's tables): its one connection serves every request.
    alone = create_app(settings_for(POSTGRES_URL))
    try:
        client = alone.test_client()
        for _ in range(6):
            assert client.get("/en/").status_code == 200
        with alone.app_context():
            prepared = db.session.scalar(text("SELECT count(*) FROM pg_prepared_statements"))
        assert prepared > 0
    finally:
        with alone.app_context():
            db.engine.dispose()
