"""Where a proposal stands, as its track page shows it: never who wrote it, and nothing of
its words once a moderator hid it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import date, datetime

from ..extensions import db
from ..plans.models import ActionPlan
from ..proposals.labels import OUTCOME
from ..proposals.models import Proposal, ProposalState
from ..proposals.publication import timeline_of
from ..proposals.queries import answer_deadline
from . import tracking

SUBJECT = "proposal"
PREFIX = "P"


class Stage(enum.StrEnum):
    PUBLISHED = "published"  # received and public, waiting for the government's answer
    HIDDEN = "hidden"  # by a moderator, with a public reason
    ANSWERED = "answered"  # the reasoned answer is published


@dataclass(frozen=True)
class ProposalStatus:
    stage: Stage
    proposal_id: int
    received_at: datetime
    plan: ActionPlan
    deadline: date | None  # the day every proposal of the plan has its answer by
    hidden_reason: str | None = None
    outcome: object | None = None  # the outcome's words, in the reader's language
    outcome_key: str | None = None
    reasons: str | None = None
    reasons_language: str | None = None
    answered_at: datetime | None = None


def proposal_status(proposal_id: int) -> ProposalStatus | None:
    """The stage of one proposal; its answer only once published."""
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None:
        return None
    plan = proposal.plan
    status = ProposalStatus(
        Stage.PUBLISHED, proposal.id, proposal.created_at, plan, answer_deadline(timeline_of(plan))
    )
    if proposal.state == ProposalState.HIDDEN:
        return replace(status, stage=Stage.HIDDEN, hidden_reason=proposal.hidden_reason)
    answer = proposal.public_answer
    if answer is not None:
        return replace(
            status,
            stage=Stage.ANSWERED,
            outcome=OUTCOME[answer.outcome],
            outcome_key=answer.outcome.value,
            reasons=answer.reasons,
            reasons_language=answer.language,
            answered_at=answer.published_at,
        )
    return status


tracking.register(SUBJECT, proposal_status, "proposals/_track.html")
