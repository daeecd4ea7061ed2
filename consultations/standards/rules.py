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
# The forum meets at least every six months: no gap between meetings (or since it was set
# up, or since its last meeting) longer than this.
FORUM_MEETING_INTERVAL_DAYS = 183
# The co-creation timeline is public at least this long before co-creation starts.
TIMELINE_NOTICE_DAYS = 14
# After the plan's period ends, the government has this long to publish its end-of-term
# self-assessment before the requirement counts as not met.
SELF_ASSESSMENT_GRACE_DAYS = 90

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


def _forum_link(facts: PlanFacts) -> list[tuple[str, str]]:
    if facts.forum is None:
        return []
    return [(_("Multi-stakeholder forum"), url_for("forum.detail", country=facts.forum.country))]


def forum_exists(facts: PlanFacts, today: date) -> Finding:
    if facts.forum is None:
        return Finding(Status.NOT_MET, _("The country has no multi-stakeholder forum here."))
    return Finding(Status.MET, "", _forum_link(facts))


def forum_meets(facts: PlanFacts, today: date) -> Finding:
    """No gap longer than FORUM_MEETING_INTERVAL_DAYS since the forum was set up."""
    forum = facts.forum
    if forum is None:
        return Finding(Status.NOT_MET, _("The country has no multi-stakeholder forum here."))
    limit = timedelta(days=FORUM_MEETING_INTERVAL_DAYS)
    # Judged over the plan's period so far: a closed plan keeps the verdict of its years.
    end = min(today, facts.plan.period_end)
    previous = min([forum.created_on, *forum.meetings])
    if previous > end:
        return Finding(
            Status.NOT_MET, _("The forum was set up after this plan's period."), _forum_link(facts)
        )
    held = [day for day in forum.meetings if day <= end]
    for day in [*held, end]:
        if day - previous > limit:
            detail = _(
                "No meeting between %(start)s and %(end)s.",
                start=format_day(previous),
                end=format_day(day),
            )
            return Finding(Status.NOT_MET, detail, _forum_link(facts))
        previous = day
    if not held:
        return Finding(Status.NOT_YET_DUE, "", _forum_link(facts))
    return Finding(Status.MET, "", _forum_link(facts))


def forum_mixed(facts: PlanFacts, today: date) -> Finding:
    if facts.forum is None:
        return Finding(Status.NOT_MET, _("The country has no multi-stakeholder forum here."))
    if facts.forum.both_sectors:
        return Finding(Status.MET, "", _forum_link(facts))
    return Finding(
        Status.NOT_MET,
        _("Today's members are not from both government and civil society."),
        _forum_link(facts),
    )


def forum_rules(facts: PlanFacts, today: date) -> Finding:
    if facts.forum is None:
        return Finding(Status.NOT_MET, _("The country has no multi-stakeholder forum here."))
    if facts.forum.rules_published is None:
        return Finding(Status.NOT_MET, _("The forum's rules have not been published."))
    return Finding(
        Status.MET,
        "",
        [(_("Rules of the forum"), url_for("forum.rules", country=facts.forum.country))],
    )


def _timeline_link(facts: PlanFacts) -> list[tuple[str, str]]:
    return [(_("Co-creation timeline"), url_for("proposals.timeline", slug=facts.plan.slug))]


def timeline_in_advance(facts: PlanFacts, today: date) -> Finding:
    """Published at least TIMELINE_NOTICE_DAYS before the first stage began."""
    cocreation = facts.cocreation
    if cocreation.published_on is None or cocreation.starts_on is None:
        if facts.plan.status == PlanStatus.DRAFTING and not facts.consultations:
            return Finding(Status.NOT_YET_DUE)
        return Finding(Status.NOT_MET, _("No co-creation timeline was published."))
    notice = (cocreation.starts_on - cocreation.published_on).days
    if notice >= TIMELINE_NOTICE_DAYS:
        return Finding(Status.MET, "", _timeline_link(facts))
    detail = ngettext(
        "Published %(num)s day before co-creation started.",
        "Published %(num)s days before co-creation started.",
        max(notice, 0),
    )
    return Finding(Status.NOT_MET, detail, _timeline_link(facts))


def proposals_invited(facts: PlanFacts, today: date) -> Finding:
    if facts.cocreation.proposals_stage:
        link = [(_("Proposals"), url_for("proposals.index", slug=facts.plan.slug))]
        return Finding(Status.MET, "", link)
    if facts.plan.status == PlanStatus.DRAFTING and not facts.consultations:
        return Finding(Status.NOT_YET_DUE)
    return Finding(Status.NOT_MET, _("The public was not invited to propose commitments."))


def proposals_answered(facts: PlanFacts, today: date) -> Finding:
    """Every proposal has a published answer once the answer deadline has passed."""
    cocreation = facts.cocreation
    link = [(_("Proposals"), url_for("proposals.index", slug=facts.plan.slug))]
    unanswered = cocreation.proposals - cocreation.answered
    if cocreation.answer_deadline is None:
        return Finding(Status.NOT_YET_DUE)
    if unanswered == 0 and cocreation.proposals:
        return Finding(Status.MET, "", link)
    if today <= cocreation.answer_deadline:
        return Finding(Status.NOT_YET_DUE, "", link)
    if unanswered:
        detail = ngettext(
            "%(num)s proposal has no published answer, and its deadline has passed.",
            "%(num)s proposals have no published answer, and their deadline has passed.",
            unanswered,
        )
        return Finding(Status.NOT_MET, detail, link)
    return Finding(Status.MET, "", link)


def self_assessment_published(facts: PlanFacts, today: date) -> Finding:
    plan = facts.plan
    if facts.end_of_term_report is not None:
        address = url_for("reports.report", slug=plan.slug, report_id=facts.end_of_term_report)
        return Finding(Status.MET, "", [(_("End-of-term self-assessment"), address)])
    if today <= plan.period_end + timedelta(days=SELF_ASSESSMENT_GRACE_DAYS):
        return Finding(Status.NOT_YET_DUE)
    return Finding(Status.NOT_MET, _("No end-of-term self-assessment has been published."))


RULES: list[Rule] = [
    Rule("forum_exists", _l("A multi-stakeholder forum exists"), forum_exists),
    Rule("forum_meets", _l("The forum meets at least every six months"), forum_meets),
    Rule(
        "forum_mixed",
        _l("The forum has both government and non-government members"),
        forum_mixed,
    ),
    Rule("forum_rules", _l("The forum's rules of participation are published"), forum_rules),
    Rule(
        "timeline_in_advance",
        _l("The co-creation timeline was published at least two weeks before co-creation"),
        timeline_in_advance,
    ),
    Rule("proposals_invited", _l("The public could propose commitments"), proposals_invited),
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
    Rule(
        "proposals_answered",
        _l("Every proposal got a reasoned answer"),
        proposals_answered,
    ),
    Rule(
        "self_assessment",
        _l("The end-of-term self-assessment is published"),
        self_assessment_published,
    ),
]


def check(facts: PlanFacts, today: date) -> list[tuple[Rule, Finding]]:
    return [(rule, rule.check(facts, today)) for rule in RULES]
