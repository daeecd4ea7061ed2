"""Rendered pages kept for readers who are not signed in, exactly as long as they are true.

A page read anonymously is kept in the worker's memory with the versions of every table
its rendering read (versions.py). The next anonymous request for the same address is
answered from memory when none of those tables has changed since and the page is younger
than PAGE_CACHE_SECONDS. That age limit bounds what only the clock changes (a consultation
opening, a deadline passing); the services check the clock themselves, so a late page can
only offer a form that then answers with a message.

Never kept: anything for a signed-in person, a page that carries a form token or a
message meant for one reader, a page read while the same transaction holds uncommitted
writes, anything but a complete 200 answer.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass

from flask import Flask, Response, current_app, g, request, session
from sqlalchemy.exc import SQLAlchemyError

from . import versions
from .extensions import db
from .memory import BoundedStore

_EXTENSION = "page_cache"
_STAMP = "page_cache_stamp"  # key in flask.g: (cache key, versions read before rendering)
# Set anew on every answer, kept page or not: cookies, and the rate limiter's counts.
_SKIPPED_HEADERS = frozenset(
    {
        "set-cookie",
        "content-length",
        "retry-after",
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
    }
)


@dataclass(frozen=True)
class Entry:
    # The body compressed (zlib, fastest level): a page then takes a sixth of its size, so
    # the same memory keeps six times the pages, for about 0.1 ms to keep one and 0.03 ms
    # to answer with it (docs/performance.md, "Memory").
    packed: bytes
    headers: tuple[tuple[str, str], ...]
    depends_on: tuple[tuple[str, int | None], ...]
    expires: float

    @classmethod
    def of(
        cls,
        body: bytes,
        headers: tuple[tuple[str, str], ...],
        depends_on: tuple[tuple[str, int | None], ...],
        expires: float,
    ) -> Entry:
        return cls(zlib.compress(body, 1), headers, depends_on, expires)

    def body(self) -> bytes:
        return zlib.decompress(self.packed)

    def is_current(self, now: float, table_versions: dict[str, int]) -> bool:
        return now < self.expires and all(
            table_versions.get(name) == version for name, version in self.depends_on
        )


class PageCache(BoundedStore[Entry]):
    """A bounded store of rendered pages, least recently used first out."""

    def __init__(self, max_bytes: int, seconds: float):
        super().__init__(max_bytes, _entry_size)
        self.seconds = seconds


# Bytes an entry takes beyond its packed body: its key, headers, table versions and the
# objects holding them (measured with tracemalloc over the benchmark's mix: 2.4 KB).
ENTRY_OVERHEAD = 2400


def _entry_size(entry: Entry) -> int:
    return len(entry.packed) + ENTRY_OVERHEAD


def init_page_cache(app: Flask) -> None:
    """Register the hooks; call before other after_request hooks so this one runs last."""
    seconds = app.config["PAGE_CACHE_SECONDS"]
    if seconds <= 0:
        return
    app.extensions[_EXTENSION] = PageCache(app.config["PAGE_CACHE_MEGABYTES"] << 20, seconds)
    app.before_request(_serve_kept_page)
    app.after_request(_keep_page)


def _cache() -> PageCache:
    return current_app.extensions[_EXTENSION]


def never_kept(view):
    """Mark a view whose answer must be computed every time (health checks)."""
    view.never_kept = True
    return view


def _anonymous_request() -> bool:
    if request.method not in ("GET", "HEAD") or request.endpoint in (None, "static"):
        return False
    remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    if remember in request.cookies or _computed_every_time():
        return False
    return "_user_id" not in session and "_flashes" not in session


def _computed_every_time() -> bool:
    # Flask-Limiter checks a route's own limits inside the view: a kept page would skip them.
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, "__wrapper-limiter-instance", None) is not None or hasattr(
        view, "never_kept"
    )


def _serve_kept_page() -> Response | None:
    if not _anonymous_request():
        return None
    try:
        connection = db.session.connection()
        if versions.has_pending_writes(connection):
            return None
        table_versions = versions.current(connection)
    except SQLAlchemyError:  # the page itself decides what to say without a database
        db.session.rollback()
        return None
    key = request.url
    entry = _cache().get(key)
    if entry is not None and entry.is_current(time.monotonic(), table_versions):
        response = Response(entry.body(), headers=list(entry.headers))
        return response.make_conditional(request)
    g.setdefault(_STAMP, (key, table_versions))
    versions.start_recording()
    return None


def versions_read() -> dict[str, int] | None:
    """The table versions read before this anonymous request was rendered, if they were."""
    stamp = g.get(_STAMP)
    return None if stamp is None else stamp[1]


def _keep_page(response: Response) -> Response:
    stamp = g.pop(_STAMP, None)
    reads = versions.recorded_reads()
    if stamp is None or reads is None or not _keepable(response):
        return response
    key, table_versions = stamp
    if versions.has_pending_writes(db.session.connection()):
        return response
    cache = _cache()
    response.add_etag()  # so that a reader who has the page gets 304 next time
    body = response.get_data()
    headers = tuple(
        (name, value) for name, value in response.headers if name.lower() not in _SKIPPED_HEADERS
    )
    depends_on = tuple(sorted((name, table_versions.get(name)) for name in reads))
    cache.put(key, Entry.of(body, headers, depends_on, time.monotonic() + cache.seconds))
    return response


def _keepable(response: Response) -> bool:
    if response.status_code != 200 or request.method != "GET":
        return False
    if response.is_streamed or response.direct_passthrough:
        return False
    cache_control = response.cache_control
    if cache_control.no_store or cache_control.private:
        return False
    token_field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    return token_field not in g and not session.modified and "_flashes" not in session
