"""Times people can read: the deployment's zone named beside every time of day, dates in the
reader's language, English day-month-year, and no seconds where they do not matter."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from consultations.config import ConfigurationError, load_config
from consultations.formatting import format_day, format_moment

CHRISTMAS_EVE_LATE = datetime(2026, 12, 24, 21, 59, 30, tzinfo=UTC)  # 23:59:30 in Jerusalem


@pytest.fixture
def jerusalem(app, monkeypatch):
    monkeypatch.setitem(app.config, "BABEL_DEFAULT_TIMEZONE", "Asia/Jerusalem")
    app.extensions["page_cache"].clear()
    yield
    app.extensions["page_cache"].clear()


def formatted(app, lang: str, function, *args, **kwargs) -> str:
    with app.test_request_context(f"/{lang}/"):
        app.preprocess_request()
        return function(*args, **kwargs)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "24 Dec 2026, 23:59 (Israel Time)"),
        ("he", "שעון ישראל"),
        ("lv", "Izraēlas laiks"),
        ("hu", "izraeli idő"),
    ],
)
def test_a_moment_is_shown_in_the_deployments_zone_and_names_it(app, jerusalem, lang, expected):
    shown = formatted(app, lang, format_moment, CHRISTMAS_EVE_LATE)
    assert expected in shown
    assert "23:59" in shown and "23:59:30" not in shown


def test_a_moment_shows_its_seconds_only_when_asked(app, jerusalem):
    shown = formatted(app, "en", format_moment, CHRISTMAS_EVE_LATE, seconds=True)
    assert "23:59:30" in shown


def test_universal_time_is_named_utc_not_an_unknown_region(app):
    shown = formatted(app, "en", format_moment, CHRISTMAS_EVE_LATE)
    assert shown == "24 Dec 2026, 21:59 (UTC)"


def test_a_stored_moment_counts_as_its_day_in_the_deployments_zone(app, jerusalem):
    # 22:30 UTC on the 24th is already the 25th in Jerusalem.
    late = datetime(2026, 12, 24, 22, 30, tzinfo=UTC)
    assert formatted(app, "en", format_day, late) == "25 Dec 2026"
    assert formatted(app, "en", format_day, late.replace(tzinfo=None)) == "25 Dec 2026"


def test_english_dates_are_day_month_year_and_never_numeric_month_first(app):
    assert formatted(app, "en", format_day, date(2026, 12, 6)) == "6 Dec 2026"
    assert formatted(app, "en", format_day, date(2026, 12, 6), "short") == "06/12/2026"


def test_a_deployment_may_choose_american_english_dates(app, monkeypatch):
    monkeypatch.setitem(app.config, "ENGLISH_LOCALE", "en_US")
    assert formatted(app, "en", format_day, date(2026, 12, 6)) == "Dec 6, 2026"


def test_english_locale_must_be_an_english_one(tmp_path, monkeypatch):
    monkeypatch.setenv("ENGLISH_LOCALE", "de_DE")
    with pytest.raises(ConfigurationError, match="ENGLISH_LOCALE"):
        load_config(tmp_path)
    monkeypatch.setenv("ENGLISH_LOCALE", "not a locale")
    with pytest.raises(ConfigurationError, match="ENGLISH_LOCALE"):
        load_config(tmp_path)


def test_the_consultation_page_shows_its_deadline_with_the_zone(
    app, client, jerusalem, make_consultation
):
    consultation = make_consultation(opens_in=timedelta(days=-1))
    html = client.get(f"/en/consultations/{consultation.slug}").get_data(as_text=True)
    assert html.count("(Israel Time)") >= 3  # opening, closing and response deadline
    html = client.get(f"/he/consultations/{consultation.slug}").get_data(as_text=True)
    assert "(שעון ישראל)" in html


def test_the_home_page_says_until_when_with_the_zone(app, client, jerusalem, make_consultation):
    make_consultation(opens_in=timedelta(days=-1))
    html = client.get("/en/").get_data(as_text=True)
    assert "Open until" in html and "(Israel Time)" in html
