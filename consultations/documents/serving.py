"""How a stored file is handed to a browser: never as something it could run."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import BinaryIO
from urllib.parse import quote

from flask import Response, stream_with_context

from .checks import CHUNK
from .models import Document

# Types a browser may show in its own tab; everything else is downloaded.
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})
SANDBOX_POLICY = "sandbox; default-src 'none'"


def ascii_name(name: str, extension: str) -> str:
    """A plain-ASCII stand-in for browsers that ignore `filename*`."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    plain = "".join(c if c.isalnum() or c in " ._-()" else "_" for c in plain).strip(" ._")
    stem = plain.rsplit(".", 1)[0] if "." in plain else plain
    return f"{stem.strip(' ._') or 'document'}.{extension}"


def content_disposition(document: Document) -> str:
    kind = "inline" if document.media_type in INLINE_TYPES else "attachment"
    name = document.download_name
    fallback = ascii_name(name, document.extension)
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _chunks(stored: BinaryIO) -> Iterator[bytes]:
    with stored:
        while chunk := stored.read(CHUNK):
            yield chunk


def file_response(document: Document, stored: BinaryIO) -> Response:
    """Stream the file with the type found at upload, in a sandbox, never sniffed."""
    media_type = document.media_type
    if media_type.startswith("text/"):
        media_type += "; charset=utf-8"
    response = Response(stream_with_context(_chunks(stored)), content_type=media_type)
    response.headers["Content-Length"] = str(document.size)
    response.headers["Content-Disposition"] = content_disposition(document)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = SANDBOX_POLICY
    response.headers["Cache-Control"] = "no-cache"
    response.set_etag(document.sha256)
    return response
