"""Countries by their ISO 3166-1 alpha-2 code, as Babel knows them (plans/labels.py names
them in the reader's language)."""

from __future__ import annotations

from functools import cache

from babel import Locale


@cache
def country_codes() -> frozenset[str]:
    """Every two-letter country code Babel names (not the regions or the unknown ZZ)."""
    return frozenset(
        code for code in Locale("en").territories if len(code) == 2 and code.isalpha()
    ) - {"ZZ"}


def is_country(code: str | None) -> bool:
    return bool(code) and code in country_codes()
