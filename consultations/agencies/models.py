"""Government bodies, with their names in every language."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..content import Shown, pick, texts_of
from ..extensions import db


class Agency(db.Model):
    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    # ISO 3166-1 alpha-2, like plans': coordinators act only in plans of their country.
    # None for an agency whose country is not known yet (it then acts in no plan but as
    # the plan's coordinating body).
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    contact_email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    website: Mapped[str | None] = mapped_column(String(300))
    postal_address: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    texts: Mapped[list[AgencyText]] = relationship(
        back_populates="agency", cascade="all, delete-orphan", lazy="selectin"
    )

    def name(self, lang: str | None = None) -> Shown:
        return pick(texts_of(self), "name", lang)

    @property
    def has_contact(self) -> bool:
        return any((self.contact_email, self.phone, self.website, self.postal_address))

    def __repr__(self) -> str:
        return f"<Agency {self.slug}>"


class AgencyText(db.Model):
    """An agency's name in one language."""

    __tablename__ = "agency_texts"

    agency_id: Mapped[int] = mapped_column(
        ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    agency: Mapped[Agency] = relationship(back_populates="texts")
