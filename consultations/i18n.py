"""Languages: the /<lang>/ URL prefix, locale choice, text direction and catalogs."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

import flask_babel
from babel import Locale
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from flask import Flask, current_app, g, has_request_context, redirect, request, url_for
from flask_babel import get_locale, get_translations
from jinja2 import pass_eval_context
from markupsafe import Markup
from werkzeug.routing import BaseConverter

from .extensions import babel

LANGUAGE_COOKIE = "lang"
log = logging.getLogger(__name__)

# Each catalog's Plural-Forms header: CLDR's rules for whole numbers, in gettext's form order
# (tests/test_plurals.py checks both); tests hold the .po files to it.
PLURAL_FORMS = {
    "he": "nplurals=3; plural=(n == 1 ? 0 : n == 2 ? 1 : 2);",
    # Form 2 is CLDR's "zero": 0, 10-20, 30, 40… ("%(num)d komentāru"), not 0 alone.
    "lv": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10==0 || (n%100>=11 && n%100<=19) "
        "? 2 : 1);"
    ),
    "hu": "nplurals=2; plural=(n != 1);",
    "ar": (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
        ": n%100>=11 ? 4 : 5);"
    ),
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 "
        "&& (n%100<10 || n%100>=20) ? 1 : 2);"
    ),
}


def site_languages() -> tuple[str, ...]:
    """The languages this deployment offers, in the order the switcher lists them."""
    return current_app.config["LANGUAGES"]


def offered_language(lang: str | None) -> str:
    """`lang` if the site offers it, else the default: for people whose saved language
    has since been turned off, so their mail and links stay in a language the site has."""
    config = current_app.config
    return lang if lang in config["LANGUAGES"] else config["DEFAULT_LANGUAGE"]


def site_name(lang: str | None = None) -> str:
    """The site's name in `lang` (SITE_NAME_<LANG>), else the one SITE_NAME."""
    lang = lang or current_language()
    config = current_app.config
    return config.get(f"SITE_NAME_{lang.upper()}") or config["SITE_NAME"]


# The reader's catalog, bound once a request knows its language: templates look up every
# string in it directly instead of through Flask-Babel's context (a dozen calls a string).
_catalog: ContextVar[Translations | None] = ContextVar("catalog", default=None)
# The request's language, known once its address is read: every link and date asks for it.
_language: ContextVar[str | None] = ContextVar("language", default=None)


def catalog() -> Translations:
    """The catalog strings are translated with now: the request's, unless a block forces
    another language (or there is no request)."""
    return _catalog.get() or get_translations()


class _BoundDomain(flask_babel.Domain):
    """Flask-Babel's domain answering from the request's bound catalog when there is one, so
    `_()`, form labels and lazy strings in Python skip the per-string context lookup too."""

    def get_translations(self):
        return _catalog.get() or super().get_translations()


@contextmanager
def force_locale(lang: str) -> Iterator[None]:
    """Flask-Babel's force_locale, with the request's bound catalog set aside meanwhile; use
    this one, so a mail written in its recipient's language is not in the reader's. Dates,
    numbers and links made meanwhile follow `lang` too (`current_language()`)."""
    token = _catalog.set(None)
    language = _language.set(lang)
    try:
        with flask_babel.force_locale(lang):
            yield
    finally:
        _language.reset(language)
        _catalog.reset(token)


def gettext(string: str, **variables) -> str:
    """flask_babel.gettext through the bound catalog: for code called once per row."""
    text = catalog().ugettext(string)
    return text % variables if variables else text


@pass_eval_context
def _template_gettext(eval_ctx, string: str, /, **variables) -> str:
    # Jinja's newstyle gettext, without its extra context.call and alias per string.
    text = catalog().ugettext(string)
    if not variables and "%" not in text:
        return Markup(text) if eval_ctx.autoescape else text
    if eval_ctx.autoescape:
        text = Markup(text)
    return text % variables


@pass_eval_context
def _template_ngettext(eval_ctx, singular: str, plural: str, count: int, /, **variables) -> str:
    variables.setdefault("num", count)
    text = catalog().ungettext(singular, plural, count)
    if eval_ctx.autoescape:
        text = Markup(text)
    return text % variables


def current_language() -> str:
    """The language of this request: the URL prefix, else the visitor's preference."""
    bound = _language.get()
    if bound is not None:
        return bound
    if not has_request_context():
        # Commands and the demo loader call services (and so gettext) outside any request.
        return current_app.config["DEFAULT_LANGUAGE"]
    lang = getattr(g, "lang", None) or _language_in_path()
    return lang or preferred_language()


def _language_in_path() -> str | None:
    # An address that matched no route (404, 405) still names its language.
    prefix = request.path.lstrip("/").split("/", 1)[0]
    return prefix if prefix in current_app.config["LANGUAGES"] else None


def preferred_language() -> str:
    """Pick from the language cookie, then Accept-Language, then the configured default."""
    languages = current_app.config["LANGUAGES"]
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if cookie in languages:
        return cookie
    return request.accept_languages.best_match(languages) or current_app.config["DEFAULT_LANGUAGE"]


def text_direction(lang: str | None = None) -> str:
    """'rtl' or 'ltr', from Babel's locale data rather than a hand-kept list."""
    locale = Locale.parse(lang) if lang else get_locale()
    return locale.text_direction


@lru_cache(maxsize=64)
def language_name(lang: str) -> str:
    """A language's name in its own language, as the switcher shows it."""
    return Locale.parse(lang).get_display_name(lang).capitalize()


def languages_in_words() -> str:
    """The site's languages named in the reader's language, listed as in a sentence."""
    locale = get_locale()
    names = [Locale.parse(code).get_display_name(locale) for code in site_languages()]
    return format_list(names, locale=locale)


def url_in_language(lang: str) -> str:
    """This page's address in another language (the home page when there is no endpoint).

    The switcher asks for every language on every page: the address is built once, in the
    page's language, and each other language's is that one with its prefix swapped."""
    here = g.get("_url_here")
    if here is None:
        here = g._url_here = (current_language(), _url_in_language(current_language()))
    current, url = here
    prefix = f"{request.script_root}/{current}/"
    if lang == current or not url.startswith(prefix):
        return url if lang == current else _url_in_language(lang)
    return f"{request.script_root}/{lang}/{url[len(prefix) :]}"


def _url_in_language(lang: str) -> str:
    endpoint = request.endpoint
    # pull_language has already taken "lang" out of view_args, so ask the rule instead.
    if (
        endpoint
        and request.routing_exception is None
        and current_app.url_map.is_endpoint_expecting(endpoint, "lang")
    ):
        query = request.args.to_dict(flat=False)
        return url_for(endpoint, **{**query, **(request.view_args or {}), "lang": lang})
    return url_for("main.home", lang=lang)


def init_i18n(app: Flask) -> None:
    """Register the language converter, URL processors and locale selector."""
    # Matches only the site's languages, so /fr/… is a plain 404.
    app.url_map.converters["lang"] = type(
        "LanguageConverter", (BaseConverter,), {"regex": "|".join(app.config["LANGUAGES"])}
    )
    compile_catalogs(Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]))
    babel.init_app(app, locale_selector=current_language)
    babel.domain_instance = _BoundDomain(domain=app.extensions["babel"].default_domain)
    app.jinja_env.globals.update(
        _=_template_gettext, gettext=_template_gettext, ngettext=_template_ngettext
    )

    @app.url_value_preprocessor
    def pull_language(_endpoint, values):
        if values and "lang" in values:
            g.lang = values.pop("lang")

    @app.url_defaults
    def add_language(endpoint, values):
        if not app.url_map.is_endpoint_expecting(endpoint, "lang"):
            return
        # A saved language the site no longer offers (a person's, a mail's) links to the default.
        values["lang"] = (
            offered_language(values["lang"]) if "lang" in values else current_language()
        )

    @app.before_request
    def bind_catalog():
        _language.set(current_language())
        _catalog.set(get_translations())

    @app.teardown_request
    def unbind_catalog(_error):
        _language.set(None)
        _catalog.set(None)

    @app.after_request
    def remember_language(response):
        lang = getattr(g, "lang", None)
        if lang and request.cookies.get(LANGUAGE_COOKIE) != lang:
            response.set_cookie(
                LANGUAGE_COOKIE,
                lang,
                max_age=365 * 24 * 3600,
                samesite="Lax",
                secure=app.config["PRODUCTION"],
                httponly=True,
            )
        return response

    @app.get("/")
    def root():
        return redirect(url_for("main.home", lang=preferred_language()))

    @app.context_processor
    def language_context():
        lang = str(get_locale())
        return {
            "lang": lang,
            "dir": text_direction(),
            "languages": app.config["LANGUAGES"],
            "site_name": site_name(lang),
            "language_name": language_name,
            "languages_in_words": languages_in_words,
            "url_in_language": url_in_language,
        }


def compile_catalogs(directory: Path) -> None:
    """Compile each .po whose .mo is missing or older, so no manual step is needed."""
    for po_path in directory.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        try:
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file)
            # Its own file for each process: workers (or test runs) starting together each
            # write a whole catalog, and the last rename wins.
            tmp = mo_path.with_suffix(f".mo.{os.getpid()}.tmp")
            with tmp.open("wb") as mo_file:
                write_mo(mo_file, catalog)
            tmp.replace(mo_path)
        except OSError as error:  # a read-only deployment compiles at build time
            log.warning("Could not compile %s: %s", po_path, error)
