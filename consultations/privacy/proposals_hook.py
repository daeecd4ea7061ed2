"""The one place where the privacy part reaches the comments and flags on proposals.

`erase` only adds writes to the session (no commit): it runs inside the account deletion's
transaction, which commits or rolls back everything together.
"""

from __future__ import annotations

from sqlalchemy import String, cast, literal, select, update

from ..accounts.models import User
from ..clock import as_utc
from ..comments.models import CommentState
from ..extensions import db
from ..proposals.models import ProposalComment, ProposalFlag


def _iso(moment) -> str | None:
    return as_utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def personal_data(user: User) -> dict:
    """The person's comments on proposals and their flags there (two queries)."""
    comments = db.session.execute(
        select(ProposalComment)
        .where(ProposalComment.author_id == user.id)
        .order_by(ProposalComment.id)
    ).scalars()
    flags = db.session.scalars(
        select(ProposalFlag).where(ProposalFlag.user_id == user.id).order_by(ProposalFlag.id)
    )
    return {
        "comments": [
            {
                "id": row.id,
                "proposal_id": row.proposal_id,
                "language": row.language,
                "state": row.state.value,
                "text": row.body_text,
                "created_at": _iso(row.created_at),
                "hidden_at": _iso(row.hidden_at),
                "hidden_rule": row.hidden_rule,
                "note_from_moderator": row.hidden_note,
            }
            for row in comments
        ],
        "flags": [
            {
                "id": row.id,
                "proposal_id": row.proposal_id,
                "proposal_comment_id": row.comment_id,
                "reason": row.reason,
                "note": row.note,
                "created_at": _iso(row.created_at),
            }
            for row in flags
        ],
    }


def erase(user: User, remove_comments: bool) -> int:
    """Detach the person's comments on proposals (their text goes too when they asked for
    their comments to be removed) and their flags; returns how many comments they had."""
    mine = ProposalComment.author_id == user.id
    options = {"synchronize_session": False}
    count = db.session.scalar(select(db.func.count()).select_from(ProposalComment).where(mine))
    if remove_comments:
        db.session.execute(
            update(ProposalComment)
            .where(mine)
            .values(
                state=CommentState.REMOVED,
                body_text="",
                body_html="",
                fingerprint=literal("removed:") + cast(ProposalComment.id, String),
            )
            .execution_options(**options)
        )
    db.session.execute(
        update(ProposalComment).where(mine).values(author_id=None).execution_options(**options)
    )
    db.session.execute(
        update(ProposalFlag)
        .where(ProposalFlag.user_id == user.id)
        .values(user_id=None, note="")
        .execution_options(**options)
    )
    return count or 0
