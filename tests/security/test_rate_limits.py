"""Sign-in, registration and reset requests are limited per address and per account."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
import redis
from flask_babel import force_locale
from flask_babel import gettext as _

from consultations.accounts.limits import PER_ACCOUNT, PER_IP

from helpers import ROOT

# A database of its own for each test run, so runs on one machine never empty each other's.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ACCOUNT_LIMIT = int(PER_ACCOUNT.split()[0])  # per minute
IP_LIMIT = int(PER_IP.split()[0])


def attempt_login(client, email, ip="192.0.2.1", lang="en"):
    return client.post(
        f"/{lang}/login",
        data={"email": email, "password": "wrong-password-123"},
        environ_base={"REMOTE_ADDR": ip},
    )


def test_limits_are_what_the_tests_assume():
    assert PER_ACCOUNT.startswith("5 per minute") and PER_IP.startswith("20 per minute")


def test_one_account_is_limited_whatever_address_the_attempts_come_from(limited_app):
    client = limited_app.test_client()
    for number in range(ACCOUNT_LIMIT):
        response = attempt_login(client, "dana@example.org", ip=f"198.51.100.{number}")
        assert response.status_code == 422
    blocked = attempt_login(client, "Dana@Example.org", ip="203.0.113.99")
    assert blocked.status_code == 429

    other_account = attempt_login(client, "miriam@example.org", ip="203.0.113.99")
    assert other_account.status_code == 422


def test_one_address_is_limited_whatever_accounts_it_tries(limited_app):
    client = limited_app.test_client()
    for number in range(IP_LIMIT):
        assert attempt_login(client, f"person{number}@example.org").status_code == 422
    assert attempt_login(client, "someone-new@example.org").status_code == 429
    assert attempt_login(client, "someone-new@example.org", ip="192.0.2.2").status_code == 422


def test_limited_page_is_translated_and_says_when_to_retry(limited_app):
    client = limited_app.test_client()
    for _number in range(ACCOUNT_LIMIT):
        attempt_login(client, "dana@example.org", lang="he")
    response = attempt_login(client, "dana@example.org", lang="he")

    assert response.status_code == 429
    page = response.get_data(as_text=True)
    with limited_app.test_request_context("/he/"), force_locale("he"):
        title = _("Too many requests")
    assert '<html lang="he" dir="rtl">' in page
    assert f"<title>{title} ·" in page
    assert int(response.headers["Retry-After"]) > 0
    assert "Traceback" not in page


def test_registration_is_limited(limited_app):
    client = limited_app.test_client()
    data = {"display_name": "x", "email": "dana@example.org", "password": "x", "language": "en"}
    statuses = [
        client.post(
            "/en/register", data=data, environ_base={"REMOTE_ADDR": f"198.51.100.{n}"}
        ).status_code
        for n in range(ACCOUNT_LIMIT + 1)
    ]
    assert statuses == [422] * ACCOUNT_LIMIT + [429]


def test_password_reset_requests_are_limited(limited_app):
    client = limited_app.test_client()
    statuses = [
        client.post("/en/reset", data={"email": "dana@example.org"}).status_code
        for _number in range(ACCOUNT_LIMIT + 1)
    ]
    assert statuses == [302] * ACCOUNT_LIMIT + [429]


def test_reading_the_forms_is_not_limited(limited_app):
    client = limited_app.test_client()
    for _number in range(IP_LIMIT + 5):
        assert client.get("/en/login").status_code == 200


@pytest.fixture
def shared_redis():
    try:
        connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        connection.ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {error}")
    connection.flushdb()
    yield connection
    connection.flushdb()
    connection.close()


SECOND_PROCESS = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, "tests")
    from helpers import settings_for
    from consultations import create_app

    url, storage, attempts = sys.argv[1], sys.argv[2], int(sys.argv[3])
    app = create_app(settings_for(url, RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=storage))
    client = app.test_client()
    for number in range(attempts):
        response = client.post(
            "/en/login",
            data={"email": "dana@example.org", "password": "wrong-password-123"},
            environ_base={"REMOTE_ADDR": f"198.51.100.{number}"},
        )
        print(response.status_code)
    """
)


def test_limits_hold_across_processes_sharing_redis(make_limited_app, tmp_path, shared_redis):
    path = tmp_path / "shared.sqlite3"
    app = make_limited_app(storage=REDIS_URL, path=path)
    elsewhere = subprocess.run(
        [sys.executable, "-c", SECOND_PROCESS, f"sqlite:///{path}", REDIS_URL, "3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert elsewhere.stdout.split() == ["422"] * 3

    client = app.test_client()
    statuses = [
        attempt_login(client, "dana@example.org", ip=f"203.0.113.{n}").status_code
        for n in range(ACCOUNT_LIMIT - 3 + 1)
    ]
    assert statuses == [422] * (ACCOUNT_LIMIT - 3) + [429]
    assert shared_redis.dbsize() > 0
