"""Proposals awaiting an answer on /staff and in the daily digest: for the coordinators who
answer them and administrators, late the day after the answer deadline, each linked to its
answer form; and the page costs the same queries however many wait."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from consultations.proposals import services
from consultations.staff.digest import send_digests
from consultations.staff.items import collect_groups

from helpers import login, outbox

ANSWER_DAYS = 30  # the default PROPOSAL_ANSWER_DAYS
STAGE_ENDS = 3  # the world's proposals stage ends three days from today


def noon(world, offset: int) -> datetime:
    return datetime.combine(world.today + timedelta(days=offset), time(12), UTC)


def items(user, moment):
    groups = [g for g in collect_groups(user, moment) if g.source.key == "proposals"]
    return [item for group in groups for item in group.items]


def test_on_the_deadline_the_proposal_is_due_and_the_day_after_it_is_late(world, make_proposal):
    proposal = make_proposal(title="Open budgets")
    deadline = STAGE_ENDS + ANSWER_DAYS
    [due] = items(world.people.lead, noon(world, deadline))
    assert not due.late
    assert due.text.startswith("“Open budgets”: answer due by ")
    assert (due.endpoint, due.values) == ("proposal_staff.answer", {"proposal_id": proposal.id})
    [late] = items(world.people.lead, noon(world, deadline + 1))
    assert late.late and late.text.startswith("“Open budgets”: the answer was due on ")


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("lead", True),  # the suggested lead agency's coordinator
        ("national", True),  # the plan's coordinating body's coordinator
        ("admin", True),
        ("other", False),  # another agency of the same country
        ("abroad", False),  # another country's coordinator
        ("monitor", False),
        ("moderator", False),
        ("citizen", False),
    ],
)
def test_each_role_sees_only_the_proposals_it_answers(world, make_proposal, role, sees):
    make_proposal(title="Open budgets")
    shown = items(getattr(world.people, role), noon(world, 0))
    assert [item.text.split(":")[0] for item in shown] == (["“Open budgets”"] if sees else [])


def test_answered_and_hidden_proposals_wait_no_more(world, make_proposal):
    answered, hidden, waiting = make_proposal(), make_proposal(), make_proposal(title="Waiting")
    services.answer_proposal(
        world.people.national, answered, outcome="not_included", reasons="No.", language="en"
    )
    services.hide_proposal(world.people.moderator, hidden, "Off topic.")
    shown = items(world.people.national, noon(world, 0))
    assert [item.values["proposal_id"] for item in shown] == [waiting.id]


def test_the_digest_tells_the_lead_coordinator_with_a_link_to_the_answer_form(world, make_proposal):
    proposal = make_proposal(title="Open budgets")
    send_digests(noon(world, STAGE_ENDS + ANSWER_DAYS + 1))
    [mail] = outbox(world.people.lead.email)
    assert "Proposals awaiting an answer" in mail.body
    assert "“Open budgets”: the answer was due on" in mail.body
    assert f"/en/staff/proposals/{proposal.id}/answer" in mail.body
    assert outbox(world.people.other.email) == []


def test_the_staff_page_lists_them_at_the_same_cost_however_many_wait(
    client, world, make_proposal, count_queries
):
    make_proposal(title="First")
    login(client, world.people.national)
    client.get("/en/staff")
    with count_queries() as small:
        page = client.get("/en/staff").get_data(as_text=True)
    assert "Proposals awaiting an answer" in page and "“First”: answer due by" in page
    for number in range(8):
        make_proposal(title=f"More {number}")
    client.get("/en/staff")
    with count_queries() as large:
        page = client.get("/en/staff").get_data(as_text=True)
    assert large.count == small.count
    assert "“More 7”: answer due by" in page
    assert page.count('href="/en/staff/proposals/') == 9
