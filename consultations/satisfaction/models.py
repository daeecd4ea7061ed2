"""Survey answers: satisfaction after taking part, expectations before the first comment."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..columns import text_enum
from ..extensions import db


class Respondent(enum.StrEnum):
    """In whose name a person answers a survey (optional)."""

    RESIDENT = "resident"
    ORGANISATION = "organisation"
    BUSINESS = "business"


class ExpectedOutcome(enum.StrEnum):
    """What a person expects to happen with their comment."""

    READ = "read"  # read and taken into account
    ANSWERED = "answered"  # answered with reasons
    CHANGE = "change"  # the text changes because of it
    NOTHING = "nothing"  # nothing will happen


class ExpectedWait(enum.StrEnum):
    """How long a person expects to wait for a response."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    NEVER = "never"


# The longest wait, in days, each answer still counts as met (none for "never").
EXPECTED_WAIT_DAYS = {ExpectedWait.WEEK: 7, ExpectedWait.MONTH: 30, ExpectedWait.QUARTER: 90}


class SatisfactionAnswer(db.Model):
    """One person's answer for one consultation; `declined` records "not now, thanks"."""

    __tablename__ = "satisfaction_answers"
    __table_args__ = (UniqueConstraint("consultation_id", "user_id", name="uq_satisfaction_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    satisfaction: Mapped[int | None] = mapped_column(Integer)  # 1 (very unhappy) to 5
    ease: Mapped[int | None] = mapped_column(Integer)  # 1 (very hard) to 5
    remark: Mapped[str] = mapped_column(Text, default="")
    declined: Mapped[bool] = mapped_column(Boolean, default=False)
    respondent: Mapped[Respondent | None] = mapped_column(text_enum(Respondent, 16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ExpectationAnswer(db.Model):
    """A person's expectations, asked once per account before their first comment."""

    __tablename__ = "expectation_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), unique=True
    )
    outcome: Mapped[ExpectedOutcome | None] = mapped_column(text_enum(ExpectedOutcome, 16))
    wait: Mapped[ExpectedWait | None] = mapped_column(text_enum(ExpectedWait, 16))
    respondent: Mapped[Respondent | None] = mapped_column(text_enum(Respondent, 16))
    declined: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
