"""The security log: one JSON line per sign-in, refusal, role change, suspension or failure.

Events go to the `consultations.security` logger, whose own handler writes each one as a
single JSON object on standard error (so gunicorn's, systemd's or a container's log
collection picks them up beside the rest of the application log). Every event carries the
time, the event name and, inside a request, the person's account number, the endpoint, the
path, the method and the client's address (after TRUSTED_PROXIES, as the rest of the app
sees it). Never logged: passwords, tokens (a token in the path is replaced by "…"),
session or cookie values, query strings and full e-mail addresses (an address is masked to
its first character and its domain).
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from flask import g, has_request_context, request

LOGGER_NAME = "consultations.security"
log = logging.getLogger(LOGGER_NAME)


class JsonLineFormatter(logging.Formatter):
    """The record's message is already JSON; put nothing around it."""

    def format(self, record: logging.LogRecord) -> str:
        return record.getMessage()


class StandardErrorHandler(logging.StreamHandler):
    """Writes to whatever standard error is when the event happens."""

    security_log = True

    def __init__(self):
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass


def init_security_log() -> None:
    """Give the security logger its own handler (once per process), writing to stderr."""
    if any(getattr(handler, "security_log", False) for handler in log.handlers):
        return
    handler = StandardErrorHandler()
    handler.setFormatter(JsonLineFormatter())
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False  # one line per event, not a second one in the plain format


def mask_email(address: str | None) -> str | None:
    """`j***@example.org`: enough to see a pattern, not enough to name the person."""
    if not address:
        return None
    local, _at, domain = address.strip().rpartition("@")
    if not local:
        return "***"
    return f"{local[0]}***@{domain[:100]}"


def _acting_user_id() -> int | None:
    # Only a person already loaded for this request: logging must never query the database.
    user = g.get("_login_user")
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.id


def _request_fields() -> dict:
    if not has_request_context():
        return {}
    return {
        "user_id": _acting_user_id(),
        "ip": request.remote_addr,
        "method": request.method,
        "endpoint": request.endpoint,
        "path": _path_without_token()[:500],
    }


def _path_without_token() -> str:
    # Links from e-mails carry their token in the path (verify, reset, unsubscribe).
    token = (request.view_args or {}).get("token")
    return request.path.replace(token, "…") if token else request.path


def event(name: str, level: int = logging.INFO, **fields) -> None:
    """Write one event; `fields` must hold only ids, masked addresses and plain words."""
    entry = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "level": logging.getLevelName(level).lower(),
        "event": name,
        **_request_fields(),
        **fields,
    }
    log.log(level, json.dumps(entry, ensure_ascii=False, default=str))


def login_succeeded(account_id: int) -> None:
    event("login.succeeded", account_id=account_id)


def login_failed(email: str, account_id: int | None) -> None:
    """`account_id` is the account the address belongs to, if any."""
    event("login.failed", logging.WARNING, email=mask_email(email), account_id=account_id)


def account_changed(action: str, actor_id: int, account_id: int, **details) -> None:
    """A role granted or withdrawn, an account suspended or let back in (`details`: role …)."""
    event(action, logging.WARNING, actor_id=actor_id, account_id=account_id, **details)
