"""Action plans, their commitments and milestones, progress updates and assessments."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..columns import text_enum
from ..content import Shown, pick, texts_of
from ..extensions import db

if TYPE_CHECKING:
    from ..accounts.models import User
    from ..agencies.models import Agency


class PlanStatus(enum.StrEnum):
    DRAFTING = "drafting"
    CONSULTATION = "consultation"
    ADOPTED = "adopted"
    IMPLEMENTATION = "implementation"
    CLOSED = "closed"


class Completion(enum.StrEnum):
    """The IRM completion scale a coordinator reports on, plus withdrawn."""

    NOT_STARTED = "not_started"
    LIMITED = "limited"
    SUBSTANTIAL = "substantial"
    COMPLETE = "complete"
    WITHDRAWN = "withdrawn"


class AssessedCompletion(enum.StrEnum):
    """The IRM completion scale an independent monitor assesses on."""

    NO_EVIDENCE = "no_evidence"
    NOT_STARTED = "not_started"
    LIMITED = "limited"
    SUBSTANTIAL = "substantial"
    COMPLETE = "complete"


class OpenedGovernment(enum.StrEnum):
    """The IRM's "did it open government?" scale."""

    WORSENED = "worsened"
    DID_NOT_CHANGE = "did_not_change"
    MARGINAL = "marginal"
    MAJOR = "major"
    OUTSTANDING = "outstanding"


class MilestoneStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    WITHDRAWN = "withdrawn"


class PotentialForResults(enum.StrEnum):
    """The IRM's design scale for plans from 2021."""

    UNCLEAR = "unclear"
    MODEST = "modest"
    SUBSTANTIAL = "substantial"


class PotentialImpact(enum.StrEnum):
    """The IRM's design scale for older plans, kept for imported records."""

    NONE = "none"
    MINOR = "minor"
    MODERATE = "moderate"
    TRANSFORMATIVE = "transformative"


# OGP's policy areas, by the English key that the files and the API carry.
POLICY_AREAS = (
    "access_to_information",
    "anti_corruption",
    "beneficial_ownership",
    "civic_space",
    "climate_and_environment",
    "digital_governance",
    "fiscal_openness",
    "gender_and_inclusion",
    "justice",
    "lobbying",
    "media_freedom",
    "natural_resources",
    "open_contracting",
    "open_data",
    "open_parliaments",
    "public_participation",
    "public_service_delivery",
    "regulatory_governance",
    "right_to_information",
    "whistleblower_protection",
    "local_government",
)

OGP_VALUES = ("access_to_information", "civic_participation", "public_accountability", "technology")


class Translated:
    """Content with per-language rows: `text(field)` picks the reader's language."""

    texts: list

    def text(self, field: str, lang: str | None = None) -> Shown:
        return pick(texts_of(self), field, lang)


class ActionPlan(Translated, db.Model):
    __tablename__ = "action_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    country: Mapped[str] = mapped_column(String(2))
    number: Mapped[int] = mapped_column(Integer)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    status: Mapped[PlanStatus] = mapped_column(text_enum(PlanStatus), default=PlanStatus.DRAFTING)
    coordinating_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    coordinating_agency: Mapped[Agency] = relationship(lazy="joined")
    texts: Mapped[list[ActionPlanText]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class ActionPlanText(db.Model):
    __tablename__ = "action_plan_texts"

    plan_id: Mapped[int] = mapped_column(
        ForeignKey("action_plans.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class Commitment(Translated, db.Model):
    __tablename__ = "commitments"
    __table_args__ = (Index("ix_commitments_plan_lead", "plan_id", "lead_agency_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plans.id", ondelete="RESTRICT"))
    lead_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    # The language the commitment was written in; other languages translate it.
    source_locale: Mapped[str] = mapped_column(String(8))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    access_to_information: Mapped[bool] = mapped_column(Boolean, default=False)
    civic_participation: Mapped[bool] = mapped_column(Boolean, default=False)
    public_accountability: Mapped[bool] = mapped_column(Boolean, default=False)
    technology: Mapped[bool] = mapped_column(Boolean, default=False)
    # What the Independent Reporting Mechanism records about the design; None: not known.
    verifiable: Mapped[bool | None] = mapped_column(Boolean)
    relevant: Mapped[bool | None] = mapped_column(Boolean)
    potential_for_results: Mapped[PotentialForResults | None] = mapped_column(
        text_enum(PotentialForResults)
    )
    potential_impact: Mapped[PotentialImpact | None] = mapped_column(text_enum(PotentialImpact))
    promising: Mapped[bool | None] = mapped_column(Boolean)
    starred: Mapped[bool | None] = mapped_column(Boolean)
    policy_area: Mapped[str | None] = mapped_column(String(40))
    # Server defaults, so inserts that predate these columns still work.
    contact_person: Mapped[str] = mapped_column(String(200), server_default="")
    budget_amount: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    budget_currency: Mapped[str] = mapped_column(String(3), server_default="")  # ISO 4217
    budget_source: Mapped[str] = mapped_column(String(300), server_default="")
    # What a plan writes instead of a date, e.g. "Permanent activity".
    schedule_note: Mapped[str] = mapped_column(String(300), server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # The latest published progress update (highest `published_at`, then highest id) and
    # what it reported: the commitment's status. Kept by plans/latest.py in the transaction
    # that writes an update; None until the first. Updates are never deleted, so the id
    # needs no foreign key (one would make the two tables depend on each other).
    latest_update_id: Mapped[int | None] = mapped_column(Integer)
    latest_status: Mapped[Completion | None] = mapped_column(text_enum(Completion))
    latest_percent: Mapped[int | None] = mapped_column(Integer)
    latest_published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    plan: Mapped[ActionPlan] = relationship(lazy="joined")
    lead_agency: Mapped[Agency] = relationship(lazy="joined")
    texts: Mapped[list[CommitmentText]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="commitment",
        cascade="all, delete-orphan",
        order_by="Milestone.position",
        lazy="selectin",
    )

    @property
    def ogp_values(self) -> list[str]:
        return ogp_values_of(self)


def ogp_values_of(commitment) -> list[str]:
    """The OGP values a commitment (or a row of its columns) is relevant to."""
    return [value for value in OGP_VALUES if getattr(commitment, value)]


class CommitmentText(db.Model):
    __tablename__ = "commitment_texts"

    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    problem: Mapped[str] = mapped_column(Text, default="")
    objective: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    other_actors: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Milestone(Translated, db.Model):
    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    # Kept current by progress updates, which also keep each state they reported.
    status: Mapped[MilestoneStatus] = mapped_column(
        text_enum(MilestoneStatus), default=MilestoneStatus.NOT_STARTED
    )
    completed_on: Mapped[date | None] = mapped_column(Date)

    commitment: Mapped[Commitment] = relationship(back_populates="milestones")
    texts: Mapped[list[MilestoneText]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class MilestoneText(db.Model):
    __tablename__ = "milestone_texts"

    milestone_id: Mapped[int] = mapped_column(
        ForeignKey("milestones.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    deliverable: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ProgressUpdate(Translated, db.Model):
    """A coordinator's published report. Never edited: a correction is a new update."""

    __tablename__ = "progress_updates"
    __table_args__ = (
        # A commitment's updates newest first, and its latest one, without sorting.
        Index("ix_progress_updates_commitment", "commitment_id", "published_at", "id"),
        # The few corrections, found from the records they correct (timelines).
        Index(
            "ix_progress_updates_corrects_id",
            "corrects_id",
            sqlite_where=text("corrects_id IS NOT NULL"),
            postgresql_where=text("corrects_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="RESTRICT"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(80))
    # The agency the update was published for, named in each reader's language. Older
    # updates whose agency could not be found keep the name as it was written.
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[Completion] = mapped_column(text_enum(Completion))
    percent_complete: Mapped[int] = mapped_column(Integer)
    # The moment the update reports on ("as of"): every order and the commitment's latest
    # status follow it. A backdated update is written later; `recorded_at` says when.
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    recorded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("progress_updates.id"))
    # [{"milestone_id": 1, "status": "complete", "completed_on": "2026-01-31"}]
    milestone_states: Mapped[list] = mapped_column(JSON, default=list)
    evidence: Mapped[list] = mapped_column(JSON, default=list)

    commitment: Mapped[Commitment] = relationship()
    author: Mapped[User | None] = relationship()
    agency: Mapped[Agency | None] = relationship(lazy="joined")
    texts: Mapped[list[ProgressUpdateText]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    def organisation_name(self, lang: str | None = None) -> Shown:
        """The publishing agency's name in the reader's language (or as it was written)."""
        if self.agency is not None:
            return self.agency.name(lang)
        return Shown(self.organisation, "", False)


class ProgressUpdateText(db.Model):
    __tablename__ = "progress_update_texts"

    update_id: Mapped[int] = mapped_column(
        ForeignKey("progress_updates.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    narrative: Mapped[str] = mapped_column(Text)


class Assessment(Translated, db.Model):
    """A civil-society monitor's published assessment; immutable like progress updates."""

    __tablename__ = "assessments"
    __table_args__ = (
        Index("ix_assessments_commitment", "commitment_id", "id"),
        # The few corrections, found from the records they correct (timelines).
        Index(
            "ix_assessments_corrects_id",
            "corrects_id",
            sqlite_where=text("corrects_id IS NOT NULL"),
            postgresql_where=text("corrects_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="RESTRICT"))
    # Set when the assessment is of one milestone rather than the whole commitment.
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestones.id", ondelete="RESTRICT"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(80))
    organisation: Mapped[str] = mapped_column(String(200))
    completion: Mapped[AssessedCompletion] = mapped_column(text_enum(AssessedCompletion))
    # Only a whole commitment opens government; None for a milestone's assessment.
    opened_government: Mapped[OpenedGovernment | None] = mapped_column(text_enum(OpenedGovernment))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"))
    evidence: Mapped[list] = mapped_column(JSON, default=list)

    commitment: Mapped[Commitment] = relationship()
    milestone: Mapped[Milestone | None] = relationship()
    texts: Mapped[list[AssessmentText]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    def organisation_name(self, lang: str | None = None) -> Shown:
        """The monitor's organisation, as its members write it (free text, one language)."""
        return Shown(self.organisation, "", False)


class AssessmentText(db.Model):
    __tablename__ = "assessment_texts"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    narrative: Mapped[str] = mapped_column(Text)


class DesignAssessment(Translated, db.Model):
    """A monitor's published review of a commitment's design, before the plan is adopted
    (the IRM's Action Plan Review); immutable like the other assessments."""

    __tablename__ = "design_assessments"
    __table_args__ = (Index("ix_design_assessments_commitment", "commitment_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="RESTRICT"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(80))
    organisation: Mapped[str] = mapped_column(String(200))
    verifiable: Mapped[bool] = mapped_column(Boolean)
    relevant: Mapped[bool] = mapped_column(Boolean)
    potential_for_results: Mapped[PotentialForResults] = mapped_column(
        text_enum(PotentialForResults)
    )
    promising: Mapped[bool] = mapped_column(Boolean)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    evidence: Mapped[list] = mapped_column(JSON, default=list)

    commitment: Mapped[Commitment] = relationship()
    texts: Mapped[list[DesignAssessmentText]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class DesignAssessmentText(db.Model):
    __tablename__ = "design_assessment_texts"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("design_assessments.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    narrative: Mapped[str] = mapped_column(Text)


class AgencyMapping(db.Model):
    """How a lead institution's name in an imported sheet maps to one of our agencies,
    remembered so the next import of the same sheet needs no choice."""

    __tablename__ = "import_agency_mappings"

    country: Mapped[str] = mapped_column(String(2), primary_key=True)
    name_key: Mapped[str] = mapped_column(String(300), primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"))


# Keeps `Commitment.latest_*` in step with every progress update written through the ORM.
from . import latest as _latest  # noqa: E402, F401
