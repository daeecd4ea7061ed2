"""Domain errors, and translated error pages that never show a stack trace."""

from __future__ import annotations

import logging
import secrets

from flask import Flask, jsonify, render_template, request
from flask.globals import request_ctx
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from . import security_log
from .extensions import db
from .security import ControlCharactersRefused

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
CONTROL_CHARACTERS_MESSAGE = _l(
    "This address holds characters that no address on this site has. Please check the link."
)
# Refusals the security log records, by status.
REFUSALS = {403: "forbidden", 429: "rate_limited"}


def render_error(status: int, detail: str | None = None, incident: str | None = None):
    """Render the translated page for `status` (a generic one for codes we do not list);
    a failure on our side names its `incident` so the person can quote it."""
    code = status if status in ERROR_TEXTS else (500 if status >= 500 else 400)
    title, message = ERROR_TEXTS[code]
    if request.path.startswith("/api/"):
        from .api.http import error_response  # the API's own JSON error shape, in English

        return error_response(status, incident=incident)
    if request.path == "/healthz":
        return jsonify(error=str(title), message=str(detail or message), incident=incident), status
    # Without a URL adapter (a Host header outside TRUSTED_HOSTS) no link can be built.
    template = "errors/error.html" if request_ctx.url_adapter else "errors/bare.html"
    page = render_template(
        template,
        status=status,
        title=title,
        message=detail or message,
        incident=incident,
    )
    return page, status


def new_incident() -> str:
    """A short random name for one failure, shown to the person and written to the log."""
    return secrets.token_hex(4)


def report_failure(error: BaseException | None = None):
    """Log a failure with its traceback under a new incident id, then render the 500 page."""
    incident = new_incident()
    log.error(
        "Incident %s: unhandled error on %s %s",
        incident,
        request.method,
        request.path,
        exc_info=error if error is not None else True,
    )
    db.session.rollback()
    security_log.event("server_error", logging.ERROR, incident=incident)
    return render_error(InternalServerError.code, incident=incident)


def init_errors(app: Flask) -> None:
    """Route every failure to a translated page."""

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        from flask_babel import gettext

        return render_error(
            400, gettext("This form has expired. Please go back, reload the page and try again.")
        )

    @app.errorhandler(ControlCharactersRefused)
    def control_characters(error: ControlCharactersRefused):
        if request.path.startswith("/api/"):
            from .api.http import error_response

            return error_response(400, error.description)
        return render_error(400, str(CONTROL_CHARACTERS_MESSAGE))

    @app.errorhandler(PermissionDenied)
    def permission_denied(_error):
        return render_error(403)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if (error.code or 500) >= 500:
            return report_failure(error)
        return render_error(error.code)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        if isinstance(error, HTTPException):
            return http_error(error)
        return report_failure(error)

    @app.after_request
    def log_refusals(response):
        # Every refusal, whichever view, hook or error handler produced it.
        if response.status_code in REFUSALS:
            security_log.event(REFUSALS[response.status_code], logging.WARNING)
        return response
