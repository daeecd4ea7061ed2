"""Small real files for the demo, made in code: a one-page PDF, a CSV table, a PNG chart and
an archived web page. Each goes through the documents services as an upload would (the
archived page as the evidence archive keeps a fetched one), so it is checked, stored by its
hash and downloadable like any other.
"""

from __future__ import annotations

import csv
import hashlib
import io
import struct
import tempfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..documents import archive, services
from ..documents.fetching import Fetched
from ..documents.models import LinkArchive


@dataclass(frozen=True)
class DemoFile:
    name: str
    content: bytes
    titles: dict[str, str] = field(default_factory=dict)

    def received(self) -> services.Received:
        """The file as the upload form hands it to the services."""
        return services.receive(io.BytesIO(self.content), self.name)


def pdf(lines: list[str]) -> bytes:
    """A valid one-page A4 PDF showing `lines` in Helvetica (Latin-1 text only)."""
    text = "\n".join(
        f"BT /F1 {14 if n == 0 else 11} Tf 56 {780 - 22 * n} Td ({_pdf_text(line)}) Tj ET"
        for n, line in enumerate(lines)
    ).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _pdf_text(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def table(rows: list[list[str]]) -> bytes:
    """A UTF-8 CSV file of `rows`, the first row its header."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def bar_chart(values: list[int], height: int = 60) -> bytes:
    """A PNG of vertical bars, one per value (0–100), on white."""
    bar, gap = 16, 8
    width = len(values) * (bar + gap) + gap
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")  # filter type: none
        for x in range(width):
            position, inside = divmod(x - gap, bar + gap)
            filled = (
                x >= gap
                and inside < bar
                and position < len(values)
                and height - y <= values[position] * height // 100
            )
            row += b"\x1f\x5f\x9f" if filled else b"\xff\xff\xff"
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _png_chunk(b"IEND", b"")
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def keep_archived_copy(url: str, page: str, archived_at: datetime) -> LinkArchive:
    """The archived copy of evidence link `url`, made from `page` (HTML) and never fetched:
    the demo must not reach the internet. Kept once; a second load finds it."""
    existing = archive.archives_for([url]).get(url)
    if existing is not None:
        return existing
    body = page.encode("utf-8")
    with tempfile.NamedTemporaryFile(prefix="demo-archive-", delete=False) as handle:
        handle.write(body)
    path = Path(handle.name)
    try:
        fetched = Fetched(
            path=path,
            final_url=url,
            status=200,
            content_type="text/html",
            size=len(body),
            sha256=hashlib.sha256(body).hexdigest(),
        )
        return archive.keep_copy(url, fetched, archived_at)
    finally:
        path.unlink(missing_ok=True)
