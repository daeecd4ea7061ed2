"""How long a session lasts, and when it is fresh enough for a powerful act.

A session's id, kept by Flask-Login in the session and in the remember-me cookie (both
signed), is "<user id>:<session token>:<started>:<last seen>", the times in whole seconds
since the epoch. A staff session (anyone holding a role) ends STAFF_IDLE_MINUTES after its
last request and STAFF_SESSION_HOURS after the log-in, remember-me or not; a citizen's
session lasts as it always has.

Granting roles, suspending people, administering agencies and plans, importing and
deleting an account need a log-in, or the password typed again, within REAUTH_MINUTES:
a session restored from the remember-me cookie is never fresh.
"""

from __future__ import annotations

from datetime import timedelta
from functools import wraps
from typing import NamedTuple
from urllib.parse import urlsplit

from flask import Flask, current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import (
    LoginManager,
    confirm_login,
    current_user,
    login_fresh,
    login_user,
    logout_user,
)
from flask_login.config import COOKIE_NAME

from ..clock import now
from ..security import safe_next
from .models import Role, User

FRESH_AT = "_fresh_at"  # session key: when the password was last typed
_EXPIRED = "staff_session_expired"  # flask.g key set by the user loader
STAFF_ROLES = frozenset(Role)


class SessionId(NamedTuple):
    user_id: int
    token: str
    started: int | None
    seen: int | None


def _seconds() -> int:
    return int(now().timestamp())


def is_staff(user: User) -> bool:
    return any(grant.role in STAFF_ROLES for grant in user.roles)


def session_id(user: User, started: int, seen: int) -> str:
    return f"{user.get_id()}:{started}:{seen}"


def parse_id(value: str) -> SessionId | None:
    """The parts of a session id; ids from before the times were added have none."""
    parts = value.split(":")
    if len(parts) not in (2, 4) or not all(part.isdigit() for part in parts[:1] + parts[2:]):
        return None
    times = [int(part) for part in parts[2:]] or [None, None]
    return SessionId(int(parts[0]), parts[1], *times) if parts[1] else None


def staff_session_current(parsed: SessionId) -> bool:
    """Whether a staff session is within its idle period and its absolute lifetime."""
    if parsed.started is None or parsed.seen is None:
        return False
    config, moment = current_app.config, _seconds()
    return (
        moment - parsed.started <= config["STAFF_SESSION_HOURS"] * 3600
        and moment - parsed.seen <= config["STAFF_IDLE_MINUTES"] * 60
    )


def mark_expired() -> None:
    """Note that this request's staff session ran out, so it is ended with a message."""
    g.setdefault(_EXPIRED, True)


def start_session(user: User, remember: bool) -> None:
    """Log `user` in on this browser: a fresh session, its clock starting now."""
    moment = _seconds()
    lifetime = timedelta(hours=current_app.config["STAFF_SESSION_HOURS"])
    login_user(user, remember=remember, duration=lifetime if is_staff(user) else None)
    session["_user_id"] = session_id(user, started=moment, seen=moment)
    session[FRESH_AT] = moment


def confirm_password_typed() -> None:
    """The password was typed again: powerful acts are allowed for REAUTH_MINUTES."""
    confirm_login()
    session[FRESH_AT] = _seconds()


def fresh_login_required(view=None, *, methods: tuple[str, ...] | None = None):
    """Like Flask-Login's decorator, for every method or only for `methods` (the changes)."""

    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if methods is None or request.method in methods:
                if not current_user.is_authenticated:
                    return current_app.login_manager.unauthorized()
                if not login_fresh():
                    return current_app.login_manager.needs_refresh()
            return view(*args, **kwargs)

        return wrapped

    return decorate(view) if view is not None else decorate


def _remember_cookie() -> str:
    return current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME)


def _keep_session_current() -> None:
    """Before each request: end a run-out staff session, age freshness, note activity."""
    if request.endpoint == "static":
        return  # a stylesheet neither needs the person nor counts as their activity
    if "_user_id" not in session and _remember_cookie() not in request.cookies:
        return
    user = current_user._get_current_object()
    if not user.is_authenticated:
        if g.pop(_EXPIRED, False):
            logout_user()  # the remember-me cookie goes too
            session.pop(FRESH_AT, None)
            flash(_("For safety, staff sessions end after a while. Please log in again."), "info")
        return
    moment = _seconds()
    fresh_at = session.get(FRESH_AT)
    too_old = current_app.config["REAUTH_MINUTES"] * 60
    if session.get("_fresh") and (fresh_at is None or moment - fresh_at > too_old):
        session["_fresh"] = False
    if is_staff(user):
        _note_activity(user, moment)


def _note_activity(user: User, moment: int) -> None:
    parsed = parse_id(session.get("_user_id", ""))
    if parsed is None or parsed.started is None or parsed.seen == moment:
        return
    session["_user_id"] = session_id(user, started=parsed.started, seen=moment)
    if _remember_cookie() in request.cookies and session.get("_remember") != "clear":
        # The cookie carries the new time too, and lapses when the session's lifetime ends.
        lifetime = current_app.config["STAFF_SESSION_HOURS"] * 3600
        session["_remember"] = "set"
        session["_remember_seconds"] = max(parsed.started + lifetime - moment, 0)


def _return_path() -> str:
    """Where to come back after the password: this page, or for a form the page it was on."""
    if request.method in ("GET", "HEAD"):
        return safe_next(request.full_path.rstrip("?"))
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc != request.host:
        return safe_next(None)
    return safe_next(referrer.path + (f"?{referrer.query}" if referrer.query else ""))


def _ask_for_password():
    manager = current_app.login_manager
    flash(str(manager.needs_refresh_message), manager.needs_refresh_message_category)
    return redirect(url_for(manager.refresh_view, next=_return_path()))


def init_sessions(app: Flask, login_manager: LoginManager) -> None:
    login_manager.needs_refresh_handler(_ask_for_password)
    app.before_request(_keep_session_current)
