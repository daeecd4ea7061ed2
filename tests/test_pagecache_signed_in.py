"""The page store never answers a signed-in person, however they are signed in."""

from __future__ import annotations

import pytest

from helpers import login


@pytest.fixture
def path(make_consultation) -> str:
    return f"/en/consultations/{make_consultation(titles={'en': 'Clean rivers'}).slug}"


def remembered_browser(app, make_user, name: str, cookie: str = "remember_token"):
    """A new browser holding only the remember-me cookie of a person who signed in."""
    first = app.test_client()
    assert login(first, make_user(name=name), remember=True).status_code == 302
    browser = app.test_client()
    browser.set_cookie(cookie, first.get_cookie(cookie).value)
    assert browser.get_cookie("session") is None
    return browser


def test_a_person_signed_in_by_the_remember_cookie_alone_gets_their_own_page(
    app, client, path, make_user
):
    anonymous = client.get(path).get_data(as_text=True)
    assert client.get(path).get_data(as_text=True) == anonymous  # now kept
    browser = remembered_browser(app, make_user, "Dana Remembered")

    own = browser.get(path)

    assert own.status_code == 200
    assert "Dana Remembered" in own.get_data(as_text=True)
    assert "Dana Remembered" not in anonymous
    assert "Dana Remembered" not in app.test_client().get(path).get_data(as_text=True)


def test_a_remembered_person_leaves_nothing_in_the_store(app, path, make_user):
    store = app.extensions["page_cache"]
    store.clear()
    browser = remembered_browser(app, make_user, "Dana Remembered")
    assert "Dana Remembered" in browser.get(path).get_data(as_text=True)
    assert len(store) == 0


def test_a_remember_cookie_under_another_name_still_gets_its_person_their_own_page(
    app, client, path, make_user, monkeypatch
):
    monkeypatch.setitem(app.config, "REMEMBER_COOKIE_NAME", "stay_signed_in")
    client.get(path)  # kept for anonymous readers
    browser = remembered_browser(app, make_user, "Dana Remembered", cookie="stay_signed_in")
    assert "Dana Remembered" in browser.get(path).get_data(as_text=True)


def test_a_session_signed_in_person_is_not_served_the_kept_page(app, client, path, make_user):
    client.get(path)
    signed_in = app.test_client()
    login(signed_in, make_user(name="Dana Session"))
    assert signed_in.get_cookie("remember_token") is None
    for _ in range(2):  # the second read has no message left from signing in
        assert "Dana Session" in signed_in.get(path).get_data(as_text=True)
