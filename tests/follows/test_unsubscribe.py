"""Unsubscribing without a login: GET asks, POST acts, RFC 8058 one-click, tampering refused."""

from __future__ import annotations

import pytest

from consultations.extensions import db
from consultations.follows import services
from consultations.follows.models import Follow
from consultations.follows.tokens import read_unsubscribe, unsubscribe_token


@pytest.fixture
def csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


@pytest.fixture
def followed(world, make_user):
    person = make_user(language="hu")
    person.notification_frequency = "immediate"
    follow = services.follow(person, world.commitment)
    return person, follow


def state(person):
    db.session.refresh(person)
    follows = db.session.scalar(
        db.select(db.func.count(Follow.id)).where(Follow.user_id == person.id)
    )
    return person.notification_frequency, follows


def test_get_shows_both_choices_and_changes_nothing(followed, client):
    person, follow = followed
    token = unsubscribe_token(person.id, follow.id)
    response = client.get(f"/hu/unsubscribe/{token}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="scope" value="follow"' in page and 'name="scope" value="all"' in page
    assert "IL0024" in page
    assert state(person) == ("immediate", 1)


def test_post_stops_this_follow(followed, client, csrf_on):
    person, follow = followed
    token = unsubscribe_token(person.id, follow.id)
    response = client.post(f"/en/unsubscribe/{token}", data={"scope": "follow"})
    assert response.status_code == 200
    assert "You no longer follow" in response.get_data(as_text=True)
    assert state(person) == ("immediate", 0)
    again = client.post(f"/en/unsubscribe/{token}", data={"scope": "follow"})
    assert again.status_code == 200  # a second click is harmless


def test_post_stops_all_notification_mail(followed, client, csrf_on):
    person, follow = followed
    token = unsubscribe_token(person.id, follow.id)
    response = client.post(f"/en/unsubscribe/{token}", data={"scope": "all"})
    assert "We will send you no more notification e-mail." in response.get_data(as_text=True)
    assert state(person) == ("never", 1)


def test_rfc_8058_one_click_post_needs_no_login_or_csrf(followed, client, csrf_on):
    person, follow = followed
    token = unsubscribe_token(person.id, follow.id)
    response = client.post(
        f"/en/unsubscribe/{token}",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert state(person) == ("never", 1)


def test_digest_link_offers_only_stopping_all(followed, client):
    person, _follow = followed
    page = client.get(f"/en/unsubscribe/{unsubscribe_token(person.id)}").get_data(as_text=True)
    assert 'value="follow"' not in page and 'value="all"' in page


@pytest.mark.parametrize("lang", ["en", "hu"])
def test_a_tampered_token_is_refused_with_a_translated_message(followed, client, lang):
    person, follow = followed
    token = unsubscribe_token(person.id, follow.id)
    other = unsubscribe_token(person.id + 1, follow.id)
    forged = other.split(".")[0] + "." + token.split(".")[1]
    for bad in (forged, token[:-2], "not-a-token"):
        assert read_unsubscribe(bad) is None
        response = client.get(f"/{lang}/unsubscribe/{bad}")
        assert response.status_code == 400
        posted = client.post(f"/{lang}/unsubscribe/{bad}", data={"scope": "all"})
        assert posted.status_code == 400
    page = response.get_data(as_text=True)
    if lang == "en":
        assert "This unsubscribe link does not work" in page
    assert state(person) == ("immediate", 1)


def test_a_post_without_a_choice_changes_nothing(followed, client):
    person, follow = followed
    token = unsubscribe_token(person.id, follow.id)
    assert client.post(f"/en/unsubscribe/{token}", data={"scope": "maybe"}).status_code == 400
    assert state(person) == ("immediate", 1)


def test_the_token_of_one_person_cannot_stop_another_persons_follow(
    followed, make_user, client, world
):
    person, follow = followed
    stranger = make_user()
    token = unsubscribe_token(stranger.id, follow.id)  # validly signed, but not theirs
    page = client.get(f"/en/unsubscribe/{token}").get_data(as_text=True)
    assert 'value="follow"' not in page
    client.post(f"/en/unsubscribe/{token}", data={"scope": "follow"})
    assert state(person) == ("immediate", 1)


def test_the_link_in_the_mail_works(world, followed, runner, client):
    from consultations.plans import services as plans
    from consultations.plans.models import Completion

    from helpers import link_in, outbox

    person, _follow = followed
    plans.publish_update(
        world.coordinator,
        world.commitment,
        status=Completion.LIMITED,
        percent_complete=10,
        milestone_states={},
        narratives={"en": "x"},
        evidence="",
    )
    runner.invoke(args=["notify"])
    (mail,) = outbox(person.email)
    path = mail.body.split("http://localhost")[2].split()[0]  # the second link: unsubscribe
    assert path.startswith("/hu/unsubscribe/") and link_in(mail).startswith("/hu/commitments/")
    assert client.get(path).status_code == 200
    assert mail.list_unsubscribe == "http://localhost" + path
