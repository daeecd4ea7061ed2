"""The multi-stakeholder forum: dated memberships, versioned rules, meetings, proposals.

Nothing here is overwritten: a membership change ends one row and starts the next, a new
version of the rules is a new row, so the forum's history stays readable.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..columns import text_enum
from ..extensions import db


class Sector(enum.StrEnum):
    GOVERNMENT = "government"
    CIVIL_SOCIETY = "civil_society"
    OTHER = "other"


class MemberRole(enum.StrEnum):
    CO_CHAIR = "co_chair"
    MEMBER = "member"
    OBSERVER = "observer"


class ProposalState(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Forum(db.Model):
    """One country's forum; its name comes from the country's, in the reader's language."""

    __tablename__ = "forums"

    id: Mapped[int] = mapped_column(primary_key=True)
    country: Mapped[str] = mapped_column(String(2), unique=True)
    # How to join or propose a member, as the secretariat wrote it (sanitized HTML).
    join_html: Mapped[str] = mapped_column(Text, default="", server_default="")
    join_language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ForumMember(db.Model):
    """One stretch of one membership: a change ends this row and starts one that replaces it."""

    __tablename__ = "forum_members"
    __table_args__ = (Index("ix_forum_members_forum_term", "forum_id", "term_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"))
    # A person's name, or a seat's ("Representative of the Ministry of Justice").
    name: Mapped[str] = mapped_column(String(200))
    is_seat: Mapped[bool] = mapped_column(Boolean, default=False)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    sector: Mapped[Sector] = mapped_column(text_enum(Sector, length=20))
    role: Mapped[MemberRole] = mapped_column(text_enum(MemberRole, length=20))
    term_start: Mapped[date] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)
    # The day this row stopped being current (a change or a departure); None while it is.
    ended_on: Mapped[date | None] = mapped_column(Date)
    replaces_id: Mapped[int | None] = mapped_column(
        ForeignKey("forum_members.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    def current_on(self, day: date) -> bool:
        return (
            self.term_start <= day
            and (self.ended_on is None or day < self.ended_on)
            and (self.term_end is None or day <= self.term_end)
        )


class ForumRules(db.Model):
    """One published version of the forum's rules of participation."""

    __tablename__ = "forum_rules"
    __table_args__ = (UniqueConstraint("forum_id", "version", name="uq_forum_rules_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    body_html: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Meeting(db.Model):
    """A forum meeting: the agenda is published before it, the minutes after."""

    __tablename__ = "forum_meetings"
    __table_args__ = (Index("ix_forum_meetings_forum_held", "forum_id", "held_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"))
    held_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    place: Mapped[str] = mapped_column(String(200), default="")
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str] = mapped_column(String(8))
    agenda_html: Mapped[str] = mapped_column(Text, default="")
    agenda_published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    minutes_html: Mapped[str] = mapped_column(Text, default="")
    decisions_html: Mapped[str] = mapped_column(Text, default="")
    minutes_published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    forum: Mapped[Forum] = relationship(lazy="joined")


class Attendance(db.Model):
    """Whether one member (the membership row current that day) attended one meeting."""

    __tablename__ = "forum_attendance"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("forum_meetings.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("forum_members.id", ondelete="CASCADE"), primary_key=True
    )
    present: Mapped[bool] = mapped_column(Boolean)


class MemberProposal(db.Model):
    """A signed-in person's proposal of a new member, which the secretariat answers."""

    __tablename__ = "forum_member_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    proposer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    sector: Mapped[Sector] = mapped_column(text_enum(Sector, length=20))
    reason: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[ProposalState] = mapped_column(
        text_enum(ProposalState, length=12), default=ProposalState.PENDING
    )
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
