"""Writes to comments: publish, edit within a short window, remove.

People write plain text; `sanitize.comment_html` turns it into the only HTML we store.
Submitting the same text twice at the same place (a double click, a resent form) gives back
the first comment; the same text from the same person anywhere else on the consultation (another
section, under another comment) is refused as a duplicate.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import permissions, sanitize
from ..accounts.models import User
from ..clock import now
from ..consultation.models import Consultation, Section
from ..database import write_lock
from ..documents.services import Received, attach
from ..errors import FieldRejected, PermissionDenied
from ..extensions import db
from ..follows import notify
from ..receipts.mailing import receive_comment
from .models import Comment, CommentState, Stance

CommentRejected = FieldRejected


def clean_comment_text(text: str) -> str:
    text = sanitize.clean_bidi(unicodedata.normalize("NFC", text or "")).strip()
    if not text:
        raise CommentRejected("body", _("Write your comment before sending it."))
    limit = current_app.config["COMMENT_MAX_LENGTH"]
    if len(text) > limit:
        raise CommentRejected(
            "body",
            _(
                "A comment can have at most %(max)d characters; this one has %(length)d.",
                max=limit,
                length=len(text),
            ),
        )
    return text


def comment_fingerprint(text: str) -> str:
    """What makes two comments of one person on one consultation the same comment: the words.

    Where they stand (section, parent) is left out, so pasting one text under every section
    or comment is caught by the same unique constraint as a double click.
    """
    # The "text|" prefix keeps these keys apart from the older section|parent|text ones.
    key = f"text|{' '.join(text.split())}"
    return hashlib.sha256(key.casefold().encode()).hexdigest()


def add_comment(
    author: User,
    consultation: Consultation,
    text: str,
    *,
    language: str,
    stance: Stance | None = None,
    section: Section | None = None,
    parent: Comment | None = None,
    moment: datetime | None = None,
    files: Sequence[Received] = (),
) -> Comment:
    """Publish a comment or reply on an open consultation (the same text twice is one)."""
    moment = moment or now()
    if not permissions.can_comment(author, consultation, moment):
        raise PermissionDenied()
    if section is not None and section.consultation_id != consultation.id:
        raise CommentRejected("section", _("This section belongs to another consultation."))
    if parent is not None:
        if parent.consultation_id != consultation.id:
            raise CommentRejected("parent", _("You can only reply within the same consultation."))
        if parent.depth >= current_app.config["COMMENT_MAX_DEPTH"]:
            raise CommentRejected("parent", _("Replies can go at most three levels deep."))
        section = db.session.get(Section, parent.section_id) if parent.section_id else None
    text = clean_comment_text(text)
    fingerprint = comment_fingerprint(text)
    where = (section.id if section else None, parent.id if parent else None)
    earlier = _same_comment(consultation.id, author, fingerprint)
    if earlier is not None:
        return _resent(earlier, where)
    body_html = sanitize.comment_html(text)
    write_lock()  # writers take turns from here
    comment = Comment(
        consultation_id=consultation.id,
        section_id=section.id if section else None,
        parent_id=parent.id if parent else None,
        depth=parent.depth + 1 if parent else 0,
        author_id=author.id,
        language=language,
        stance=stance,
        body_text=text,
        body_html=body_html,
        fingerprint=fingerprint,
        state=CommentState.VISIBLE,
        held=False,
        flag_count=0,
        created_at=moment,
    )
    db.session.add(comment)
    try:
        notify.reply_added(comment)  # flushes: a twin breaks the unique fingerprint here
        attach(files, "comment", comment, author)
        receive_comment(author, comment, consultation)  # its reference number, by e-mail too
        db.session.commit()
    except IntegrityError:  # the same text again (twice at once, or a second click): one stands
        db.session.rollback()
        return _resent(_same_comment(consultation.id, author, fingerprint), where)
    return comment


def _resent(earlier: Comment | None, where: tuple[int | None, int | None]) -> Comment | None:
    """The same text at the same place is the first comment; anywhere else, a duplicate."""
    if earlier is None or (earlier.section_id, earlier.parent_id) == where:
        return earlier
    raise _duplicate()


def _duplicate() -> CommentRejected:
    return CommentRejected(
        "body",
        _(
            "You have already posted this text on this consultation. "
            "Change it to say something new here, or reply to your earlier comment."
        ),
    )


def _same_comment(consultation_id: int, author: User, fingerprint: str) -> Comment | None:
    return db.session.scalar(
        select(Comment).where(
            Comment.consultation_id == consultation_id,
            Comment.author_id == author.id,
            Comment.fingerprint == fingerprint,
        )
    )


def edit_comment(author: User, comment: Comment, text: str, moment: datetime | None = None):
    """Replace the text within the edit window; the comment shows that it was edited."""
    moment = moment or now()
    if not permissions.can_edit_comment(author, comment, moment):
        raise PermissionDenied()
    text = clean_comment_text(text)
    fingerprint = comment_fingerprint(text)
    earlier = _same_comment(comment.consultation_id, author, fingerprint)
    if earlier is not None and earlier.id != comment.id:
        raise _duplicate()
    comment.body_text, comment.body_html = text, sanitize.comment_html(text)
    comment.fingerprint, comment.edited_at = fingerprint, moment
    db.session.commit()
    return comment


def remove_comment(author: User, comment: Comment) -> None:
    """The author takes a comment back; a placeholder stays where others replied."""
    if not permissions.can_remove_comment(author, comment):
        raise PermissionDenied()
    comment.state = CommentState.REMOVED
    comment.body_text, comment.body_html = "", ""
    comment.fingerprint = f"removed:{comment.id}"  # the text is gone; it may be written again
    db.session.commit()
