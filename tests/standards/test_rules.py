"""Each co-creation requirement, with data that meets it and data that does not, at its
boundaries; and the page that shows them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from consultations.clock import now
from consultations.comments.models import CommentState
from consultations.extensions import db
from consultations.plans.models import PlanStatus
from consultations.responses.models import AnsweredComment, Outcome, Response
from consultations.standards import rules
from consultations.standards.facts import (
    CoCreationFacts,
    CommentsDue,
    ForumFacts,
    PlanFacts,
    plan_facts,
)
from consultations.standards.rules import Status


def finding(rule, plan, moment=None):
    moment = moment or now()
    return rule(plan_facts(plan, moment), moment.date())


def answer(consultation, comment):
    response = Response(
        consultation_id=consultation.id, outcome=Outcome.ADOPTED, published_at=now()
    )
    db.session.add(response)
    db.session.flush()
    db.session.add(AnsweredComment(comment_id=comment.id, response_id=response.id))
    db.session.commit()


# The draft was consulted on ---------------------------------------------------------


def test_a_plan_in_drafting_without_a_consultation_is_not_yet_due(make_plan):
    plan = make_plan(status=PlanStatus.DRAFTING)
    assert finding(rules.draft_consulted, plan).status == Status.NOT_YET_DUE


def test_a_consultation_announced_but_not_open_does_not_count_yet(make_plan, make_consultation):
    plan = make_plan(status=PlanStatus.CONSULTATION)
    make_consultation(plan=plan, opens_in=timedelta(seconds=5))
    assert finding(rules.draft_consulted, plan).status == Status.NOT_YET_DUE


def test_an_opened_consultation_meets_it_with_a_link(app, make_plan, make_consultation):
    plan = make_plan(status=PlanStatus.CONSULTATION)
    consultation = make_consultation(plan=plan, opens_in=timedelta(0))
    with app.test_request_context("/en/"):
        result = finding(rules.draft_consulted, plan, now() + timedelta(seconds=1))
    assert result.status == Status.MET
    assert [address for _label, address in result.evidence] == [
        f"/en/consultations/{consultation.slug}"
    ]


@pytest.mark.parametrize("status", [PlanStatus.ADOPTED, PlanStatus.IMPLEMENTATION])
def test_an_adopted_plan_never_consulted_on_fails_it(make_plan, status):
    plan = make_plan(status=status)
    assert finding(rules.draft_consulted, plan).status == Status.NOT_MET


# Every comment got a reasoned response ----------------------------------------------


def test_comments_before_the_deadline_are_not_yet_due(app, make_consultation, make_comment):
    consultation = make_consultation(opens_in=timedelta(days=-20), lasts=timedelta(days=10))
    make_comment(consultation)
    with app.test_request_context("/en/"):
        assert finding(rules.comments_answered, consultation.plan).status == Status.NOT_YET_DUE


def test_an_unanswered_comment_after_the_deadline_fails_it(app, make_consultation, make_comment):
    consultation = make_consultation(opens_in=timedelta(days=-20), lasts=timedelta(days=10))
    first, second = make_comment(consultation), make_comment(consultation)
    deadline = consultation.response_deadline
    with app.test_request_context("/en/"):
        # At the deadline itself the comments are due.
        at_deadline = finding(rules.comments_answered, consultation.plan, deadline)
        assert at_deadline.status == Status.NOT_MET
        assert at_deadline.detail == (
            "2 comments have no reasoned response, and their deadline has passed."
        )
        answer(consultation, first)
        one_left = finding(rules.comments_answered, consultation.plan, deadline)
        assert one_left.detail == "1 comment has no reasoned response, and its deadline has passed."
        answer(consultation, second)
        assert finding(rules.comments_answered, consultation.plan, deadline).status == Status.MET
        before = finding(
            rules.comments_answered, consultation.plan, deadline - timedelta(seconds=1)
        )
        assert before.status == Status.NOT_YET_DUE


def test_hidden_comments_need_no_response(app, make_consultation, make_comment):
    consultation = make_consultation(opens_in=timedelta(days=-60), lasts=timedelta(days=10))
    comment = make_comment(consultation)
    comment.state = CommentState.HIDDEN
    db.session.commit()
    with app.test_request_context("/en/"):
        assert finding(rules.comments_answered, consultation.plan).status == Status.MET


# The repository was updated at least twice a year -----------------------------------


@pytest.fixture
def no_links(monkeypatch):
    monkeypatch.setattr(rules, "url_for", lambda *args, **kwargs: "/repository")


START = date(2025, 1, 1)


@pytest.mark.parametrize(
    ("days", "today", "expected"),
    [
        ([], START, Status.NOT_YET_DUE),
        ([START], START + timedelta(days=364), Status.NOT_YET_DUE),
        ([START, START + timedelta(days=1)], START + timedelta(days=30), Status.MET),
        # A full year ends with only the first record: not met on the day the year is over.
        ([START], START + timedelta(days=365), Status.NOT_MET),
        ([START, START], START + timedelta(days=365), Status.NOT_MET),  # one day is one update
        ([START, START + timedelta(days=364)], START + timedelta(days=365), Status.MET),
        # The second year needs its own two.
        (
            [START, START + timedelta(days=100), START + timedelta(days=400)],
            START + timedelta(days=730),
            Status.NOT_MET,
        ),
        (
            [
                START,
                START + timedelta(days=100),
                START + timedelta(days=400),
                START + timedelta(days=729),
            ],
            START + timedelta(days=730),
            Status.MET,
        ),
    ],
)
def test_the_repository_rule_at_its_boundaries(no_links, app_ctx, days, today, expected):
    facts = PlanFacts(
        plan=_Plan(), consultations=[], comments_due=CommentsDue(0, 0), record_days=days
    )
    assert rules.repository_kept_up(facts, today).status == expected
    assert rules.REPOSITORY_UPDATES_PER_YEAR == 2


class _Plan:
    slug = "a-plan"


# The page ---------------------------------------------------------------------------


def test_the_page_shows_every_requirement_in_words(client, make_consultation, make_comment):
    consultation = make_consultation(opens_in=timedelta(days=-60), lasts=timedelta(days=10))
    make_comment(consultation)
    html = client.get(f"/en/plans/{consultation.plan.slug}/standards").get_data(as_text=True)
    assert "The draft plan was consulted on" in html and "Met" in html
    assert "1 comment has no reasoned response" in html and "Not met" in html
    plan_page = client.get(f"/en/plans/{consultation.plan.slug}").get_data(as_text=True)
    assert f"/en/plans/{consultation.plan.slug}/standards" in plan_page


def test_the_check_costs_the_same_queries_however_many_comments(
    client, make_consultation, make_comment, count_queries
):
    def queries(comments: int) -> int:
        consultation = make_consultation(opens_in=timedelta(days=-60), lasts=timedelta(days=10))
        for _ in range(comments):
            make_comment(consultation)
        with count_queries() as counted:
            assert client.get(f"/en/plans/{consultation.plan.slug}/standards").status_code == 200
        return counted.count

    assert queries(1) == queries(12)


# The forum, the timeline, the proposals and the self-assessment ----------------------

TODAY = date(2026, 6, 1)


class _Period:
    slug = "a-plan"
    status = PlanStatus.DRAFTING
    period_start = date(2026, 1, 1)
    period_end = date(2028, 12, 31)


def facts_with(**changes) -> PlanFacts:
    base = dict(plan=_Period(), consultations=[], comments_due=CommentsDue(0, 0), record_days=[])
    return PlanFacts(**{**base, **changes})


def a_forum(**changes) -> ForumFacts:
    base = dict(
        country="IL",
        created_on=date(2025, 1, 1),
        meetings=[],
        both_sectors=True,
        rules_published=date(2025, 2, 1),
    )
    return ForumFacts(**{**base, **changes})


@pytest.fixture
def links(monkeypatch):
    monkeypatch.setattr(rules, "url_for", lambda *args, **kwargs: "/somewhere")


@pytest.mark.parametrize(
    ("meetings", "expected"),
    [
        # Set up on 1 Jan 2025; a gap of exactly FORUM_MEETING_INTERVAL_DAYS is allowed.
        ([date(2025, 7, 3), date(2026, 1, 2), TODAY - timedelta(days=183)], Status.MET),
        ([date(2025, 7, 3), date(2026, 1, 2), TODAY - timedelta(days=184)], Status.NOT_MET),
        ([date(2025, 7, 4), date(2026, 1, 2), date(2026, 5, 1)], Status.NOT_MET),
        ([], Status.NOT_MET),  # more than six months since it was set up, never met
    ],
)
def test_the_forum_meets_every_six_months(links, app_ctx, meetings, expected):
    assert rules.FORUM_MEETING_INTERVAL_DAYS == 183
    result = rules.forum_meets(facts_with(forum=a_forum(meetings=meetings)), TODAY)
    assert result.status == expected


def test_a_new_forum_that_has_not_met_yet_is_not_yet_due(links, app_ctx):
    forum = a_forum(created_on=TODAY - timedelta(days=30))
    assert rules.forum_meets(facts_with(forum=forum), TODAY).status == Status.NOT_YET_DUE


def test_no_forum_fails_every_forum_rule(links, app_ctx):
    for rule in (rules.forum_exists, rules.forum_meets, rules.forum_mixed, rules.forum_rules):
        assert rule(facts_with(forum=None), TODAY).status == Status.NOT_MET


def test_the_forum_needs_both_sectors_and_published_rules(links, app_ctx):
    assert rules.forum_mixed(facts_with(forum=a_forum()), TODAY).status == Status.MET
    one_sector = a_forum(both_sectors=False)
    assert rules.forum_mixed(facts_with(forum=one_sector), TODAY).status == Status.NOT_MET
    assert rules.forum_rules(facts_with(forum=a_forum()), TODAY).status == Status.MET
    no_rules = a_forum(rules_published=None)
    assert rules.forum_rules(facts_with(forum=no_rules), TODAY).status == Status.NOT_MET


def cocreation(**changes) -> CoCreationFacts:
    base = dict(
        published_on=date(2026, 3, 1),
        starts_on=date(2026, 3, 15),
        proposals_stage=True,
        answer_deadline=date(2026, 5, 31),
        proposals=3,
        answered=3,
    )
    return CoCreationFacts(**{**base, **changes})


@pytest.mark.parametrize(
    ("published_on", "expected"),
    [
        (date(2026, 3, 1), Status.MET),  # exactly TIMELINE_NOTICE_DAYS ahead
        (date(2026, 3, 2), Status.NOT_MET),
    ],
)
def test_the_timeline_is_published_two_weeks_ahead(links, app_ctx, published_on, expected):
    assert rules.TIMELINE_NOTICE_DAYS == 14
    facts = facts_with(cocreation=cocreation(published_on=published_on))
    result = rules.timeline_in_advance(facts, TODAY)
    assert result.status == expected
    if expected == Status.NOT_MET:
        assert result.detail == "Published 13 days before co-creation started."


def test_no_timeline_is_not_yet_due_while_drafting_and_not_met_after(links, app_ctx):
    none = CoCreationFacts(None, None, False, None, 0, 0)
    drafting = facts_with(cocreation=none)
    assert rules.timeline_in_advance(drafting, TODAY).status == Status.NOT_YET_DUE
    assert rules.proposals_invited(drafting, TODAY).status == Status.NOT_YET_DUE
    consulted = facts_with(cocreation=none, consultations=[("c", "Draft")])
    assert rules.timeline_in_advance(consulted, TODAY).status == Status.NOT_MET
    assert rules.proposals_invited(consulted, TODAY).status == Status.NOT_MET


@pytest.mark.parametrize(
    ("answered", "today", "expected"),
    [
        (2, date(2026, 5, 31), Status.NOT_YET_DUE),  # the deadline day itself
        (2, date(2026, 6, 1), Status.NOT_MET),
        (3, date(2026, 6, 1), Status.MET),
        (3, date(2026, 5, 1), Status.MET),  # all answered early
    ],
)
def test_every_proposal_is_answered_by_its_deadline(links, app_ctx, answered, today, expected):
    facts = facts_with(cocreation=cocreation(answered=answered))
    result = rules.proposals_answered(facts, today)
    assert result.status == expected
    if expected == Status.NOT_MET:
        assert result.detail == ("1 proposal has no published answer, and its deadline has passed.")


@pytest.mark.parametrize(
    ("report", "today", "expected"),
    [
        (None, date(2028, 12, 31) + timedelta(days=90), Status.NOT_YET_DUE),
        (None, date(2028, 12, 31) + timedelta(days=91), Status.NOT_MET),
        (7, date(2029, 6, 1), Status.MET),
    ],
)
def test_the_end_of_term_self_assessment_is_published(links, app_ctx, report, today, expected):
    assert rules.SELF_ASSESSMENT_GRACE_DAYS == 90
    facts = facts_with(end_of_term_report=report)
    assert rules.self_assessment_published(facts, today).status == expected


def test_a_closed_plan_keeps_the_verdict_of_its_own_years(links, app_ctx):
    plan = _Period()
    plan.period_end = date(2025, 12, 31)
    forum = a_forum(meetings=[date(2025, 6, 1), date(2025, 11, 1)])
    # Nothing since November 2025, but the plan ended on 31 December: still met.
    assert rules.forum_meets(facts_with(plan=plan, forum=forum), TODAY).status == Status.MET
