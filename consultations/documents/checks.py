"""What a file is, decided by its content; and a file name that is safe to keep and show.

Only a short list of types is accepted. Binary types are recognised by their signature;
office documents are ZIP containers whose declared type is read from inside them, and whose
uncompressed size is limited so that a small upload cannot unpack to something huge. Text
must be UTF-8 without NUL bytes, and must not be markup (HTML and SVG are text too).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import filetype
from flask_babel import gettext as _

from ..errors import DomainError

CHUNK = 64 * 1024
NAME_MAX = 200
ZIP_MAX_ENTRIES = 5000
ZIP_MAX_UNCOMPRESSED = 200 * 1024 * 1024
ZIP_MAX_RATIO = 100
MANIFEST_MAX = 1024 * 1024

SIGNATURES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
}
OPEN_DOCUMENT = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
OFFICE_OPEN_XML = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
}
TEXT_TYPES = {"csv": "text/csv", "txt": "text/plain"}
# The extensions the file picker offers (the content decides what a file is).
ACCEPTED_EXTENSIONS = ("pdf", "odt", "ods", "docx", "xlsx", "csv", "txt", "png", "jpg", "jpeg")
# Markup a browser would render: refused even inside a text file.
_MARKUP = re.compile(r"<\s*(?:!doctype|html|script|svg|iframe|object|embed|\?xml)", re.I)


class DocumentRefused(DomainError):
    """The file is not one the site accepts; nothing was stored."""

    status_code = 422

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FileType:
    media_type: str
    extension: str


def refused_type() -> DocumentRefused:
    return DocumentRefused(
        _(
            "This kind of file is not accepted. Upload a PDF, an OpenDocument or Word/Excel "
            "document, a CSV or plain text file, or a PNG or JPEG image."
        )
    )


def detect(path: Path, name: str) -> FileType:
    """The file's type from its content; `name` only chooses between CSV and plain text."""
    with path.open("rb") as file:
        head = file.read(8192)
    if not head:
        raise DocumentRefused(_("The file is empty."))
    if head.startswith(b"PK\x03\x04"):
        return _container(path)
    kind = filetype.guess(head)
    if kind is not None:
        if kind.mime in SIGNATURES:
            return FileType(kind.mime, SIGNATURES[kind.mime])
        raise refused_type()
    _check_text(path)
    extension = "csv" if name.lower().endswith(".csv") else "txt"
    return FileType(TEXT_TYPES[extension], extension)


def _container(path: Path) -> FileType:
    """An OpenDocument or Office Open XML file, within the unpacking limits."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            _check_unpacked_size(path, entries)
            names = {entry.filename for entry in entries}
            if entries and entries[0].filename == "mimetype":
                declared = _read(archive, "mimetype").decode("ascii", "replace").strip()
                if declared in OPEN_DOCUMENT:
                    return FileType(declared, OPEN_DOCUMENT[declared])
            if "[Content_Types].xml" in names:
                manifest = _read(archive, "[Content_Types].xml").decode("utf-8", "replace")
                for main, (media_type, extension) in OFFICE_OPEN_XML.items():
                    if f'ContentType="{main}"' in manifest:
                        return FileType(media_type, extension)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError):
        raise DocumentRefused(_("The file is damaged and cannot be read.")) from None
    raise refused_type()


def _check_unpacked_size(path: Path, entries: list[zipfile.ZipInfo]) -> None:
    unpacked = sum(entry.file_size for entry in entries)
    packed = max(path.stat().st_size, 1)
    if (
        len(entries) > ZIP_MAX_ENTRIES
        or unpacked > ZIP_MAX_UNCOMPRESSED
        or unpacked / packed > ZIP_MAX_RATIO
    ):
        raise DocumentRefused(
            _("The document unpacks to far more than its size, which is not accepted.")
        )


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as entry:
        return entry.read(MANIFEST_MAX)


def _check_text(path: Path) -> None:
    """UTF-8 text without NUL bytes or markup, read a piece at a time."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    tail = ""
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            if b"\x00" in chunk:
                raise refused_type()
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError:
                raise DocumentRefused(_("A text file must be written in UTF-8.")) from None
            if _MARKUP.search(tail + text) or (not tail and text.lstrip().startswith("<")):
                raise refused_type()
            tail = (tail + text)[-32:]
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise DocumentRefused(_("A text file must be written in UTF-8.")) from None


def clean_name(raw: str) -> str:
    """The last part of an uploaded file's name, without control or direction characters,
    at most NAME_MAX characters with its extension kept; any script is welcome."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(char for char in name if unicodedata.category(char) not in {"Cc", "Cf"})
    name = " ".join(name.split()).strip(" .")
    if len(name) > NAME_MAX:
        stem, dot, suffix = name.rpartition(".")
        if dot and 0 < len(suffix) <= 8:
            name = stem[: NAME_MAX - len(suffix) - 1].rstrip(" .") + "." + suffix
        else:
            name = name[:NAME_MAX].rstrip(" .")
    return name or "document"
