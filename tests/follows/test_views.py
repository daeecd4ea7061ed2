"""The follow button, the notifications page, and who may follow what."""

from __future__ import annotations

import gc
import re
from types import SimpleNamespace

import pytest

from consultations import permissions
from consultations.accounts.models import User
from consultations.clock import now
from consultations.extensions import db
from consultations.follows import services
from consultations.follows.models import Follow

from helpers import login


@pytest.fixture
def client_for(app):
    def make(user=None):
        client = app.test_client()
        if user is not None:
            assert login(client, user).status_code == 302
        return client

    return make


@pytest.fixture
def csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def follows_of(user) -> list[tuple[str, int]]:
    rows = db.session.scalars(db.select(Follow).where(Follow.user_id == user.id))
    return [(row.target_type.value, row.target_id) for row in rows]


def token_from(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, page
    return match.group(1)


PAGES = {
    "plan": lambda w: f"/en/plans/{w.plan.slug}",
    "commitment": lambda w: "/en/commitments/IL0024",
    "consultation": lambda w: "/en/consultations/open-data",
}


def target(world, kind):
    return {"plan": world.plan, "commitment": world.commitment, "consultation": world.consultation}[
        kind
    ]


@pytest.mark.parametrize("kind", PAGES)
def test_anonymous_visitors_see_a_log_in_link(world, client, kind):
    page = client.get(PAGES[kind](world)).get_data(as_text=True)
    assert "Log in to follow this and get e-mail when it changes" in page
    assert "/en/login?next=" in page


@pytest.mark.parametrize("kind", PAGES)
def test_citizen_follows_and_unfollows_from_the_page_with_csrf(
    world, make_user, client_for, csrf_on, kind
):
    person = make_user()
    client = client_for()
    login_page = client.get("/en/login").get_data(as_text=True)
    client.post(
        "/en/login",
        data={
            "email": person.email,
            "password": "sturdy-lantern-orchard-42",
            "csrf_token": token_from(login_page),
        },
    )
    url = PAGES[kind](world)
    page = client.get(url).get_data(as_text=True)
    label = {
        "plan": "Follow this action plan",
        "commitment": "Follow this commitment",
        "consultation": "Follow this consultation",
    }[kind]
    assert label in page
    thing = target(world, kind)
    action = f"/en/follows/{kind}/{thing.id}"
    assert client.post(action, data={"next": url}).status_code == 400  # no token
    assert follows_of(person) == []
    response = client.post(action, data={"next": url, "csrf_token": token_from(page)})
    assert response.status_code == 302 and response.location == url
    assert follows_of(person) == [(kind, thing.id)]
    page = client.get(url).get_data(as_text=True)
    assert "You follow this now." in page and "Stop following" in page
    response = client.post(f"{action}/delete", data={"csrf_token": token_from(page)})
    assert response.status_code == 302 and response.location == url
    assert follows_of(person) == []


def test_following_twice_is_one_follow(world, make_user, client_for):
    person = make_user()
    client = client_for(person)
    for _ in range(2):
        client.post(f"/en/follows/plan/{world.plan.id}")
    assert follows_of(person) == [("plan", world.plan.id)]


def test_anonymous_post_goes_to_log_in_and_changes_nothing(world, client):
    response = client.post(f"/en/follows/plan/{world.plan.id}")
    assert response.status_code == 302 and "/en/login" in response.location
    assert db.session.scalar(db.select(db.func.count(Follow.id))) == 0


def test_unverified_person_cannot_follow(world, make_user, client_for):
    person = make_user(verified=False)
    client = client_for(person)
    page = client.get("/en/commitments/IL0024").get_data(as_text=True)
    assert "Confirm your e-mail address to follow this." in page
    assert client.post(f"/en/follows/commitment/{world.commitment.id}").status_code == 403
    assert follows_of(person) == []


def test_unknown_kind_or_target_is_404(world, make_user, client_for):
    client = client_for(make_user())
    assert client.post("/en/follows/agency/1").status_code == 404
    assert client.post("/en/follows/plan/99999").status_code == 404


def test_next_must_stay_on_the_site(world, make_user, client_for):
    client = client_for(make_user())
    response = client.post(f"/en/follows/plan/{world.plan.id}", data={"next": "//evil.example"})
    assert response.location == "/en/"


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("visitor", False),
        ("unverified", False),
        ("suspended", False),
        ("citizen", True),
        ("coordinator", True),
        ("monitor", True),
        ("moderator", True),
        ("admin", True),
    ],
)
def test_who_may_follow(who, allowed):
    person = SimpleNamespace(
        is_authenticated=who != "visitor",
        is_verified=who != "unverified",
        suspended_at=now() if who == "suspended" else None,
        id=7,
    )
    assert permissions.can_follow(person, object()) is allowed
    assert permissions.can_follow(person, None) is False
    own, others = SimpleNamespace(user_id=7), SimpleNamespace(user_id=8)
    assert permissions.can_unfollow(person, own) is (who != "visitor")
    assert permissions.can_unfollow(person, others) is False


def test_nobody_removes_another_persons_follow(world, make_user, client_for):
    owner, other = make_user(), make_user()
    services.follow(owner, world.plan)
    client_for(other).post(f"/en/follows/plan/{world.plan.id}/delete")
    assert follows_of(owner) == [("plan", world.plan.id)]


# The notifications page ---------------------------------------------------------------------


def test_notifications_page_lists_follows_and_saves_the_frequency(world, make_user, client_for):
    person = make_user()
    services.follow(person, world.commitment)
    services.follow(person, world.consultation)
    client = client_for(person)
    page = client.get("/en/account/notifications").get_data(as_text=True)
    assert "<legend>How often should we e-mail you?</legend>" in page
    assert re.search(r"checked[^>]*value=\"daily\"|value=\"daily\"[^>]*checked", page)
    assert "IL0024" in page and "Open data law" in page
    response = client.post("/en/account/notifications", data={"frequency": "immediate"})
    assert response.status_code == 302
    db.session.refresh(person)
    assert person.notification_frequency == "immediate"


@pytest.mark.parametrize("value", ["", "hourly"])
def test_a_bad_frequency_is_refused_with_a_message(world, make_user, client_for, value):
    person = make_user()
    response = client_for(person).post("/en/account/notifications", data={"frequency": value})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Choose how often you want e-mail." in page or "Not a valid choice." in page
    db.session.refresh(person)
    assert person.notification_frequency == "daily"


def test_notifications_page_needs_login(client):
    response = client.get("/en/account/notifications")
    assert response.status_code == 302 and "/en/login" in response.location


def test_notifications_page_is_paginated(world, make_user, client_for, make_commitment):
    person = make_user()
    for number in range(25):
        services.follow(person, make_commitment(world.plan, reference=f"LV{number:04d}"))
    client = client_for(person)
    first = client.get("/en/account/notifications").get_data(as_text=True)
    second = client.get("/en/account/notifications?page=2").get_data(as_text=True)
    assert first.count("<bdi>LV00") == 20 and second.count("<bdi>LV00") == 5
    assert "Page 1 of 2" in first


def test_unfollow_from_the_notifications_page_returns_there(world, make_user, client_for):
    person = make_user()
    services.follow(person, world.plan)
    client = client_for(person)
    response = client.post(
        f"/en/follows/plan/{world.plan.id}/delete", data={"next": "/en/account/notifications"}
    )
    assert response.location == "/en/account/notifications"
    assert follows_of(person) == []


def test_query_count_does_not_grow_with_follows(
    world, make_user, client_for, count_queries, make_commitment, make_consultation
):
    person = make_user()
    client = client_for(person)

    def follow_some(count):
        for _ in range(count):
            services.follow(person, make_commitment(world.plan))
            services.follow(person, make_consultation(plan=world.plan))

    def measure():
        with count_queries() as counter:
            assert client.get("/en/account/notifications").status_code == 200
        return counter.count

    follow_some(1)
    small = measure()
    follow_some(8)
    assert measure() == small


@pytest.mark.parametrize("kind", PAGES)
def test_follow_button_adds_one_query_at_most(world, make_user, client_for, count_queries, kind):
    person = make_user()
    client = client_for(person)
    url = PAGES[kind](world)

    def count_page() -> int:
        # Each count starts alike: the test's session emptied (following loads records that
        # would stay in it), the page read once, and nothing left that only the collector
        # would free (what stays in memory between requests decides what a request loads).
        db.session.close()
        client.get(url)
        gc.collect()
        with count_queries() as counter:
            client.get(url)
        return counter.count

    followed = target(world, kind)
    person_id, model, followed_id = person.id, type(followed), followed.id
    before = count_page()
    services.follow(db.session.get(User, person_id), db.session.get(model, followed_id))
    assert count_page() == before
