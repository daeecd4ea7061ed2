"""The service-quality figures, overall, per country and per agency, each from a fixed
number of queries.

Counts and averages are grouped in SQL; the median of days to the first response is taken
in Python over one row per closed consultation.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, exists, false, func, select

from ..agencies.models import Agency
from ..clock import as_utc
from ..comments.models import Comment, CommentState
from ..consultation.models import Consultation
from ..extensions import db
from ..pagination import Page, paginate
from ..plans.models import ActionPlan, Commitment, ProgressUpdate
from ..plans.progress import REPORTING_PLANS, stale_after_days
from ..plans.queries import agency_name_order
from ..responses.models import AnsweredComment, Response
from ..satisfaction.models import SatisfactionAnswer

PER_PAGE = 20


class SurveyAverages:
    """Average satisfaction and ease from summed scores; None without answers."""

    satisfaction_sum: float
    satisfaction_answers: int
    ease_sum: float
    ease_answers: int

    @property
    def satisfaction(self) -> float | None:
        if not self.satisfaction_answers:
            return None
        return round(self.satisfaction_sum / self.satisfaction_answers, 1)

    @property
    def ease(self) -> float | None:
        return round(self.ease_sum / self.ease_answers, 1) if self.ease_answers else None


@dataclass
class Measures(SurveyAverages):
    """One body's figures; a figure without data is None ("not enough data yet")."""

    days: list[float] = field(default_factory=list)  # one per closed consultation
    on_time: int = 0
    due: int = 0
    satisfaction_sum: float = 0
    satisfaction_answers: int = 0
    ease_sum: float = 0
    ease_answers: int = 0
    fresh: int = 0
    reporting: int = 0

    @property
    def median_days(self) -> float | None:
        return round(statistics.median(self.days), 1) if self.days else None

    @property
    def share_on_time(self) -> float | None:
        return self.on_time / self.due if self.due else None

    @property
    def freshness(self) -> float | None:
        return self.fresh / self.reporting if self.reporting else None

    def add(self, other: Measures) -> None:
        self.days += other.days
        for name in (
            "on_time",
            "due",
            "satisfaction_sum",
            "satisfaction_answers",
            "ease_sum",
            "ease_answers",
            "fresh",
            "reporting",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Quality:
    overall: Measures
    agencies: Page  # of (Agency, Measures)
    stale_days: int
    countries: dict[str, Measures]  # by the agencies' country code


def days_between(start: datetime, end: datetime) -> float:
    """Whole and partial days from `start` to `end`, never below zero."""
    return max((as_utc(end) - as_utc(start)).total_seconds(), 0) / 86400


def _still_visible():
    """The answered comment is visible (looked up by its id, never by scanning comments)."""
    return exists().where(
        Comment.id == AnsweredComment.comment_id, Comment.state == CommentState.VISIBLE
    )


def _response_times(by_agency: dict[int, Measures], moment: datetime) -> None:
    """Days to the first response and comments answered on time, per closed consultation."""
    first = (
        select(Response.consultation_id, func.min(Response.published_at).label("first_at"))
        .group_by(Response.consultation_id)
        .subquery("first_response")
    )
    # Visible comments come from the consultation's counter; the answered ones are reached
    # through the responses (a response answers comments of its own consultation only).
    on_time = (
        select(Response.consultation_id, func.count(AnsweredComment.comment_id).label("on_time"))
        .join(AnsweredComment, AnsweredComment.response_id == Response.id)
        .join(Consultation, Consultation.id == Response.consultation_id)
        .where(Response.published_at <= Consultation.response_deadline, _still_visible())
        .group_by(Response.consultation_id)
        .subquery("on_time")
    )
    rows = db.session.execute(
        select(
            Consultation.agency_id,
            Consultation.closes_at,
            Consultation.response_deadline,
            Consultation.responses_completed_at,
            first.c.first_at,
            Consultation.comment_count,
            func.coalesce(on_time.c.on_time, 0),
        )
        .outerjoin(first, first.c.consultation_id == Consultation.id)
        .outerjoin(on_time, on_time.c.consultation_id == Consultation.id)
        .where(Consultation.closes_at <= moment)
    ).all()
    for agency_id, closes_at, deadline, completed, first_at, total, answered in rows:
        measures = by_agency[agency_id]
        if total or first_at:
            # A consultation still waiting counts with the days it has waited so far.
            measures.days.append(days_between(closes_at, first_at or moment))
        if completed or as_utc(deadline) < moment:
            measures.due += total
            measures.on_time += answered


def _satisfaction(by_agency: dict[int, Measures]) -> None:
    rows = db.session.execute(
        select(
            Consultation.agency_id,
            func.sum(SatisfactionAnswer.satisfaction),
            func.count(SatisfactionAnswer.satisfaction),
            func.sum(SatisfactionAnswer.ease),
            func.count(SatisfactionAnswer.ease),
        )
        .join(Consultation, Consultation.id == SatisfactionAnswer.consultation_id)
        .where(SatisfactionAnswer.declined == false())
        .group_by(Consultation.agency_id)
    ).all()
    for agency_id, satisfaction, answers, ease, ease_answers in rows:
        measures = by_agency[agency_id]
        measures.satisfaction_sum, measures.satisfaction_answers = satisfaction or 0, answers
        measures.ease_sum, measures.ease_answers = ease or 0, ease_answers


def _freshness(by_agency: dict[int, Measures], moment: datetime) -> None:
    """Commitments of plans being implemented, and those with an update in the window."""
    cutoff = moment - timedelta(days=stale_after_days())
    recent = select(ProgressUpdate.commitment_id).where(ProgressUpdate.published_at >= cutoff)
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
        by_agency[agency_id].reporting, by_agency[agency_id].fresh = reporting, fresh


def _agency_page(ids: Iterable[int], number: int, lang: str) -> Page:
    stmt = (
        select(Agency)
        .where(Agency.id.in_(list(ids)))
        .order_by(agency_name_order(lang), Agency.slug)
    )
    return paginate(stmt, number, PER_PAGE, lambda row: row[0])


def _countries(ids: Iterable[int]) -> dict[int, str | None]:
    """Each agency's country (one query)."""
    rows = db.session.execute(select(Agency.id, Agency.country).where(Agency.id.in_(list(ids))))
    return dict(rows.all())


def service_quality(
    moment: datetime, number: int, lang: str, country: str | None = None
) -> Quality:
    """The published figures: overall (or for one country's agencies), by country, and
    one page of the agencies that have any."""
    by_agency: dict[int, Measures] = defaultdict(Measures)
    _response_times(by_agency, moment)
    _satisfaction(by_agency)
    _freshness(by_agency, moment)
    countries = _countries(by_agency)
    if country is not None:
        by_agency = {key: m for key, m in by_agency.items() if countries.get(key) == country}
    overall = Measures()
    by_country: dict[str, Measures] = defaultdict(Measures)
    for agency_id, measures in by_agency.items():
        overall.add(measures)
        if countries.get(agency_id):
            by_country[countries[agency_id]].add(measures)
    page = _agency_page(by_agency, number, lang)
    page.items = [(agency, by_agency[agency.id]) for agency in page.items]
    return Quality(overall, page, stale_after_days(), dict(sorted(by_country.items())))
