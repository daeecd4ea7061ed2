"""What the standards check needs to know about one plan, gathered in a fixed number of
queries however many consultations, comments and records the plan has."""

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


def _opened(plan, moment: datetime) -> list[tuple[str, str]]:
    rows = db.session.scalars(
        select(Consultation)
        .where(Consultation.plan_id == plan.id, Consultation.opens_at <= moment)
        .order_by(Consultation.opens_at, Consultation.id)
        .options(selectinload(Consultation.texts))
    )
    return [(row.slug, row.text("title").text) for row in rows]


def _comments_due(plan, moment: datetime) -> CommentsDue:
    due = select(Consultation.id).where(
        Consultation.plan_id == plan.id, Consultation.response_deadline <= moment
    )
    consultations = db.session.scalar(select(func.count()).select_from(due.subquery())) or 0
    answered = select(AnsweredComment.comment_id).where(AnsweredComment.comment_id == Comment.id)
    unanswered = db.session.scalar(
        select(func.count()).where(
            Comment.consultation_id.in_(due),
            Comment.state == CommentState.VISIBLE,
            ~answered.exists(),
        )
    )
    return CommentsDue(consultations, unanswered or 0)


def _forum(plan, moment: datetime) -> ForumFacts | None:
    from ..forum import queries as forum

    found = forum.forum_for_country(plan.country)
    if found is None:
        return None
    rules = forum.rules_published_at(found.id)
    return ForumFacts(
        country=found.country,
        created_on=as_utc(found.created_at).date(),
        meetings=[as_utc(held).date() for _id, held in forum.meetings_held(found.id, moment)],
        both_sectors=forum.both_sectors_current_on(found.id, moment.date()),
        rules_published=rules.date() if rules else None,
    )


def _cocreation(plan) -> CoCreationFacts:
    from ..proposals import queries as proposals

    timeline = proposals.public_timeline(plan)
    figures = proposals.answer_figures(plan)
    stages = timeline.stages if timeline else []
    return CoCreationFacts(
        published_on=as_utc(timeline.published_at).date() if timeline else None,
        starts_on=min((stage.starts_on for stage in stages), default=None),
        proposals_stage=proposals.proposals_stage(timeline) is not None,
        answer_deadline=proposals.answer_deadline(timeline),
        proposals=figures.total,
        answered=figures.answered,
    )


def _end_of_term_report(plan) -> int | None:
    from ..reports.models import Period, ReportState, SelfAssessmentReport

    return db.session.scalar(
        select(SelfAssessmentReport.id)
        .where(
            SelfAssessmentReport.plan_id == plan.id,
            SelfAssessmentReport.period == Period.END_OF_TERM,
            SelfAssessmentReport.state == ReportState.PUBLISHED,
        )
        .order_by(SelfAssessmentReport.published_at.desc())
        .limit(1)
    )


def plan_facts(plan, moment: datetime | None = None) -> PlanFacts:
    moment = moment or now()
    return PlanFacts(
        plan=plan,
        consultations=_opened(plan, moment),
        comments_due=_comments_due(plan, moment),
        record_days=[as_utc(m).date() for m in record_moments(plan)],
        forum=_forum(plan, moment),
        cocreation=_cocreation(plan),
        end_of_term_report=_end_of_term_report(plan),
    )
