"""Languages: the /<lang>/ URL prefix, locale choice, text direction and catalogs."""

from __future__ import annotations

import logging
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, current_app, g, redirect, request, url_for
from flask_babel import get_locale
from werkzeug.routing import BaseConverter

from .extensions import babel

LANGUAGE_COOKIE = "lang"
log = logging.getLogger(__name__)


def current_language() -> str:
    """The language of this request: the URL prefix, else the visitor's preference."""
    lang = getattr(g, "lang", None)
    return lang or preferred_language()


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


def language_name(lang: str) -> str:
    """A language's name in its own language, as the switcher shows it."""
    return Locale.parse(lang).get_display_name(lang).capitalize()


def url_in_language(lang: str) -> str:
    """This page's address in another language (the home page when there is no endpoint)."""
    endpoint = request.endpoint
    args = dict(request.view_args or {})
    if endpoint and "lang" in args and request.routing_exception is None:
        args["lang"] = lang
        query = request.args.to_dict(flat=False)
        return url_for(endpoint, **{**query, **args})
    return url_for("main.home", lang=lang)


def init_i18n(app: Flask) -> None:
    """Register the language converter, URL processors and locale selector."""
    # Matches only the site's languages, so /fr/… is a plain 404.
    app.url_map.converters["lang"] = type(
        "LanguageConverter", (BaseConverter,), {"regex": "|".join(app.config["LANGUAGES"])}
    )
    compile_catalogs(Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]))
    babel.init_app(app, locale_selector=current_language)

    @app.url_value_preprocessor
    def pull_language(_endpoint, values):
        if values and "lang" in values:
            g.lang = values.pop("lang")

    @app.url_defaults
    def add_language(endpoint, values):
        if "lang" in values or not app.url_map.is_endpoint_expecting(endpoint, "lang"):
            return
        values["lang"] = current_language()

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
            "language_name": language_name,
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
            tmp = mo_path.with_suffix(".mo.tmp")
            with tmp.open("wb") as mo_file:
                write_mo(mo_file, catalog)
            tmp.replace(mo_path)
        except OSError as error:  # a read-only deployment compiles at build time
            log.warning("Could not compile %s: %s", po_path, error)
