"""Domain errors, and translated error pages that never show a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .extensions import db

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A rule of the domain said no; services raise these, views turn them into pages."""

    status_code = 400


class FieldRejected(DomainError):
    """Input a rule refuses; `field` names the form field the message belongs to."""

    status_code = 422

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class PermissionDenied(DomainError):
    """The acting person may not do this."""

    status_code = 403


ERROR_TEXTS = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Please go back and try again."),
    ),
    403: (_l("Not allowed"), _l("You do not have permission to do this.")),
    404: (_l("Page not found"), _l("There is no page at this address. It may have moved.")),
    405: (_l("Method not allowed"), _l("This address does not accept that kind of request.")),
    413: (_l("Too much data"), _l("What you sent is larger than this site accepts.")),
    429: (
        _l("Too many requests"),
        _l("You have made too many requests in a short time. Please wait a minute and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An error on our side stopped this page. It has been recorded; please try again later."),
    ),
}


def render_error(status: int, detail: str | None = None):
    """Render the translated page for `status` (a generic one for codes we do not list)."""
    code = status if status in ERROR_TEXTS else (500 if status >= 500 else 400)
    title, message = ERROR_TEXTS[code]
    if request.path.startswith("/api/"):
        from .api.http import error_response  # the API's own JSON error shape, in English

        return error_response(status)
    if request.path == "/healthz":
        return jsonify(error=str(title), message=str(detail or message)), status
    return (
        render_template("errors/error.html", status=status, title=title, message=detail or message),
        status,
    )


def init_errors(app: Flask) -> None:
    """Route every failure to a translated page."""

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        from flask_babel import gettext

        return render_error(
            400, gettext("This form has expired. Please go back, reload the page and try again.")
        )

    @app.errorhandler(PermissionDenied)
    def permission_denied(_error):
        return render_error(403)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return render_error(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        if isinstance(error, HTTPException):
            return http_error(error)
        log.exception("Unhandled error on %s %s", request.method, request.path)
        db.session.rollback()
        return render_error(InternalServerError.code)
