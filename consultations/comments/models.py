"""Comments on consultations, and the flags people raise about them."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..columns import text_enum
from ..extensions import db

if TYPE_CHECKING:
    from ..accounts.models import User


class Stance(enum.StrEnum):
    SUPPORT = "support"
    OPPOSE = "oppose"
    NEUTRAL = "neutral"


class CommentState(enum.StrEnum):
    VISIBLE = "visible"
    HIDDEN = "hidden"  # by a moderator, with a public reason
    REMOVED = "removed"  # by its author; a placeholder stays where others replied


class Comment(db.Model):
    __tablename__ = "comments"
    __table_args__ = (
        # Paging a consultation's comments in either order without sorting the whole set.
        Index("ix_comments_consultation_created", "consultation_id", "created_at", "id"),
        # Paging one section's comments in either order without sorting the section's set.
        Index("ix_comments_section_created", "section_id", "created_at", "id"),
        # Counting the top-level comments of one stance from the index alone.
        Index(
            "ix_comments_stance", "consultation_id", "stance", "parent_id", "state", "section_id"
        ),
        # The same text from the same person on the same consultation is one comment.
        UniqueConstraint("consultation_id", "author_id", "fingerprint", name="uq_comment_once"),
        # The API's order (by id) within a consultation, and comments written or edited since a
        # moment (`updated_since`). Few comments are ever edited, and few are not public
        # (hidden, removed, held): partial indexes hold only those, so totals subtract them.
        Index("ix_comments_consultation_id", "consultation_id", "id"),
        # Any page of a consultation's threads read as one range of positions.
        Index("ix_comments_thread_position", "consultation_id", "thread_position"),
        Index("ix_comments_created_at", "created_at"),
        Index(
            "ix_comments_edited_at",
            "edited_at",
            sqlite_where=text("edited_at IS NOT NULL"),
            postgresql_where=text("edited_at IS NOT NULL"),
        ),
        Index(
            "ix_comments_not_public",
            "consultation_id",
            "id",
            sqlite_where=text("state != 'visible' OR held = 1"),
            postgresql_where=text("state <> 'visible' OR held"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="RESTRICT")
    )
    section_id: Mapped[int | None] = mapped_column(
        ForeignKey("sections.id", ondelete="RESTRICT"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"), index=True)
    depth: Mapped[int] = mapped_column(Integer, default=0)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    language: Mapped[str] = mapped_column(String(8))
    stance: Mapped[Stance | None] = mapped_column(text_enum(Stance))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(64))
    state: Mapped[CommentState] = mapped_column(
        text_enum(CommentState), default=CommentState.VISIBLE
    )
    # Held for a moderator's review once enough people flagged it.
    held: Mapped[bool] = mapped_column(Boolean, default=False)
    # Since when it waits for that review (the staff digest names those waiting too long).
    held_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    flag_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    edited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    hidden_rule: Mapped[str | None] = mapped_column(String(40))
    hidden_note: Mapped[str | None] = mapped_column(Text)
    # Where a listed top-level comment stands among its consultation's listed threads, oldest
    # first (1 … thread_count, no gaps); None for replies and for threads no longer listed.
    # Kept by the counter hook (consultation/counters.py), so page N is one range of it.
    thread_position: Mapped[int | None] = mapped_column(Integer)

    author: Mapped[User | None] = relationship(lazy="joined")
    parent: Mapped[Comment | None] = relationship(remote_side=[id])


class Flag(db.Model):
    """One person's report of one comment; each person flags a comment once."""

    __tablename__ = "flags"
    __table_args__ = (UniqueConstraint("comment_id", "user_id", name="uq_flag_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
