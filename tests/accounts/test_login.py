from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest

from consultations.accounts.models import User
from consultations.extensions import db

from helpers import PASSWORD, login, page_without_csrf_token


def post_login(client, email, password, **extra):
    return client.post("/en/login", data={"email": email, "password": password, **extra})


def test_correct_password_logs_in_and_records_the_time(client, app_ctx, make_user):
    user = make_user()
    response = login(client, user)
    assert response.status_code == 302
    assert client.get("/en/account").status_code == 200
    assert db.session.get(User, user.id).last_login_at is not None


def test_address_is_matched_whatever_its_case(client, app_ctx, make_user):
    make_user(email="dana@example.org")
    assert post_login(client, " Dana@Example.ORG ", PASSWORD).status_code == 302


def test_wrong_password_and_unknown_address_get_the_identical_answer(client, app_ctx, make_user):
    make_user(email="dana@example.org")
    wrong_password = post_login(client, "dana@example.org", "not-the-password-1")
    unknown_address = post_login(client, "nobody@example.org", "not-the-password-1")

    assert wrong_password.status_code == unknown_address.status_code == 422
    text = wrong_password.get_data(as_text=True)
    assert "The e-mail address or password is not correct." in text
    assert page_without_csrf_token(text, "dana@example.org") == page_without_csrf_token(
        unknown_address.get_data(as_text=True), "nobody@example.org"
    )
    assert client.get("/en/account").status_code == 302  # still logged out


def test_login_page_is_required_for_the_account_page(client, app_ctx):
    response = client.get("/en/account")
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/en/login"
    assert "next=" in response.headers["Location"]


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "//evil.example/path",
        "/\\evil.example",
        "/\\/evil.example",
        "\\\\evil.example",
        "https:evil.example",
        "javascript:alert(1)",
        "http://evil.example/",
        "https://evil.example/en/account",
        " /x",
        "\t/x",
        "/\t/evil.example",
        "/\n/evil.example",
        "",
    ],
)
def test_next_outside_this_site_lands_on_the_home_page(client, app_ctx, make_user, target):
    user = make_user()
    response = client.post(
        "/en/login", data={"email": user.email, "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/"


@pytest.mark.parametrize("target", ["/%2F%2Fevil.example", "/%5Cevil.example"])
def test_encoded_slashes_in_next_stay_on_this_site(client, app_ctx, make_user, target):
    user = make_user()
    response = client.post(
        "/en/login", data={"email": user.email, "password": PASSWORD, "next": target}
    )
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\"))
    assert urlsplit(location).netloc == ""


@pytest.mark.parametrize("target", ["/en/account?x=1", "/he/", "/lv/account#profile-title"])
def test_next_on_this_site_is_followed(client, app_ctx, make_user, target):
    user = make_user()
    response = client.post(
        "/en/login", data={"email": user.email, "password": PASSWORD, "next": target}
    )
    assert response.headers["Location"] == target


def test_next_from_the_address_bar_is_kept_through_the_form(client, app_ctx, make_user):
    user = make_user()
    page = client.get("/en/login?next=/en/account%3Fx%3D1").get_data(as_text=True)
    assert 'name="next" type="hidden" value="/en/account?x=1"' in page
    response = client.post(
        "/en/login?next=//evil.example",
        data={"email": user.email, "password": PASSWORD, "next": "/en/account?x=1"},
    )
    assert response.headers["Location"] == "/en/account?x=1"


def test_remember_me_sets_a_cookie_lasting_at_most_30_days(client, app_ctx, make_user):
    user = make_user()
    login(client, user, remember=True)
    cookie = client.get_cookie("remember_token")
    assert cookie is not None
    assert cookie.http_only
    lifetime = cookie.expires - datetime.now(UTC)
    assert timedelta(days=29) < lifetime <= timedelta(days=30)


def test_without_remember_me_there_is_no_remember_cookie(client, app_ctx, make_user):
    user = make_user()
    login(client, user)
    assert client.get_cookie("remember_token") is None
    session = client.get_cookie("session")
    assert session is not None and session.http_only and session.expires is None


def test_remember_cookie_alone_keeps_the_person_logged_in(app, app_ctx, make_user):
    user = make_user()
    first = app.test_client()
    login(first, user, remember=True)

    new_browser = app.test_client()
    new_browser.set_cookie("remember_token", first.get_cookie("remember_token").value)
    assert new_browser.get("/en/account").status_code == 200


def test_logout_ends_the_session(client, app_ctx, make_user):
    user = make_user()
    login(client, user)
    page = client.post("/en/logout", follow_redirects=True)
    assert "You are logged out." in page.get_data(as_text=True)
    assert client.get("/en/account").status_code == 302


def test_logout_is_not_possible_with_get(client, app_ctx, make_user):
    user = make_user()
    login(client, user)
    assert client.get("/en/logout").status_code == 405
    assert client.get("/en/account").status_code == 200
