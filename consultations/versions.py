"""A version per table, changed in the same transaction as every write to that table.

Rendered pages are kept only as long as the versions of the tables they read are unchanged
(see pagecache.py). Writes are recognised at the engine, from the SQL itself, so every path
counts: the ORM, bulk statements, Core, text() and other processes sharing the database.
A version is a random number rather than a counter, so a database emptied or restored
never hands out a number that an older page was stamped with.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from flask import Flask, g, has_request_context
from sqlalchemy import BigInteger, Column, String, Table, event, inspect, select, text
from sqlalchemy.engine import Connection, Engine

from .extensions import db

table_versions = Table(
    "table_versions",
    db.metadata,
    Column("name", String(64), primary_key=True),
    Column("version", BigInteger, nullable=False),
)

# Tables that are written only through another table, by database triggers: reading
# them depends on the versions of the table they mirror.
MIRRORS = {"search_index": "search_documents"}

_WRITE_TARGET = re.compile(
    r"\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+\"?(\w+)",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
_WRITTEN = "versions_written"  # key in the DBAPI connection's info: tables written so far
_READS = "versions_reads"  # key in flask.g: tables read while a page is rendered
_UPSERT = text(
    "INSERT INTO table_versions (name, version) VALUES (:name, :version) "
    "ON CONFLICT (name) DO UPDATE SET version = excluded.version"
)


def _known_tables() -> frozenset[str]:
    return frozenset(db.metadata.tables) - {table_versions.name}


@lru_cache(maxsize=4096)
def classify(statement: str) -> tuple[frozenset[str], frozenset[str]]:
    """The tables a statement writes and the tables it names at all (reads, to be safe)."""
    known = _known_tables()
    words = {word.lower() for word in _WORD.findall(statement)}
    named = frozenset(MIRRORS.get(word, word) for word in words if word in known or word in MIRRORS)
    written = frozenset(
        MIRRORS.get(name, name)
        for name in (match.lower() for match in _WRITE_TARGET.findall(statement))
        if name in known or name in MIRRORS
    )
    return written, named


def start_recording() -> None:
    """Note, from now until the request ends, every table the request reads."""
    g.setdefault(_READS, set())


def recorded_reads() -> set[str] | None:
    return g.get(_READS)


def note_reads(tables: Iterable[str]) -> None:
    """Count `tables` as read by this request: what it shows from them was kept, not read."""
    reads = g.get(_READS)
    if reads is not None:
        reads.update(tables)


@contextmanager
def reads_within() -> Iterator[set[str]]:
    """The tables the statements sent within the block name; the request's too."""
    outer = g.get(_READS)
    within: set[str] = set()
    setattr(g, _READS, within)
    try:
        yield within
    finally:
        if outer is None:
            g.pop(_READS, None)
        else:
            outer.update(within)
            setattr(g, _READS, outer)


# Asked on nearly every request: built once.
_EVERY_VERSION = select(table_versions.c.name, table_versions.c.version)


def current(connection: Connection) -> dict[str, int]:
    """Every table's version as this connection's transaction sees it."""
    return dict(connection.execute(_EVERY_VERSION).all())


def has_pending_writes(connection: Connection) -> bool:
    """Whether this transaction has written something not yet committed."""
    return bool(connection.info.get(_WRITTEN))


def init_versions(app: Flask) -> None:
    with app.app_context():
        _listen(db.engine)


def _listen(engine: Engine) -> None:
    if event.contains(engine, "after_cursor_execute", _after_execute):
        return
    event.listen(engine, "after_cursor_execute", _after_execute)
    event.listen(engine, "commit", _bump_on_commit)
    event.listen(engine, "rollback", _forget)


_SCHEMA_CHANGES = frozenset({"DROP", "CREA", "drop", "crea", "ALTE", "alte"})


def _after_execute(connection, _cursor, statement, _parameters, _context, _executemany):
    written, named = classify(statement)
    if statement.lstrip()[:4] in _SCHEMA_CHANGES:  # DDL that SQLAlchemy writes starts "\n"
        # A migration may drop or create the versions table within one transaction.
        connection.info.pop("versions_table", None)
    if written:
        connection.info.setdefault(_WRITTEN, set()).update(written)
    if named and has_request_context():
        reads = g.get(_READS)
        if reads is not None:
            reads.update(named)


def _bump_on_commit(connection: Connection) -> None:
    written = connection.info.pop(_WRITTEN, None)
    if not written or not _has_table(connection):
        return
    version = secrets.randbits(62)
    # One name after another in a fixed order: concurrent writers take these row locks
    # in the same order, at the very end of their transactions, so they cannot deadlock.
    connection.execute(_UPSERT, [{"name": name, "version": version} for name in sorted(written)])
    connection.info.pop(_WRITTEN, None)


def _forget(connection: Connection) -> None:
    connection.info.pop(_WRITTEN, None)


def _has_table(connection: Connection) -> bool:
    # A database being migrated up to the revision that adds the table has nothing to bump.
    if not connection.info.get("versions_table"):
        connection.info["versions_table"] = inspect(connection).has_table(table_versions.name)
    return connection.info["versions_table"]
