"""Rate-limit keys: per address and per account, so neither can be hammered."""

from flask import request
from flask_limiter.util import get_remote_address
from flask_login import current_user

from .services import normalise_email

PER_IP = "20 per minute;200 per day"
PER_ACCOUNT = "5 per minute;30 per hour"


def account_key() -> str:
    """The submitted e-mail address (or the signed-in person), whatever the caller's IP."""
    email = normalise_email(request.form.get("email", ""))
    return f"account:{email}" if email else f"ip:{get_remote_address()}"


def person_key() -> str:
    """The signed-in person, for forms that ask them for their password again."""
    return f"user:{current_user.id}"
