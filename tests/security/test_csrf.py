"""With CSRF protection on (as in production), forms without their token change nothing."""

import re

import pytest

from consultations.accounts.models import User
from consultations.extensions import db

from helpers import PASSWORD


@pytest.fixture
def csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def token_from(client, path) -> str:
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, page
    return match.group(1)


def login_with_token(client, user):
    token = token_from(client, "/en/login")
    return client.post(
        "/en/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )


def user_count() -> int:
    return db.session.scalar(db.select(db.func.count(User.id)))


REGISTRATION = {
    "display_name": "Miriam Peretz",
    "email": "miriam@example.org",
    "password": "quiet-harbour-violet-88",
    "language": "en",
    "accept_terms": "y",
}


def test_login_without_token_is_refused(csrf_on, client, app_ctx, make_user):
    user = make_user()
    response = client.post("/en/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)
    assert client.get("/en/account").status_code == 302
    assert db.session.get(User, user.id).last_login_at is None


def test_login_with_the_forms_token_works(csrf_on, client, app_ctx, make_user):
    user = make_user()
    assert login_with_token(client, user).status_code == 302
    assert client.get("/en/account").status_code == 200


def test_registration_without_token_is_refused(csrf_on, client, app_ctx):
    response = client.post("/en/register", data=REGISTRATION)
    assert response.status_code == 400
    assert user_count() == 0


def test_registration_with_the_forms_token_works(csrf_on, client, app_ctx):
    token = token_from(client, "/en/register")
    response = client.post("/en/register", data={**REGISTRATION, "csrf_token": token})
    assert response.status_code == 302
    assert user_count() == 1


def test_logout_without_token_is_refused(csrf_on, client, app_ctx, make_user):
    user = make_user()
    login_with_token(client, user)
    assert client.post("/en/logout").status_code == 400
    assert client.get("/en/account").status_code == 200


def test_logout_with_the_token_works(csrf_on, client, app_ctx, make_user):
    user = make_user()
    login_with_token(client, user)
    token = token_from(client, "/en/account")
    assert client.post("/en/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/en/account").status_code == 302


def test_profile_change_without_token_is_refused(csrf_on, client, app_ctx, make_user):
    user = make_user(name="Dana Cohen")
    login_with_token(client, user)
    response = client.post("/en/account", data={"display_name": "Dana Levi", "language": "he"})
    assert response.status_code == 400
    saved = db.session.get(User, user.id)
    assert (saved.display_name, saved.language) == ("Dana Cohen", "en")


def test_profile_change_with_the_token_works(csrf_on, client, app_ctx, make_user):
    user = make_user(name="Dana Cohen")
    login_with_token(client, user)
    token = token_from(client, "/en/account")
    response = client.post(
        "/en/account", data={"display_name": "Dana Levi", "language": "he", "csrf_token": token}
    )
    assert response.status_code == 302
    assert db.session.get(User, user.id).display_name == "Dana Levi"


def test_password_change_without_token_is_refused(csrf_on, client, app_ctx, make_user):
    user = make_user()
    login_with_token(client, user)
    new = "amber-falcon-meadow-77"
    response = client.post(
        "/en/account/password",
        data={"current_password": PASSWORD, "password": new, "confirm": new},
    )
    assert response.status_code == 400
    client.post("/en/logout", data={"csrf_token": token_from(client, "/en/account")})
    assert login_with_token(client, user).status_code == 302


def test_a_token_from_another_session_is_refused(csrf_on, app, app_ctx, make_user):
    user = make_user()
    attacker, victim = app.test_client(), app.test_client()
    stolen = token_from(attacker, "/en/login")
    login_with_token(victim, user)
    response = victim.post("/en/logout", data={"csrf_token": stolen})
    assert response.status_code == 400
    assert victim.get("/en/account").status_code == 200
