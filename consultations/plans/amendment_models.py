"""Amendments of adopted plans: each change of a commitment or milestone is a signed,
dated revision with its reason, and a plan's refreshes (a mid-term review) are dated notes."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from ..columns import text_enum
from ..extensions import db
from .models import Translated

if TYPE_CHECKING:
    from .models import ActionPlan


class RevisionKind(enum.StrEnum):
    AMENDED = "amended"  # the commitment's text or dates changed
    MILESTONE_AMENDED = "milestone_amended"
    MILESTONE_ADDED = "milestone_added"
    MILESTONE_WITHDRAWN = "milestone_withdrawn"
    ADDED = "added"  # the commitment itself was added to the plan at a refresh


class PlanRefresh(Translated, db.Model):
    """A plan marked as refreshed (e.g. at its mid-term review), with a dated note."""

    __tablename__ = "plan_refreshes"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("action_plans.id", ondelete="CASCADE"), index=True
    )
    refreshed_on: Mapped[date] = mapped_column(Date)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    # `plan.refreshes`: newest first (the API and open data list them with the plan).
    plan: Mapped[ActionPlan] = relationship(
        backref=backref(
            "refreshes",
            order_by="(PlanRefresh.refreshed_on.desc(), PlanRefresh.id.desc())",
            passive_deletes=True,
        )
    )
    texts: Mapped[list[PlanRefreshText]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class PlanRefreshText(db.Model):
    __tablename__ = "plan_refresh_texts"

    refresh_id: Mapped[int] = mapped_column(
        ForeignKey("plan_refreshes.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    note: Mapped[str] = mapped_column(Text)


class Revision(Translated, db.Model):
    """One amendment of an adopted commitment or of one of its milestones. Never edited:
    `before` and `after` keep both versions, so every earlier text stays readable."""

    __tablename__ = "revisions"
    __table_args__ = (Index("ix_revisions_commitment", "commitment_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"))
    # Milestones are never deleted once adopted (they are withdrawn), so no foreign key is
    # needed to keep the link; the snapshots carry the milestone's position and text.
    milestone_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[RevisionKind] = mapped_column(text_enum(RevisionKind, length=24))
    refresh_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_refreshes.id", ondelete="SET NULL")
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    # The audit snapshots of the commitment or milestone (services.commitment_snapshot,
    # services.milestone_snapshot); `before` is None when something was added.
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict] = mapped_column(JSON)

    texts: Mapped[list[RevisionText]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class RevisionText(db.Model):
    __tablename__ = "revision_texts"

    revision_id: Mapped[int] = mapped_column(
        ForeignKey("revisions.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
