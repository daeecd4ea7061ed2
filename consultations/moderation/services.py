"""Writes for moderation: flags, hiding and restoring comments, suspending accounts.

Reads for the moderation pages live here too, each in a bounded number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Select, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import lazyload

from .. import permissions, security_log
from ..accounts.models import User
from ..accounts.services import end_sessions
from ..audit.services import record
from ..clock import now
from ..comments.models import Comment, CommentState, Flag
from ..consultation.models import Consultation
from ..errors import FieldRejected, PermissionDenied
from ..extensions import db
from ..follows import notify
from ..mail.services import absolute_url, queue_mail
from .rules import RULES

NOTE_MAX_LENGTH = 1000
QUEUE_STATES = ("flagged", "hidden")


class AlreadyFlagged(FieldRejected):
    """This person has flagged this comment before."""

    def __init__(self) -> None:
        super().__init__("reason", _("You have already flagged this comment."))


def clean_note(note: str | None, field: str = "note", required: bool = False) -> str:
    note = (note or "").strip()
    if required and not note:
        raise FieldRejected(field, _("Write why you are doing this."))
    if len(note) > NOTE_MAX_LENGTH:
        raise FieldRejected(
            field,
            _("A note can have at most %(max)d characters.", max=NOTE_MAX_LENGTH),
        )
    return note


def check_rule(rule: str | None, field: str) -> str:
    if rule not in RULES:
        raise FieldRejected(field, _("Choose one of the participation rules."))
    return rule


def has_flagged(user: User, comment: Comment) -> bool:
    """Whether this person already flagged this comment."""
    return bool(
        db.session.scalar(
            select(Flag.id).where(Flag.comment_id == comment.id, Flag.user_id == user.id)
        )
    )


def flag_comment(
    user: User, comment: Comment, reason: str, note: str = "", moment: datetime | None = None
) -> Flag:
    """Record one person's flag; at the configured number of flags the comment is held."""
    if not permissions.can_flag(user, comment):
        raise PermissionDenied()
    reason = check_rule(reason, "reason")
    note = clean_note(note)
    if has_flagged(user, comment):
        raise AlreadyFlagged()
    flag = Flag(
        comment_id=comment.id,
        user_id=user.id,
        reason=reason,
        note=note,
        created_at=moment or now(),
    )
    return save_flag(flag, comment, AlreadyFlagged)


def save_flag(flag, subject, already: type[FieldRejected]):
    """Write a flag row about `subject` (a comment, a proposal or a proposal's comment),
    count it, hold the subject at FLAG_HOLD_THRESHOLD flags, and commit; `already` is
    raised when the same person's flag is there first."""
    db.session.add(flag)
    try:
        db.session.flush()
    except IntegrityError as error:  # the same person's second click arrived at once
        db.session.rollback()
        raise already() from error
    model = type(subject)
    # Counted in the database, so flags arriving together are all counted.
    db.session.execute(
        update(model)
        .where(model.id == subject.id)
        .values(flag_count=model.flag_count + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(subject, ["flag_count"])
    if subject.flag_count >= current_app.config["FLAG_HOLD_THRESHOLD"] and not subject.held:
        subject.held, subject.held_at = True, flag.created_at
    db.session.commit()
    return flag


def mark_hidden(comment, rule: str, note: str, moment: datetime) -> None:
    """Hide a comment (of a consultation or a proposal) under a rule; its flags are done."""
    comment.state = CommentState.HIDDEN
    comment.hidden_at, comment.hidden_rule, comment.hidden_note = moment, rule, note
    comment.held, comment.held_at, comment.flag_count = False, None, 0


def mark_visible(comment) -> None:
    """Show a comment (of a consultation or a proposal) again, its flags cleared."""
    comment.state = CommentState.VISIBLE
    comment.hidden_at = comment.hidden_rule = comment.hidden_note = None
    comment.held, comment.held_at, comment.flag_count = False, None, 0


def comment_snapshot(comment) -> dict:
    # The note to the author stays between the moderator and the author: the event is public.
    return {
        "state": comment.state.value,
        "held": comment.held,
        "flag_count": comment.flag_count,
        "hidden_rule": comment.hidden_rule,
    }


def hide_comment(
    moderator: User, comment: Comment, rule: str, note: str = "", moment: datetime | None = None
) -> Comment:
    """Hide a comment under a participation rule; its author is told by e-mail."""
    rule, note = hide_audited(moderator, comment, "comment", rule, note, moment)
    author = comment.author
    if author is not None and notify.comment_hidden(comment):
        _tell_author(author, comment, rule, note)
    db.session.commit()
    return comment


def hide_audited(
    moderator: User, comment, kind: str, rule: str, note: str, moment: datetime | None
) -> tuple[str, str]:
    """Hide a comment of any kind (`comment`, `proposal_comment`) and audit it as `KIND.hide`.

    Returns the rule and note as kept; the caller tells the author and commits.
    """
    if not permissions.can_moderate(moderator):
        raise PermissionDenied()
    rule = check_rule(rule, "rule")
    note = clean_note(note)
    if comment.state != CommentState.VISIBLE:
        raise FieldRejected("rule", _("Only a visible comment can be hidden."))
    before = comment_snapshot(comment)
    mark_hidden(comment, rule, note, moment or now())
    record(moderator, f"{kind}.hide", kind, comment.id, before, comment_snapshot(comment))
    return rule, note


def _tell_author(author: User, comment: Comment, rule: str, note: str) -> None:
    consultation = db.session.get(Consultation, comment.consultation_id)
    lang = author.language
    queue_mail(
        author.email,
        "comment_hidden",
        lang,
        name=author.display_name,
        consultation_title=consultation.text("title", lang).text,
        rule_key=rule,
        rule=RULES[rule][0],
        note=note,
        comment_url=absolute_url(
            "consultation.detail",
            lang=lang,
            slug=consultation.slug,
            _anchor=f"comment-{comment.id}",
        ),
        rules_url=absolute_url("moderation.rules", lang=lang, _anchor=rule),
    )


def restore_comment(
    moderator: User, comment: Comment, note: str = "", moment: datetime | None = None
) -> Comment:
    """Make a hidden comment visible again, or dismiss the flags on a visible one."""
    return restore_audited(moderator, comment, "comment", note)


def restore_audited(moderator: User, comment, kind: str, note: str = ""):
    """Make a comment of any kind visible again (`KIND.restore`) or dismiss its flags
    (`KIND.dismiss`), audited and committed."""
    if not permissions.can_moderate(moderator):
        raise PermissionDenied()
    note = clean_note(note)
    if comment.state == CommentState.REMOVED:
        raise FieldRejected("note", _("Its author removed this comment."))
    before = comment_snapshot(comment)
    action = f"{kind}.restore" if comment.state == CommentState.HIDDEN else f"{kind}.dismiss"
    mark_visible(comment)
    after = {**comment_snapshot(comment), "note": note}
    record(moderator, action, kind, comment.id, before, after)
    db.session.commit()
    return comment


def suspend_account(moderator: User, user: User, note: str, moment: datetime | None = None) -> User:
    """Stop a person from posting and end every session they hold."""
    if not permissions.can_suspend(moderator, user):
        raise PermissionDenied()
    note = clean_note(note, required=True)
    if user.suspended_at is not None:
        raise FieldRejected("note", _("This account is already suspended."))
    user.suspended_at = moment or now()
    record(
        moderator,
        "user.suspend",
        "user",
        user.id,
        {"suspended": False},
        {"suspended": True, "note": note},
        public=False,
    )
    end_sessions(user)  # replaces the session token and commits, with the audit event
    security_log.account_changed("account.suspended", moderator.id, user.id)
    return user


def unsuspend_account(
    moderator: User, user: User, note: str = "", moment: datetime | None = None
) -> User:
    """Let a suspended person post again."""
    if not permissions.can_suspend(moderator, user):
        raise PermissionDenied()
    note = clean_note(note)
    if user.suspended_at is None:
        raise FieldRejected("note", _("This account is not suspended."))
    user.suspended_at = None
    record(
        moderator,
        "user.unsuspend",
        "user",
        user.id,
        {"suspended": True},
        {"suspended": False, "note": note},
        public=False,
    )
    db.session.commit()
    security_log.account_changed("account.unsuspended", moderator.id, user.id)
    return user


# Reads for the moderation pages.


def list_queue(state: str = "flagged") -> Select:
    """Flagged or held comments (most flagged, then oldest first), or hidden ones (newest
    first); a statement to paginate."""
    statement = select(Comment)
    if state == "hidden":
        return statement.where(Comment.state == CommentState.HIDDEN).order_by(
            Comment.hidden_at.desc(), Comment.id.desc()
        )
    return statement.where(
        Comment.state == CommentState.VISIBLE,
        (Comment.flag_count > 0) | Comment.held.is_(True),
    ).order_by(Comment.flag_count.desc(), Comment.created_at, Comment.id)


def flag_reasons(comment_ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    """Each comment's flag reasons with their counts, most given first (one query)."""
    if not comment_ids:
        return {}
    rows = db.session.execute(
        select(Flag.comment_id, Flag.reason, func.count())
        .where(Flag.comment_id.in_(comment_ids))
        .group_by(Flag.comment_id, Flag.reason)
        .order_by(Flag.comment_id, func.count().desc(), Flag.reason)
    )
    reasons: dict[int, list[tuple[str, int]]] = {}
    for comment_id, reason, count in rows:
        reasons.setdefault(comment_id, []).append((reason, count))
    return reasons


def consultations_for(comments: list[Comment]) -> dict[int, Consultation]:
    """The consultations these comments belong to, by id (one query, texts with them)."""
    ids = {comment.consultation_id for comment in comments}
    if not ids:
        return {}
    found = db.session.scalars(
        select(Consultation)
        .where(Consultation.id.in_(ids))
        .options(
            lazyload(Consultation.agency),
            lazyload(Consultation.plan),
            lazyload(Consultation.sections),
        )
    )
    return {consultation.id: consultation for consultation in found}


def list_user_comments(user: User) -> Select:
    """A person's comments in every state, newest first; a statement to paginate."""
    return (
        select(Comment)
        .where(Comment.author_id == user.id)
        .order_by(Comment.created_at.desc(), Comment.id.desc())
    )


@dataclass
class FlagsReceived:
    total: int
    by_reason: list[tuple[str, int]]
    hidden: int


def flags_received(user: User) -> FlagsReceived:
    """How often other people flagged this person's comments, by reason, and how many of
    their comments moderators hid."""
    rows = db.session.execute(
        select(Flag.reason, func.count())
        .join(Comment, Comment.id == Flag.comment_id)
        .where(Comment.author_id == user.id)
        .group_by(Flag.reason)
        .order_by(func.count().desc(), Flag.reason)
    ).all()
    hidden = db.session.scalar(
        select(func.count())
        .select_from(Comment)
        .where(Comment.author_id == user.id, Comment.state == CommentState.HIDDEN)
    )
    by_reason = [(reason, count) for reason, count in rows]
    return FlagsReceived(sum(count for _, count in by_reason), by_reason, hidden or 0)
