"""Service quality kept for the record: each closed month's figures and the published targets."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db

# The three kinds of body a month's figures describe; the scope key says which one.
SITE, COUNTRY, AGENCY = "site", "country", "agency"
SCOPE_KINDS = (SITE, COUNTRY, AGENCY)


class QualityMonth(db.Model):
    """One body's figures for one closed month, written once so they never drift.

    `scope` is "" for the whole site, the ISO country code for a country, and the agency's
    id (as text) for an agency. Counts are kept, not only shares, so readers can weigh them.
    """

    __tablename__ = "quality_months"
    __table_args__ = (
        UniqueConstraint("month", "scope_kind", "scope", name="uq_quality_month_scope"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(Date, index=True)  # the month's first day
    scope_kind: Mapped[str] = mapped_column(String(16))
    scope: Mapped[str] = mapped_column(String(40), default="")
    median_days: Mapped[float | None] = mapped_column(Float)
    first_responses: Mapped[int] = mapped_column(Integer, default=0)
    answered_on_time: Mapped[int] = mapped_column(Integer, default=0)
    answers_due: Mapped[int] = mapped_column(Integer, default=0)
    satisfaction_sum: Mapped[int] = mapped_column(Integer, default=0)
    satisfaction_answers: Mapped[int] = mapped_column(Integer, default=0)
    ease_sum: Mapped[int] = mapped_column(Integer, default=0)
    ease_answers: Mapped[int] = mapped_column(Integer, default=0)
    commitments_fresh: Mapped[int] = mapped_column(Integer, default=0)
    commitments_reporting: Mapped[int] = mapped_column(Integer, default=0)
    comments: Mapped[int] = mapped_column(Integer, default=0)
    participants: Mapped[int] = mapped_column(Integer, default=0)
    new_accounts: Mapped[int | None] = mapped_column(Integer)  # the whole site only
    proposals: Mapped[int] = mapped_column(Integer, default=0)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ServiceStandard(db.Model):
    """The targets the site publishes for itself; one row, set by admins."""

    __tablename__ = "service_standards"

    id: Mapped[int] = mapped_column(primary_key=True)
    median_days: Mapped[float] = mapped_column(Float)
    on_time_percent: Mapped[int] = mapped_column(Integer)
    satisfaction: Mapped[float] = mapped_column(Float)
    fresh_percent: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
