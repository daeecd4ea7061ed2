"""Rendered fragments of records that do not change, for every reader: signed in or not.

A page is kept whole only for anonymous readers (pagecache.py); a fragment is the part of a
page that one record shows the same way to everybody in a language — a published comment's
author, date, stance and text, a progress update's facts and narrative — rendered once and
kept in the worker's memory (least recently used first out, FRAGMENT_CACHE_MEGABYTES).
What one reader alone sees (reply, edit, flag buttons; a held comment's text) stays outside.

A fragment is found by its kind, its record's id and the language, and used only while its
stamp — made of everything it shows — is unchanged: a change of any of them makes a new
stamp, and the next rendering replaces the kept fragment. The store keeps one fragment per
record and language, as UTF-8 with the stamp's hash: a fragment costs about 700 bytes
instead of 1,500 with its HTML as text (two bytes a character as soon as one is not Latin)
and its stamp's values, so twice as many are kept in the same memory. Two stamps of one
record that hash alike (one chance in 2**64 per change) would show the record's earlier
rendering; no other record's. Stamps are made of:

- row values, for tables that are written all day (comments, people): the values the page
  loaded anyway, such as the comment's state, edit time, text hash and author's name. The
  fragment is a function of them alone, so it needs no invalidation at all;
- table versions (versions.py), for the rarely written tables a record's fragment reads
  beyond its row (its translations, its agency's name, the links' archived copies): read
  once per request before the records (`pin_versions`), in the same transaction, so a
  fragment is never stamped with versions older than what it shows.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from flask import Flask, current_app, g, request
from markupsafe import Markup

from . import pagecache, versions
from .extensions import db
from .i18n import current_language
from .memory import BoundedStore

_EXTENSION = "fragments"
_RESULTS = "kept_results"  # key in app.extensions: kept_result's values
KEPT_RESULTS = 4096  # values kept at most, least recently used first out
_PINNED = "fragment_versions"  # key in flask.g: the table versions this request renders from
Result = TypeVar("Result")
_ENTRY_OVERHEAD = 300  # bytes of a key, the stamp's hash and the entry beside the HTML (measured)


class FragmentStore(BoundedStore[tuple[int, bytes]]):
    """Rendered fragments by kind, id and language, each with its stamp's hash, least
    recently used first out."""

    def __init__(self, max_bytes: int):
        super().__init__(max_bytes, _size)

    def find(self, kind: str, ident: int, lang: str, stamp: Hashable) -> Markup | None:
        """The kept fragment, when it was rendered under `stamp`."""
        stamp_hash = hash(stamp)
        entry = self.get((kind, ident, lang), lambda kept: kept[0] == stamp_hash)
        return None if entry is None else Markup(entry[1].decode())

    def keep(self, kind: str, ident: int, lang: str, stamp: Hashable, html: str) -> None:
        self.put((kind, ident, lang), (hash(stamp), html.encode()))


def _size(entry: tuple[int, bytes]) -> int:
    return sys.getsizeof(entry[1]) + _ENTRY_OVERHEAD


def init_fragments(app: Flask) -> None:
    megabytes = app.config["FRAGMENT_CACHE_MEGABYTES"]
    if megabytes > 0:
        app.extensions[_EXTENSION] = FragmentStore(megabytes << 20)
    app.add_template_global(kept)
    app.add_template_global(table_stamp)
    app.add_template_global(untouched_form)


def store() -> FragmentStore | None:
    return current_app.extensions.get(_EXTENSION)


def kept(kind: str, ident: int, stamp: Hashable | None, caller: Callable[[], str]) -> Markup:
    """The fragment of record `ident`, from the store when its stamp is unchanged; else
    rendered by `caller` and kept. A stamp of None (the record shows something that depends
    on the reader, or the versions are unknown) renders it every time.

        {% call kept("consultation-facts", consultation.id, facts_stamp) %}…{% endcall %}
    """
    fragments = current_app.extensions.get(_EXTENSION)
    if stamp is None or fragments is None:
        return caller()  # Markup: templates are autoescaped
    lang = current_language()
    html = fragments.find(kind, ident, lang, stamp)
    if html is None:
        html = caller()
        fragments.keep(kind, ident, lang, stamp, html)
    return html


def untouched_form(form) -> bool:
    """Whether a form shows only what it shows everybody: read, not sent back with what
    someone typed or with errors. Its fields (never its token) can then be a fragment."""
    return request.method == "GET" and not form.errors


def kept_already(kind: str, stamped: Iterable[tuple[int, Hashable | None]]) -> dict[int, Markup]:
    """The fragments already kept of these (record id, stamp) pairs, by id. A page whose
    stamps come from table versions and a few columns needs to load only the records missing
    here; the HTML is taken now, so a fragment that ages out before the page is rendered is
    still shown."""
    fragments = current_app.extensions.get(_EXTENSION)
    if fragments is None:
        return {}
    lang = current_language()
    found = {}
    for ident, stamp in stamped:
        html = None if stamp is None else fragments.find(kind, ident, lang, stamp)
        if html is not None:
            found[ident] = html
    return found


def pin_versions() -> None:
    """Note the table versions this request renders from; call before loading the records
    whose fragments `table_stamp` stamps. An anonymous request the page store read them for
    costs nothing more; a transaction with uncommitted writes pins nothing (and keeps none)."""
    if _PINNED in g:
        return
    read_by_page_cache = pagecache.versions_read()
    if read_by_page_cache is not None:
        g.setdefault(_PINNED, read_by_page_cache)
        return
    connection = db.session.connection()
    g.setdefault(
        _PINNED, None if versions.has_pending_writes(connection) else versions.current(connection)
    )


def table_stamp(tables: Iterable[str]) -> tuple | None:
    """The pinned versions of `tables`, as part of a stamp; None when none were pinned (or
    no table is named: a fragment depends on some). A page kept whole depends on them too,
    whether its fragments are rendered or kept."""
    pinned = g.get(_PINNED)
    if pinned is None or not tables:
        return None
    versions.note_reads(tables)
    return tuple(pinned.get(name) for name in tables)


def kept_result(name: str, key: Hashable, compute: Callable[[], Result]) -> Result:
    """`compute()`, kept in the worker while every table its statements named keeps the
    version pinned for this request (`pin_versions`): figures every reader of a page sees
    alike, such as a plan's summary, read again only after a write to one of their tables.
    Computed every time when no versions were pinned (the transaction has written)."""
    return kept_results(name, [key], lambda _missing: {key: compute()})[key]


def kept_results(
    name: str, keys: Iterable[Hashable], compute: Callable[[list], dict[Hashable, Result]]
) -> dict[Hashable, Result]:
    """The value of each key, kept as `kept_result` keeps one; `compute(missing keys)` gives
    those not kept (or kept from older versions) together, as a dict by key, so a page of
    records reads the missing ones in one go. A key it leaves out (its record is gone) is
    left out of the answer too."""
    keys = list(keys)
    pinned = g.get(_PINNED)
    if pinned is None:
        return compute(keys)
    results = current_app.extensions.get(_RESULTS)
    if results is None:  # a count of values, not bytes: each is a few figures or one record
        results = current_app.extensions[_RESULTS] = BoundedStore(KEPT_RESULTS, lambda _v: 1)
    found, missing = {}, []
    for key in keys:
        entry = results.get((name, key))
        if entry is not None and all(pinned.get(table) == seen for table, seen in entry[0]):
            versions.note_reads(table for table, _seen in entry[0])
            found[key] = entry[1]
        else:
            missing.append(key)
    if missing:
        with versions.reads_within() as tables:
            computed = compute(missing)
        stamp = tuple((table, pinned.get(table)) for table in tables)
        for key, value in computed.items():
            results.put((name, key), (stamp, value))
        found.update(computed)
    return found
