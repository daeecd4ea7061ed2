"""Small files of every kind the upload checks meet, made in memory."""

from __future__ import annotations

import io
import zipfile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + b"\x00" * 64
CSV = "שם,ערך\nRīga,1\nBudapest,2\n".encode()
TEXT = "Ārējā revīzija: pabeigta.\n".encode()
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 120
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"PE\x00\x00" + b"\x00" * 64
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
HTML_AFTER_TEXT = b"Quarterly figures\n<script>alert(1)</script>\n"
LATIN1 = "Budapest, Pécs, Sopron".encode("latin-1")
NUL_TEXT = b"looks like text\x00but is not"

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
SHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def _zip(entries: list[tuple[str, bytes]], first_stored: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for position, (name, content) in enumerate(entries):
            stored = first_stored and position == 0
            archive.writestr(name, content, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def office(main: str, body: bytes = b"<w:document/>") -> bytes:
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types"><Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
    )
    return _zip([("[Content_Types].xml", types.encode()), ("word/document.xml", body)])


def open_document(media_type: str) -> bytes:
    return _zip(
        [("mimetype", media_type.encode()), ("content.xml", b"<office:document/>")],
        first_stored=True,
    )


DOCX = office(WORD_MAIN)
XLSX = office(SHEET_MAIN)
ODT = open_document("application/vnd.oasis.opendocument.text")
ODS = open_document("application/vnd.oasis.opendocument.spreadsheet")
PLAIN_ZIP = _zip([("notes.txt", b"hello")])
MACRO_DOCX = office("application/vnd.ms-word.document.macroEnabled.main+xml")


def zip_bomb() -> bytes:
    """A valid-looking Word document whose body unpacks to 30 MB of zeros."""
    return office(WORD_MAIN, b"\x00" * (30 * 1024 * 1024))
