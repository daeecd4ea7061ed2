"""Signed unsubscribe links: they need no login and work for as long as the e-mail is kept."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

UNSUBSCRIBE_SALT = "follows-unsubscribe"


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    follow_id: int | None  # the follow that brought the e-mail; None for replies and digests


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user_id: int, follow_id: int | None = None) -> str:
    return _serializer().dumps({"u": user_id, "f": follow_id or 0})


def read_unsubscribe(token: str) -> Unsubscribe | None:
    """What a token stands for, or None when it was altered or never ours."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    follow_id = data.get("f")
    return Unsubscribe(data["u"], follow_id if isinstance(follow_id, int) and follow_id else None)
