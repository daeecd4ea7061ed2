"""OGP's minimum requirements for co-creation, each computed from the data for one plan.

Each rule answers met, not met or not yet due, with the evidence it looked at. Every
threshold is one named constant below. The facts a rule needs are gathered once per plan
(`facts.py`), so checking a plan costs the same few queries however much it holds.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from ..formatting import format_day, format_number
from ..plans.models import PlanStatus
from .facts import PlanFacts

# The repository must grow at least this often: distinct days with a new record per year.
REPOSITORY_UPDATES_PER_YEAR = 2
YEAR = timedelta(days=365)

CONSULTED_STATUSES = frozenset(
    {PlanStatus.ADOPTED, PlanStatus.IMPLEMENTATION, PlanStatus.CLOSED}
)  # a plan past consultation must have been consulted on


class Status(enum.StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NOT_YET_DUE = "not_yet_due"


@dataclass
class Finding:
    status: Status
    detail: str = ""
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (label, address)


@dataclass(frozen=True)
class Rule:
    key: str
    title: object  # lazy translated
    check: Callable[[PlanFacts, date], Finding]


def draft_consulted(facts: PlanFacts, today: date) -> Finding:
    evidence = [
        (title, url_for("consultation.detail", slug=slug)) for slug, title in facts.consultations
    ]
    if facts.consultations:
        return Finding(Status.MET, "", evidence)
    if facts.plan.status in CONSULTED_STATUSES:
        return Finding(Status.NOT_MET, _("The plan moved on without a consultation."))
    return Finding(Status.NOT_YET_DUE)


def comments_answered(facts: PlanFacts, today: date) -> Finding:
    due = facts.comments_due
    evidence = [
        (title, url_for("responses.report", slug=slug)) for slug, title in facts.consultations
    ]
    if due.unanswered:
        detail = ngettext(
            "%(num)s comment has no reasoned response, and its deadline has passed.",
            "%(num)s comments have no reasoned response, and their deadline has passed.",
            due.unanswered,
        )
        return Finding(Status.NOT_MET, detail, evidence)
    if due.consultations == 0:
        return Finding(Status.NOT_YET_DUE)
    return Finding(Status.MET, "", evidence)


def repository_kept_up(facts: PlanFacts, today: date) -> Finding:
    """At least REPOSITORY_UPDATES_PER_YEAR days with a new record in every full year
    since the cycle began; a year still running is not yet due unless it already has them."""
    evidence = [(_("Repository"), url_for("repository.index", slug=facts.plan.slug))]
    days = sorted(set(facts.record_days))
    if not days:
        return Finding(Status.NOT_YET_DUE, "", evidence)
    start = days[0]
    year_start = start
    while year_start + YEAR <= today:
        in_year = [day for day in days if year_start <= day < year_start + YEAR]
        if len(in_year) < REPOSITORY_UPDATES_PER_YEAR:
            detail = _(
                "Fewer than %(num)s updates in the year from %(date)s.",
                num=format_number(REPOSITORY_UPDATES_PER_YEAR),
                date=format_day(year_start),
            )
            return Finding(Status.NOT_MET, detail, evidence)
        year_start += YEAR
    if year_start == start and len(days) < REPOSITORY_UPDATES_PER_YEAR:
        return Finding(Status.NOT_YET_DUE, "", evidence)
    return Finding(Status.MET, "", evidence)


RULES: list[Rule] = [
    Rule("draft_consulted", _l("The draft plan was consulted on"), draft_consulted),
    Rule(
        "comments_answered",
        _l("Every comment got a reasoned response"),
        comments_answered,
    ),
    Rule(
        "repository_updated",
        _l("The repository was updated at least twice a year"),
        repository_kept_up,
    ),
]


def check(facts: PlanFacts, today: date) -> list[tuple[Rule, Finding]]:
    return [(rule, rule.check(facts, today)) for rule in RULES]
