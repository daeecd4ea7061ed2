"""Passwords: every length up to the maximum works on every form, and are stored with
argon2id; hashes from before are still accepted and replaced at the next log-in."""

from __future__ import annotations

import random
import string
import subprocess
import sys

import pytest
from werkzeug.security import generate_password_hash

from consultations.accounts.models import User
from consultations.accounts.rules import PASSWORD_MAX
from consultations.extensions import db

from helpers import PASSWORD, link_in, login, outbox

LENGTHS = [72, 73, 200, PASSWORD_MAX]
TOO_LONG = f"A password can have at most {PASSWORD_MAX} characters."


def strong_password(length: int) -> str:
    """Random letters and digits, the same for the same length."""
    return "".join(random.Random(length).choices(string.ascii_letters + string.digits, k=length))


def fresh(user: User) -> User:
    db.session.refresh(user)
    return user


@pytest.mark.parametrize("length", LENGTHS)
def test_registering_works_with_a_password_of_any_length_up_to_the_maximum(client, app_ctx, length):
    password = strong_password(length)
    response = client.post(
        "/en/register",
        data={
            "display_name": "Lena Long",
            "email": "lena@example.org",
            "password": password,
            "language": "en",
            "accept_terms": "y",
        },
    )
    assert response.status_code == 302
    assert login(client, User(email="lena@example.org"), password).status_code == 302


@pytest.mark.parametrize("length", LENGTHS)
def test_changing_to_a_password_of_any_length_up_to_the_maximum_works(
    client, app_ctx, make_user, length
):
    user = make_user()
    login(client, user)
    password = strong_password(length)
    response = client.post(
        "/en/account/password",
        data={"current_password": PASSWORD, "password": password, "confirm": password},
    )
    assert response.status_code == 302
    client.post("/en/logout")
    assert login(client, user, password).status_code == 302


@pytest.mark.parametrize("length", LENGTHS)
def test_resetting_to_a_password_of_any_length_up_to_the_maximum_works(
    client, app_ctx, make_user, length
):
    user = make_user()
    client.post("/en/reset", data={"email": user.email})
    password = strong_password(length)
    response = client.post(
        link_in(outbox(user.email)[0]), data={"password": password, "confirm": password}
    )
    assert response.status_code == 302
    assert login(client, user, password).status_code == 302


def too_long_on_every_form(client, make_user):
    password = strong_password(PASSWORD_MAX + 1)
    yield client.post(
        "/en/register",
        data={
            "display_name": "Lena Long",
            "email": "lena@example.org",
            "password": password,
            "language": "en",
            "accept_terms": "y",
        },
    )
    user = make_user()
    client.post("/en/reset", data={"email": user.email})
    yield client.post(
        link_in(outbox(user.email)[0]), data={"password": password, "confirm": password}
    )
    login(client, user)
    yield client.post(
        "/en/account/password",
        data={"current_password": PASSWORD, "password": password, "confirm": password},
    )


def test_a_password_over_the_maximum_gets_a_field_error_on_every_form(client, app_ctx, make_user):
    for response in too_long_on_every_form(client, make_user):
        assert response.status_code == 422
        assert TOO_LONG in response.get_data(as_text=True)
    assert db.session.scalar(db.select(User).where(User.email == "lena@example.org")) is None


def test_the_maximum_is_explained_in_the_persons_language(client, app_ctx):
    response = client.post(
        "/hu/register",
        data={
            "display_name": "Lena Long",
            "email": "lena@example.org",
            "password": strong_password(PASSWORD_MAX + 1),
            "language": "hu",
            "accept_terms": "y",
        },
    )
    assert response.status_code == 422
    assert TOO_LONG not in response.get_data(as_text=True)
    assert "500" in response.get_data(as_text=True)


def test_new_passwords_are_stored_with_argon2id(client, app_ctx, make_user):
    user = make_user()
    login(client, user)
    client.post(
        "/en/account/password",
        data={
            "current_password": PASSWORD,
            "password": "amber-falcon-meadow-77",
            "confirm": "amber-falcon-meadow-77",
        },
    )
    assert fresh(user).password_hash.startswith("$argon2id$")


def test_the_site_hashes_with_rfc_9106_low_memory_parameters():
    # The suite hashes cheaply (tests/conftest.py); a process of its own hashes as the site does.
    made = subprocess.run(
        [
            sys.executable,
            "-c",
            "from consultations.accounts.passwords import hash_password, "
            "verify_password as v; h = hash_password('pw'); print(h, v(h, 'pw'), v(h, 'px'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert made[0].startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert made[1:] == ["True", "False"]


@pytest.mark.parametrize("method", ["scrypt", "pbkdf2:sha256"])
def test_an_older_hash_logs_in_and_is_rewritten_as_argon2id(client, app_ctx, make_user, method):
    user = make_user()
    user.password_hash = generate_password_hash(PASSWORD, method=method)
    db.session.commit()

    assert login(client, user).status_code == 302

    stored = fresh(user).password_hash
    assert stored.startswith("$argon2id$")
    client.post("/en/logout")
    assert login(client, user).status_code == 302
    assert fresh(user).password_hash == stored  # rewritten once, not at every log-in


def test_a_wrong_password_leaves_an_older_hash_as_it_was(client, app_ctx, make_user):
    user = make_user()
    old = generate_password_hash(PASSWORD)
    user.password_hash = old
    db.session.commit()

    assert login(client, user, "not-the-password-at-all").status_code == 422

    assert fresh(user).password_hash == old
