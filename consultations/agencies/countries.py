"""Countries by their ISO 3166-1 alpha-2 code, named in the reader's language by Babel."""

from __future__ import annotations

from functools import cache

from babel import Locale
from flask_babel import get_locale


@cache
def country_codes() -> frozenset[str]:
    """Every two-letter country code Babel names (not the regions or the unknown ZZ)."""
    return frozenset(
        code for code in Locale("en").territories if len(code) == 2 and code.isalpha()
    ) - {"ZZ"}


def is_country(code: str | None) -> bool:
    return bool(code) and code in country_codes()


def country_name(code: str | None) -> str:
    """The country's name in the reader's language; the code itself where Babel has none."""
    if not code:
        return ""
    locale = get_locale() or Locale("en")
    return locale.territories.get(code) or code
