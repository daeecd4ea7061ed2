"""Translatable content: choosing which language's text a reader sees."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from flask import current_app

from .i18n import current_language


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
    """The reader's language first, then the site default, then the rest in site order."""
    config = current_app.config
    order = [lang, config["DEFAULT_LANGUAGE"], "en", *config["LANGUAGES"]]
    return list(dict.fromkeys(order))


def pick(rows: Iterable[TextRow], field: str, lang: str | None = None) -> Shown:
    """The field's text in the reader's language, or the first fallback that has it."""
    lang = lang or current_language()
    by_locale = {row.locale: getattr(row, field) for row in rows}
    for candidate in fallback_order(lang):
        text = by_locale.get(candidate)
        if text:
            return Shown(text, candidate, candidate != lang)
    return Shown("", lang, False)
