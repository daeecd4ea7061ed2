"""How documents are described to readers: their kind and their size."""

from __future__ import annotations

from flask import Flask
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..formatting import format_number
from .archive import archives_of_records

# TRANSLATORS: kinds of files, shown beside a document's name.
KIND = {
    "pdf": _l("PDF"),
    "odt": _l("OpenDocument text"),
    "ods": _l("OpenDocument spreadsheet"),
    "docx": _l("Word document"),
    "xlsx": _l("Excel spreadsheet"),
    "csv": _l("CSV table"),
    "txt": _l("Plain text"),
    "png": _l("PNG image"),
    "jpg": _l("JPEG image"),
    "html": _l("Web page"),
    "bin": _l("Other file"),
}


def file_size(size: int) -> str:
    """Bytes, kilobytes or megabytes, in the reader's number format."""
    if size < 1024:
        return _("%(size)s bytes", size=format_number(size))
    if size < 1024 * 1024:
        return _("%(size)s kB", size=format_number(round(size / 1024, 1)))
    return _("%(size)s MB", size=format_number(round(size / (1024 * 1024), 1)))


def init_document_labels(app: Flask) -> None:
    app.add_template_filter(file_size, "file_size")
    app.add_template_global(KIND, "document_kind")
    # One query for the archived copies of every evidence link a page shows.
    app.add_template_global(archives_of_records, "evidence_archives")
