"""Every write to accounts: registration, verification, sign-in, passwords, profile."""

from __future__ import annotations

import hmac

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import security_log
from ..clock import now
from ..errors import FieldRejected
from ..extensions import db
from ..i18n import force_locale
from ..mail.services import absolute_url, queue_mail
from . import passwords, rules, tokens
from .models import User, deleted_account_name, new_session_token
from .passwords import hash_password, needs_rehash, verify_password

# A value the rules refuse; `field` names the form field it belongs to.
AccountRejected = FieldRejected


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def check_display_name(name: str, user: User | None = None) -> str:
    """Return the normalised name, or raise when it is unusable or looks like a taken one."""
    name = rules.normalise_display_name(name)
    problem = rules.display_name_problem(name)
    if problem:
        raise AccountRejected("display_name", problem)
    key = rules.name_key(name)
    taken = db.session.scalar(select(User.id).where(User.name_key == key))
    if key in _reserved_name_keys() or (taken is not None and (user is None or taken != user.id)):
        raise AccountRejected("display_name", rules.name_taken_message())
    return name


def _reserved_name_keys() -> set[str]:
    """What the site itself signs as, in every language: nobody may pass for it."""
    keys = set()
    for lang in current_app.config["LANGUAGES"]:
        with force_locale(lang):
            keys.add(rules.name_key(deleted_account_name()))
    return keys


def check_password(password: str, email: str, name: str) -> None:
    problem = rules.password_problem(password, [email, name, *email.split("@")])
    if problem:
        raise AccountRejected("password", problem)


def register(display_name: str, email: str, password: str, language: str) -> User | None:
    """Create an unverified account and mail a verification link.

    An address that already has an account gets a notice instead, and the caller sees the
    same result either way, so registration never reveals who is registered.
    """
    email = normalise_email(email)
    # Checked before looking the address up, so a refusal never depends on who is registered.
    name = check_display_name(display_name)
    check_password(password, email, name)
    # Hashed before the look-up too, so a known address is answered as slowly as a new one.
    password_hash = hash_password(password)
    existing = find_by_email(email)
    if existing:
        queue_mail(
            existing.email,
            "already_registered",
            existing.language,
            login_url=absolute_url("accounts.login", lang=existing.language),
            reset_url=absolute_url("accounts.request_reset", lang=existing.language),
        )
        db.session.commit()
        return None
    user = User(
        email=email,
        display_name=name,
        name_key=rules.name_key(name),
        password_hash=password_hash,
        language=language,
        terms_accepted_at=now(),
    )
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError as error:  # a concurrent registration took the name or address
        db.session.rollback()
        raise AccountRejected("display_name", rules.name_taken_message()) from error
    _queue_verification(user)
    db.session.commit()
    return user


def _queue_verification(user: User) -> None:
    queue_mail(
        user.email,
        "verify_email",
        user.language,
        name=user.display_name,
        verify_url=absolute_url(
            "accounts.verify_email", lang=user.language, token=tokens.verification_token(user)
        ),
    )


def resend_verification(user: User) -> None:
    """Mail a fresh verification link to a signed-in, unverified person."""
    if not user.is_verified:
        _queue_verification(user)
        db.session.commit()


def verify_email(token: str) -> User | None:
    """Mark the address in a valid link as verified; None when the link is bad or stale."""
    data = tokens.read_verification(token)
    if not data:
        return None
    user = db.session.get(User, data[0])
    if not user or user.email != data[1]:
        return None
    if not user.is_verified:
        user.email_verified_at = now()
        db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The account these credentials open, or None, taking the same time either way."""
    user = find_by_email(email)
    matches = verify_password(user.password_hash if user else passwords.DUMMY_HASH, password)
    if not matches or user is None or user.deleted_at is not None:
        security_log.login_failed(email, user.id if user else None)
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = now()
    db.session.commit()
    security_log.login_succeeded(user.id)
    return user


def password_matches(user: User, password: str) -> bool:
    """Whether a signed-in person typed their own password again."""
    return verify_password(user.password_hash, password)


def request_password_reset(email: str) -> None:
    """Mail a reset link if the address has an account; say nothing either way."""
    user = find_by_email(email)
    if user is None:
        return
    queue_mail(
        user.email,
        "reset_password",
        user.language,
        name=user.display_name,
        reset_url=absolute_url(
            "accounts.reset_password", lang=user.language, token=tokens.reset_token(user)
        ),
    )
    db.session.commit()


def user_for_reset(token: str) -> User | None:
    """The account a reset link belongs to, while the link is fresh and unused."""
    data = tokens.read_reset(token)
    if not data:
        return None
    user = db.session.get(User, data[0])
    if not user or not hmac.compare_digest(user.password_hash[-16:], data[1]):
        return None
    return user


def set_password(user: User, password: str) -> None:
    """Replace the password and end every session of this person."""
    check_password(password, user.email, user.display_name)
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()
    # Following a reset link proves the person reads mail at this address.
    if user.email_verified_at is None:
        user.email_verified_at = now()
    db.session.commit()


def change_password(user: User, current: str, new: str) -> None:
    """Change the password after checking the current one; other sessions end."""
    if not verify_password(user.password_hash, current):
        raise AccountRejected("current_password", _("The current password is not correct."))
    set_password(user, new)


def update_profile(
    user: User, display_name: str, language: str, response_mail: bool | None = None
) -> None:
    """Save the name, the language and (when given) whether responses are e-mailed."""
    name = check_display_name(display_name, user)
    user.display_name = name
    user.name_key = rules.name_key(name)
    user.language = language
    if response_mail is not None:
        user.response_mail = response_mail
    db.session.commit()


def end_sessions(user: User) -> None:
    """Invalidate every session cookie and remember-me cookie this person holds."""
    user.session_token = new_session_token()
    db.session.commit()
