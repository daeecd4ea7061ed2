"""Each requirement's finding as the page shows it: status, whole sentence and every link,
for each way a rule can end; and the requirements themselves, in their order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from consultations.plans.models import PlanStatus
from consultations.standards import rules
from consultations.standards.facts import CoCreationFacts, CommentsDue, ForumFacts, PlanFacts
from consultations.standards.rules import Status

TODAY = date(2026, 6, 1)
NO_FORUM = "The country has no multi-stakeholder forum here."
FORUM = ("Multi-stakeholder forum", "/en/forum/IL")
TIMELINE = ("Co-creation timeline", "/en/plans/a-plan/timeline")
PROPOSALS = ("Proposals", "/en/plans/a-plan/proposals")
REPOSITORY = ("Repository", "/en/plans/a-plan/repository")


class _Plan:
    slug = "a-plan"
    status = PlanStatus.IMPLEMENTATION
    period_start = date(2026, 1, 1)
    period_end = date(2028, 12, 31)


def facts(**changes) -> PlanFacts:
    base = PlanFacts(
        plan=_Plan(),
        consultations=[("draft", "The draft")],
        comments_due=CommentsDue(consultations=1, unanswered=0),
        record_days=[],
        forum=ForumFacts("IL", date(2026, 1, 1), [date(2026, 3, 1)], True, date(2026, 1, 2)),
        cocreation=CoCreationFacts(date(2026, 1, 1), date(2026, 2, 1), True, None, 0, 0),
    )
    return replace(base, **changes)


def forum(**changes) -> ForumFacts:
    return replace(facts().forum, **changes)


def cocreation(**changes) -> CoCreationFacts:
    return replace(facts().cocreation, **changes)


CASES = [
    (rules.forum_exists, facts(forum=None), Status.NOT_MET, NO_FORUM, []),
    (rules.forum_exists, facts(), Status.MET, "", [FORUM]),
    (rules.forum_meets, facts(forum=None), Status.NOT_MET, NO_FORUM, []),
    (rules.forum_meets, facts(), Status.MET, "", [FORUM]),
    (
        rules.forum_meets,
        facts(forum=forum(created_on=date(2029, 1, 1), meetings=[])),
        Status.NOT_MET,
        "The forum was set up after this plan's period.",
        [FORUM],
    ),
    (
        rules.forum_meets,
        facts(forum=forum(created_on=date(2025, 1, 1), meetings=[date(2025, 9, 1)])),
        Status.NOT_MET,
        "No meeting between 1 Jan 2025 and 1 Sept 2025.",
        [FORUM],
    ),
    (
        rules.forum_meets,
        facts(forum=forum(created_on=date(2025, 1, 1), meetings=[date(2025, 5, 1)])),
        Status.NOT_MET,
        "No meeting between 1 May 2025 and 1 Jun 2026.",
        [FORUM],
    ),
    (rules.forum_meets, facts(forum=forum(meetings=[])), Status.NOT_YET_DUE, "", [FORUM]),
    # Set up today, or met today: both count on the day itself.
    (
        rules.forum_meets,
        facts(forum=forum(created_on=TODAY, meetings=[])),
        Status.NOT_YET_DUE,
        "",
        [FORUM],
    ),
    (rules.forum_meets, facts(forum=forum(meetings=[TODAY])), Status.MET, "", [FORUM]),
    (rules.forum_mixed, facts(forum=None), Status.NOT_MET, NO_FORUM, []),
    (rules.forum_mixed, facts(), Status.MET, "", [FORUM]),
    (
        rules.forum_mixed,
        facts(forum=forum(both_sectors=False)),
        Status.NOT_MET,
        "Today's members are not from both government and civil society.",
        [FORUM],
    ),
    (rules.forum_rules, facts(forum=None), Status.NOT_MET, NO_FORUM, []),
    (rules.forum_rules, facts(), Status.MET, "", [("Rules of the forum", "/en/forum/IL/rules")]),
    (
        rules.forum_rules,
        facts(forum=forum(rules_published=None)),
        Status.NOT_MET,
        "The forum's rules have not been published.",
        [],
    ),
    (rules.timeline_in_advance, facts(), Status.MET, "", [TIMELINE]),
    (
        rules.timeline_in_advance,
        facts(cocreation=cocreation(published_on=date(2026, 2, 5))),
        Status.NOT_MET,
        "Published 0 days before co-creation started.",
        [TIMELINE],
    ),
    (
        rules.timeline_in_advance,
        facts(cocreation=cocreation(published_on=date(2026, 1, 31))),
        Status.NOT_MET,
        "Published 1 day before co-creation started.",
        [TIMELINE],
    ),
    (
        rules.timeline_in_advance,
        facts(cocreation=cocreation(starts_on=None)),
        Status.NOT_MET,
        "No co-creation timeline was published.",
        [],
    ),
    (rules.proposals_invited, facts(), Status.MET, "", [PROPOSALS]),
    (
        rules.proposals_invited,
        facts(cocreation=cocreation(proposals_stage=False)),
        Status.NOT_MET,
        "The public was not invited to propose commitments.",
        [],
    ),
    (rules.proposals_answered, facts(), Status.NOT_YET_DUE, "", []),
    (
        rules.proposals_answered,
        facts(cocreation=cocreation(answer_deadline=TODAY, proposals=2)),
        Status.NOT_YET_DUE,
        "",
        [PROPOSALS],
    ),
    (
        rules.proposals_answered,
        facts(cocreation=cocreation(answer_deadline=date(2026, 5, 1), proposals=3, answered=1)),
        Status.NOT_MET,
        "2 proposals have no published answer, and their deadline has passed.",
        [PROPOSALS],
    ),
    (
        rules.proposals_answered,
        facts(cocreation=cocreation(answer_deadline=date(2026, 5, 1), proposals=2, answered=2)),
        Status.MET,
        "",
        [PROPOSALS],
    ),
    (
        rules.proposals_answered,
        facts(cocreation=cocreation(answer_deadline=date(2026, 5, 1))),
        Status.MET,
        "",
        [PROPOSALS],
    ),
    (rules.draft_consulted, facts(), Status.MET, "", [("The draft", "/en/consultations/draft")]),
    (
        rules.draft_consulted,
        facts(consultations=[]),
        Status.NOT_MET,
        "The plan moved on without a consultation.",
        [],
    ),
    (
        rules.comments_answered,
        facts(),
        Status.MET,
        "",
        [("The draft", "/en/consultations/draft/report")],
    ),
    (
        rules.comments_answered,
        facts(comments_due=CommentsDue(consultations=1, unanswered=1)),
        Status.NOT_MET,
        "1 comment has no reasoned response, and its deadline has passed.",
        [("The draft", "/en/consultations/draft/report")],
    ),
    (
        rules.comments_answered,
        facts(comments_due=CommentsDue(consultations=0, unanswered=0)),
        Status.NOT_YET_DUE,
        "",
        [],
    ),
    (
        rules.repository_kept_up,
        facts(record_days=[date(2025, 1, 1)]),
        Status.NOT_MET,
        "Fewer than 2 updates in the year from 1 Jan 2025.",
        [REPOSITORY],
    ),
    (rules.repository_kept_up, facts(), Status.NOT_YET_DUE, "", [REPOSITORY]),
    (  # a record on the year's anniversary belongs to the next year
        rules.repository_kept_up,
        facts(record_days=[date(2025, 1, 1), date(2026, 1, 1)]),
        Status.NOT_MET,
        "Fewer than 2 updates in the year from 1 Jan 2025.",
        [REPOSITORY],
    ),
    (
        rules.repository_kept_up,
        facts(record_days=[date(2026, 1, 1)]),
        Status.NOT_YET_DUE,
        "",
        [REPOSITORY],
    ),
    (
        rules.repository_kept_up,
        facts(record_days=[date(2026, 1, 1), date(2026, 2, 1)]),
        Status.MET,
        "",
        [REPOSITORY],
    ),
    (
        rules.self_assessment_published,
        facts(end_of_term_report=7),
        Status.MET,
        "",
        [("End-of-term self-assessment", "/en/plans/a-plan/reports/7")],
    ),
    (
        rules.self_assessment_published,
        facts(plan=type("Ended", (_Plan,), {"period_end": date(2025, 1, 1)})()),
        Status.NOT_MET,
        "No end-of-term self-assessment has been published.",
        [],
    ),
]


@pytest.mark.parametrize(("rule", "given", "status", "detail", "evidence"), CASES)
def test_each_finding_in_whole_words_and_links(app, rule, given, status, detail, evidence):
    with app.test_request_context("/en/"):
        found = rule(given, TODAY)
        assert (found.status, str(found.detail), found.evidence) == (status, detail, evidence)


def test_the_requirements_in_their_order_with_their_titles(app):
    with app.test_request_context("/en/"):
        checked = rules.check(facts(), TODAY)
        assert [(rule.key, str(rule.title)) for rule, _finding in checked] == [
            ("forum_exists", "A multi-stakeholder forum exists"),
            ("forum_meets", "The forum meets at least every six months"),
            ("forum_mixed", "The forum has both government and non-government members"),
            ("forum_rules", "The forum's rules of participation are published"),
            (
                "timeline_in_advance",
                "The co-creation timeline was published at least two weeks before co-creation",
            ),
            ("proposals_invited", "The public could propose commitments"),
            ("draft_consulted", "The draft plan was consulted on"),
            ("comments_answered", "Every comment got a reasoned response"),
            ("repository_updated", "The repository was updated at least twice a year"),
            ("proposals_answered", "Every proposal got a reasoned answer"),
            ("self_assessment", "The end-of-term self-assessment is published"),
        ]
        assert [finding.status for _rule, finding in checked] == [Status.MET] * 8 + [
            Status.NOT_YET_DUE
        ] * 3
