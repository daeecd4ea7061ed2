"""Archived copies of evidence links: taken once, then the address checked on a schedule.

`flask --app app archive-evidence` (from cron) archives every evidence address of every
progress update and assessment that has no copy yet, and re-checks the archived ones every
ARCHIVE_RECHECK_DAYS. An address that fails is tried again the next day. Each address is
committed on its own, so a run stopped midway keeps what it did.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import filetype
from flask import current_app
from sqlalchemy import select

from ..clock import now
from ..extensions import db
from .checks import SIGNATURES
from .fetching import Fetched, FetchRefused, fetch
from .models import Document, LinkArchive
from .storage import key_for, storage

RETRY_AFTER = timedelta(days=1)
ARCHIVER_NAME = "Evidence archive"


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def cited_links() -> Iterator[str]:
    """Every evidence address of every published progress update and assessment."""
    from ..plans.models import Assessment, ProgressUpdate

    seen: set[str] = set()
    for model in (ProgressUpdate, Assessment):
        for links in db.session.scalars(select(model.evidence).execution_options(yield_per=500)):
            for url in links or []:
                if url not in seen:
                    seen.add(url)
                    yield url


@dataclass
class Run:
    archived: list[str] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def archive_evidence(limit: int | None = None) -> Run:
    """Archive new addresses, then re-check those due; at most `limit` fetches in all."""
    run = Run()
    moment = now()
    known = set(db.session.scalars(select(LinkArchive.url_sha256)))
    new = [url for url in cited_links() if url_key(url) not in known]
    fetched_now: set[int] = set()
    for url in new[:limit] if limit is not None else new:
        archive = LinkArchive(url_sha256=url_key(url), url=url, next_check_at=moment)
        db.session.add(archive)
        _check(archive, run)
        fetched_now.add(archive.id)
    remaining = None if limit is None else max(limit - len(fetched_now), 0)
    due = (
        select(LinkArchive)
        .where(LinkArchive.next_check_at <= moment)
        .order_by(LinkArchive.next_check_at, LinkArchive.id)
    )
    if remaining is not None:
        due = due.limit(remaining)
    for archive in db.session.scalars(due).all():
        if archive.id not in fetched_now:
            _check(archive, run)
    return run


def _check(archive: LinkArchive, run: Run) -> None:
    moment = now()
    archive.checked_at = moment
    try:
        fetched = fetch(archive.url)
        if fetched.status >= 400 or fetched.size == 0:
            fetched.path.unlink(missing_ok=True)
            raise FetchRefused(f"the server answered {fetched.status} with {fetched.size} bytes")
    except FetchRefused as refused:
        archive.problem = refused.reason[:200]
        archive.failing_since = archive.failing_since or moment
        archive.next_check_at = moment + RETRY_AFTER
        run.failed.append((archive.url, refused.reason))
    else:
        archive.answered_at, archive.failing_since, archive.problem = moment, None, ""
        archive.next_check_at = moment + timedelta(days=current_app.config["ARCHIVE_RECHECK_DAYS"])
        if archive.document_id is None:
            _keep_copy(archive, fetched, moment)
            run.archived.append(archive.url)
        else:
            run.answered.append(archive.url)
        fetched.path.unlink(missing_ok=True)
    db.session.commit()


def keep_copy(url: str, fetched: Fetched, archived_at: datetime) -> LinkArchive:
    """Keep a copy taken elsewhere (the demo's) as the archived copy of `url`, stored as a
    fetched one is; the address is checked again on the usual schedule. Commits."""
    moment = now()
    archive = LinkArchive(
        url_sha256=url_key(url),
        url=url,
        checked_at=moment,
        answered_at=moment,
        next_check_at=moment + timedelta(days=current_app.config["ARCHIVE_RECHECK_DAYS"]),
    )
    db.session.add(archive)
    _keep_copy(archive, fetched, archived_at)
    db.session.commit()
    return archive


def _kind(fetched: Fetched) -> tuple[str, str]:
    """(media type, extension) to keep the copy under: known binary kinds by their content,
    pages by what the server said; anything else as an opaque file (always downloaded)."""
    found = filetype.guess(str(fetched.path))
    if found is not None and found.mime in SIGNATURES:
        return found.mime, SIGNATURES[found.mime]
    if fetched.content_type in ("text/html", "application/xhtml+xml"):
        return "text/html", "html"
    if fetched.content_type == "text/plain":
        return "text/plain", "txt"
    return "application/octet-stream", "bin"


def _keep_copy(archive: LinkArchive, fetched: Fetched, moment: datetime) -> None:
    """Store the body first, then its record (the file without a record is a harmless
    orphan; a record without its file cannot happen)."""
    key = key_for(fetched.sha256)
    storage().put(key, fetched.path)
    if archive.id is None:
        db.session.flush()
    media_type, extension = _kind(fetched)
    document = Document(
        owner_type="evidence_link",
        owner_id=archive.id,
        original_name=f"archived-copy-{archive.id}.{extension}",
        media_type=media_type,
        extension=extension,
        size=fetched.size,
        sha256=fetched.sha256,
        storage_key=key,
        uploader_id=None,
        uploader_name=ARCHIVER_NAME,
        uploaded_at=moment,
    )
    db.session.add(document)
    db.session.flush()
    archive.document_id = document.id
    archive.final_url = fetched.final_url[:2000]
    archive.http_status = fetched.status
    archive.content_type = fetched.content_type
    archive.archived_at = moment


def archives_for(urls: Iterable[str]) -> dict[str, LinkArchive]:
    """The archive of each address that has one, in one query."""
    keys = {url_key(url): url for url in urls}
    if not keys:
        return {}
    rows = db.session.scalars(select(LinkArchive).where(LinkArchive.url_sha256.in_(keys)))
    return {keys[row.url_sha256]: row for row in rows}


def archives_of_records(records: Iterable) -> dict[str, LinkArchive]:
    """For a page: the archives of every evidence link of the records it shows."""
    return archives_for(url for record in records for url in (record.evidence or []))
