"""/<lang>/staff: what needs the signed-in staff member today, and its count in the menu."""

from __future__ import annotations

from datetime import timedelta

from consultations.clock import now
from consultations.plans.models import MilestoneStatus

from helpers import login


def test_coordinator_sees_the_work_grouped_with_links_and_a_count_in_the_menu(
    client, world, waiting_consultation, make_commitment
):
    waiting_consultation(now() + timedelta(days=3), unanswered=2)
    today = now().date()
    make_commitment(
        world.plan,
        reference="IL0007",
        agency=world.agency,
        milestones=((today - timedelta(days=2), MilestoneStatus.IN_PROGRESS),),
    )
    login(client, world.coordinator)
    page = client.get("/en/staff").get_data(as_text=True)
    assert "<h1>What needs me today</h1>" in page
    assert "Responses due soon" in page
    assert "“Open data law”: 2 comments unanswered" in page
    assert 'href="/en/staff/consultations/consultation-1/responses"' in page
    assert "Milestones overdue or due soon" in page
    assert 'href="/en/staff/commitments/IL0007/updates/new"' in page
    assert '<span class="badge" aria-hidden="true">2</span>' in page
    assert "(2 items)" in page


def test_nothing_to_do_says_so_and_shows_no_count(client, world):
    login(client, world.monitor)
    page = client.get("/en/staff").get_data(as_text=True)
    assert "Nothing needs you today" in page
    assert 'aria-hidden="true">0<' not in page


def test_moderator_sees_the_held_comments(client, world, held_comment):
    held_comment(now() - timedelta(hours=30))
    login(client, world.moderator)
    page = client.get("/en/staff").get_data(as_text=True)
    assert "1 comment has been held for review for more than 24 h" in page
    assert 'href="/en/moderation"' in page


def test_citizens_are_refused_and_visitors_asked_to_log_in(client, world):
    response = client.get("/en/staff")
    assert response.status_code == 302
    assert "/en/login" in response.headers["Location"]
    login(client, world.citizen)
    assert client.get("/en/staff").status_code == 403


def test_every_staff_role_may_open_it(client, world):
    for person in (world.coordinator, world.moderator, world.admin, world.monitor):
        login(client, person)
        assert client.get("/en/staff").status_code == 200
        client.post("/en/logout")


def test_menu_count_is_only_for_staff(client, world, waiting_consultation):
    waiting_consultation(now() + timedelta(days=3))
    login(client, world.citizen)
    assert "What needs me today" not in client.get("/en/plans").get_data(as_text=True)


def test_page_and_menu_cost_the_same_queries_however_much_work_waits(
    client, world, waiting_consultation, make_commitment, held_comment, count_queries
):
    today = now().date()

    def add_work(number: int) -> None:
        for position in range(number):
            waiting_consultation(now() + timedelta(days=2), unanswered=2)
            waiting_consultation(now() - timedelta(days=2), unanswered=1)
            make_commitment(
                world.plan,
                agency=world.agency,
                milestones=((today + timedelta(days=position % 10), MilestoneStatus.NOT_STARTED),),
            )
            held_comment(now() - timedelta(days=2))

    add_work(1)
    login(client, world.admin)
    client.get("/en/staff")
    with count_queries() as small:
        assert client.get("/en/staff").status_code == 200
    with count_queries() as small_other:
        assert client.get("/en/plans").status_code == 200
    add_work(8)
    client.get("/en/staff")  # as above: the signed-in person loaded again after the writes
    with count_queries() as large:
        page = client.get("/en/staff").get_data(as_text=True)
    with count_queries() as large_other:
        client.get("/en/plans")
    assert large.count == small.count
    assert large_other.count == small_other.count
    assert "9 comments have been held" in page
