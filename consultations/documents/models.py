"""A document: an immutable stored file attached to one record, with a title per language."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..content import Shown, pick, texts_of
from ..extensions import db

# The records a document can belong to (`Document.owner_type`).
OWNER_TYPES = (
    "progress_update",
    "assessment",
    "plan",
    "comment",
    "evidence_link",
    "proposal",
    "meeting",
)


class Document(db.Model):
    """Never changed once stored: a correction is a new upload."""

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_owner", "owner_type", "owner_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_type: Mapped[str] = mapped_column(String(32))
    owner_id: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(String(200))
    # Decided from the content when it was uploaded, never from the name or the browser.
    media_type: Mapped[str] = mapped_column(String(100))
    extension: Mapped[str] = mapped_column(String(8))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    storage_key: Mapped[str] = mapped_column(String(200))
    uploader_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploader_name: Mapped[str] = mapped_column(String(80))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    texts: Mapped[list[DocumentText]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    def title(self, lang: str | None = None) -> Shown:
        """The title in the reader's language, or the file's own name when none was given."""
        texts = texts_of(self)
        if texts:
            return pick(texts, "title", lang)
        return Shown(self.original_name, "", False)

    @property
    def download_name(self) -> str:
        """The original name, ending in the extension of the type the content was found to be."""
        name = self.original_name
        suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if suffix == self.extension or (suffix, self.extension) == ("jpeg", "jpg"):
            return name
        return f"{name}.{self.extension}"


class DocumentText(db.Model):
    __tablename__ = "document_texts"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class LinkArchive(db.Model):
    """The archived copy of one evidence address, and whether the address still answers.

    One row per address, however many records cite it; the copy (a document owned by this
    row) is the page as it was first fetched and is never replaced, since it is what the
    record pointed to when it was published.
    """

    __tablename__ = "link_archives"

    id: Mapped[int] = mapped_column(primary_key=True)
    url_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str] = mapped_column(String(2000))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    final_url: Mapped[str] = mapped_column(String(2000), default="")
    http_status: Mapped[int | None] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(100), default="")
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set at the first failed check after an answer (or after the first try), cleared by
    # the next answer: "this link has not answered since".
    failing_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    problem: Mapped[str] = mapped_column(String(200), default="")
    next_check_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    document: Mapped[Document | None] = relationship(lazy="joined")
