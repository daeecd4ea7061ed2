"""The request's edge: what every request must be to reach a view, the headers every
response carries, and the one rule for return addresses.

- Numbers in paths: the `int` converter takes only values an identifier column can hold
  (a signed 32-bit integer, PostgreSQL's `integer`, which refuses even to compare with a
  larger one), so a larger one is a plain 404 before any view or database sees it.
- Control characters (U+0000–U+001F but tab, line feed and carriage return, and U+007F):
  refused with 400 in the path and the query string, where no real address has them;
  removed from posted form fields and JSON bodies, where a pasted text may carry a stray
  one. PostgreSQL refuses text holding NUL, so none reaches the database.
- Host: with TRUSTED_HOSTS set (the host of PUBLIC_URL in production) Flask refuses any
  other Host header with 400 before routing, so no link the site builds carries a forged
  host.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Flask, Request, request, url_for
from flask_login import current_user
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

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
STAFF_BLUEPRINTS = frozenset({"admin", "staff", "importing", "consultation_staff", "today"})


# Every number in a path is an identifier, and identifiers are `integer` columns.
MAX_PATH_INTEGER = 2**31 - 1
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ControlCharactersRefused(BadRequest):
    """The path or query string holds a control character."""

    description = "Addresses and query parameters must not contain control characters (NUL …)."


class BoundedIntegerConverter(IntegerConverter):
    """`<int:…>` that matches only what a database integer column can be compared with."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_PATH_INTEGER)
        super().__init__(map, *args, **kwargs)


def without_control_characters(value):
    """`value` (a string, or a list or dict of them, as JSON gives) with control characters
    other than tab and line breaks removed."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    if isinstance(value, list):
        return [without_control_characters(item) for item in value]
    if isinstance(value, dict):
        return {
            without_control_characters(key): without_control_characters(item)
            for key, item in value.items()
        }
    return value


class SiteRequest(Request):
    """A request whose form fields and JSON body hold no control characters."""

    def _load_form_data(self) -> None:
        super()._load_form_data()
        form = self.__dict__["form"]
        pairs = list(form.items(multi=True))
        if any(CONTROL_CHARACTERS.search(key + value) for key, value in pairs):
            self.__dict__["form"] = self.parameter_storage_class(
                [
                    (without_control_characters(key), without_control_characters(value))
                    for key, value in pairs
                ]
            )

    def get_json(self, *args, **kwargs):
        return without_control_characters(super().get_json(*args, **kwargs))


def refuse_control_characters() -> None:
    """A path or query string holding a control character is no address of this site."""
    texts = [request.path, *(key + value for key, value in request.args.items(multi=True))]
    if any(CONTROL_CHARACTERS.search(text) for text in texts):
        raise ControlCharactersRefused()


def init_security(app: Flask) -> None:
    """Clean what comes in before any other hook sees it; add the security headers."""
    app.request_class = SiteRequest
    hosts = app.config["TRUSTED_HOSTS"]
    public_host = urlsplit(app.config["PUBLIC_URL"]).hostname
    if hosts is not None and public_host and public_host not in hosts:
        # E-mailed links are built on PUBLIC_URL's host, so it is always trusted.
        app.config["TRUSTED_HOSTS"] = [*hosts, public_host]
    app.url_map.converters["int"] = BoundedIntegerConverter  # before any route is added
    # First of all before_request hooks: the rate limiter and kept pages come after.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_control_characters)

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
