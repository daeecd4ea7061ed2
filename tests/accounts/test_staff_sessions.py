"""Staff sessions end after STAFF_IDLE_MINUTES without a request and STAFF_SESSION_HOURS
after the log-in, remember-me or not; a citizen's remembered session lasts as before."""

from __future__ import annotations

from datetime import timedelta

import pytest

from helpers import login

IDLE = timedelta(minutes=30)
LIFETIME = timedelta(hours=12)
SECOND = timedelta(seconds=1)
ENDED = "For safety, staff sessions end after a while. Please log in again."


@pytest.fixture
def clock(monkeypatch):
    """The session clock, stopped, and moved on by hand."""
    from consultations.clock import now

    class Clock:
        moment = now()

        def advance(self, delta: timedelta) -> None:
            self.moment += delta

    clock = Clock()
    monkeypatch.setattr("consultations.accounts.sessions.now", lambda: clock.moment)
    return clock


def signed_in(client) -> bool:
    return client.get("/en/account").status_code == 200


def with_cookie(app, client, name="remember_token"):
    """Another browser holding a copy of `client`'s remember-me cookie, and nothing else."""
    other = app.test_client()
    other.set_cookie(name, client.get_cookie(name).value)
    return other


@pytest.mark.parametrize("roles", [("coordinator",), ("monitor",), ("moderator",), ("admin",)])
def test_a_staff_session_ends_after_the_idle_period_to_the_second(
    app, make_user, make_agency, clock, roles
):
    agency = make_agency() if roles == ("coordinator",) else None
    client = app.test_client()
    login(client, make_user(roles=roles, agency=agency))
    clock.advance(IDLE)
    assert signed_in(client)  # exactly the idle period: still there, and the clock restarts
    clock.advance(IDLE)
    assert signed_in(client)

    clock.advance(IDLE + SECOND)

    response = client.get("/en/account", follow_redirects=True)
    assert "Log in" in response.get_data(as_text=True)
    assert ENDED in response.get_data(as_text=True)
    assert not signed_in(client)


def test_remember_me_does_not_bring_back_an_idle_staff_session(app, make_user, clock):
    client = app.test_client()
    login(client, make_user(roles=("moderator",)), remember=True)
    copy = with_cookie(app, client)

    clock.advance(IDLE + SECOND)

    assert not signed_in(client)
    assert client.get_cookie("remember_token") is None  # the cookie is taken back
    assert not signed_in(copy)


def test_a_remembered_staff_session_continues_after_a_restart_while_in_use(app, make_user, clock):
    client = app.test_client()
    login(client, make_user(roles=("admin",)), remember=True)
    clock.advance(IDLE - SECOND)
    assert signed_in(client)  # the cookie now carries this request's time

    clock.advance(IDLE - SECOND)

    assert signed_in(with_cookie(app, client))


def test_a_staff_session_ends_after_its_lifetime_even_in_constant_use(app, make_user, clock):
    client = app.test_client()
    login(client, make_user(roles=("admin",)), remember=True)
    for _step in range(int(LIFETIME / (IDLE / 2))):
        clock.advance(IDLE / 2)
        assert signed_in(client)
    copy = with_cookie(app, client)  # exactly the lifetime has passed

    clock.advance(SECOND)

    assert not signed_in(client)
    assert not signed_in(copy)


def test_the_remember_me_cookie_of_staff_lapses_with_the_session(app, make_user):
    client = app.test_client()
    response = login(client, make_user(roles=("moderator",)), remember=True)
    expires = next(
        header for header in response.headers.getlist("Set-Cookie") if "remember_token" in header
    )
    from email.utils import parsedate_to_datetime

    from consultations.clock import now

    when = parsedate_to_datetime(expires.split("Expires=")[1].split(";")[0])
    assert when <= now() + LIFETIME + timedelta(minutes=1)


def test_citizens_stay_remembered_as_before(app, make_user, clock):
    client = app.test_client()
    login(client, make_user(), remember=True)
    clock.advance(timedelta(days=20))
    assert signed_in(client)
    assert signed_in(with_cookie(app, client))


def test_a_citizen_given_a_role_follows_the_staff_limits_from_the_log_in(
    app, app_ctx, make_user, clock
):
    from consultations.accounts.models import Role, RoleGrant
    from consultations.extensions import db

    person = make_user()
    client = app.test_client()
    login(client, person, remember=True)
    person.roles.append(RoleGrant(role=Role.MODERATOR))
    db.session.commit()
    clock.advance(IDLE + SECOND)
    assert not signed_in(client)


def test_lifetimes_are_settings(make_app, clock):
    from helpers import PASSWORD, add_account

    app = make_app(STAFF_IDLE_MINUTES=5, STAFF_SESSION_HOURS=1)
    with app.app_context():
        add_account("ada@example.org", admin=True)
    client = app.test_client()
    client.post("/en/login", data={"email": "ada@example.org", "password": PASSWORD})
    clock.advance(timedelta(minutes=5))
    assert signed_in(client)
    clock.advance(timedelta(minutes=5, seconds=1))
    assert not signed_in(client)
