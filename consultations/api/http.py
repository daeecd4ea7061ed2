"""The API's HTTP conventions: query parameters, paginated answers, headers and JSON errors."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode

from flask import Response, jsonify, request
from werkzeug.exceptions import BadRequest, HTTPException, NotFound

from ..pagination import Page
from .queries import Window

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100
# Identifiers are 32-bit integers in every database the site runs on.
MAX_ID = 2_147_483_647
MAX_PAGE = MAX_ID
MAX_KEY_LENGTH = 200

MESSAGES = {
    400: "The request is not valid.",
    403: "This is not allowed.",
    404: "There is nothing at this address. See /api/v1/openapi.json for the endpoints.",
    405: "This address only answers GET (and HEAD and OPTIONS) requests.",
    413: "The request is too large.",
    429: "Too many requests in a short time. Please wait a minute and try again.",
    500: "An error on our side stopped this request. It has been recorded; please try again later.",
}

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Expose-Headers": "Link, X-Total-Count, ETag",
}
CACHE_CONTROL = "public, max-age=60"


class InvalidParameter(BadRequest):
    """A query parameter the API cannot use; the message says which and why."""


def error_response(
    status: int, message: str | None = None, incident: str | None = None
) -> Response:
    """The JSON body every API error has: {"error": {"status": …, "message": …}}, and for a
    failure on our side the "incident" to quote when reporting it."""
    code = status if status in MESSAGES else (500 if status >= 500 else 400)
    error = {"status": status, "message": message or MESSAGES[code]}
    if incident:
        error["incident"] = incident
    response = jsonify(error=error)
    response.status_code = status
    response.headers.update(CORS_HEADERS)
    response.headers["Cache-Control"] = "no-store"
    if status == 405:  # every API address answers only reads
        response.headers["Allow"] = "GET, HEAD, OPTIONS"
    return response


def http_error(error: HTTPException) -> Response:
    """Our own parameter errors keep their message; others get the standard one."""
    if (error.code or 500) >= 500:
        from ..errors import report_failure  # logged under an incident id like any failure

        return report_failure(error)
    message = error.description if isinstance(error, InvalidParameter) else None
    return error_response(error.code or 500, message)


def finish(response: Response) -> Response:
    """CORS for every origin, a short public cache, and conditional GET by ETag."""
    response.headers.update(CORS_HEADERS)
    if response.status_code == 200 and request.method in ("GET", "HEAD"):
        response.headers.setdefault("Cache-Control", CACHE_CONTROL)
        response.add_etag()
        response.make_conditional(request)
    return response


# Query parameters --------------------------------------------------------------------


def _integer(name: str, default: int, maximum: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    # The length first: Python refuses to read a number of more than 4,300 digits.
    too_long = len(raw) > len(str(maximum))
    if not raw.isascii() or not raw.isdigit() or too_long or not 1 <= int(raw) <= maximum:
        raise InvalidParameter(f"'{name}' must be a whole number from 1 to {maximum}.")
    return int(raw)


def parse_moment(raw: str) -> datetime:
    """An ISO 8601 date or date-time; without an offset it is taken as UTC."""
    try:
        value = datetime.fromisoformat(raw.strip().upper())
    except ValueError:
        raise InvalidParameter(
            "'updated_since' must be an ISO 8601 date or date-time, "
            "for example 2026-01-31 or 2026-01-31T09:00:00Z."
        ) from None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:  # an offset that pushes year 1 or 9999 out of range
        return (
            datetime.min.replace(tzinfo=UTC)
            if value.year < 5000
            else datetime.max.replace(tzinfo=UTC)
        )


def window() -> Window:
    """`page`, `per_page` and `updated_since` from the query string."""
    since = request.args.get("updated_since")
    return Window(
        page=_integer("page", 1, MAX_PAGE),
        per_page=_integer("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
        since=parse_moment(since) if since is not None else None,
    )


def text_arg(name: str) -> str:
    """A filter's value ("" when absent)."""
    value = request.args.get(name, "").strip()
    if len(value) > MAX_KEY_LENGTH:
        raise InvalidParameter(f"'{name}' must be at most {MAX_KEY_LENGTH} characters long.")
    return value


def check_key(value: str) -> str:
    """A slug or reference from the path; one no record could have is simply not found."""
    if len(value) > MAX_KEY_LENGTH or "\x00" in value:
        raise NotFound()
    return value


def check_id(value: int) -> int:
    if not 1 <= value <= MAX_ID:
        raise NotFound()
    return value


# Answers -----------------------------------------------------------------------------


def _page_url(number: int, per_page: int) -> str:
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "page"]
    args.append(("page", str(number)))
    if "per_page" not in request.args:
        args.append(("per_page", str(per_page)))
    return f"{request.base_url}?{urlencode(args)}"


def listing(page: Page, items: list[dict]) -> Response:
    """A page of a list: {"data": [...], "meta": {...}}, with Link and X-Total-Count headers."""
    last = max(page.pages, 1)
    links = {"first": _page_url(1, page.per_page)}
    if page.page > 1:
        links["prev"] = _page_url(min(page.page - 1, last), page.per_page)
    if page.page < last:
        links["next"] = _page_url(page.page + 1, page.per_page)
    links["last"] = _page_url(last, page.per_page)
    response = jsonify(
        data=items,
        meta={
            "page": page.page,
            "per_page": page.per_page,
            "total": page.total,
            "pages": last,
        },
        links=links,
    )
    response.headers["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())
    response.headers["X-Total-Count"] = str(page.total)
    return response
