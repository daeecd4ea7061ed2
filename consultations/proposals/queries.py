"""Reads of the co-creation timeline and of proposals, each in a fixed number of queries
(what the public may see of them: publication.py).

Other features call these: the staff digest (`awaiting_answer`), the standards check
(`timeline_published_in_advance`, `proposals_stage_held`, `proposals_count`,
`all_answered`) and the quality figures (`answer_figures`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from flask import abort, current_app
from sqlalchemy import and_, func, or_, select

from ..clock import as_utc
from ..extensions import db
from ..plans.models import ActionPlan, Commitment, PlanStatus
from .models import (
    STAGES,
    CoCreationChange,
    CoCreationStage,
    CoCreationTimeline,
    Proposal,
    ProposalAnswer,
    ProposalState,
    ProposalSupport,
    Stage,
)
from .publication import public_timeline

ADVANCE_DAYS = 14  # OGP: the timeline is public at least two weeks before co-creation starts


def get_plan_or_404(slug: str) -> ActionPlan:
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.slug == slug))
    if plan is None:
        abort(404)
    return plan


def get_proposal_or_404(proposal_id: int) -> Proposal:
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None:
        abort(404)
    return proposal


def list_changes(timeline: CoCreationTimeline) -> list[CoCreationChange]:
    """Every dated change of the timeline, newest first (a handful per plan)."""
    return list(
        db.session.scalars(
            select(CoCreationChange)
            .where(CoCreationChange.timeline_id == timeline.id)
            .order_by(CoCreationChange.id.desc())
        )
    )


def proposals_stage(timeline: CoCreationTimeline | None) -> CoCreationStage | None:
    return timeline.stage(Stage.PROPOSALS) if timeline is not None else None


def answer_deadline(timeline: CoCreationTimeline | None) -> date | None:
    """The day by which every proposal has its answer: PROPOSAL_ANSWER_DAYS after the
    proposals stage ends."""
    stage = proposals_stage(timeline)
    if stage is None:
        return None
    return stage.ends_on + timedelta(days=current_app.config["PROPOSAL_ANSWER_DAYS"])


def supported_ids(user, proposal_ids: Iterable[int]) -> set[int]:
    """Which of these proposals the person supports (one query)."""
    ids = list(proposal_ids)
    if not ids or not getattr(user, "is_authenticated", False):
        return set()
    return set(
        db.session.scalars(
            select(ProposalSupport.proposal_id).where(
                ProposalSupport.user_id == user.id, ProposalSupport.proposal_id.in_(ids)
            )
        )
    )


def plan_agencies(plan: ActionPlan) -> list:
    """The agencies that may lead a commitment of the plan: its country's and its
    coordinating body, by name."""
    from ..agencies.models import Agency

    agencies = db.session.scalars(
        select(Agency).where(
            or_(Agency.country == plan.country, Agency.id == plan.coordinating_agency_id)
        )
    ).all()
    return sorted(agencies, key=lambda agency: agency.name().text.casefold())


def plan_commitments(plan: ActionPlan) -> list[Commitment]:
    """The plan's commitments, for the answer form's choice."""
    return list(
        db.session.scalars(
            select(Commitment).where(Commitment.plan_id == plan.id).order_by(Commitment.reference)
        )
    )


def other_proposals(proposal: Proposal) -> list[tuple[int, str]]:
    """The plan's other visible proposals (id, title), for "merged into"."""
    return list(
        db.session.execute(
            select(Proposal.id, Proposal.title)
            .where(
                Proposal.plan_id == proposal.plan_id,
                Proposal.id != proposal.id,
                Proposal.state == ProposalState.VISIBLE,
            )
            .order_by(Proposal.id)
        )
    )


def near_identical(plan: ActionPlan) -> list[list[tuple[int, str]]]:
    """Groups of the plan's visible proposals whose words are near-identical (a campaign,
    as comments are grouped: responses/campaigns.py), largest first; (id, title) each."""
    from ..responses.campaigns import find_groups

    rows = db.session.execute(
        select(Proposal.id, Proposal.title, Proposal.problem, Proposal.solution)
        .where(Proposal.plan_id == plan.id, Proposal.state == ProposalState.VISIBLE)
        .order_by(Proposal.id)
    ).all()
    titles = {row.id: row.title for row in rows}
    groups = find_groups((row.id, f"{row.title} {row.problem} {row.solution}") for row in rows)
    return [[(key, titles[key]) for key in group] for group in groups]


# For other features: the staff digest, the standards check, the quality figures.


def _agency_ids(user_or_agency_ids) -> set[int]:
    if hasattr(user_or_agency_ids, "coordinated_agency_ids"):
        return set(user_or_agency_ids.coordinated_agency_ids())
    return set(user_or_agency_ids)


def awaiting_answer(user_or_agency_ids, today: date) -> list[Proposal]:
    """Visible proposals with no answer yet, of drafting plans whose proposals stage has
    begun by `today`, that the agencies answer: as the suggested lead agency, or as the
    plan's coordinating body. Oldest first."""
    agency_ids = _agency_ids(user_or_agency_ids)
    if not agency_ids:
        return []
    statement = awaiting_answer_rows(agency_ids, today, select(Proposal))
    return list(db.session.scalars(statement.order_by(Proposal.created_at, Proposal.id)))


def awaiting_answer_rows(agency_ids: set[int] | None, today: date, statement=None):
    """`awaiting_answer` as a statement of (id, title, the proposals stage's last day) by
    default, for every plan when `agency_ids` is None (an administrator)."""
    if statement is None:
        statement = select(Proposal.id, Proposal.title, CoCreationStage.ends_on)
    statement = (
        statement.join(ActionPlan, ActionPlan.id == Proposal.plan_id)
        .join(CoCreationTimeline, CoCreationTimeline.plan_id == ActionPlan.id)
        .join(
            CoCreationStage,
            and_(
                CoCreationStage.timeline_id == CoCreationTimeline.id,
                CoCreationStage.stage == Stage.PROPOSALS,
            ),
        )
        .outerjoin(ProposalAnswer, ProposalAnswer.proposal_id == Proposal.id)
        .where(
            ProposalAnswer.proposal_id.is_(None),
            Proposal.state == ProposalState.VISIBLE,
            ActionPlan.status.in_((PlanStatus.DRAFTING, PlanStatus.CONSULTATION)),
            CoCreationStage.starts_on <= today,
        )
    )
    if agency_ids is not None:
        statement = statement.where(
            or_(
                Proposal.lead_agency_id.in_(agency_ids),
                ActionPlan.coordinating_agency_id.in_(agency_ids),
            )
        )
    return statement


def timeline_published_in_advance(plan: ActionPlan) -> bool:
    """Standard 3: the timeline was public at least two weeks before co-creation started."""
    timeline = public_timeline(plan)
    if timeline is None or not timeline.stages:
        return False
    first_day = min(row.starts_on for row in timeline.stages)
    return as_utc(timeline.published_at).date() <= first_day - timedelta(days=ADVANCE_DAYS)


def proposals_stage_held(plan: ActionPlan) -> bool:
    """A published timeline gave the public a proposals stage."""
    return proposals_stage(public_timeline(plan)) is not None


def proposals_count(plan: ActionPlan) -> int:
    """Visible proposals made for the plan."""
    return (
        db.session.scalar(
            select(func.count(Proposal.id)).where(
                Proposal.plan_id == plan.id, Proposal.state == ProposalState.VISIBLE
            )
        )
        or 0
    )


def all_answered(plan: ActionPlan) -> bool:
    """Standard 4: every visible proposal has a published answer."""
    figures = answer_figures(plan)
    return figures.answered == figures.total


@dataclass(frozen=True)
class AnswerFigures:
    total: int  # visible proposals
    answered: int  # with a published answer
    in_time: int  # published by the deadline


def _answers_statement():
    """Each visible proposal's plan, its answer's publication and the proposals stage's end."""
    return (
        select(ActionPlan.country, ProposalAnswer.published_at, CoCreationStage.ends_on)
        .select_from(Proposal)
        .join(ActionPlan, ActionPlan.id == Proposal.plan_id)
        .outerjoin(ProposalAnswer, ProposalAnswer.proposal_id == Proposal.id)
        .outerjoin(CoCreationTimeline, CoCreationTimeline.plan_id == Proposal.plan_id)
        .outerjoin(
            CoCreationStage,
            and_(
                CoCreationStage.timeline_id == CoCreationTimeline.id,
                CoCreationStage.stage == Stage.PROPOSALS,
            ),
        )
        .where(Proposal.state == ProposalState.VISIBLE)
    )


def _tally(rows) -> dict[str, AnswerFigures]:
    """Figures by country from the rows of `_answers_statement`, in one pass."""
    days = timedelta(days=current_app.config["PROPOSAL_ANSWER_DAYS"])
    counts: dict[str, list[int]] = {}
    for country, published_at, ends_on in rows:
        count = counts.setdefault(country, [0, 0, 0])
        count[0] += 1
        if published_at is None:
            continue
        count[1] += 1
        if ends_on is not None and as_utc(published_at).date() <= ends_on + days:
            count[2] += 1
    return {country: AnswerFigures(*count) for country, count in counts.items()}


def answer_figures(plan: ActionPlan | None = None) -> AnswerFigures:
    """How many proposals (of one plan, or of every plan) have a published answer, and how
    many were answered in time (PROPOSAL_ANSWER_DAYS after the proposals stage ended)."""
    stmt = _answers_statement()
    if plan is not None:
        stmt = stmt.where(Proposal.plan_id == plan.id)
    by_country = _tally(db.session.execute(stmt)).values()
    return AnswerFigures(
        sum(f.total for f in by_country),
        sum(f.answered for f in by_country),
        sum(f.in_time for f in by_country),
    )


def answer_figures_by_country() -> dict[str, AnswerFigures]:
    """`answer_figures` for each country with proposals, by country code (one query)."""
    return dict(sorted(_tally(db.session.execute(_answers_statement())).items()))


def stage_order() -> tuple[Stage, ...]:
    return STAGES
