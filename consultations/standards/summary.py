"""The standards check as one line per plan, for /quality: how many requirements each plan
meets, fails or has not yet reached. A page of plans at a time, whose facts are gathered
together in the same few queries however many plans the page holds."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..clock import now
from ..pagination import Page, paginate
from ..plans.models import ActionPlan
from .facts import facts_by_plan
from .rules import Status, check

PLANS_PER_PAGE = 20


@dataclass(frozen=True)
class PlanLine:
    plan: ActionPlan
    met: int
    not_met: int
    not_yet_due: int

    @property
    def total(self) -> int:
        return self.met + self.not_met + self.not_yet_due


def plan_lines(page: int) -> Page:
    """The newest plans first, each with its counts of met, not met and not yet due: the
    facts of the whole page are gathered together, so a page costs the same few queries."""
    moment = now()
    stmt = (
        select(ActionPlan)
        .options(selectinload(ActionPlan.texts))
        .order_by(ActionPlan.period_start.desc(), ActionPlan.country, ActionPlan.id)
    )
    lines = paginate(stmt, page, PLANS_PER_PAGE, lambda row: row[0])
    facts = facts_by_plan(lines.items, moment)
    counts = [
        Counter(finding.status for _rule, finding in check(facts[plan.id], moment.date()))
        for plan in lines.items
    ]
    lines.items = [
        PlanLine(plan, count[Status.MET], count[Status.NOT_MET], count[Status.NOT_YET_DUE])
        for plan, count in zip(lines.items, counts, strict=True)
    ]
    return lines
