"""The staff digests sent: one per person per day, never two."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class StaffDigestSent(db.Model):
    """A person's staff digest of one day (in the site's time zone).

    Written in the same transaction as the e-mail it queues: the primary key makes a second
    run that day, or a run racing this one, stop before queueing anything.
    """

    __tablename__ = "staff_digests"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # How many items the digest listed.
    count: Mapped[int] = mapped_column(Integer)
