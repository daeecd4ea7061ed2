"""Error pages: translated, with the right status and language, never a stack trace."""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale, gettext

from consultations import create_app
from consultations.extensions import db, limiter

from helpers import login, settings_for

LANGUAGES = ("he", "lv", "hu", "en")
DIRECTION = {"he": "rtl", "lv": "ltr", "hu": "ltr", "en": "ltr"}
TITLES = {
    400: "Bad request",
    403: "Not allowed",
    404: "Page not found",
    405: "Method not allowed",
    413: "Too much data",
    429: "Too many requests",
    500: "Something went wrong",
}


@pytest.fixture
def strict_app(make_app):
    """An app as deployed: CSRF and rate limits on, a small body limit, a view that fails."""
    app = make_app(WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=True, MAX_CONTENT_LENGTH=1024)

    @app.get("/<lang:lang>/boom")
    def boom():
        raise RuntimeError("database password is hunter2")

    @app.get("/<lang:lang>/limited")
    @limiter.limit("1 per day")
    def limited():
        return "fine"

    return app


def translated(app, lang: str, text: str) -> str:
    with app.test_request_context(f"/{lang}/"), force_locale(lang):
        return gettext(text)


def assert_error_page(app, response, status: int, lang: str, message: str | None = None):
    page = response.get_data(as_text=True)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert re.search(rf'<html lang="{lang}" dir="{DIRECTION[lang]}"', page)
    title = translated(app, lang, TITLES[status])
    assert f"<h1>{title}</h1>" in page
    if message:
        assert translated(app, lang, message) in page
    assert "Traceback" not in page
    assert 'File "' not in page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_form_posted_without_its_token_shows_the_expired_form_page(strict_app, lang):
    response = strict_app.test_client().post(
        f"/{lang}/login", data={"email": "a@example.org", "password": "x"}
    )
    assert_error_page(
        strict_app,
        response,
        400,
        lang,
        "This form has expired. Please go back, reload the page and try again.",
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_the_person_may_not_see_is_forbidden(app, client, make_user, lang):
    login(client, make_user())
    response = client.get(f"/{lang}/staff/users")
    assert_error_page(app, response, 403, lang, "You do not have permission to do this.")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unknown_address_is_not_found(app, client, lang):
    response = client.get(f"/{lang}/no/such/page")
    assert_error_page(
        app, response, 404, lang, "There is no page at this address. It may have moved."
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_wrong_method_is_not_allowed(app, client, lang):
    response = client.delete(f"/{lang}/login")
    assert_error_page(
        app, response, 405, lang, "This address does not accept that kind of request."
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_body_over_the_size_limit_is_refused(strict_app, lang):
    response = strict_app.test_client().post(f"/{lang}/register", data={"display_name": "x" * 4096})
    assert_error_page(
        strict_app, response, 413, lang, "What you sent is larger than this site accepts."
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_too_many_requests_are_refused_until_later(strict_app, lang):
    client = strict_app.test_client()
    assert client.get(f"/{lang}/limited").status_code == 200
    response = client.get(f"/{lang}/limited")
    assert_error_page(
        strict_app,
        response,
        429,
        lang,
        "You have made too many requests in a short time. Please wait a minute and try again.",
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unexpected_failure_shows_a_page_without_details(strict_app, lang, caplog):
    response = strict_app.test_client().get(f"/{lang}/boom")
    assert_error_page(
        strict_app,
        response,
        500,
        lang,
        "An error on our side stopped this page. It has been recorded; please try again later.",
    )
    assert "hunter2" not in response.get_data(as_text=True)
    assert "hunter2" in caplog.text, "the failure is not in the log"


def test_error_page_offers_the_way_home(app, client):
    page = client.get("/he/no-such-page").get_data(as_text=True)
    assert f">{translated(app, 'he', 'Go to the home page')}</a>" in page
    assert 'href="/he/"' in page


def test_health_check_says_the_database_is_reachable(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "reachable"}


def test_health_check_answers_503_when_the_database_is_down():
    unreachable = create_app(settings_for("postgresql://postgres@127.0.0.1:9/nowhere"))
    try:
        response = unreachable.test_client().get("/healthz")
    finally:
        with unreachable.app_context():
            db.engine.dispose()
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unreachable"}


def test_liveness_check_answers_even_when_the_database_is_down():
    unreachable = create_app(settings_for("postgresql://postgres@127.0.0.1:9/nowhere"))
    try:
        response = unreachable.test_client().get("/livez")
    finally:
        with unreachable.app_context():
            db.engine.dispose()
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok\n"
