"""What the public sees of co-creation: the timeline once published, and the proposals
that are neither hidden nor held for review (`models.public_proposal`), with the answers
the government has published. Moderators see every proposal of the plan's list.
"""

from __future__ import annotations

from sqlalchemy import Row, Select, bindparam, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..pagination import Page, paginate
from ..plans.models import ActionPlan, Commitment
from ..statements import built_once, read_rows
from .models import CoCreationTimeline, Proposal, ProposalAnswer, public_proposal

PER_PAGE = 20


def timeline_of(plan: ActionPlan) -> CoCreationTimeline | None:
    return db.session.scalar(
        select(CoCreationTimeline).where(CoCreationTimeline.plan_id == plan.id)
    )


def public_timeline(plan: ActionPlan) -> CoCreationTimeline | None:
    """The timeline as the public sees it: only once published."""
    timeline = timeline_of(plan)
    return timeline if timeline is not None and timeline.published_at is not None else None


def list_proposals(plan: ActionPlan, page: int, include_hidden: bool = False) -> Page:
    """A plan's proposals, most supported first; hidden and held ones only for moderators."""
    stmt = (
        select(Proposal)
        .where(Proposal.plan_id == plan.id)
        .options(selectinload(Proposal.answer).joinedload(ProposalAnswer.merged_into))
        .order_by(Proposal.support_count.desc(), Proposal.id)
    )
    if not include_hidden:
        stmt = stmt.where(public_proposal())
    return paginate(stmt, page, PER_PAGE, make=lambda row: row[0])


def merged_here(proposal: Proposal) -> list[Row]:
    """Public proposals merged into this one, by their published answer."""
    return _answered_publicly("merged_into_id", proposal.id)


def shaped_by(commitment: Commitment) -> list[Row]:
    """The public proposals whose published answer says they shaped this commitment."""
    return _answered_publicly("commitment_id", commitment.id)


def _answered_publicly(answer_column: str, record_id: int) -> list[Row]:
    """Each proposal's id, title and language: all the links to them show (plain rows: as
    objects, with the relationships a proposal loads with it, the statement cost a commitment
    page more than a thousand calls, to find nearly always none)."""
    return list(read_rows(_answered_publicly_statement(answer_column), {"record": record_id}))


def _answered_publicly_statement(answer_column: str) -> Select:
    """Built once per condition (`statements.built_once`): every commitment page asks."""
    return built_once(("answered publicly", answer_column), lambda: _answered(answer_column))


def _answered(answer_column: str) -> Select:
    return (
        select(Proposal.id, Proposal.title, Proposal.language)
        .join(ProposalAnswer, ProposalAnswer.proposal_id == Proposal.id)
        .where(
            getattr(ProposalAnswer, answer_column) == bindparam("record"),
            ProposalAnswer.published_at.is_not(None),
            public_proposal(),
        )
        .order_by(Proposal.id)
    )
