"""Who follows what, the events each person is to hear about, and the daily digests sent."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..columns import text_enum
from ..extensions import db


class TargetKind(enum.StrEnum):
    """What a person can follow."""

    PLAN = "plan"
    COMMITMENT = "commitment"
    CONSULTATION = "consultation"


class Frequency(enum.StrEnum):
    """How often a person gets notification e-mail (stored on `users.notification_frequency`)."""

    IMMEDIATE = "immediate"
    DAILY = "daily"
    NEVER = "never"


# Daily: at most one e-mail a day, bursts (a whole plan's updates published together) become
# one message, and the closing reminder still arrives a day before a consultation closes.
DEFAULT_FREQUENCY = Frequency.DAILY


class EventKind(enum.StrEnum):
    """What happened; `Notification.object_id` names the thing it happened to."""

    UPDATE = "update"  # a progress update (object: the update)
    ASSESSMENT = "assessment"  # an assessment (object: the assessment)
    OPENED = "opened"  # a consultation opened (object: the consultation)
    CLOSING = "closing"  # a consultation closes soon (object: the consultation)
    RESPONSES = "responses"  # the first responses were published (object: the consultation)
    RESPONDED = "responded"  # every comment has been answered (object: the consultation)
    REPLY = "reply"  # someone replied to the person's comment (object: the reply)
    HIDDEN = "hidden"  # a moderator hid the person's comment (object: the audit event)
    ANSWERED = "answered"  # the person's comment got its reasoned response (object: the comment)
    TIMELINE = "timeline"  # a plan's co-creation timeline published or changed (object: the change)
    AMENDMENT = "amendment"  # an adopted commitment was amended (object: the revision)


class Delivery(enum.StrEnum):
    """How a notification left the queue."""

    MAIL = "mail"  # its own e-mail, at once
    DIGEST = "digest"  # in a daily digest
    DROPPED = "dropped"  # the person chose no e-mail, or the thing is no longer shown


class Follow(db.Model):
    __tablename__ = "follows"
    __table_args__ = (
        UniqueConstraint("user_id", "target_type", "target_id", name="uq_follow_target"),
        Index("ix_follows_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    target_type: Mapped[TargetKind] = mapped_column(text_enum(TargetKind, length=20))
    target_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Notification(db.Model):
    """One event for one person: queued, then mailed alone, put in a digest, or dropped.

    The unique key makes a hook or the clock command that runs twice record nothing new.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "object_id", name="uq_notification_event"),
        Index("ix_notifications_pending", "sent_at", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[EventKind] = mapped_column(text_enum(EventKind, length=20))
    object_id: Mapped[int] = mapped_column(Integer)
    # Why the person hears of it: the follow that brought it (none for replies and hiding).
    follow_id: Mapped[int | None] = mapped_column(ForeignKey("follows.id", ondelete="SET NULL"))
    target_type: Mapped[TargetKind | None] = mapped_column(text_enum(TargetKind, length=20))
    target_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    delivery: Mapped[Delivery | None] = mapped_column(text_enum(Delivery, length=10))


class DigestSent(db.Model):
    """One daily digest per person per day (in the site's time zone), never two."""

    __tablename__ = "notification_digests"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    count: Mapped[int] = mapped_column(Integer)
