"""Every kind of signed link the site e-mails: valid up to its age limit to the second,
refused one second later, refused when altered, and never accepted as another kind."""

from __future__ import annotations

import time

import pytest
from itsdangerous import TimestampSigner, URLSafeSerializer, URLSafeTimedSerializer

from consultations.accounts import services, tokens
from consultations.accounts.models import User
from consultations.extensions import db
from consultations.follows import tokens as follow_tokens

T0 = int(time.time())

# kind: (make a token for a person, read it back, the setting with its age limit)
TIMED = {
    "verification": (tokens.verification_token, tokens.read_verification, "EMAIL_VERIFY_MAX_AGE"),
    "reset": (tokens.reset_token, tokens.read_reset, "PASSWORD_RESET_MAX_AGE"),
}
SALTS = {
    tokens.VERIFY_SALT: "verification",
    tokens.RESET_SALT: "reset",
    follow_tokens.UNSUBSCRIBE_SALT: "unsubscribe",
    tokens.FORM_SALT: "registration form",
}


def at(monkeypatch, moment: int) -> None:
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda _self: moment)


def altered(token: str) -> list[str]:
    """The token with one character changed in its data, and in its signature."""
    middle, end = len(token) // 3, len(token) - 2

    def flip(i):
        return token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1 :]

    return [flip(middle), flip(end), token + "x", token[:-1], ""]


def test_every_kind_of_signed_link_is_tested_here():
    declared = {
        value
        for module in (tokens, follow_tokens)
        for name, value in vars(module).items()
        if name.endswith("_SALT")
    }
    assert declared == set(SALTS)


@pytest.mark.parametrize("kind", TIMED)
def test_a_timed_link_works_up_to_its_age_limit_to_the_second(app, app_ctx, make_user, kind):
    make, read, setting = TIMED[kind]
    user = make_user()
    max_age = app.config[setting]
    with pytest.MonkeyPatch.context() as patch:
        at(patch, T0)
        token = make(user)
        at(patch, T0 + max_age)
        assert read(token) is not None
        assert read(token)[0] == user.id
        at(patch, T0 + max_age + 1)
        assert read(token) is None


def test_the_limits_are_a_week_for_verification_and_an_hour_for_reset(app):
    assert app.config["EMAIL_VERIFY_MAX_AGE"] == 7 * 24 * 3600
    assert app.config["PASSWORD_RESET_MAX_AGE"] == 3600


@pytest.mark.parametrize("kind", TIMED)
def test_an_altered_timed_link_is_refused(app_ctx, make_user, kind):
    make, read, _setting = TIMED[kind]
    token = make(make_user())
    assert read(token) is not None
    for bad in altered(token):
        assert read(bad) is None, bad


@pytest.mark.parametrize("kind", TIMED)
def test_a_timed_link_signed_with_another_key_is_refused(app, app_ctx, make_user, kind):
    make, read, _setting = TIMED[kind]
    user = make_user()
    token = make(user)
    app.config["SECRET_KEY"], key = "another-secret", app.config["SECRET_KEY"]
    try:
        assert read(token) is None
    finally:
        app.config["SECRET_KEY"] = key


def test_one_kind_of_link_is_never_read_as_another(app_ctx, make_user):
    user = make_user()
    verification, reset = tokens.verification_token(user), tokens.reset_token(user)
    unsubscribe = follow_tokens.unsubscribe_token(user.id, 3)
    assert tokens.read_reset(verification) is None
    assert tokens.read_verification(reset) is None
    assert tokens.read_verification(unsubscribe) is None
    assert tokens.read_reset(unsubscribe) is None
    assert follow_tokens.read_unsubscribe(verification) is None
    assert follow_tokens.read_unsubscribe(reset) is None


def test_a_verification_link_names_the_address_it_was_sent_to(app_ctx, make_user):
    user = make_user(email="dana@example.org")
    assert tokens.read_verification(tokens.verification_token(user)) == (
        user.id,
        "dana@example.org",
    )


def test_a_reset_link_is_bound_to_the_current_password(app_ctx, make_user):
    user = make_user()
    assert tokens.read_reset(tokens.reset_token(user)) == (user.id, user.password_hash[-16:])


def test_verification_on_the_last_second_confirms_the_address(app, app_ctx, make_user):
    user = make_user(verified=False)
    with pytest.MonkeyPatch.context() as patch:
        at(patch, T0)
        token = tokens.verification_token(user)
        at(patch, T0 + app.config["EMAIL_VERIFY_MAX_AGE"] + 1)
        assert services.verify_email(token) is None
        at(patch, T0 + app.config["EMAIL_VERIFY_MAX_AGE"])
        assert services.verify_email(token) is not None
    assert db.session.get(User, user.id).email_verified_at is not None


def test_an_unsubscribe_link_never_expires(app_ctx, monkeypatch):
    token = follow_tokens.unsubscribe_token(5, 9)
    monkeypatch.setattr(time, "time", lambda: T0 + 20 * 365 * 24 * 3600)
    assert follow_tokens.read_unsubscribe(token) == follow_tokens.Unsubscribe(5, 9)


def test_an_unsubscribe_link_without_a_follow_stands_for_every_mail(app_ctx):
    token = follow_tokens.unsubscribe_token(5)
    assert follow_tokens.read_unsubscribe(token) == follow_tokens.Unsubscribe(5, None)


def test_an_altered_unsubscribe_link_is_refused(app_ctx):
    token = follow_tokens.unsubscribe_token(5, 9)
    for bad in altered(token):
        assert follow_tokens.read_unsubscribe(bad) is None, bad


@pytest.mark.parametrize(
    "payload", [[5, 9], {"u": "5", "f": 9}, {"f": 9}, "5", {"u": None}], ids=repr
)
def test_a_signed_unsubscribe_payload_of_the_wrong_shape_is_refused(app, app_ctx, payload):
    serializer = URLSafeSerializer(app.config["SECRET_KEY"], salt=follow_tokens.UNSUBSCRIBE_SALT)
    assert follow_tokens.read_unsubscribe(serializer.dumps(payload)) is None


@pytest.mark.parametrize(("follow", "expected"), [(0, None), ("9", None), (None, None), (9, 9)])
def test_an_unsubscribe_links_follow_is_a_positive_number_or_none(app, app_ctx, follow, expected):
    serializer = URLSafeSerializer(app.config["SECRET_KEY"], salt=follow_tokens.UNSUBSCRIBE_SALT)
    read = follow_tokens.read_unsubscribe(serializer.dumps({"u": 5, "f": follow}))
    assert read == follow_tokens.Unsubscribe(5, expected)


@pytest.mark.parametrize("kind", TIMED)
@pytest.mark.parametrize("payload", [[5, "a@example.org"], "5", 5], ids=repr)
def test_a_signed_timed_payload_that_is_not_a_record_is_refused(app, app_ctx, kind, payload):
    _make, read, _setting = TIMED[kind]
    salt = {"verification": tokens.VERIFY_SALT, "reset": tokens.RESET_SALT}[kind]
    serializer = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=salt)
    assert read(serializer.dumps(payload)) is None


def test_the_registration_form_token_says_how_long_ago_the_form_was_shown(app_ctx):
    shown = tokens.form_shown_token(time.time() - 10)
    assert 10 <= tokens.seconds_since_form_shown(shown) < 11
    assert 0 <= tokens.seconds_since_form_shown(tokens.form_shown_token()) < 1


def test_an_altered_or_foreign_registration_form_token_is_refused(app_ctx, make_user):
    shown = tokens.form_shown_token(time.time() - 60)
    for bad in altered(shown):
        assert tokens.seconds_since_form_shown(bad) is None, bad
    assert tokens.seconds_since_form_shown(None) is None
    user = make_user()
    for other in (tokens.verification_token(user), tokens.reset_token(user)):
        assert tokens.seconds_since_form_shown(other) is None
    assert tokens.read_verification(shown) is None and tokens.read_reset(shown) is None


@pytest.mark.parametrize("data", [{"t": "yesterday"}, {"t": None}, {}, [1], 5])
def test_a_registration_form_token_without_a_moment_is_refused(app_ctx, data):
    signed = tokens._serializer(tokens.FORM_SALT).dumps(data)
    assert tokens.seconds_since_form_shown(signed) is None
