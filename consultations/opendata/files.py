"""Writing an open-data file from the live database, and serving it with validators.

Each request writes the file afresh, so it is never stale. The rows come from one query read
in batches (a server-side cursor on PostgreSQL) into a temporary file that stays in memory
while small and moves to disk when large, so memory does not grow with the data. Writing
the whole file before answering lets the ETag be the hash of the exact bytes sent: a client
holding an older copy can never be told 304 for changed data, and an unchanged file costs a
conditional request no transfer.

Last-Modified is sent for information. Some changes carry no timestamp of their own (an
author withdrawing a comment, someone renaming their account), so a request with only
If-Modified-Since gets the whole file; only If-None-Match earns a 304.
"""

from __future__ import annotations

import csv
import enum
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from tempfile import SpooledTemporaryFile
from typing import IO

from flask import Response, request
from sqlalchemy import func, select
from werkzeug.wsgi import wrap_file

from ..audit.models import AuditEvent
from ..clock import as_utc, now
from ..extensions import db
from .schema import Table

SPOOL_BYTES = 4 * 1024 * 1024  # larger files move from memory to a temporary file on disk
FLUSH_ROWS = 200
# A spreadsheet runs a cell that starts with one of the first six as a formula; a leading
# apostrophe is escaped too, so removing one leading apostrophe always restores the text.
GUARDED_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def guard(text: str) -> str:
    """Text made inert in spreadsheets, reversibly: one apostrophe in front when needed."""
    return f"'{text}" if text.startswith(GUARDED_STARTS) else text


def cell(value, text: bool) -> str:
    """One value as CSV text: ISO dates, UTC times, 1/0, JSON arrays, guarded free text."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return as_utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, str):
        return guard(value) if text else value
    return str(value)


@dataclass
class Written:
    """A file written to a temporary file, with its validators."""

    body: IO[bytes]
    size: int
    etag: str
    last_modified: datetime


class _Sink:
    """Bytes to the temporary file, hashed and counted on the way."""

    def __init__(self) -> None:
        self.file: IO[bytes] = SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.file.write(data)
        self.digest.update(data)
        self.size += len(data)


def write_csv(table: Table) -> Written:
    """The table as RFC 4180 CSV in UTF-8 (no byte-order mark), header first."""
    sink = _Sink()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    text = [column.text for column in table.listed]
    latest: datetime | None = None
    writer.writerow(table.header)
    for count, row in enumerate(table.rows(), start=1):
        writer.writerow([cell(value, free) for value, free in zip(row, text, strict=True)])
        latest = _latest(latest, row)
        if count % FLUSH_ROWS == 0:
            _flush(buffer, sink)
    _flush(buffer, sink)
    return _written(sink, latest)


def write_json(document: dict) -> Written:
    sink = _Sink()
    sink.write(json.dumps(document, ensure_ascii=False, indent=2).encode())
    return _written(sink, None)


def _flush(buffer: io.StringIO, sink: _Sink) -> None:
    sink.write(buffer.getvalue().encode())
    buffer.seek(0)
    buffer.truncate()


def _latest(latest: datetime | None, row: Iterable) -> datetime | None:
    for value in row:
        if isinstance(value, datetime):
            value = as_utc(value)
            if latest is None or value > latest:
                latest = value
    return latest


def _written(sink: _Sink, latest: datetime | None) -> Written:
    """Last-Modified: the newest time in the data or the audit log, never in the future."""
    audited = db.session.scalar(select(func.max(AuditEvent.occurred_at)))
    moments = [as_utc(moment) for moment in (latest, audited) if moment is not None]
    moment = min(max(moments), now()) if moments else now()
    sink.file.seek(0)
    return Written(sink.file, sink.size, sink.digest.hexdigest()[:32], moment)


def serve(
    written: Written, mimetype: str, filename: str, disposition: str = "attachment"
) -> Response:
    """The file, or 304 when the client's copy (by ETag) is the same."""
    if request.if_none_match.contains(written.etag):
        written.body.close()
        response = Response(status=304)
    else:
        response = Response(
            wrap_file(request.environ, written.body),
            mimetype=mimetype,
            direct_passthrough=True,
        )
        response.content_length = written.size
        response.headers["Content-Type"] = f"{mimetype}; charset=utf-8"
        response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.set_etag(written.etag)
    response.last_modified = written.last_modified.replace(microsecond=0)
    # Caches may keep a copy but must check it each time; anyone may fetch it from a browser.
    response.headers["Cache-Control"] = "public, no-cache"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
