"""No browser or proxy keeps a copy of a page meant for one signed-in person, a staff page
or a page with a password field; pages for anonymous readers are kept as before."""

from __future__ import annotations

import pytest

from helpers import login

ROLES = [(), ("coordinator",), ("monitor",), ("moderator",), ("admin",)]
SIGNED_IN_PAGES = ["/en/", "/he/plans", "/en/account", "/en/account/data", "/en/no-such-page"]
PASSWORD_PAGES = ["/en/login", "/he/register", "/lv/reset", "/hu/reset/forged-token"]
STAFF_PAGES = ["/en/staff/users", "/en/staff/agencies", "/en/staff/plans", "/en/moderation"]


def no_store(response) -> bool:
    return response.headers.get("Cache-Control") == "no-store"


@pytest.mark.parametrize("roles", ROLES)
def test_every_page_for_a_signed_in_person_is_no_store(app, app_ctx, make_user, make_agency, roles):
    agency = make_agency() if roles == ("coordinator",) else None
    client = app.test_client()
    login(client, make_user(roles=roles, agency=agency))
    for path in SIGNED_IN_PAGES:
        assert no_store(client.get(path)), path


def test_every_staff_page_is_no_store(client, app_ctx, make_user):
    login(client, make_user(roles=("admin", "moderator")))
    for path in STAFF_PAGES:
        response = client.get(path)
        assert response.status_code == 200 and no_store(response), path


def test_a_staff_address_asked_for_without_a_log_in_is_no_store_too(client):
    response = client.get("/en/staff/users")
    assert response.status_code == 302 and no_store(response)


@pytest.mark.parametrize("path", PASSWORD_PAGES)
def test_log_in_registration_and_reset_pages_are_no_store(client, app_ctx, path):
    assert no_store(client.get(path))


def test_the_password_confirmation_page_is_no_store(client, app_ctx, make_user):
    login(client, make_user())
    response = client.get("/en/login/again")
    assert response.status_code == 200 and no_store(response)


def test_anonymous_pages_stay_cacheable_and_are_kept(app, client, app_ctx):
    store = app.extensions["page_cache"]
    response = client.get("/en/plans")
    assert response.status_code == 200 and not no_store(response)
    assert len(store) == 1
    assert "no-store" not in client.get("/en/plans").headers.get("Cache-Control", "")


def test_a_signed_in_persons_pages_are_not_kept(app, client, app_ctx, make_user):
    login(client, make_user())
    client.get("/en/plans")
    assert len(app.extensions["page_cache"]) == 0


def test_stylesheets_stay_cacheable_for_signed_in_people(client, app_ctx, make_user):
    login(client, make_user())
    response = client.get("/static/css/main.css")
    assert response.status_code == 200 and not no_store(response)
