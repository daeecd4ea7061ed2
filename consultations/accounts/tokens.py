"""Signed links for e-mail verification and password reset."""

from __future__ import annotations

import time

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from .models import User

VERIFY_SALT = "email-verify"
RESET_SALT = "password-reset"
FORM_SALT = "registration-form"


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def verification_token(user: User) -> str:
    return _serializer(VERIFY_SALT).dumps({"u": user.id, "e": user.email})


def reset_token(user: User) -> str:
    # Bound to the current password, so the link stops working once it has been used.
    return _serializer(RESET_SALT).dumps({"u": user.id, "p": user.password_hash[-16:]})


def form_shown_token(moment: float | None = None) -> str:
    """When the registration form was shown (now, unless `moment` is given), signed."""
    return _serializer(FORM_SALT).dumps({"t": time.time() if moment is None else moment})


def seconds_since_form_shown(token: str) -> float | None:
    """How long ago the form carrying `token` was shown; None for a missing or forged one."""
    try:
        data = _serializer(FORM_SALT).loads(token or "")
    except BadSignature:
        return None
    moment = data.get("t") if isinstance(data, dict) else None
    return time.time() - moment if isinstance(moment, int | float) else None


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
