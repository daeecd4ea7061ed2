"""Satisfaction survey answers, asked once per consultation after a person's first comment."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


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
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
