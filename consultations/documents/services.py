"""Receiving, storing, finding and checking documents.

An upload is streamed to a temporary file while it is hashed (never held in memory whole),
then checked by its content. Storing writes the file first and the record after, in the
caller's transaction: a record is only ever committed once its file is in storage. A file
whose record never came (the transaction failed) is an orphan: harmless, and removed by
`flask documents verify --orphans`.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, BinaryIO

from flask import abort, current_app, g, has_request_context
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import bindparam, select

from .. import permissions
from ..audit.services import record
from ..clock import as_utc, now
from ..errors import PermissionDenied
from ..extensions import db
from ..statements import among, built_once
from .checks import CHUNK, DocumentRefused, FileType, clean_name, detect
from .models import OWNER_TYPES, Document, DocumentText
from .storage import key_for, storage

ORPHAN_GRACE = timedelta(hours=1)
_TEMPORARY = "_document_uploads"


@dataclass(frozen=True)
class Received:
    """An accepted upload waiting in a temporary file to be stored."""

    path: Path
    name: str
    size: int
    sha256: str
    type: FileType


def max_bytes() -> int:
    return current_app.config["UPLOAD_MAX_MB"] * 1024 * 1024


def too_large() -> str:
    return _("A file can be at most %(size)d MB.", size=current_app.config["UPLOAD_MAX_MB"])


def receive(stream: BinaryIO, raw_name: str) -> Received:
    """Copy an upload to a temporary file while hashing it, then check what it is."""
    limit = max_bytes()
    digest, size = hashlib.sha256(), 0
    handle = tempfile.NamedTemporaryFile(prefix="upload-", delete=False)  # noqa: SIM115
    path = Path(handle.name)
    _forget_later(path)
    with handle:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > limit:
                break
            digest.update(chunk)
            handle.write(chunk)
    try:
        if size > limit:
            raise DocumentRefused(too_large())
        name = clean_name(raw_name)
        return Received(path, name, size, digest.hexdigest(), detect(path, name))
    except DocumentRefused:
        discard(path)
        raise


def receive_all(uploads: Iterable[Any], limit: int) -> tuple[list[Received], list[str]]:
    """Every file of a form's file field (werkzeug FileStorage), and what was refused."""
    received, problems = [], []
    files = [upload for upload in uploads if upload and getattr(upload, "filename", "")]
    if len(files) > limit:
        message = ngettext("Attach at most %(num)d file.", "Attach at most %(num)d files.", limit)
        return [], [message]
    for upload in files:
        name = clean_name(upload.filename)
        try:
            received.append(receive(upload.stream, upload.filename))
        except DocumentRefused as refused:
            problems.append(_("%(name)s: %(problem)s", name=name, problem=refused.message))
    return received, problems


def _forget_later(path: Path) -> None:
    if has_request_context():
        g.setdefault(_TEMPORARY, []).append(path)


def discard(path: Path) -> None:
    path.unlink(missing_ok=True)


def discard_request_uploads(_error=None) -> None:
    for path in g.pop(_TEMPORARY, []):
        discard(path)


def attach(
    received: Sequence[Received],
    owner_type: str,
    owner: Any,
    uploader: Any,
    titles: dict[str, str] | None = None,
) -> list[Document]:
    """Store each file, then add its record to the caller's transaction (the caller commits)."""
    assert owner_type in OWNER_TYPES, owner_type
    if not received:
        return []
    if not permissions.can_upload_document(uploader, owner_type, owner):
        raise PermissionDenied()
    if owner.id is None:
        db.session.flush()
    owner_id = owner.id
    documents = []
    for upload in received:
        key = key_for(upload.sha256)
        storage().put(key, upload.path)
        document = Document(
            owner_type=owner_type,
            owner_id=owner_id,
            original_name=upload.name,
            media_type=upload.type.media_type,
            extension=upload.type.extension,
            size=upload.size,
            sha256=upload.sha256,
            storage_key=key,
            uploader_id=getattr(uploader, "id", None),
            uploader_name=getattr(uploader, "display_name", ""),
            uploaded_at=now(),
            texts=[
                DocumentText(locale=lang, title=title.strip())
                for lang, title in (titles or {}).items()
                if title and title.strip()
            ],
        )
        db.session.add(document)
        documents.append(document)
    db.session.flush()
    for document in documents:
        # A comment's files stay out of the public log, as comments do.
        record(
            uploader,
            "document.upload",
            owner_type,
            owner_id,
            None,
            audit_facts(document),
            public=owner_type != "comment",
        )
    return documents


def audit_facts(document: Document) -> dict:
    return {
        "document_id": document.id,
        "name": document.original_name,
        "type": document.media_type,
        "size": document.size,
        "sha256": document.sha256,
    }


def upload_documents(
    actor: Any, owner_type: str, owner: Any, received: Sequence[Received], titles: dict[str, str]
) -> list[Document]:
    """Attach official documents to a record on their own (action plans), and commit."""
    if not permissions.can_upload_document(actor, owner_type, owner):
        raise PermissionDenied()
    documents = attach(received, owner_type, owner, actor, titles)
    db.session.commit()
    return documents


def owner_model(owner_type: str):
    from ..comments.models import Comment
    from ..forum.models import Meeting
    from ..plans.models import ActionPlan, Assessment, ProgressUpdate
    from ..proposals.models import Proposal
    from .models import LinkArchive

    return {
        "evidence_link": LinkArchive,
        "progress_update": ProgressUpdate,
        "assessment": Assessment,
        "plan": ActionPlan,
        "comment": Comment,
        "proposal": Proposal,
        "meeting": Meeting,
    }[owner_type]


def get_document_or_404(document_id: int) -> tuple[Document, Any]:
    """The document and the record it belongs to."""
    document = db.get_or_404(Document, document_id)
    owner = db.session.get(owner_model(document.owner_type), document.owner_id)
    if owner is None:
        abort(404)
    return document, owner


def documents_of(owner_type: str, owner_ids: Iterable[int]) -> dict[int, list[Document]]:
    """The documents of several records of one type, in one query, oldest first."""
    ids = sorted(set(owner_ids))
    found: dict[int, list[Document]] = {owner_id: [] for owner_id in ids}
    if not ids:
        return found
    statement = built_once("documents of records", _documents_of_records)
    for document in db.session.scalars(statement, {"owner_type": owner_type, "ids": ids}):
        found[document.owner_id].append(document)
    return found


def _documents_of_records():
    """Built once (`statements.built_once`): the pages of records, comments and plans ask."""
    return (
        select(Document)
        .where(
            Document.owner_type == bindparam("owner_type"),
            among(Document.owner_id, "ids"),
        )
        .order_by(Document.owner_id, Document.id)
    )


def documents_for(records: Iterable[tuple[str, int]]) -> dict[tuple[str, int], list[Document]]:
    """The documents of records of any types, by (owner type, id): a query per type."""
    by_type: dict[str, list[int]] = {}
    for owner_type, owner_id in records:
        by_type.setdefault(owner_type, []).append(owner_id)
    return {
        (owner_type, owner_id): found
        for owner_type, ids in by_type.items()
        for owner_id, found in documents_of(owner_type, ids).items()
    }


@dataclass(frozen=True)
class Problem:
    document_id: int
    key: str
    kind: str  # "missing" or "altered"


def verify() -> Iterator[Problem]:
    """Re-hash every stored file and name each document whose file is missing or altered."""
    checked: dict[str, str | None] = {}
    rows = db.session.execute(
        select(Document.id, Document.storage_key, Document.sha256).order_by(Document.id)
    ).all()
    for document_id, key, sha256 in rows:
        if key not in checked:
            checked[key] = _hash_stored(key)
        actual = checked[key]
        if actual is None:
            yield Problem(document_id, key, "missing")
        elif actual != sha256:
            yield Problem(document_id, key, "altered")


def _hash_stored(key: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with storage().open(key) as stored:
            while chunk := stored.read(CHUNK):
                digest.update(chunk)
    except FileNotFoundError:
        return None
    return digest.hexdigest()


def collect_orphans(remove: bool) -> list[str]:
    """Stored files no record names, older than an upload in progress could be."""
    known = set(db.session.scalars(select(Document.storage_key).distinct()))
    cutoff = now() - ORPHAN_GRACE
    orphans = [
        blob.key
        for blob in storage().blobs()
        if blob.key not in known and as_utc(blob.modified) < cutoff
    ]
    if remove:
        for key in orphans:
            storage().delete(key)
    return orphans
