"""Response headers that every page carries, and the one rule for return addresses."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, request, url_for
from flask_login import current_user

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
# Pages no browser or proxy may keep a copy of, even for someone not signed in.
NO_STORE_ENDPOINTS = frozenset(
    {
        "accounts.login",
        "accounts.reauthenticate",
        "accounts.register",
        "accounts.request_reset",
        "accounts.reset_password",
    }
)
STAFF_BLUEPRINTS = frozenset({"admin", "staff", "importing", "consultation_staff"})


def init_security(app: Flask) -> None:
    """Add the security headers to every response."""

    @app.after_request
    def security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if app.config["PRODUCTION"]:
            headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
        if _private_page():
            headers["Cache-Control"] = "no-store"
        return response


def _private_page() -> bool:
    """A page for one signed-in person, a staff page, or a page with a password field."""
    if request.endpoint == "static":
        return False
    return (
        request.endpoint in NO_STORE_ENDPOINTS
        or request.blueprint in STAFF_BLUEPRINTS
        or current_user.is_authenticated
    )


def safe_next(target: str | None) -> str:
    """Return `target` when it is a path on this site, else the home page."""
    if target and _is_local_path(target):
        return target
    return url_for("main.home")


def _is_local_path(target: str) -> bool:
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return False
    if any(ord(char) < 0x21 or char == "\\" for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc
