"""The open-data file of documents: every file of a public record, with its SHA-256."""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, or_, select

from ..comments.models import Comment, CommentState
from ..documents.models import OWNER_TYPES, Document, DocumentText
from .schema import Column, Table, id_column, localized, required, with_texts


def _documents() -> Select:
    public_comments = select(Comment.id).where(
        and_(Comment.state == CommentState.VISIBLE, Comment.held.is_(False))
    )
    stmt = select(
        Document.id,
        Document.owner_type,
        Document.owner_id,
        Document.original_name,
        Document.media_type,
        Document.extension,
        Document.size,
        Document.sha256,
        Document.uploaded_at,
    ).where(or_(Document.owner_type != "comment", Document.owner_id.in_(public_comments)))
    stmt = with_texts(stmt, DocumentText, "document_id", Document.id, ("title",))
    return stmt.order_by(Document.id)


def _download_url(row) -> str:
    path = url_for("documents.download", document_id=row["id"])
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


DOCUMENTS = Table(
    "documents",
    _l("Documents"),
    _l(
        "Files published as evidence or as official documents; one row per file. Files are "
        "never changed: a correction is a new row. A hidden comment's files are left out."
    ),
    _l(
        "The record it belongs to, the title in each language, the file's name, type and "
        "size, its SHA-256 fingerprint, when it was uploaded and where to download it."
    ),
    (
        id_column(),
        required(
            Column(
                "owner_type",
                "string",
                "The kind of record it belongs to.",
                constraints={"enum": list(OWNER_TYPES)},
            )
        ),
        required(
            Column(
                "owner_id",
                "integer",
                "The id of that record in plans.csv, progress-updates.csv, assessments.csv "
                "or comments.csv.",
            )
        ),
        *localized("title", "title", "The document's title."),
        required(Column("original_name", "string", "The file's name.", text=True)),
        required(Column("media_type", "string", "The file's type, found from its content.")),
        required(Column("extension", "string", "The extension of that type.")),
        required(Column("size", "integer", "The file's size in bytes.")),
        required(
            Column(
                "sha256",
                "string",
                "The SHA-256 of the file, to check a download against.",
                constraints={"pattern": "[0-9a-f]{64}"},
            )
        ),
        required(Column("uploaded_at", "datetime", "When it was uploaded (UTC).")),
        Column("download_url", "string", "Where to download the file.", value=_download_url),
    ),
    _documents,
)
