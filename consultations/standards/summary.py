"""The standards check as one line per plan, for /quality: how many requirements each plan
meets, fails or has not yet reached. A page of plans at a time, so the queries are bounded
by the page, not by the number of plans."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..clock import now
from ..pagination import Page, paginate
from ..plans.models import ActionPlan
from .facts import plan_facts
from .rules import Status, check

PLANS_PER_PAGE = 10


@dataclass(frozen=True)
class PlanLine:
    plan: ActionPlan
    met: int
    not_met: int
    not_yet_due: int


def plan_lines(page: int) -> Page:
    """The newest plans first, each with its counts of met, not met and not yet due."""
    moment = now()
    stmt = (
        select(ActionPlan)
        .options(selectinload(ActionPlan.texts))
        .order_by(ActionPlan.period_start.desc(), ActionPlan.country, ActionPlan.id)
    )

    def line(row) -> PlanLine:
        plan = row[0]
        counts = Counter(
            finding.status for _rule, finding in check(plan_facts(plan, moment), moment.date())
        )
        return PlanLine(
            plan, counts[Status.MET], counts[Status.NOT_MET], counts[Status.NOT_YET_DUE]
        )

    return paginate(stmt, page, PLANS_PER_PAGE, line)
