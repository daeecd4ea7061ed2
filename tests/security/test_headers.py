"""Every response carries the security headers; oversized requests are turned away."""

import pytest

from consultations.accounts.models import User
from consultations.extensions import db

from helpers import login

PAGES = [
    "/en/",
    "/he/login",
    "/lv/register",
    "/hu/reset",
    "/en/terms",
    "/en/no-such-page",
    "/fr/",
    "/en/staff/users",
    "/healthz",
]


def csp_directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    pairs = (part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    return {name: value for name, value in pairs}


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_the_security_headers(client, path):
    response = client.get(path)
    directives = csp_directives(response)
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_staff_pages_and_errors_also_carry_them(client, app_ctx, make_user):
    login(client, make_user(roles=["admin"]))
    for response in (client.get("/en/staff/users"), client.get("/en/staff/users/999999")):
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_use_no_inline_script_or_style(client, app_ctx, make_user):
    for path in ("/en/", "/he/login", "/en/register"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>" not in page and "<style" not in page and " style=" not in page


def test_body_over_the_size_limit_gets_413_and_changes_nothing(app, client, app_ctx):
    size = app.config["MAX_CONTENT_LENGTH"] + 1
    response = client.post(
        "/en/register",
        data={"display_name": "x" * size, "email": "big@example.org", "password": "x"},
    )
    assert response.status_code == 413
    assert "Too much data" in response.get_data(as_text=True)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_raw_body_over_the_size_limit_gets_413(app, client):
    response = client.post(
        "/en/login",
        data=b"a" * (app.config["MAX_CONTENT_LENGTH"] + 1),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
