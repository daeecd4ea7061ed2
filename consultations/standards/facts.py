"""What the standards check needs to know about plans, gathered in a fixed number of
queries however many plans, consultations, comments and records there are."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..clock import as_utc, now
from ..comments.models import Comment, CommentState
from ..consultation.models import Consultation
from ..extensions import db
from ..repository.queries import record_moments
from ..responses.models import AnsweredComment


@dataclass(frozen=True)
class CommentsDue:
    """Consultations whose response deadline has passed, and their comments still unanswered."""

    consultations: int
    unanswered: int


@dataclass(frozen=True)
class ForumFacts:
    """The plan's country's multi-stakeholder forum, as the rules need it."""

    country: str
    created_on: date
    meetings: list[date]  # the days it met, oldest first, up to now
    both_sectors: bool  # government and non-government members today
    rules_published: date | None


@dataclass(frozen=True)
class CoCreationFacts:
    """The plan's published co-creation timeline and the proposals made during it."""

    published_on: date | None  # the timeline's first publication
    starts_on: date | None  # the first day of its first stage
    proposals_stage: bool
    answer_deadline: date | None
    proposals: int  # visible proposals
    answered: int  # with a published answer


@dataclass
class PlanFacts:
    plan: object
    consultations: list[tuple[str, str]]  # (slug, title) of those opened, oldest first
    comments_due: CommentsDue
    record_days: list  # the day of each record of the repository
    forum: ForumFacts | None = None
    cocreation: CoCreationFacts = field(
        default_factory=lambda: CoCreationFacts(None, None, False, None, 0, 0)
    )
    end_of_term_report: int | None = None  # the published end-of-term self-assessment


def _opened(plan_ids: list[int], moment: datetime) -> dict[int, list[tuple[str, str]]]:
    rows = db.session.scalars(
        select(Consultation)
        .where(Consultation.plan_id.in_(plan_ids), Consultation.opens_at <= moment)
        .order_by(Consultation.opens_at, Consultation.id)
        .options(selectinload(Consultation.texts))
    )
    opened: dict[int, list[tuple[str, str]]] = {}
    for row in rows:
        opened.setdefault(row.plan_id, []).append((row.slug, row.text("title").text))
    return opened


def _comments_due(plan_ids: list[int], moment: datetime) -> dict[int, CommentsDue]:
    due = (Consultation.plan_id.in_(plan_ids), Consultation.response_deadline <= moment)
    consultations = db.session.execute(
        select(Consultation.plan_id, func.count()).where(*due).group_by(Consultation.plan_id)
    )
    answered = select(AnsweredComment.comment_id).where(AnsweredComment.comment_id == Comment.id)
    unanswered = dict(
        db.session.execute(
            select(Consultation.plan_id, func.count(Comment.id))
            .join(Consultation, Consultation.id == Comment.consultation_id)
            .where(*due, Comment.state == CommentState.VISIBLE, ~answered.exists())
            .group_by(Consultation.plan_id)
        ).all()
    )
    return {
        plan_id: CommentsDue(count, unanswered.get(plan_id, 0)) for plan_id, count in consultations
    }


def _forums(countries: set[str], moment: datetime) -> dict[str, ForumFacts]:
    from ..forum import queries as forum
    from ..forum.models import Forum

    found = list(db.session.scalars(select(Forum).where(Forum.country.in_(countries))))
    ids = [row.id for row in found]
    held = forum.meetings_held_by_forum(ids, moment)
    sectors = forum.sectors_by_forum(ids, moment.date())
    rules = forum.rules_published_by_forum(ids)
    return {
        row.country: ForumFacts(
            country=row.country,
            created_on=as_utc(row.created_at).date(),
            meetings=[as_utc(day).date() for _id, day in held.get(row.id, [])],
            both_sectors=forum.both_sectors(sectors.get(row.id, set())),
            rules_published=rules[row.id].date() if row.id in rules else None,
        )
        for row in found
    }


def _answers(plan_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(visible proposals, those with a published answer) of each plan with proposals."""
    from ..proposals.models import Proposal, ProposalAnswer, ProposalState

    rows = db.session.execute(
        select(Proposal.plan_id, func.count(Proposal.id), func.count(ProposalAnswer.published_at))
        .outerjoin(ProposalAnswer, ProposalAnswer.proposal_id == Proposal.id)
        .where(Proposal.plan_id.in_(plan_ids), Proposal.state == ProposalState.VISIBLE)
        .group_by(Proposal.plan_id)
    )
    return {plan_id: (total, answered) for plan_id, total, answered in rows}


def _cocreation(plan_ids: list[int]) -> dict[int, CoCreationFacts]:
    from ..proposals import queries as proposals
    from ..proposals.models import CoCreationTimeline

    timelines = {
        timeline.plan_id: timeline
        for timeline in db.session.scalars(
            select(CoCreationTimeline).where(
                CoCreationTimeline.plan_id.in_(plan_ids),
                CoCreationTimeline.published_at.is_not(None),
            )
        )
    }
    answers = _answers(plan_ids)
    facts = {}
    for plan_id in plan_ids:
        timeline = timelines.get(plan_id)
        stages = timeline.stages if timeline else []
        total, answered = answers.get(plan_id, (0, 0))
        facts[plan_id] = CoCreationFacts(
            published_on=as_utc(timeline.published_at).date() if timeline else None,
            starts_on=min((stage.starts_on for stage in stages), default=None),
            proposals_stage=proposals.proposals_stage(timeline) is not None,
            answer_deadline=proposals.answer_deadline(timeline),
            proposals=total,
            answered=answered,
        )
    return facts


def _end_of_term_reports(plan_ids: list[int]) -> dict[int, int]:
    """The latest published end-of-term self-assessment of each plan that has one."""
    from ..reports.models import Period, ReportState, SelfAssessmentReport

    rows = db.session.execute(
        select(SelfAssessmentReport.plan_id, SelfAssessmentReport.id)
        .where(
            SelfAssessmentReport.plan_id.in_(plan_ids),
            SelfAssessmentReport.period == Period.END_OF_TERM,
            SelfAssessmentReport.state == ReportState.PUBLISHED,
        )
        .order_by(SelfAssessmentReport.published_at, SelfAssessmentReport.id)
    )
    return dict(rows.all())  # the latest of each plan is its last row


def facts_by_plan(plans: list, moment: datetime | None = None) -> dict[int, PlanFacts]:
    """The facts of several plans, by plan id, in the same few queries however many plans:
    one per kind of fact, grouped by plan."""
    moment = moment or now()
    ids = [plan.id for plan in plans]
    if not ids:
        return {}
    opened = _opened(ids, moment)
    due = _comments_due(ids, moment)
    records = record_moments(plans, moment)
    forums = _forums({(plan.country or "").upper() for plan in plans}, moment)
    cocreation = _cocreation(ids)
    reports = _end_of_term_reports(ids)
    return {
        plan.id: PlanFacts(
            plan=plan,
            consultations=opened.get(plan.id, []),
            comments_due=due.get(plan.id, CommentsDue(0, 0)),
            record_days=[as_utc(m).date() for m in records[plan.id]],
            forum=forums.get((plan.country or "").upper()),
            cocreation=cocreation[plan.id],
            end_of_term_report=reports.get(plan.id),
        )
        for plan in plans
    }


def plan_facts(plan, moment: datetime | None = None) -> PlanFacts:
    return facts_by_plan([plan], moment)[plan.id]
