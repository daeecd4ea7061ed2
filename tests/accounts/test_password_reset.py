import time

from itsdangerous import TimestampSigner

from consultations.accounts.models import User
from consultations.extensions import db

from helpers import PASSWORD, link_in, login, outbox, page_without_csrf_token

NEW_PASSWORD = "amber-falcon-meadow-77"


def request_reset(client, email, **kwargs):
    return client.post("/en/reset", data={"email": email}, **kwargs)


def set_new_password(client, link, password=NEW_PASSWORD, confirm=None):
    return client.post(link, data={"password": password, "confirm": confirm or password})


def test_reset_request_looks_the_same_for_known_and_unknown_addresses(client, app_ctx, make_user):
    make_user(email="dana@example.org")
    known = request_reset(client, "dana@example.org", follow_redirects=True)
    unknown = request_reset(client, "nobody@example.org", follow_redirects=True)

    assert known.status_code == unknown.status_code == 200
    # Each page carries a form token with the current second: compare them without it.
    assert page_without_csrf_token(known.get_data(as_text=True)) == page_without_csrf_token(
        unknown.get_data(as_text=True)
    )
    assert "If an account uses this address" in known.get_data(as_text=True)
    assert [mail.recipient for mail in outbox()] == ["dana@example.org"]


def test_reset_mail_is_in_the_persons_language(client, app_ctx, make_user):
    make_user(email="dana@example.org", language="he")
    request_reset(client, "dana@example.org")
    (mail,) = outbox()
    assert mail.language == "he"
    assert "/he/reset/" in mail.body


def test_reset_link_sets_a_new_password(client, app_ctx, make_user):
    user = make_user()
    request_reset(client, user.email)
    link = link_in(outbox(user.email)[0])
    assert client.get(link).status_code == 200

    page = set_new_password(client, link)
    assert page.status_code == 302

    assert login(client, user).status_code == 422  # the old password no longer works
    assert login(client, user, password=NEW_PASSWORD).status_code == 302


def test_reset_link_works_only_once(client, app_ctx, make_user):
    user = make_user()
    request_reset(client, user.email)
    link = link_in(outbox(user.email)[0])
    set_new_password(client, link)

    again = client.get(link, follow_redirects=True)
    assert "This link is not valid or has expired. Ask for a new one." in again.get_data(
        as_text=True
    )
    reused = set_new_password(client, link, password="another-pebble-river-55")
    assert reused.status_code == 302
    assert login(client, user, password="another-pebble-river-55").status_code == 422
    assert login(client, user, password=NEW_PASSWORD).status_code == 302


def test_expired_reset_link_is_refused_with_a_clear_message(
    client, app_ctx, make_user, monkeypatch
):
    user = make_user()
    two_hours_ago = int(time.time()) - 2 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(TimestampSigner, "get_timestamp", lambda _self: two_hours_ago)
        request_reset(client, user.email)
    link = link_in(outbox(user.email)[0])

    page = client.get(link, follow_redirects=True)
    assert "This link is not valid or has expired. Ask for a new one." in page.get_data(
        as_text=True
    )
    set_new_password(client, link)
    assert login(client, user).status_code == 302  # the password is unchanged


def test_reset_link_within_the_hour_still_works(client, app_ctx, make_user, monkeypatch):
    user = make_user()
    fifty_minutes_ago = int(time.time()) - 50 * 60
    with monkeypatch.context() as patch:
        patch.setattr(TimestampSigner, "get_timestamp", lambda _self: fifty_minutes_ago)
        request_reset(client, user.email)
    assert set_new_password(client, link_in(outbox(user.email)[0])).status_code == 302


def test_tampered_reset_link_is_refused(client, app_ctx, make_user):
    user = make_user()
    request_reset(client, user.email)
    link = link_in(outbox(user.email)[0])
    tampered = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    response = client.get(tampered)
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/reset"


def test_reset_link_uses_the_public_address_not_the_host_header(client, app_ctx, make_user):
    user = make_user()
    client.post(
        "/en/reset",
        data={"email": user.email},
        headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"},
    )
    (mail,) = outbox(user.email)
    assert "evil.example" not in mail.body
    assert "http://localhost/en/reset/" in mail.body


def test_weak_new_password_is_refused_and_keeps_the_old_one(client, app_ctx, make_user):
    user = make_user()
    request_reset(client, user.email)
    link = link_in(outbox(user.email)[0])

    response = set_new_password(client, link, password="password123456")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "too common or too easy to guess" in page
    assert 'href="#password"' in page
    assert login(client, user).status_code == 302


def test_mismatched_confirmation_is_refused(client, app_ctx, make_user):
    user = make_user()
    request_reset(client, user.email)
    link = link_in(outbox(user.email)[0])
    response = set_new_password(client, link, confirm="amber-falcon-meadow-78")
    assert response.status_code == 422
    assert "The two passwords differ." in response.get_data(as_text=True)
    assert login(client, user).status_code == 302


def test_following_a_reset_link_confirms_the_address(client, app_ctx, make_user):
    user = make_user(verified=False)
    request_reset(client, user.email)
    set_new_password(client, link_in(outbox(user.email)[0]))
    assert db.session.get(User, user.id).is_verified


def test_reset_link_of_a_changed_password_stops_working(client, app_ctx, make_user):
    user = make_user()
    request_reset(client, user.email)
    link = link_in(outbox(user.email)[0])
    login(client, user)
    client.post(
        "/en/account/password",
        data={"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    client.post("/en/logout")

    set_new_password(client, link, password="another-pebble-river-55")
    assert login(client, user, password=NEW_PASSWORD).status_code == 302
