"""Self-assessment reports: a plan's mid-term or end-of-term account, drafted from the
published records, written up by its coordinators and frozen once published."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..columns import text_enum
from ..content import Shown, pick, texts_of
from ..extensions import db
from ..plans.models import ActionPlan


class Period(enum.StrEnum):
    MID_TERM = "mid_term"
    END_OF_TERM = "end_of_term"


class ReportState(enum.StrEnum):
    # Waiting for the `self-assessment` command to gather a large plan's figures.
    QUEUED = "queued"
    GENERATING = "generating"
    DRAFT = "draft"
    PUBLISHED = "published"


class SelfAssessmentReport(db.Model):
    __tablename__ = "self_assessment_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("action_plans.id", ondelete="RESTRICT"), index=True
    )
    period: Mapped[Period] = mapped_column(text_enum(Period))
    state: Mapped[ReportState] = mapped_column(text_enum(ReportState), default=ReportState.DRAFT)
    # A correction names the published report it replaces; the old one stays readable.
    replaces_id: Mapped[int | None] = mapped_column(
        ForeignKey("self_assessment_reports.id"), index=True
    )
    # The figures drafted from the records (reports/snapshot.py); never recomputed once the
    # report is published, so what readers see is what the coordinator published.
    snapshot: Mapped[dict | None] = mapped_column(JSON, deferred=True)
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    generated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    plan: Mapped[ActionPlan] = relationship()
    replaces: Mapped[SelfAssessmentReport | None] = relationship(remote_side=[id])
    texts: Mapped[list[SelfAssessmentReportText]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="SelfAssessmentReportText.locale"
    )

    def text(self, field: str, lang: str | None = None) -> Shown:
        return pick(texts_of(self), field, lang)

    @property
    def languages(self) -> list[str]:
        return [text.locale for text in self.texts]


class SelfAssessmentReportText(db.Model):
    """The coordinator's narrative sections in one language (sanitized HTML)."""

    __tablename__ = "self_assessment_report_texts"

    report_id: Mapped[int] = mapped_column(
        ForeignKey("self_assessment_reports.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    introduction: Mapped[str] = mapped_column(Text, default="")
    process: Mapped[str] = mapped_column(Text, default="")
    conclusions: Mapped[str] = mapped_column(Text, default="")
    # What readers see: the sections above as sanitized HTML (sanitize.comment_html).
    introduction_html: Mapped[str] = mapped_column(Text, default="")
    process_html: Mapped[str] = mapped_column(Text, default="")
    conclusions_html: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
