"""Consultations: a draft opened for public comment, its sections, and their earlier wordings."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import as_utc
from ..content import Shown, pick, texts_of
from ..extensions import db

if TYPE_CHECKING:
    from ..agencies.models import Agency
    from ..plans.models import ActionPlan, Commitment


class Phase(enum.StrEnum):
    """Where a consultation stands; derived from the clock and the responses, never stored."""

    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"
    RESPONDED = "responded"


class Consultation(db.Model):
    __tablename__ = "consultations"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    # On a whole plan, or on one draft commitment of it.
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plans.id"), index=True)
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey("commitments.id"), index=True)
    opens_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    closes_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    response_deadline: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Set when the coordinator declares the responses complete; "responded" follows from it.
    responses_completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Kept by consultation/counters.py in the writer's transaction: visible comments
    # (replies included), and the top-level comments a reader pages through.
    comment_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    thread_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    agency: Mapped[Agency] = relationship(lazy="joined")
    plan: Mapped[ActionPlan] = relationship(lazy="joined")
    commitment: Mapped[Commitment | None] = relationship()
    texts: Mapped[list[ConsultationText]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    sections: Mapped[list[Section]] = relationship(
        back_populates="consultation",
        cascade="all, delete-orphan",
        order_by="Section.position",
        lazy="selectin",
    )

    def text(self, field: str, lang: str | None = None) -> Shown:
        return pick(texts_of(self), field, lang)

    def phase(self, moment: datetime) -> Phase:
        if moment < as_utc(self.opens_at):
            return Phase.SCHEDULED
        if moment < as_utc(self.closes_at):
            return Phase.OPEN
        return Phase.RESPONDED if self.responses_completed_at else Phase.CLOSED


class ConsultationText(db.Model):
    __tablename__ = "consultation_texts"

    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    introduction: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Section(db.Model):
    """One part of the draft, with a stable anchor that survives edits and reordering."""

    __tablename__ = "sections"
    __table_args__ = (UniqueConstraint("consultation_id", "anchor", name="uq_section_anchor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    anchor: Mapped[str] = mapped_column(String(80))
    # The same counters as the consultation's, for the comments on this section.
    comment_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    thread_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    consultation: Mapped[Consultation] = relationship(back_populates="sections")
    texts: Mapped[list[SectionText]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    def text(self, field: str, lang: str | None = None) -> Shown:
        return pick(texts_of(self), field, lang)


class SectionText(db.Model):
    """A section's current wording in one language."""

    __tablename__ = "section_texts"

    section_id: Mapped[int] = mapped_column(
        ForeignKey("sections.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    heading: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SectionRevision(db.Model):
    """A wording replaced after the consultation opened, kept so readers can compare."""

    __tablename__ = "section_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(
        ForeignKey("sections.id", ondelete="CASCADE"), index=True
    )
    locale: Mapped[str] = mapped_column(String(8))
    heading: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    replaced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
