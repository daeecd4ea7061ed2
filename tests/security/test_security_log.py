"""The security log: one JSON object per event, with who, where and from which address,
and never a password, token, session or full e-mail address."""

from __future__ import annotations

import json
import logging
import re

import pytest

from consultations.accounts.models import Role
from consultations.admin.services import grant_role, revoke_role
from consultations.moderation.services import suspend_account, unsuspend_account
from consultations.security_log import LOGGER_NAME, mask_email
from consultations.security_log import event as security_event

from helpers import PASSWORD, login


@pytest.fixture
def events(caplog):
    """The security events written during the test, as dicts."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)

    def read(name: str | None = None) -> list[dict]:
        found = [json.loads(r.getMessage()) for r in caplog.records if r.name == LOGGER_NAME]
        return [event for event in found if name is None or event["event"] == name]

    yield read
    logger.removeHandler(caplog.handler)


def assert_no_secrets(caplog, *secrets: str) -> None:
    text = "\n".join(r.getMessage() for r in caplog.records if r.name == LOGGER_NAME)
    for secret in secrets:
        assert secret not in text
    assert "session" not in text and "remember_token" not in text


def test_a_failed_login_is_logged_with_a_masked_address(client, make_user, events, caplog):
    person = make_user(email="noa.levi@example.org")
    login(client, person, password="wrong-password-123")
    (event,) = events("login.failed")
    assert event["email"] == "n***@example.org"
    assert event["account_id"] == person.id
    assert event["user_id"] is None
    assert event["ip"] == "127.0.0.1"
    assert event["endpoint"] == "accounts.login" and event["path"] == "/en/login"
    assert event["level"] == "warning"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", event["time"])
    assert_no_secrets(caplog, "wrong-password-123", "noa.levi@example.org", "noa.levi")


def test_a_login_to_no_account_is_logged_without_an_account(client, events):
    client.post("/en/login", data={"email": "nobody@example.net", "password": "whatever-1"})
    (event,) = events("login.failed")
    assert event["account_id"] is None and event["email"] == "n***@example.net"


def test_a_successful_login_is_logged(client, make_user, events, caplog):
    person = make_user()
    login(client, person)
    (event,) = events("login.succeeded")
    assert event["account_id"] == person.id
    assert_no_secrets(caplog, PASSWORD, person.email, person.session_token)


def test_the_client_address_comes_from_the_trusted_proxy(make_app, events):
    app = make_app(TRUSTED_PROXIES=1)
    app.test_client().post(
        "/en/login",
        data={"email": "a@example.org", "password": "x"},
        headers={"X-Forwarded-For": "203.0.113.9"},
    )
    assert events("login.failed")[0]["ip"] == "203.0.113.9"


@pytest.mark.parametrize("role", [None, "coordinator", "monitor", "moderator"])
def test_every_forbidden_request_is_logged_with_the_person(client, make_user, events, role):
    person = make_user(roles=(role,) if role else ())
    login(client, person)
    assert client.get("/en/staff/users").status_code == 403
    (event,) = events("forbidden")
    assert event["user_id"] == person.id
    assert event["endpoint"] == "admin.users" and event["path"] == "/en/staff/users"
    assert event["method"] == "GET" and event["ip"] == "127.0.0.1"


def test_a_rate_limit_refusal_is_logged(limited_app, events):
    client = limited_app.test_client()
    for _ in range(30):
        response = client.post("/en/login", data={"email": "a@example.org", "password": "x"})
        if response.status_code == 429:
            break
    assert response.status_code == 429
    assert events("rate_limited")[0]["endpoint"] == "accounts.login"


def test_role_grants_and_withdrawals_are_logged(app_ctx, make_user, make_agency, events):
    admin, person, agency = make_user(roles=("admin",)), make_user(), make_agency()
    grant = grant_role(admin, person, Role.COORDINATOR, agency, None)
    revoke_role(admin, grant)
    granted, withdrawn = events("role.granted"), events("role.withdrawn")
    for (event,) in (granted, withdrawn):
        assert event["actor_id"] == admin.id and event["account_id"] == person.id
        assert event["role"] == "coordinator" and event["agency"] == agency.id


def test_suspensions_and_their_lifting_are_logged(app_ctx, make_user, events):
    moderator, person = make_user(roles=("moderator",)), make_user()
    suspend_account(moderator, person, "Repeated abuse.")
    unsuspend_account(moderator, person)
    for name in ("account.suspended", "account.unsuspended"):
        (event,) = events(name)
        assert event["actor_id"] == moderator.id and event["account_id"] == person.id
    assert "Repeated abuse" not in json.dumps(events())


def test_a_failure_is_logged_with_its_incident(make_app, events):
    app = make_app()

    @app.get("/<lang:lang>/boom")
    def boom():
        raise RuntimeError("secret detail")

    page = app.test_client().get("/en/boom").get_data(as_text=True)
    (event,) = events("server_error")
    assert event["incident"] in page and event["level"] == "error"
    assert "secret detail" not in json.dumps(event)


def test_each_event_is_one_json_line_on_standard_error(client, make_user, capfd):
    login(client, make_user(email="rita@example.org"), password="not-the-password-1")
    lines = [line for line in capfd.readouterr().err.splitlines() if '"login.failed"' in line]
    assert lines and json.loads(lines[-1])["email"] == "r***@example.org"


def test_a_token_in_the_path_is_not_logged(app, events):
    with app.test_request_context("/en/reset/IjEi.secret-token-value"):
        security_event("forbidden")
    (event,) = events("forbidden")
    assert event["path"] == "/en/reset/…" and event["endpoint"] == "accounts.reset_password"


@pytest.mark.parametrize(
    ("address", "masked"),
    [("ab@example.org", "a***@example.org"), ("no-at-sign", "***"), ("", None), (None, None)],
)
def test_addresses_are_masked(address, masked):
    assert mask_email(address) == masked
