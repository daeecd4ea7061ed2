"""Reasoned responses: the government's answer to comments, with an outcome and its reasons."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..columns import text_enum
from ..content import Shown, pick, texts_of
from ..extensions import db


class Outcome(enum.StrEnum):
    ADOPTED = "adopted"
    PARTLY_ADOPTED = "partly_adopted"
    NOT_ADOPTED = "not_adopted"
    OUT_OF_SCOPE = "out_of_scope"


class Response(db.Model):
    """One reasoned response; it answers one or more comments, or a whole section."""

    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    # Set when the response answers a whole section (every comment on it when answered).
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id"), index=True)
    outcome: Mapped[Outcome] = mapped_column(text_enum(Outcome))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    texts: Mapped[list[ResponseText]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    answers: Mapped[list[AnsweredComment]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )

    def text(self, field: str, lang: str | None = None) -> Shown:
        return pick(texts_of(self), field, lang)


class ResponseText(db.Model):
    __tablename__ = "response_texts"

    response_id: Mapped[int] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    reasons: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AnsweredComment(db.Model):
    """Which response answers a comment; a comment is answered by at most one response."""

    __tablename__ = "response_comments"

    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True
    )
    response_id: Mapped[int] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )

    response: Mapped[Response] = relationship(back_populates="answers")
