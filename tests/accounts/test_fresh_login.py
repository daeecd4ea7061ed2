"""Powerful acts need a recent log-in: a remember-me cookie alone, or an old log-in, is not
enough, and typing the password again brings the person back to what they were doing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from flask_babel import gettext as _
from sqlalchemy import func, select

from consultations.accounts.models import RoleGrant, User
from consultations.agencies.models import Agency
from consultations.extensions import db
from consultations.plans.models import ActionPlan, PlanStatus

from helpers import PASSWORD, add_account, login

REAUTH = "/en/login/again"
REAUTH_MINUTES = 15


@dataclass
class Act:
    """One powerful act: where it is, what its form sends, and a count that it changes."""

    name: str
    method: str
    path: str
    data: dict
    count: object  # a callable returning the number of rows the act would change


@pytest.fixture
def world(app_ctx, make_user, make_agency, make_plan):
    admin = make_user(name="Ada Admin", roles=("admin", "moderator"))
    citizen = make_user(name="Cyrus Citizen")
    staff = make_user(name="Mona Moderator", roles=("moderator",))
    plan = make_plan(slug="draft-plan", status=PlanStatus.DRAFTING)
    make_agency()
    return admin, citizen, staff, plan


def grants() -> int:
    return db.session.scalar(select(func.count(RoleGrant.id)))


def agencies() -> int:
    return db.session.scalar(select(func.count(Agency.id)))


def plans() -> int:
    return db.session.scalar(select(func.count(ActionPlan.id)))


def suspended() -> int:
    return db.session.scalar(select(func.count(User.id)).where(User.suspended_at.is_not(None)))


def deleted() -> int:
    return db.session.scalar(select(func.count(User.id)).where(User.deleted_at.is_not(None)))


def staff_acts(citizen: User, staff: User, plan: ActionPlan) -> list[Act]:
    grant_id = staff.roles[0].id
    agency = {"slug": "new-agency", "name_en": "New agency"}
    grant = {"role": "moderator", "agency": "", "organisation": ""}
    suspend = {"action": "suspend", "note": "Repeated insults."}
    return [
        Act("grant a role", "GET", f"/en/staff/users/{citizen.id}", {}, grants),
        Act("grant a role", "POST", f"/en/staff/users/{citizen.id}", grant, grants),
        Act("revoke a role", "POST", f"/en/staff/roles/{grant_id}/revoke", {}, grants),
        Act("list agencies", "GET", "/en/staff/agencies", {}, agencies),
        Act("add an agency", "GET", "/en/staff/agencies/new", {}, agencies),
        Act("add an agency", "POST", "/en/staff/agencies/new", agency, agencies),
        Act("list plans", "GET", "/en/staff/plans", {}, plans),
        Act("add a plan", "GET", "/en/staff/plans/new", {}, plans),
        Act("add a plan", "POST", "/en/staff/plans/new", {"slug": "p"}, plans),
        Act("import", "GET", f"/en/staff/plans/{plan.slug}/import", {}, plans),
        Act("import", "POST", f"/en/staff/plans/{plan.slug}/import", {}, plans),
        Act("suspend", "POST", f"/en/moderation/users/{citizen.id}", suspend, suspended),
    ]


def delete_act() -> Act:
    data = {"password": PASSWORD, "comments": "keep"}
    return Act("delete the account", "POST", "/en/account/delete", data, deleted)


def remembered_only(app, user):
    """A browser that was closed and opened again: only the remember-me cookie is left."""
    first = app.test_client()
    login(first, user, remember=True)
    later = app.test_client()
    later.set_cookie("remember_token", first.get_cookie("remember_token").value)
    return later


def send(client, act: Act, **extra):
    return client.open(act.path, method=act.method, data=act.data, **extra)


def asked_for_password(response) -> bool:
    return response.status_code == 302 and response.location.startswith(REAUTH)


def reauthenticate(client, next_path: str = "", password: str = PASSWORD):
    return client.post(REAUTH, data={"password": password, "next": next_path})


def test_every_powerful_act_asks_a_remembered_session_for_the_password(app, world):
    admin, citizen, staff, plan = world
    for act in staff_acts(citizen, staff, plan):
        client = remembered_only(app, admin)
        before = act.count()
        response = send(client, act)
        assert asked_for_password(response), f"{act.method} {act.name}: {response.status_code}"
        assert act.count() == before, f"{act.method} {act.name} wrote something"


def test_deleting_an_account_asks_a_remembered_session_for_the_password(app, world):
    _admin, citizen, _staff, _plan = world
    client = remembered_only(app, citizen)
    assert asked_for_password(client.get("/en/account/delete"))
    assert asked_for_password(send(client, delete_act()))
    assert deleted() == 0


def test_reading_pages_and_a_moderators_user_page_need_no_fresh_log_in(app, world):
    admin, citizen, _staff, _plan = world
    client = remembered_only(app, admin)
    assert client.get("/en/account").status_code == 200
    assert client.get(f"/en/moderation/users/{citizen.id}").status_code == 200
    assert client.get("/en/moderation").status_code == 200


def test_the_password_page_explains_why_in_the_persons_language(app, world):
    admin, citizen, _staff, _plan = world
    client = remembered_only(app, admin)
    page = client.get(f"/en/staff/users/{citizen.id}", follow_redirects=True)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "For this, please type your password again" in text
    assert "Confirm your password" in text
    assert page.headers["Cache-Control"] == "no-store"
    hebrew = client.get(f"/he/staff/users/{citizen.id}", follow_redirects=True)
    assert "For this, please type your password again" not in hebrew.get_data(as_text=True)


def test_after_the_password_the_act_works_and_the_person_returns_to_the_page(app, world):
    admin, citizen, staff, _plan = world
    client = remembered_only(app, admin)
    page = f"/en/staff/users/{citizen.id}"
    response = client.get(page)
    assert asked_for_password(response)
    assert parse_qs(urlsplit(response.location).query)["next"] == [page]

    back = reauthenticate(client, page)

    assert back.status_code == 302 and back.location == page
    assert client.get(page).status_code == 200
    granted = client.post(page, data={"role": "moderator", "agency": "", "organisation": ""})
    assert granted.status_code == 302 and not asked_for_password(granted)
    db.session.refresh(citizen)
    assert citizen.has_role("moderator")
    revoked = client.post(f"/en/staff/roles/{staff.roles[0].id}/revoke")
    assert revoked.status_code == 302 and not asked_for_password(revoked)


def test_a_form_sent_without_the_password_returns_to_the_page_it_was_sent_from(app, world):
    admin, citizen, _staff, _plan = world
    client = remembered_only(app, admin)
    form_page = f"http://localhost/en/moderation/users/{citizen.id}"
    suspend = {"action": "suspend", "note": "Repeated insults."}

    response = client.post(
        f"/en/moderation/users/{citizen.id}", data=suspend, headers={"Referer": form_page}
    )

    assert asked_for_password(response)
    back = reauthenticate(client, f"/en/moderation/users/{citizen.id}")
    assert back.location == f"/en/moderation/users/{citizen.id}"
    assert client.post(f"/en/moderation/users/{citizen.id}", data=suspend).status_code == 302
    assert suspended() == 1


def test_deleting_an_account_works_after_the_password(app, world):
    _admin, citizen, _staff, _plan = world
    client = remembered_only(app, citizen)
    reauthenticate(client, "/en/account/delete")
    assert client.get("/en/account/delete").status_code == 200
    assert send(client, delete_act()).status_code == 302
    assert deleted() == 1


def test_a_wrong_password_changes_nothing(app, world):
    admin, citizen, _staff, _plan = world
    client = remembered_only(app, admin)
    response = reauthenticate(client, "/en/staff/agencies", password="not-my-password-at-all")
    assert response.status_code == 422
    assert _("The password is not correct.") in response.get_data(as_text=True)
    assert asked_for_password(client.get("/en/staff/agencies"))


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"]
)
def test_the_password_page_never_sends_anyone_to_another_site(app, world, target):
    admin, *_ = world
    client = remembered_only(app, admin)
    response = reauthenticate(client, target)
    assert response.status_code == 302
    assert response.location == "/en/"


def test_the_password_page_needs_a_log_in(client, world):
    response = client.get(REAUTH)
    assert response.status_code == 302 and response.location.startswith("/en/login")


@pytest.fixture
def clock(monkeypatch):
    """The session clock, stopped, and moved on by hand."""
    from consultations.clock import now

    class Clock:
        moment = now()

        def advance(self, **delta) -> None:
            self.moment += timedelta(**delta)

    clock = Clock()
    monkeypatch.setattr("consultations.accounts.sessions.now", lambda: clock.moment)
    return clock


def test_a_fresh_log_in_counts_for_reauth_minutes_to_the_second(app, world, clock):
    admin, *_ = world
    client = app.test_client()
    login(client, admin)
    clock.advance(minutes=REAUTH_MINUTES)
    assert client.get("/en/staff/agencies").status_code == 200

    clock.advance(seconds=1)

    assert asked_for_password(client.get("/en/staff/agencies"))
    reauthenticate(client)
    assert client.get("/en/staff/agencies").status_code == 200


def test_a_password_typed_again_counts_for_reauth_minutes_too(app, world, clock):
    admin, *_ = world
    client = remembered_only(app, admin)
    reauthenticate(client)
    clock.advance(minutes=REAUTH_MINUTES + 1)
    assert asked_for_password(client.get("/en/staff/plans"))


def test_reauth_minutes_is_a_setting(make_app, clock):
    app = make_app(REAUTH_MINUTES=1)
    with app.app_context():
        add_account("ada@example.org", admin=True)
    client = app.test_client()
    client.post("/en/login", data={"email": "ada@example.org", "password": PASSWORD})
    clock.advance(seconds=60)
    assert client.get("/en/staff/agencies").status_code == 200
    clock.advance(seconds=1)
    assert asked_for_password(client.get("/en/staff/agencies"))


def test_the_password_page_is_rate_limited_like_the_log_in(make_app):
    from consultations.accounts.limits import PER_ACCOUNT

    app = make_app(RATELIMIT_ENABLED=True)
    with app.app_context():
        add_account("ada@example.org", admin=True)
    client = app.test_client()
    client.post("/en/login", data={"email": "ada@example.org", "password": PASSWORD})
    for _attempt in range(int(PER_ACCOUNT.split()[0])):
        assert reauthenticate(client, password="wrong-password-123").status_code == 422
    assert reauthenticate(client).status_code == 429
