"""Proposals from the public in the API: each visible proposal, and its government answer
once the plan's answers are published (a hidden proposal simply disappears)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ..extensions import db
from ..pagination import Page
from ..plans.models import OGP_VALUES, ActionPlan, Commitment
from ..proposals.models import Outcome, Proposal, ProposalAnswer, public_proposal
from .queries import Window, _at_least, _window
from .serialize import _url, moment

_Merged = aliased(Proposal)


def _published(column):
    """The answer's field once published, else NULL."""
    from sqlalchemy import case

    return case((ProposalAnswer.published_at.is_not(None), column), else_=None)


def _proposals():
    updated_at = _at_least(Proposal.created_at, ProposalAnswer.published_at)
    stmt = (
        select(
            Proposal,
            ActionPlan.slug,
            ProposalAnswer.published_at,
            _published(ProposalAnswer.outcome),
            _published(ProposalAnswer.reasons),
            _published(ProposalAnswer.language),
            _published(Commitment.reference),
            _published(ProposalAnswer.merged_into_id),
            updated_at.label("updated_at"),
        )
        .join(ActionPlan, ActionPlan.id == Proposal.plan_id)
        .outerjoin(ProposalAnswer, ProposalAnswer.proposal_id == Proposal.id)
        .outerjoin(Commitment, Commitment.id == ProposalAnswer.commitment_id)
        .where(public_proposal())
    )
    return stmt, updated_at


def list_proposals(window: Window, plan: str = "") -> Page:
    stmt, updated_at = _proposals()
    stmt = stmt.order_by(Proposal.id)
    if plan:
        stmt = stmt.where(ActionPlan.slug == plan)
    return _window(stmt, updated_at, window, tuple)


def get_proposal(proposal_id: int) -> tuple | None:
    stmt, _updated_at = _proposals()
    row = db.session.execute(stmt.where(Proposal.id == proposal_id)).first()
    return tuple(row) if row else None


def proposal(
    record: Proposal,
    plan: str,
    published_at: datetime | None,
    outcome: str | None,
    reasons: str | None,
    language: str | None,
    commitment: str | None,
    merged_into: int | None,
    updated_at: datetime,
) -> dict:
    answer = None
    if published_at is not None:
        answer = {
            "outcome": Outcome(outcome).value,
            "commitment": commitment,
            "merged_into": merged_into,
            "reasons": reasons,
            "language": language,
            "published_at": moment(published_at),
        }
    return {
        "id": record.id,
        "url": _url("api.proposal", proposal_id=record.id),
        "plan": plan,
        "title": record.title,
        "problem": record.problem,
        "solution": record.solution,
        "language": record.language,
        "author_name": record.author_name,
        "organisation": record.organisation or None,
        "lead_agency": record.lead_agency.slug if record.lead_agency else None,
        "ogp_values": [value for value in OGP_VALUES if getattr(record, value)],
        "supporters": record.support_count,
        "answer": answer,
        "created_at": moment(record.created_at),
        "updated_at": moment(updated_at),
    }
