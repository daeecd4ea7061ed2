"""Translatable content: which language's text a reader sees, and how staff edits are saved."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from flask import Flask, current_app, g
from flask_babel import gettext as _
from sqlalchemy import Table, event, inspect, select, union
from sqlalchemy.orm import Session

from .clock import now
from .config import SHIPPED_LANGUAGES
from .errors import FieldRejected
from .extensions import db
from .fragments import pin_versions, table_stamp
from .i18n import current_language, site_languages
from .statements import among, built_once, read_rows


class TextRow(Protocol):
    locale: str


@dataclass(frozen=True)
class Shown:
    """A piece of content text and the language it is actually in."""

    text: str
    lang: str
    fallback: bool

    def __str__(self) -> str:
        return self.text


def fallback_order(lang: str) -> list[str]:
    """The reader's language first, then the site default, then the rest in site order,
    then languages the site no longer offers (their text is kept, and better than none)."""
    config = current_app.config
    order = [lang, config["DEFAULT_LANGUAGE"], "en", *config["LANGUAGES"], *SHIPPED_LANGUAGES]
    return list(dict.fromkeys(order))


def published_languages() -> tuple[str, ...]:
    """The languages the API and open data list: the site's, then any other language some
    stored text is in (texts written while a language was offered stay published)."""
    languages = g.get("published_languages")  # asked once for every translated field
    if languages is None:
        stored = _stored_languages()
        offered = current_app.config["LANGUAGES"]
        languages = g.published_languages = (
            *offered,
            *(lang for lang in SHIPPED_LANGUAGES if lang in stored and lang not in offered),
        )
    return languages


@cache
def _text_tables() -> tuple[Table, ...]:
    """Text rows are keyed by their owner and their language."""
    return tuple(table for table in db.metadata.sorted_tables if "locale" in table.primary_key.c)


_STORED = "stored_languages"  # key in app.extensions: (text tables' versions, languages)


def _stored_languages() -> frozenset[str]:
    """Every language some text row is in. Finding them reads every text table whole (2.7 ms
    on national-scale data, and growing with it), so the answer is kept in the worker until
    one of those tables is written (versions.py)."""
    tables = _text_tables()
    pin_versions()  # before the texts are read, so a kept answer is never older than its stamp
    stamp = table_stamp([table.name for table in tables])
    kept = current_app.extensions.get(_STORED)
    if stamp is not None and kept is not None and kept[0] == stamp:
        return kept[1]
    stored = frozenset(db.session.scalars(union(*(select(t.c.locale) for t in tables))))
    if stamp is not None:  # None: this transaction has written, or no version was read
        current_app.extensions[_STORED] = (stamp, stored)
    return stored


_PLAIN_TEXTS = "_plain_texts"  # attribute of a record given its text rows by `read_texts`
_HOLDERS = "plain_texts"  # key in the session's info: the records given them


def texts_of(owner) -> list:
    """An owner's text rows: its `texts` where those are loaded (perhaps changed in memory);
    else the plain rows `read_texts` gave it or, when none were given, reads for it alone
    (a record that a kept fragment names, rendered anew); else its `texts`."""
    if "texts" in owner.__dict__:
        return owner.texts
    plain = getattr(owner, _PLAIN_TEXTS, None)
    if plain is None and _plainly_readable(owner):
        read_texts([owner])
        plain = getattr(owner, _PLAIN_TEXTS)
    return owner.texts if plain is None else plain


def _plainly_readable(owner) -> bool:
    """Whether a plain statement reads `owner`'s texts as they are: it is stored, and its
    session holds no write that a plain read would have to flush first."""
    state = inspect(owner)
    session = state.session
    return (
        state.persistent
        and session is db.session.registry()
        and not (session.new or session.dirty or session.deleted)
    )


def read_texts(owners: Iterable) -> None:
    """Give these translated records (None skipped) their text rows as plain rows, one
    statement for each kind of record. A page that shows a record's name or title reads its
    texts so instead of through the `texts` relationship (leave that to load lazily): the
    ORM's loading cost 0.3 ms a relationship on a commitment page, a plain statement 0.02 ms.
    The rows serve until the session writes or its transaction or request ends."""
    by_model: dict[type, dict[int, object]] = defaultdict(dict)
    for owner in owners:
        if owner is not None and getattr(owner, _PLAIN_TEXTS, None) is None:
            by_model[type(owner)][owner.id] = owner
    holders = db.session.info.setdefault(_HOLDERS, [])
    for model, found in by_model.items():
        statement, owner_key = _texts_statement(model)
        texts: dict[int, list] = {ident: [] for ident in found}
        for row in read_rows(statement, {"owners": list(found)}):
            texts[row[owner_key]].append(row)
        for ident, owner in found.items():
            setattr(owner, _PLAIN_TEXTS, texts[ident])
            holders.append(owner)


def _forget_plain_texts(session: Session, _context=None) -> None:
    """After a write, or past its transaction, the plain rows may be out of date."""
    for owner in session.info.pop(_HOLDERS, ()):
        owner.__dict__.pop(_PLAIN_TEXTS, None)


event.listen(Session, "after_flush", _forget_plain_texts)
event.listen(Session, "after_transaction_end", _forget_plain_texts)


def init_plain_texts(app: Flask) -> None:
    """Read anew by every request, even one that shares its session with the one before."""
    app.teardown_request(lambda _error: _forget_plain_texts(db.session))


def _texts_statement(model: type):
    """The statement for the text rows of `model`'s records (by their ids), and the position
    of the owner's id in its rows."""
    return built_once(("texts of", model), lambda: _texts_of_owners(model))


def _texts_of_owners(model: type):
    relationship = inspect(model).relationships["texts"]
    ((_owner_id, column),) = relationship.local_remote_pairs
    table = column.table
    statement = select(table).where(among(column, "owners"))
    return statement, list(table.c).index(column)


def pick(rows: Iterable[TextRow], field: str, lang: str | None = None) -> Shown:
    """The field's text in the reader's language, or the first fallback that has it."""
    lang = lang or current_language()
    by_locale = {row.locale: getattr(row, field) for row in rows}
    for candidate in fallback_order(lang):
        text = by_locale.get(candidate)
        if text:
            return Shown(text, candidate, candidate != lang)
    return Shown("", lang, False)


def language_field(name: str) -> str:
    """The per-language field an "at least one language" error belongs to.

    The field in the page's language when the site has it, else in the first configured
    language (the first of the fields on the form), so the error summary links to a field.
    """
    languages = current_app.config["LANGUAGES"]
    lang = current_language()
    return f"{name}_{lang if lang in languages else languages[0]}"


def clean_texts(texts: dict[str, dict[str, str]], required: str) -> dict[str, dict[str, str]]:
    """Keep the languages whose `required` field is filled, with stripped values."""
    cleaned = {}
    for lang, fields in texts.items():
        values = {name: (value or "").strip() for name, value in fields.items()}
        if values.get(required):
            cleaned[lang] = values
    if not cleaned:
        raise FieldRejected(language_field(required), _("Fill this in for at least one language."))
    return cleaned


def sync_texts(owner, row_class, texts: dict[str, dict[str, str]], stamp: bool = True) -> None:
    """Make `owner.texts` hold exactly `texts` in the site's languages, touching only the
    rows that changed."""
    existing = {row.locale: row for row in owner.texts}
    # One moment for the whole save, so texts saved together compare as equally fresh.
    moment = now()
    for lang, values in texts.items():
        row = existing.get(lang)
        if row is None:
            row = row_class(locale=lang, **values)
            owner.texts.append(row)
        elif all(getattr(row, name) == value for name, value in values.items()):
            continue
        else:
            for name, value in values.items():
                setattr(row, name, value)
        if stamp:
            row.updated_at = moment
    for lang, row in existing.items():
        # A language the site no longer offers has no field to clear it from: its text stays.
        if lang not in texts and lang in site_languages():
            owner.texts.remove(row)


def texts_snapshot(owner, fields: tuple[str, ...]) -> dict:
    """Every language's text of `owner`, as the audit log records it."""
    return {row.locale: {name: getattr(row, name) for name in fields} for row in owner.texts}
