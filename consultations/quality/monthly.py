"""Each month's service-quality figures, for the whole site, each country and each agency.

A month is computed from a fixed number of queries whatever the amount of data: rows are
grouped by agency in SQL, then added up for countries and the site in Python (medians and
distinct participants cannot be added, so their raw values travel up instead).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, case, false, func, select

from ..accounts.models import User
from ..agencies.models import Agency
from ..clock import as_utc
from ..comments.models import Comment, CommentState
from ..consultation.models import Consultation
from ..extensions import db
from ..plans.models import ActionPlan, Commitment, ProgressUpdate
from ..plans.progress import REPORTING_PLANS, stale_after_days
from ..responses.models import AnsweredComment, Response
from ..satisfaction.models import SatisfactionAnswer
from .models import AGENCY, COUNTRY, SITE
from .queries import SurveyAverages

Scope = tuple[str, str]  # (kind, key): ("site", ""), ("country", "IL"), ("agency", "12")
SITE_SCOPE: Scope = (SITE, "")


@dataclass
class MonthFigures(SurveyAverages):
    """One body's figures for one month; a share or average without data is None."""

    days: list[float] = field(default_factory=list)  # one per first response in the month
    median_days: float | None = None  # kept when read back from the month table
    first_responses: int = 0
    answered_on_time: int = 0
    answers_due: int = 0
    satisfaction_sum: int = 0
    satisfaction_answers: int = 0
    ease_sum: int = 0
    ease_answers: int = 0
    commitments_fresh: int = 0
    commitments_reporting: int = 0
    comments: int = 0
    participant_ids: set[int] = field(default_factory=set)
    participants: int = 0
    new_accounts: int | None = None
    proposals: int = 0

    SUMMED = (
        "answered_on_time",
        "answers_due",
        "satisfaction_sum",
        "satisfaction_answers",
        "ease_sum",
        "ease_answers",
        "commitments_fresh",
        "commitments_reporting",
        "comments",
        "proposals",
    )

    def add(self, other: MonthFigures) -> None:
        self.days += other.days
        self.participant_ids |= other.participant_ids
        for name in self.SUMMED:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def settle(self) -> MonthFigures:
        """Turn the raw values into the stored ones (median, counts)."""
        if self.days:
            self.median_days = round(statistics.median(self.days), 1)
            self.first_responses = len(self.days)
        if self.participant_ids:
            self.participants = len(self.participant_ids)
        return self

    @property
    def share_on_time(self) -> float | None:
        return self.answered_on_time / self.answers_due if self.answers_due else None

    @property
    def freshness(self) -> float | None:
        if not self.commitments_reporting:
            return None
        return self.commitments_fresh / self.commitments_reporting


STORED = (
    "median_days",
    "first_responses",
    *MonthFigures.SUMMED,
    "participants",
    "new_accounts",
)


def first_day(moment: date | datetime) -> date:
    return date(moment.year, moment.month, 1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_start(month: date) -> datetime:
    return datetime.combine(month, time(), tzinfo=UTC)


def days_between(start: datetime, end: datetime) -> float:
    return max((as_utc(end) - as_utc(start)).total_seconds(), 0) / 86400


# Counters from other features, each `(start, end) -> {agency_id: count}`. The proposals
# feature registers its count of proposals received here; until then the column stays 0.
PROPOSAL_COUNTERS: list[Callable[[datetime, datetime], dict[int, int]]] = []


def _first_responses(figures, start: datetime, end: datetime) -> None:
    """Days from closing to the first reasoned response, for first responses in the month."""
    first = (
        select(Response.consultation_id, func.min(Response.published_at).label("first_at"))
        .group_by(Response.consultation_id)
        .subquery("first_response")
    )
    rows = db.session.execute(
        select(Consultation.agency_id, Consultation.closes_at, first.c.first_at)
        .join(first, first.c.consultation_id == Consultation.id)
        .where(first.c.first_at >= start, first.c.first_at < end)
    ).all()
    for agency_id, closes_at, first_at in rows:
        figures[agency_id].days.append(days_between(closes_at, first_at))


def _deadlines(figures, start: datetime, end: datetime) -> None:
    """Visible comments on consultations whose response deadline fell in the month, and how
    many of them were answered on or before that deadline."""
    on_time = (
        select(func.count(func.distinct(AnsweredComment.comment_id)))
        .join(Response, Response.id == AnsweredComment.response_id)
        .join(Comment, Comment.id == AnsweredComment.comment_id)
        .where(
            Response.consultation_id == Consultation.id,
            Response.published_at <= Consultation.response_deadline,
            Comment.state == CommentState.VISIBLE,
        )
        .scalar_subquery()
    )
    visible = (
        select(func.count(Comment.id))
        .where(Comment.consultation_id == Consultation.id, Comment.state == CommentState.VISIBLE)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Consultation.agency_id, func.sum(visible), func.sum(on_time))
        .where(Consultation.response_deadline >= start, Consultation.response_deadline < end)
        .group_by(Consultation.agency_id)
    ).all()
    for agency_id, due, answered in rows:
        figures[agency_id].answers_due = int(due or 0)
        figures[agency_id].answered_on_time = int(answered or 0)


def _satisfaction(figures, start: datetime, end: datetime) -> None:
    rows = db.session.execute(
        select(
            Consultation.agency_id,
            func.sum(SatisfactionAnswer.satisfaction),
            func.count(SatisfactionAnswer.satisfaction),
            func.sum(SatisfactionAnswer.ease),
            func.count(SatisfactionAnswer.ease),
        )
        .join(Consultation, Consultation.id == SatisfactionAnswer.consultation_id)
        .where(
            SatisfactionAnswer.declined == false(),
            SatisfactionAnswer.created_at >= start,
            SatisfactionAnswer.created_at < end,
        )
        .group_by(Consultation.agency_id)
    ).all()
    for agency_id, total, answers, ease, ease_answers in rows:
        one = figures[agency_id]
        one.satisfaction_sum, one.satisfaction_answers = int(total or 0), answers
        one.ease_sum, one.ease_answers = int(ease or 0), ease_answers


def _freshness(figures, end: datetime) -> None:
    """Commitments of plans being implemented, and those updated in the window before the
    month's end."""
    recent = select(ProgressUpdate.commitment_id).where(
        ProgressUpdate.published_at >= end - timedelta(days=stale_after_days()),
        ProgressUpdate.published_at < end,
    )
    rows = db.session.execute(
        select(
            Commitment.lead_agency_id,
            func.count(Commitment.id),
            func.count(case((Commitment.id.in_(recent), 1))),
        )
        .join(ActionPlan, ActionPlan.id == Commitment.plan_id)
        .where(ActionPlan.status.in_(REPORTING_PLANS))
        .group_by(Commitment.lead_agency_id)
    ).all()
    for agency_id, reporting, fresh in rows:
        figures[agency_id].commitments_reporting = reporting
        figures[agency_id].commitments_fresh = fresh


def _participation(figures, start: datetime, end: datetime) -> None:
    """Visible comments written in the month and who wrote them (one row per author)."""
    rows = db.session.execute(
        select(Consultation.agency_id, Comment.author_id, func.count(Comment.id))
        .join(Consultation, Consultation.id == Comment.consultation_id)
        .where(
            and_(Comment.created_at >= start, Comment.created_at < end),
            Comment.state == CommentState.VISIBLE,
        )
        .group_by(Consultation.agency_id, Comment.author_id)
    ).all()
    for agency_id, author_id, count in rows:
        figures[agency_id].comments += count
        if author_id is not None:
            figures[agency_id].participant_ids.add(author_id)


def _proposals(figures, start: datetime, end: datetime) -> None:
    for counter in PROPOSAL_COUNTERS:
        for agency_id, count in counter(start, end).items():
            figures[agency_id].proposals += count


def _new_accounts(start: datetime, end: datetime) -> int:
    return db.session.scalar(
        select(func.count(User.id)).where(User.created_at >= start, User.created_at < end)
    )


def compute_month(month: date, moment: datetime) -> dict[Scope, MonthFigures]:
    """Every body's figures for `month`, counting what happened before `moment` (the
    month's end for a closed month, now for the current one)."""
    start = month_start(month)
    end = min(month_start(next_month(month)), as_utc(moment))
    by_agency: dict[int, MonthFigures] = defaultdict(MonthFigures)
    _first_responses(by_agency, start, end)
    _deadlines(by_agency, start, end)
    _satisfaction(by_agency, start, end)
    _freshness(by_agency, end)
    _participation(by_agency, start, end)
    _proposals(by_agency, start, end)
    countries = dict(db.session.execute(select(Agency.id, Agency.country)).all())
    scopes: dict[Scope, MonthFigures] = defaultdict(MonthFigures)
    for agency_id, figures in by_agency.items():
        scopes[SITE_SCOPE].add(figures)
        if countries.get(agency_id):
            scopes[(COUNTRY, countries[agency_id])].add(figures)
        scopes[(AGENCY, str(agency_id))].add(figures)
    scopes[SITE_SCOPE].new_accounts = _new_accounts(start, end)
    return {scope: figures.settle() for scope, figures in scopes.items()}
