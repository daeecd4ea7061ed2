"""Comments on proposals and flags on proposals and their comments: the writes.

The rules are those of a consultation's comments (comments/services.py) and flags
(moderation/services.py): the same text check and sanitizer, the same fingerprint (the same
text twice on one proposal is one comment), the same participation rules, the same hold
threshold, the same audit events under a `proposal_comment.` or `proposal.` name, and a
C- receipt like any comment's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.exc import IntegrityError

from .. import permissions, sanitize
from ..accounts.models import User
from ..clock import now
from ..comments.models import CommentState
from ..comments.services import clean_comment_text, comment_fingerprint
from ..database import write_lock
from ..errors import FieldRejected, PermissionDenied
from ..extensions import db
from ..moderation.rules import rule_title
from ..moderation.services import (
    check_rule,
    clean_note,
    hide_audited,
    restore_audited,
    save_flag,
)
from ..pagination import Page, paginate
from ..receipts import tracking
from ..receipts.comment_status import PREFIX
from ..receipts.services import issue_receipt
from .models import Proposal, ProposalComment, ProposalFlag
from .publication import public_timeline

# The track page's kind for these comments; their numbers start with C like any comment's.
SUBJECT = "proposal_comment"


def add_comment(
    author: User, proposal: Proposal, text: str, *, language: str, moment: datetime | None = None
) -> ProposalComment:
    """Publish a comment on a proposal while the plan's proposals stage is open (the same
    text twice is one comment)."""
    moment = moment or now()
    if not permissions.can_comment_on_proposal(
        author, proposal, public_timeline(proposal.plan), moment.date()
    ):
        raise PermissionDenied()
    text = clean_comment_text(text)
    fingerprint = comment_fingerprint(text)
    earlier = _same_comment(proposal.id, author, fingerprint)
    if earlier is not None:
        return earlier
    write_lock()  # writers take turns from here
    comment = ProposalComment(
        proposal_id=proposal.id,
        author_id=author.id,
        language=language,
        body_text=text,
        body_html=sanitize.comment_html(text),
        fingerprint=fingerprint,
        state=CommentState.VISIBLE,
        held=False,
        flag_count=0,
        created_at=moment,
    )
    db.session.add(comment)
    try:
        db.session.flush()  # a twin breaks the unique fingerprint here
        issue_receipt(PREFIX, SUBJECT, comment.id, moment)
        db.session.commit()
    except IntegrityError:  # the same text twice at once: one stands
        db.session.rollback()
        earlier = _same_comment(proposal.id, author, fingerprint)
        if earlier is None:
            raise
        return earlier
    return comment


def _same_comment(proposal_id: int, author: User, fingerprint: str) -> ProposalComment | None:
    return db.session.scalar(
        select(ProposalComment).where(
            ProposalComment.proposal_id == proposal_id,
            ProposalComment.author_id == author.id,
            ProposalComment.fingerprint == fingerprint,
        )
    )


def remove_comment(author: User, comment: ProposalComment) -> None:
    """The author takes a comment back; the text goes, a placeholder stays."""
    if not permissions.can_remove_comment(author, comment):
        raise PermissionDenied()
    comment.state = CommentState.REMOVED
    comment.body_text, comment.body_html = "", ""
    comment.fingerprint = f"removed:{comment.id}"
    db.session.commit()


# Flags


class AlreadyFlagged(FieldRejected):
    def __init__(self) -> None:
        super().__init__("reason", _("You have already flagged this."))


def has_flagged(user: User, subject: Proposal | ProposalComment) -> bool:
    """Whether this person already flagged this proposal or comment."""
    column = _flag_column(subject)
    found = select(ProposalFlag.id).where(column == subject.id, ProposalFlag.user_id == user.id)
    return bool(db.session.scalar(found))


def _flag_column(subject: Proposal | ProposalComment):
    return (
        ProposalFlag.comment_id
        if isinstance(subject, ProposalComment)
        else ProposalFlag.proposal_id
    )


def flag(
    user: User,
    subject: Proposal | ProposalComment,
    reason: str,
    note: str = "",
    moment: datetime | None = None,
) -> ProposalFlag:
    """Record one person's flag on a proposal or a proposal's comment; at the configured
    number of flags it is held for a moderator's review."""
    if not permissions.can_flag_proposal_item(user, subject):
        raise PermissionDenied()
    reason = check_rule(reason, "reason")
    note = clean_note(note)
    if has_flagged(user, subject):
        raise AlreadyFlagged()
    is_comment = isinstance(subject, ProposalComment)
    row = ProposalFlag(
        proposal_id=None if is_comment else subject.id,
        comment_id=subject.id if is_comment else None,
        user_id=user.id,
        reason=reason,
        note=note,
        created_at=moment or now(),
    )
    return save_flag(row, subject, AlreadyFlagged)


def flag_reasons(column, ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    """Each subject's flag reasons with their counts, most given first (one query);
    `column` is ProposalFlag.proposal_id or ProposalFlag.comment_id."""
    if not ids:
        return {}
    rows = db.session.execute(
        select(column, ProposalFlag.reason, func.count())
        .where(column.in_(ids))
        .group_by(column, ProposalFlag.reason)
        .order_by(column, func.count().desc(), ProposalFlag.reason)
    )
    reasons: dict[int, list[tuple[str, int]]] = {}
    for subject_id, reason, count in rows:
        reasons.setdefault(subject_id, []).append((reason, count))
    return reasons


# Moderation of comments (proposals themselves: services.hide_proposal / restore_proposal)


def hide_comment(
    moderator: User,
    comment: ProposalComment,
    rule: str,
    note: str = "",
    moment: datetime | None = None,
) -> ProposalComment:
    """Hide a proposal's comment under a participation rule."""
    hide_audited(moderator, comment, "proposal_comment", rule, note, moment)
    db.session.commit()
    return comment


def restore_comment(moderator: User, comment: ProposalComment, note: str = "") -> ProposalComment:
    """Make a hidden comment visible again, or dismiss the flags on a visible one."""
    return restore_audited(moderator, comment, "proposal_comment", note)


# Reads


COMMENTS_PER_PAGE = 20


def list_comments(proposal: Proposal, page: int) -> Page:
    """A proposal's comments, oldest first (the authors with them: two queries a page)."""
    stmt = (
        select(ProposalComment)
        .where(ProposalComment.proposal_id == proposal.id)
        .order_by(ProposalComment.created_at, ProposalComment.id)
    )
    return paginate(stmt, page, COMMENTS_PER_PAGE, make=lambda row: row[0])


def comment_page(comment: ProposalComment) -> int:
    """The page of its proposal's comments this comment is on."""
    before = db.session.scalar(
        select(func.count())
        .select_from(ProposalComment)
        .where(
            ProposalComment.proposal_id == comment.proposal_id,
            or_(
                ProposalComment.created_at < comment.created_at,
                and_(
                    ProposalComment.created_at == comment.created_at,
                    ProposalComment.id < comment.id,
                ),
            ),
        )
    )
    return (before or 0) // COMMENTS_PER_PAGE + 1


def flagged_proposals() -> Select:
    """Visible proposals with flags or held, most flagged first; a statement to paginate."""
    return (
        select(Proposal)
        .where(Proposal.state == "visible", (Proposal.flag_count > 0) | Proposal.held.is_(True))
        .order_by(Proposal.flag_count.desc(), Proposal.created_at, Proposal.id)
    )


def comment_queue(state: str) -> Select:
    """Flagged or held proposal comments (most flagged first), or hidden ones (newest first)."""
    statement = select(ProposalComment)
    if state == "hidden":
        return statement.where(ProposalComment.state == CommentState.HIDDEN).order_by(
            ProposalComment.hidden_at.desc(), ProposalComment.id.desc()
        )
    return statement.where(
        ProposalComment.state == CommentState.VISIBLE,
        (ProposalComment.flag_count > 0) | ProposalComment.held.is_(True),
    ).order_by(ProposalComment.flag_count.desc(), ProposalComment.created_at, ProposalComment.id)


# The track page of a comment's receipt


@dataclass(frozen=True)
class ProposalCommentStatus:
    stage: str  # published, held, hidden or removed (the stages of a consultation comment's)
    received_at: datetime
    proposal_id: int
    plan: object
    rule: str | None = None
    rule_title: str | None = None


def comment_status(comment_id: int) -> ProposalCommentStatus | None:
    """The stage of one proposal comment, from the columns that say it (not its text)."""
    comment = db.session.get(ProposalComment, comment_id)
    if comment is None:
        return None
    proposal = comment.proposal
    status = ProposalCommentStatus("published", comment.created_at, proposal.id, proposal.plan)
    if comment.state == CommentState.REMOVED:
        return replace(status, stage="removed")
    if comment.state == CommentState.HIDDEN:
        return replace(
            status,
            stage="hidden",
            rule=comment.hidden_rule,
            rule_title=rule_title(comment.hidden_rule),
        )
    return replace(status, stage="held") if comment.held else status


tracking.register(SUBJECT, comment_status, "proposals/_comment_track.html")
