"""Personal-data rights: a person's data as one JSON document, and erasing an account.

Both acts are recorded in the audit log under the account number only, so the log never
holds the e-mail address or the name of the person who left.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import String, cast, delete, func, literal, select, update

from .. import permissions
from ..accounts.models import RoleGrant, User, new_session_token
from ..accounts.passwords import verify_password
from ..audit.services import record
from ..clock import as_utc, now
from ..comments.models import Comment, CommentState, Flag
from ..consultation.models import Consultation, ConsultationText, Section, SectionText
from ..content import pick
from ..documents.models import Document, DocumentText
from ..documents.storage import storage
from ..errors import DomainError, FieldRejected
from ..extensions import db
from ..mail.models import OutboxMail
from ..mail.services import absolute_url
from ..satisfaction.models import SatisfactionAnswer
from . import follows_hook, proposals_hook

EXPORT_FORMAT = "consultations-personal-data"
EXPORT_VERSION = 1
BATCH = 500
KEEP, REMOVE = "keep", "remove"
# What a deleted account's row keeps as its name; pages show the translated public_name.
DELETED_NAME = "Deleted account"
UNUSABLE_PASSWORD = "!"  # no password hashes to this, so the account cannot log in
# Columns of the person's row that are secrets or internal, never part of the export.
PRIVATE_COLUMNS = {"password_hash", "session_token", "name_key"}


class DeletionRefused(DomainError):
    """The account cannot be deleted yet; `message` says why and what to do."""

    status_code = 409

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class _AccountHolder:
    """The acting person as the audit log records them: by number, never by name."""

    id: int
    display_name: str = "account holder"


def _iso(moment: datetime | None) -> str | None:
    return as_utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def _plain(value):
    if isinstance(value, datetime):
        return _iso(value)
    return value.value if hasattr(value, "value") else value


# Download ---------------------------------------------------------------------------


def personal_data(user: User) -> dict:
    """Everything stored about `user`, in a fixed number of queries however much they wrote."""
    lang = user.language
    comments = _comments(user)
    flags = _flags(user)
    answers = _answers(user)
    titles = _consultation_titles(
        {c["consultation_id"] for c in comments}
        | {f["consultation_id"] for f in flags}
        | {a["consultation_id"] for a in answers},
        lang,
    )
    headings = _section_headings({c["section_id"] for c in comments if c["section_id"]}, lang)
    for item in comments:
        item["consultation"] = titles.get(item["consultation_id"])
        section_id = item.pop("section_id")
        item["section"] = headings.get(section_id) if section_id else None
    for item in (*flags, *answers):
        item["consultation"] = titles.get(item["consultation_id"])
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": _iso(now()),
        "profile": _profile(user),
        "comments": comments,
        "flags": flags,
        "satisfaction_answers": answers,
        "follows": follows_hook.personal_data(user),
        "proposal_discussion": proposals_hook.personal_data(user),
        "files": _files(user),
    }


def download_personal_data(user: User) -> dict:
    """The person's data for download; the download itself is recorded in the audit log."""
    data = personal_data(user)
    record(
        _AccountHolder(user.id),
        "personal_data.download",
        "user",
        user.id,
        after={"comments": len(data["comments"]), "flags": len(data["flags"])},
        public=False,
    )
    db.session.commit()
    return data


def _profile(user: User) -> dict:
    profile = {
        column.key: _plain(getattr(user, column.key))
        for column in User.__table__.columns
        if column.key not in PRIVATE_COLUMNS
    }
    profile["roles"] = [
        {
            "role": grant.role.value,
            "agency": grant.agency.slug if grant.agency else None,
            "organisation": grant.organisation,
            "granted_at": _iso(grant.granted_at),
        }
        for grant in user.roles
    ]
    return profile


def _comments(user: User) -> list[dict]:
    rows = db.session.execute(
        select(
            Comment.id,
            Comment.consultation_id,
            Comment.section_id,
            Comment.parent_id,
            Comment.language,
            Comment.stance,
            Comment.state,
            Comment.body_text,
            Comment.created_at,
            Comment.edited_at,
            Comment.hidden_at,
            Comment.hidden_rule,
            Comment.hidden_note,
        )
        .where(Comment.author_id == user.id)
        .order_by(Comment.id)
        .execution_options(yield_per=BATCH)
    )
    return [
        {
            "id": row.id,
            "consultation_id": row.consultation_id,
            "section_id": row.section_id,
            "in_reply_to": row.parent_id,
            "language": row.language,
            "stance": _plain(row.stance),
            "state": _plain(row.state),
            "text": row.body_text,
            "created_at": _iso(row.created_at),
            "edited_at": _iso(row.edited_at),
            "hidden_at": _iso(row.hidden_at),
            "hidden_rule": row.hidden_rule,
            "note_from_moderator": row.hidden_note,
        }
        for row in rows
    ]


def _files(user: User) -> list[dict]:
    """The files the person uploaded, with the address to download each one."""
    rows = db.session.execute(
        select(
            Document.id,
            Document.owner_type,
            Document.owner_id,
            Document.original_name,
            Document.media_type,
            Document.size,
            Document.sha256,
            Document.uploaded_at,
        )
        .where(Document.uploader_id == user.id)
        .order_by(Document.id)
        .execution_options(yield_per=BATCH)
    )
    return [
        {
            "id": row.id,
            "attached_to": {"type": row.owner_type, "id": row.owner_id},
            "name": row.original_name,
            "type": row.media_type,
            "size": row.size,
            "sha256": row.sha256,
            "uploaded_at": _iso(row.uploaded_at),
            "download": absolute_url("documents.download", document_id=row.id),
        }
        for row in rows
    ]


def _flags(user: User) -> list[dict]:
    rows = db.session.execute(
        select(
            Flag.id,
            Flag.comment_id,
            Comment.consultation_id,
            Flag.reason,
            Flag.note,
            Flag.created_at,
        )
        .join(Comment, Comment.id == Flag.comment_id)
        .where(Flag.user_id == user.id)
        .order_by(Flag.id)
    )
    return [
        {
            "id": row.id,
            "comment_id": row.comment_id,
            "consultation_id": row.consultation_id,
            "reason": row.reason,
            "note": row.note,
            "created_at": _iso(row.created_at),
        }
        for row in rows
    ]


def _answers(user: User) -> list[dict]:
    rows = db.session.scalars(
        select(SatisfactionAnswer)
        .where(SatisfactionAnswer.user_id == user.id)
        .order_by(SatisfactionAnswer.id)
    )
    return [
        {
            "id": answer.id,
            "consultation_id": answer.consultation_id,
            "satisfaction": answer.satisfaction,
            "ease": answer.ease,
            "remark": answer.remark,
            "declined": answer.declined,
            "created_at": _iso(answer.created_at),
        }
        for answer in rows
    ]


def _consultation_titles(ids: set[int], lang: str) -> dict[int, dict]:
    if not ids:
        return {}
    texts: dict[int, list] = {}
    rows = db.session.scalars(
        select(ConsultationText).where(ConsultationText.consultation_id.in_(ids))
    )
    for text in rows:
        texts.setdefault(text.consultation_id, []).append(text)
    slugs = {
        cid: slug
        for cid, slug in db.session.execute(
            select(Consultation.id, Consultation.slug).where(Consultation.id.in_(ids))
        )
    }
    return {
        cid: {"slug": slugs.get(cid), "title": pick(texts.get(cid, []), "title", lang).text}
        for cid in ids
    }


def _section_headings(ids: set[int], lang: str) -> dict[int, dict]:
    if not ids:
        return {}
    anchors = {
        sid: anchor
        for sid, anchor in db.session.execute(
            select(Section.id, Section.anchor).where(Section.id.in_(ids))
        )
    }
    texts: dict[int, list] = {}
    for text in db.session.scalars(select(SectionText).where(SectionText.section_id.in_(ids))):
        texts.setdefault(text.section_id, []).append(text)
    return {
        sid: {"anchor": anchors.get(sid), "heading": pick(texts.get(sid, []), "heading", lang).text}
        for sid in ids
    }


# Deletion ---------------------------------------------------------------------------


def deletion_blocker(user: User) -> str | None:
    """Why this account cannot be deleted now, or None (the rule: permissions.py)."""
    if not permissions.can_delete_account(user):
        return _(
            "You hold a staff role. Ask an administrator to withdraw your roles first; "
            "then you can delete your account."
        )
    return None


def delete_account(user: User, password: str, comments: str, moment: datetime | None = None):
    """Erase the person's data at once, in one transaction; their comments stay under
    "Deleted account" or are removed (`comments` is "keep" or "remove")."""
    blocker = deletion_blocker(user)
    if blocker:
        raise DeletionRefused(blocker)
    if comments not in (KEEP, REMOVE):
        raise FieldRejected("comments", _("Choose what happens to your comments."))
    if not verify_password(user.password_hash, password or ""):
        raise FieldRejected("password", _("The password is not correct."))
    try:
        counts, stored = _erase(user, comments, moment or now())
        record(
            _AccountHolder(user.id, DELETED_NAME),
            "account.delete",
            "user",
            user.id,
            after={"comments": comments, **counts},
            public=False,
        )
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    _remove_unreferenced(stored)


def _remove_unreferenced(keys: set[str]) -> None:
    """After the commit, delete the stored files no document names any more (an identical
    file uploaded by someone else is kept). One that cannot be deleted now is an orphan,
    removed later by `flask documents verify --orphans`."""
    if not keys:
        return
    still_named = set(
        db.session.scalars(select(Document.storage_key).where(Document.storage_key.in_(keys)))
    )
    for key in keys - still_named:
        try:
            storage().delete(key)
        except Exception:  # noqa: BLE001 - the erasure itself is committed; this is cleanup
            current_app.logger.warning("Could not delete the stored file %s yet.", key)


def _erase(user: User, comments: str, moment: datetime) -> tuple[dict, set[str]]:
    """Every write of a deletion; the caller commits or rolls back all of them together.
    Also returns the storage keys of the files erased, to delete once committed."""
    mine = Comment.author_id == user.id
    count = db.session.scalar(select(func.count()).select_from(Comment).where(mine)) or 0
    files, stored = _erase_files(user, comments)
    if comments == REMOVE:
        # The author-removal rule of comments.services.remove_comment, for every comment at
        # once; the fingerprint goes too, as it is a hash of the text.
        _bulk(
            update(Comment)
            .where(mine)
            .values(
                state=CommentState.REMOVED,
                body_text="",
                body_html="",
                fingerprint=literal("removed:") + cast(Comment.id, String),
            )
        )
    # Kept or removed, no comment points at the person any more, nor at each other through
    # them: pages show "Deleted account".
    _bulk(update(Comment).where(mine).values(author_id=None))
    # Flags keep counting: they report the comment, not the reporter, and a comment held
    # for review should not come back because someone who flagged it left.
    flags = _bulk(update(Flag).where(Flag.user_id == user.id).values(user_id=None, note=""))
    # Scores stay in the service-quality figures; the free-text remark is erased.
    answers = _bulk(
        update(SatisfactionAnswer)
        .where(SatisfactionAnswer.user_id == user.id)
        .values(user_id=None, remark="")
    )
    follows_hook.erase(user)
    proposal_comments = proposals_hook.erase(user, remove_comments=comments == REMOVE)
    roles = _bulk(delete(RoleGrant).where(RoleGrant.user_id == user.id))
    _bulk(delete(OutboxMail).where(OutboxMail.recipient == user.email))
    _make_tombstone(user, moment)
    counts = {
        "comment_count": count,
        "proposal_comments": proposal_comments,
        "flags": flags,
        "survey_answers": answers,
        "roles": roles,
    }
    return {**counts, "files": files}, stored


def _erase_files(user: User, comments: str) -> tuple[int, set[str]]:
    """Files attached to the person's comments follow them: removed with removed comments,
    kept under "Deleted account" with kept ones. Files on records the person published as
    staff stay with those records, as the names on them do."""
    attached = (Document.owner_type == "comment") & Document.owner_id.in_(
        select(Comment.id).where(Comment.author_id == user.id)
    )
    stored: set[str] = set()
    erased = 0
    if comments == REMOVE:
        rows = db.session.execute(select(Document.id, Document.storage_key).where(attached)).all()
        ids = [row.id for row in rows]
        stored = {row.storage_key for row in rows}
        if ids:
            _bulk(delete(DocumentText).where(DocumentText.document_id.in_(ids)))
            erased = _bulk(delete(Document).where(Document.id.in_(ids)))
    else:
        _bulk(update(Document).where(attached).values(uploader_name=DELETED_NAME))
    _bulk(update(Document).where(Document.uploader_id == user.id).values(uploader_id=None))
    return erased, stored


def _bulk(statement) -> int:
    return db.session.execute(statement.execution_options(synchronize_session=False)).rowcount


def _make_tombstone(user: User, moment: datetime) -> None:
    """Keep the row (audit events refer to it) with nothing that identifies the person."""
    db.session.expire(user, ["roles"])
    # ".invalid" addresses are refused at registration, so this never collides; the space
    # in the name key cannot come from a real name, whose key has its spaces removed.
    user.email = f"deleted-{user.id}@deleted.invalid"
    user.display_name = DELETED_NAME
    user.name_key = f"deleted account {user.id}"
    user.password_hash = UNUSABLE_PASSWORD
    user.session_token = new_session_token()
    user.language = current_app.config.get("DEFAULT_LANGUAGE", "en")
    user.email_verified_at = None
    user.last_login_at = None
    user.suspended_at = None
    user.notification_frequency = "never"
    user.deleted_at = moment


# Retention --------------------------------------------------------------------------


def purge_sent_mail(days: int, moment: datetime | None = None) -> int:
    """Delete copies of e-mail sent more than `days` days ago; return how many."""
    from datetime import timedelta

    cutoff = (moment or now()) - timedelta(days=days)
    deleted = _bulk(
        delete(OutboxMail).where(OutboxMail.sent_at.is_not(None), OutboxMail.sent_at < cutoff)
    )
    db.session.commit()
    return deleted
