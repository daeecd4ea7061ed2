"""Dates, times and numbers as the reader reads them: their language's formats, the
deployment's time zone, and that zone named beside every time of day.

English follows ENGLISH_LOCALE (day-month-year, en_GB, unless a deployment chooses
otherwise), so no page ever shows 12/6/26.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from flask import current_app
from flask_babel import gettext as _

from .i18n import current_language

# Zones whose CLDR name reads "Unknown Region (UTC) Time": shown by their own short name.
UNIVERSAL_ZONES = frozenset({"UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Zulu"})


@lru_cache(maxsize=64)
def _locale(code: str) -> Locale:
    return Locale.parse(code)


def reading_locale() -> Locale:
    """The reader's language, with English dates in the deployment's chosen variant."""
    lang = current_language()
    if lang == "en":
        return _locale(current_app.config.get("ENGLISH_LOCALE", "en_GB"))
    return _locale(lang)


def zone() -> tzinfo:
    """The deployment's time zone, in which every time is shown."""
    return babel_dates.get_timezone(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def _in_zone(moment: datetime) -> datetime:
    # Everything is stored in UTC; SQLite hands it back without a zone.
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return aware.astimezone(zone())


@lru_cache(maxsize=64)
def _zone_name(zone_key: str, locale: Locale) -> str:
    if zone_key in UNIVERSAL_ZONES:
        return "UTC"
    return babel_dates.get_timezone_name(
        babel_dates.get_timezone(zone_key), "long", zone_variant="generic", locale=locale
    )


def zone_name() -> str:
    """The deployment's time zone named in the reader's language, e.g. "Israel Time"."""
    return _zone_name(current_app.config["BABEL_DEFAULT_TIMEZONE"], reading_locale())


def format_day(value: date | datetime | None, width: str = "medium") -> str:
    """A calendar day; a stored moment counts as the day it is in the deployment's zone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _in_zone(value).date()
    return babel_dates.format_date(value, width, locale=reading_locale())


def format_moment(value: datetime | None, width: str = "medium", seconds: bool = False) -> str:
    """A moment to the minute (to the second where it matters), with its zone named:
    "24 Dec 2026, 23:59 (Israel Time)"."""
    if value is None:
        return ""
    locale = reading_locale()
    local = _in_zone(value)
    day = babel_dates.format_date(local.date(), width, locale=locale)
    clock = babel_dates.format_time(local.time(), "medium" if seconds else "short", locale=locale)
    pattern = babel_dates.get_datetime_format(width, locale=locale)
    moment = pattern.replace("{1}", day).replace("{0}", clock)
    # TRANSLATORS: a date and time followed by the name of its time zone.
    return _("%(moment)s (%(zone)s)", moment=moment, zone=zone_name())


def format_number(value) -> str:
    return babel_numbers.format_decimal(value, locale=reading_locale())


def format_share(value) -> str:
    return babel_numbers.format_percent(value, locale=reading_locale())
