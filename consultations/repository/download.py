"""The repository as one ZIP file: an index (CSV) of every record, and every document.

Written to a temporary file a document at a time (never a whole file in memory), then
streamed; the index names, for each record, the files of it inside the ZIP and their
SHA-256, so the copy can be checked against the site years later.
"""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from collections.abc import Iterator
from typing import IO

from flask import current_app

from ..documents.storage import storage
from ..opendata.files import guard
from .queries import every_entry
from .sources import by_kind

CHUNK = 64 * 1024
INDEX_COLUMNS = ("date", "kind", "title", "address", "files", "sha256")


def _files_name(document) -> str:
    return f"documents/{document.id}-{document.download_name}"


def write_zip(plan) -> IO[bytes]:
    """The ZIP of `plan`'s repository in a temporary file, rewound for reading."""
    kinds = by_kind()
    public = current_app.config["PUBLIC_URL"].rstrip("/")
    target = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response, closed there
    index = io.StringIO()
    writer = csv.writer(index)
    writer.writerow(INDEX_COLUMNS)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in every_entry(plan):
            for document in entry.documents:
                with (
                    storage().open(document.storage_key) as stored,
                    archive.open(_files_name(document), "w", force_zip64=True) as packed,
                ):
                    while chunk := stored.read(CHUNK):
                        packed.write(chunk)
            title = entry.title.text if hasattr(entry.title, "text") else entry.title
            address = public + entry.url if entry.url.startswith("/") else entry.url
            writer.writerow(
                [
                    entry.moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    guard(str(kinds[entry.kind].label)),
                    guard(title),
                    address,
                    " ".join(_files_name(document) for document in entry.documents),
                    " ".join(document.sha256 for document in entry.documents),
                ]
            )
        archive.writestr("index.csv", "\ufeff" + index.getvalue())
    target.seek(0)
    return target


def chunks(handle: IO[bytes]) -> Iterator[bytes]:
    with handle:
        while chunk := handle.read(CHUNK):
            yield chunk
