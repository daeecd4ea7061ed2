"""Open-data file of proposals from the public, with the government's published answers.

Hidden proposals are left out; an answer appears once the plan's answers are published.
Authors appear by display name only.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, case, select

from ..proposals.models import Outcome, Proposal, ProposalAnswer, public_proposal
from .schema import Column, Reference, Table, enum_column, id_column, ref_column, required

_VALUES = {
    "access_to_information": "access to information",
    "civic_participation": "civic participation",
    "public_accountability": "public accountability",
    "technology": "technology and innovation",
}


def _published(column, label: str):
    return case((ProposalAnswer.published_at.is_not(None), column), else_=None).label(label)


def _proposals() -> Select:
    return (
        select(
            Proposal.id,
            Proposal.plan_id,
            Proposal.created_at,
            Proposal.author_name.label("author"),
            Proposal.organisation,
            Proposal.language,
            Proposal.title,
            Proposal.problem,
            Proposal.solution,
            Proposal.lead_agency_id,
            *(getattr(Proposal, value) for value in _VALUES),
            Proposal.support_count.label("supporters"),
            _published(ProposalAnswer.outcome, "outcome"),
            _published(ProposalAnswer.commitment_id, "commitment_id"),
            _published(ProposalAnswer.merged_into_id, "merged_into_id"),
            _published(ProposalAnswer.reasons, "reasons"),
            ProposalAnswer.published_at.label("answered_at"),
        )
        .outerjoin(ProposalAnswer, ProposalAnswer.proposal_id == Proposal.id)
        .where(public_proposal())
        .order_by(Proposal.id)
    )


PROPOSALS = Table(
    "proposals",
    _l("Proposals from the public"),
    _l(
        "Commitments proposed by the public while a plan was co-created; one row per visible "
        "proposal, with the government's reasoned answer once it is published."
    ),
    _l(
        "Plan, when it was made, the author's display name and organisation, its language, "
        "title, problem and proposed solution, suggested lead agency, OGP values, supporters, "
        "and the answer: outcome, the commitment it shaped or proposal it joined, reasons."
    ),
    (
        id_column(),
        ref_column("plan_id", "action plan (action-plans.csv)"),
        required(Column("created_at", "datetime", "When it was made (UTC).")),
        required(Column("author", "string", "The author's public display name.", text=True)),
        Column(
            "organisation",
            "string",
            "The registered organisation the author speaks for; empty for a citizen.",
            text=True,
        ),
        required(Column("language", "string", "The language it was written in.")),
        required(Column("title", "string", "Its title.", text=True)),
        required(Column("problem", "string", "The problem it addresses.", text=True)),
        required(Column("solution", "string", "The commitment proposed.", text=True)),
        ref_column("lead_agency_id", "suggested lead agency (agencies.csv)", optional=True),
        *(
            required(Column(name, "boolean", f"1 if it advances {what}, else 0."))
            for name, what in _VALUES.items()
        ),
        required(Column("supporters", "integer", "How many accounts support it.")),
        enum_column("outcome", Outcome, "The published answer's outcome.", optional=True),
        ref_column("commitment_id", "commitment it shaped (commitments.csv)", optional=True),
        Column(
            "merged_into_id",
            "integer",
            "The id of the proposal it was merged into; that one may be missing from this "
            "file if a moderator hid it.",
        ),
        Column("reasons", "string", "The reasons the government gave.", text=True),
        Column("answered_at", "datetime", "When the answer was published (UTC)."),
    ),
    _proposals,
    references=(
        Reference(("plan_id",), "action-plans"),
        Reference(("lead_agency_id",), "agencies"),
        Reference(("commitment_id",), "commitments"),
    ),
)
