"""A drafting plan's co-creation timeline, and the proposals the public makes during it.

Named `CoCreation*` so they are not taken for a commitment's timeline of updates and
assessments (plans/timeline.py).
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    and_,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..columns import text_enum
from ..comments.models import CommentState
from ..content import Shown, pick, texts_of
from ..extensions import db

if TYPE_CHECKING:
    from ..accounts.models import User
    from ..agencies.models import Agency
    from ..plans.models import ActionPlan, Commitment


class Stage(enum.StrEnum):
    """The stages of co-creating a plan, in the order they come."""

    AWARENESS = "awareness"
    PROPOSALS = "proposals"
    DRAFTING = "drafting"
    CONSULTATION = "consultation"
    ADOPTION = "adoption"


STAGES = tuple(Stage)


class CoCreationTimeline(db.Model):
    """One plan's co-creation timeline; public from its first publication."""

    __tablename__ = "cocreation_timelines"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("action_plans.id", ondelete="CASCADE"), unique=True
    )
    # The first publication: "published at least two weeks before co-creation starts".
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # When the government's answers to the proposals were published (all together).
    answers_published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    plan: Mapped[ActionPlan] = relationship()
    stages: Mapped[list[CoCreationStage]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="CoCreationStage.position"
    )
    changes: Mapped[list[CoCreationChange]] = relationship(
        cascade="all, delete-orphan", order_by="CoCreationChange.id.desc()"
    )

    def stage(self, stage: Stage) -> CoCreationStage | None:
        return next((row for row in self.stages if row.stage == stage), None)


class CoCreationStage(db.Model):
    __tablename__ = "cocreation_stages"
    __table_args__ = (UniqueConstraint("timeline_id", "stage", name="uq_cocreation_stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    timeline_id: Mapped[int] = mapped_column(
        ForeignKey("cocreation_timelines.id", ondelete="CASCADE")
    )
    stage: Mapped[Stage] = mapped_column(text_enum(Stage))
    position: Mapped[int] = mapped_column(Integer)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)

    texts: Mapped[list[CoCreationStageText]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    def text(self, field: str, lang: str | None = None) -> Shown:
        return pick(texts_of(self), field, lang)

    def includes(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


class CoCreationStageText(db.Model):
    """How to take part in one stage, in one language."""

    __tablename__ = "cocreation_stage_texts"

    stage_id: Mapped[int] = mapped_column(
        ForeignKey("cocreation_stages.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    ways_to_take_part: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CoCreationChange(db.Model):
    """A dated change of a published timeline, shown to the public with what moved."""

    __tablename__ = "cocreation_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    timeline_id: Mapped[int] = mapped_column(
        ForeignKey("cocreation_timelines.id", ondelete="CASCADE"), index=True
    )
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # "published" for the first publication, "changed" afterwards.
    kind: Mapped[str] = mapped_column(String(20))
    # [{"stage": "proposals", "before": ["2026-01-01", "2026-01-31"], "after": [...]}]
    dates: Mapped[list] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")

    def moves(self) -> list[tuple[Stage, tuple[date, date] | None, tuple[date, date]]]:
        """Each stage whose dates moved: its dates before (None when new) and after."""

        def days(pair):
            return tuple(date.fromisoformat(day) for day in pair) if pair else None

        return [
            (Stage(move["stage"]), days(move["before"]), days(move["after"])) for move in self.dates
        ]


class ProposalState(enum.StrEnum):
    VISIBLE = "visible"
    HIDDEN = "hidden"  # by a moderator, with a public reason


class Outcome(enum.StrEnum):
    """What the government made of a proposal."""

    INCLUDED = "included"
    PARTLY_INCLUDED = "partly_included"
    MERGED = "merged"
    NOT_INCLUDED = "not_included"


class Proposal(db.Model):
    """A commitment proposed by a member of the public, as they wrote it."""

    __tablename__ = "proposals"
    __table_args__ = (
        Index("ix_proposals_plan", "plan_id", "state", "id"),
        UniqueConstraint("plan_id", "author_id", "fingerprint", name="uq_proposal_once"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plans.id", ondelete="RESTRICT"))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    author_name: Mapped[str] = mapped_column(String(80))
    # The registered organisation the author speaks for, as it is registered; "" for a citizen.
    organisation: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(Text)
    solution: Mapped[str] = mapped_column(Text)
    lead_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    access_to_information: Mapped[bool] = mapped_column(Boolean, default=False)
    civic_participation: Mapped[bool] = mapped_column(Boolean, default=False)
    public_accountability: Mapped[bool] = mapped_column(Boolean, default=False)
    technology: Mapped[bool] = mapped_column(Boolean, default=False)
    fingerprint: Mapped[str] = mapped_column(String(64))
    state: Mapped[ProposalState] = mapped_column(
        text_enum(ProposalState), default=ProposalState.VISIBLE
    )
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    support_count: Mapped[int] = mapped_column(Integer, default=0)
    # Flags, held and held_at work as on comments (moderation/services.py): held for a
    # moderator's review once enough people flagged it.
    flag_count: Mapped[int] = mapped_column(Integer, default=0)
    held: Mapped[bool] = mapped_column(Boolean, default=False)
    held_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    plan: Mapped[ActionPlan] = relationship()
    lead_agency: Mapped[Agency | None] = relationship(lazy="joined")
    author: Mapped[User | None] = relationship()
    answer: Mapped[ProposalAnswer | None] = relationship(
        foreign_keys="ProposalAnswer.proposal_id",
        back_populates="proposal",
        lazy="joined",
        uselist=False,
    )

    @property
    def ogp_values(self) -> list[str]:
        from ..plans.models import OGP_VALUES

        return [value for value in OGP_VALUES if getattr(self, value)]

    @property
    def public_answer(self) -> ProposalAnswer | None:
        answer = self.answer
        return answer if answer is not None and answer.published_at is not None else None


class ProposalSupport(db.Model):
    """One person's support of one proposal; each account supports a proposal once."""

    __tablename__ = "proposal_supports"
    __table_args__ = (UniqueConstraint("proposal_id", "user_id", name="uq_proposal_support"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ProposalAnswer(db.Model):
    """The government's reasoned answer to a proposal; public once the plan's answers are
    published together."""

    __tablename__ = "proposal_answers"
    __table_args__ = (Index("ix_proposal_answers_commitment", "commitment_id"),)

    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True
    )
    outcome: Mapped[Outcome] = mapped_column(text_enum(Outcome))
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey("commitments.id"))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"))
    reasons: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(80))
    written_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    proposal: Mapped[Proposal] = relationship(foreign_keys=[proposal_id], back_populates="answer")
    commitment: Mapped[Commitment | None] = relationship(lazy="joined")
    merged_into: Mapped[Proposal | None] = relationship(foreign_keys=[merged_into_id])


def public_proposal():
    """What anyone may read: a visible proposal that is not held for a moderator's review
    (as with comments, a held proposal's words wait for the moderator)."""
    return and_(Proposal.state == ProposalState.VISIBLE, Proposal.held.is_(False))


class ProposalComment(db.Model):
    """A comment on a proposal: the text, states and moderation fields of a consultation's
    comment (comments/models.py), without sections, stances or replies.

    Its own table, so the consultation comment counters, thread positions and every
    consultation read (API, open data, search, reports) stay as they are.
    """

    __tablename__ = "proposal_comments"
    __table_args__ = (
        # Paging a proposal's comments, oldest first.
        Index("ix_proposal_comments_proposal", "proposal_id", "created_at", "id"),
        # The same text from the same person on the same proposal is one comment.
        UniqueConstraint(
            "proposal_id", "author_id", "fingerprint", name="uq_proposal_comment_once"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    language: Mapped[str] = mapped_column(String(8))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(64))
    state: Mapped[CommentState] = mapped_column(
        text_enum(CommentState), default=CommentState.VISIBLE
    )
    held: Mapped[bool] = mapped_column(Boolean, default=False)
    held_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    flag_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    hidden_rule: Mapped[str | None] = mapped_column(String(40))
    hidden_note: Mapped[str | None] = mapped_column(Text)

    author: Mapped[User | None] = relationship(lazy="joined")
    proposal: Mapped[Proposal] = relationship()


class ProposalFlag(db.Model):
    """One person's report of a proposal or of a proposal's comment, once each."""

    __tablename__ = "proposal_flags"
    __table_args__ = (
        UniqueConstraint("proposal_id", "user_id", name="uq_proposal_flag_once"),
        UniqueConstraint("comment_id", "user_id", name="uq_proposal_comment_flag_once"),
        CheckConstraint(
            "(proposal_id IS NULL) <> (comment_id IS NULL)", name="ck_proposal_flag_one_subject"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), index=True
    )
    comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposal_comments.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
