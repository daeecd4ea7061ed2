"""Signed links for e-mail verification and password reset."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from .models import User

VERIFY_SALT = "email-verify"
RESET_SALT = "password-reset"


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def verification_token(user: User) -> str:
    return _serializer(VERIFY_SALT).dumps({"u": user.id, "e": user.email})


def reset_token(user: User) -> str:
    # Bound to the current password, so the link stops working once it has been used.
    return _serializer(RESET_SALT).dumps({"u": user.id, "p": user.password_hash[-16:]})


def read_verification(token: str) -> tuple[int, str] | None:
    data = _load(token, VERIFY_SALT, current_app.config["EMAIL_VERIFY_MAX_AGE"])
    return (data["u"], data["e"]) if data else None


def read_reset(token: str) -> tuple[int, str] | None:
    data = _load(token, RESET_SALT, current_app.config["PASSWORD_RESET_MAX_AGE"])
    return (data["u"], data["p"]) if data else None


def _load(token: str, salt: str, max_age: int) -> dict | None:
    try:
        data = _serializer(salt).loads(token, max_age=max_age)
    except BadSignature:  # also covers an expired signature
        return None
    return data if isinstance(data, dict) else None
