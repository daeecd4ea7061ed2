"""A receipt: the reference number one submission (a comment, a proposal …) was given."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class Receipt(db.Model):
    __tablename__ = "receipts"
    __table_args__ = (
        # One number per submission; the number itself is unique on its own column.
        UniqueConstraint("subject_type", "subject_id", name="uq_receipt_subject"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    # What the number stands for: "comment" and the comment's id, for instance.
    subject_type: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
