"""E-mailed links point at PUBLIC_URL, never at the request's Host; in development, say
once when the site is served somewhere else, or the links in confirmation mails lead
nowhere."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Flask, request

log = logging.getLogger(__name__)


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc.lower()


def init_public_url_check(app: Flask) -> None:
    if app.config["PRODUCTION"]:
        return
    checked = False

    @app.before_request
    def warn_once_when_public_url_differs():
        nonlocal checked
        if checked:
            return
        checked = True
        public = app.config["PUBLIC_URL"]
        if _origin(public) != _origin(request.host_url):
            log.warning(
                "PUBLIC_URL is %s but this site is served at %s: links in e-mails (account "
                "confirmation, password reset, notices) will point at PUBLIC_URL. Set "
                "PUBLIC_URL to the address people use.",
                public,
                request.host_url.rstrip("/"),
            )
