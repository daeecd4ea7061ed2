"""Dates, times and numbers as the reader reads them: their language's formats, the
deployment's time zone, and that zone named beside every time of day.

English follows ENGLISH_LOCALE (day-month-year, en_GB, unless a deployment chooses
otherwise), so no page ever shows 12/6/26.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo
from functools import lru_cache

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from flask import current_app

from .i18n import current_language
from .i18n import gettext as _

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


@lru_cache(maxsize=8)
def _timezone(key: str) -> tzinfo:
    return babel_dates.get_timezone(key)


def zone() -> tzinfo:
    """The deployment's time zone, in which every time is shown."""
    return _timezone(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def _in_zone(moment: datetime, where: tzinfo | None = None) -> datetime:
    # Everything is stored in UTC; SQLite hands it back without a zone.
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return aware.astimezone(where or zone())


@lru_cache(maxsize=128)
def _moment_patterns(locale: Locale, width: str, seconds: bool):
    """A locale's parsed day and clock patterns and the pattern joining them, parsed once
    per process rather than for every time on a page."""
    day = babel_dates.parse_pattern(babel_dates.get_date_format(width, locale=locale))
    clock_width = "medium" if seconds else "short"
    clock = babel_dates.parse_pattern(babel_dates.get_time_format(clock_width, locale=locale))
    return day, clock, babel_dates.get_datetime_format(width, locale=locale)


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


# The comments of a page fall on a few days and minutes: each is written out once.
@lru_cache(maxsize=4096)
def _day_text(day: date, locale: Locale, width: str) -> str:
    return _moment_patterns(locale, width, False)[0].apply(day, locale)


@lru_cache(maxsize=8192)
def _clock_text(clock: time, locale: Locale, width: str, seconds: bool) -> str:
    return _moment_patterns(locale, width, seconds)[1].apply(clock, locale)


def format_day(value: date | datetime | None, width: str = "medium") -> str:
    """A calendar day; a stored moment counts as the day it is in the deployment's zone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _in_zone(value).date()
    return _day_text(value, reading_locale(), width)


def format_moment(value: datetime | None, width: str = "medium", seconds: bool = False) -> str:
    """A moment to the minute (to the second where it matters), with its zone named:
    "24 Dec 2026, 23:59 (Israel Time)"."""
    if value is None:
        return ""
    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    # Whole minutes (or seconds) only: a page's comments share them, so each is written once.
    aware = aware.replace(microsecond=0) if seconds else aware.replace(second=0, microsecond=0)
    zone_key = current_app.config["BABEL_DEFAULT_TIMEZONE"]
    return _moment_text(aware, reading_locale(), zone_key, width, seconds)


@lru_cache(maxsize=8192)
def _moment_text(moment_utc: datetime, locale: Locale, zone_key: str, width: str, seconds: bool):
    local = moment_utc.astimezone(_timezone(zone_key))
    clock = local.time().replace(microsecond=0) if seconds else time(local.hour, local.minute)
    moment = _moment_patterns(locale, width, seconds)[2]
    moment = moment.replace("{1}", _day_text(local.date(), locale, width))
    moment = moment.replace("{0}", _clock_text(clock, locale, width, seconds))
    # TRANSLATORS: a date and time followed by the name of its time zone.
    return _("%(moment)s (%(zone)s)", moment=moment, zone=_zone_name(zone_key, locale))


# Counts and shares repeat across a page and across pages: each is written out once per
# locale (keyed by type too, so 1 and 1.0 and True stay apart).
@lru_cache(maxsize=4096)
def _number_text(kind: type, value, locale: Locale) -> str:
    return babel_numbers.format_decimal(value, locale=locale)


@lru_cache(maxsize=4096)
def _share_text(kind: type, value, locale: Locale) -> str:
    return babel_numbers.format_percent(value, locale=locale)


def format_number(value) -> str:
    return _number_text(type(value), value, reading_locale())


def format_share(value) -> str:
    return _share_text(type(value), value, reading_locale())


def format_money(amount, currency: str) -> str:
    """An amount in its ISO 4217 currency, written the reader's way (e.g. "€1,200.00")."""
    if amount is None:
        return ""
    if not currency:
        return format_number(amount)
    return babel_numbers.format_currency(amount, currency, locale=reading_locale())
