"""The month's proposals received, for the monthly service-quality figures: counted by the
suggested lead agency, or the plan's coordinating body when the author named none, so
every proposal counts once towards its country and the site."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from ..extensions import db
from ..plans.models import ActionPlan
from ..quality.monthly import PROPOSAL_COUNTERS
from .models import Proposal, ProposalState


def proposals_received(start: datetime, end: datetime) -> dict[int, int]:
    """Visible proposals made in [start, end), by agency (hidden ones, like hidden
    comments, are not counted)."""
    agency = func.coalesce(Proposal.lead_agency_id, ActionPlan.coordinating_agency_id)
    rows = db.session.execute(
        select(agency, func.count(Proposal.id))
        .join(ActionPlan, ActionPlan.id == Proposal.plan_id)
        .where(
            Proposal.created_at >= start,
            Proposal.created_at < end,
            Proposal.state == ProposalState.VISIBLE,
        )
        .group_by(agency)
    ).all()
    return {agency_id: count for agency_id, count in rows if agency_id is not None}


if proposals_received not in PROPOSAL_COUNTERS:
    PROPOSAL_COUNTERS.append(proposals_received)
