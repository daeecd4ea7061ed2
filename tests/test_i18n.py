"""Languages: how `/` picks one, the /<lang>/ prefix, <html lang dir>, the switcher."""

from __future__ import annotations

import re
from html import unescape

import pytest

from helpers import login

LANGUAGES = ("he", "lv", "hu", "en")
DIRECTION = {"he": "rtl", "lv": "ltr", "hu": "ltr", "en": "ltr"}
PUBLIC_PAGES = ("/", "/login", "/register", "/reset", "/terms", "/privacy", "/plans")


def html_tag(page: str) -> tuple[str, str]:
    match = re.search(r'<html lang="([^"]*)" dir="([^"]*)"', page)
    assert match, "the page has no <html lang dir>"
    return match.group(1), match.group(2)


def switcher_links(page: str) -> dict[str, str]:
    nav = re.search(r'<nav class="languages".*?</nav>', page, re.S)
    assert nav, "the page has no language switcher"
    links = re.findall(r'<a href="([^"]*)" lang="([^"]*)"', nav.group(0))
    return {lang: unescape(href) for href, lang in links}


def alternates(page: str) -> dict[str, str]:
    links = re.findall(r'<link rel="alternate" hreflang="([^"]*)" href="([^"]*)"', page)
    return {lang: unescape(href) for lang, href in links}


@pytest.fixture
def fresh_app(monkeypatch, make_app):
    """An app whose DEFAULT_LANGUAGE comes from the environment, as in a deployment."""

    def make(default_language: str):
        monkeypatch.setenv("DEFAULT_LANGUAGE", default_language)
        return make_app()

    return make


def test_root_redirects_to_the_language_in_the_cookie(client):
    client.set_cookie("lang", "lv")
    response = client.get("/", headers={"Accept-Language": "hu, en;q=0.5"})
    assert response.status_code == 302
    assert response.location == "/lv/"


def test_root_redirects_by_accept_language_without_a_cookie(client):
    response = client.get("/", headers={"Accept-Language": "fr, hu;q=0.8, en;q=0.5"})
    assert response.location == "/hu/"


def test_root_ignores_a_cookie_naming_an_unknown_language(client):
    client.set_cookie("lang", "fr")
    response = client.get("/", headers={"Accept-Language": "he"})
    assert response.location == "/he/"


@pytest.mark.parametrize("accept", [None, "fr, de;q=0.5"])
def test_root_falls_back_to_the_configured_default_language(fresh_app, accept):
    client = fresh_app("lv").test_client()
    headers = {"Accept-Language": accept} if accept else {}
    assert client.get("/", headers=headers).location == "/lv/"


def test_visiting_a_language_remembers_it_for_the_next_visit_to_root(client):
    client.get("/hu/")
    assert client.get("/", headers={"Accept-Language": "en"}).location == "/hu/"


def test_a_language_the_site_does_not_offer_is_not_found(client):
    assert client.get("/fr/").status_code == 404
    assert client.get("/fr/login").status_code == 404


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_every_page_declares_its_language_and_direction(client, lang, page):
    response = client.get(f"/{lang}{page}")
    assert response.status_code == 200
    assert html_tag(response.get_data(as_text=True)) == (lang, DIRECTION[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signed_in_pages_declare_their_language_and_direction(client, make_user, lang):
    login(client, make_user())
    response = client.get(f"/{lang}/account")
    assert response.status_code == 200
    assert html_tag(response.get_data(as_text=True)) == (lang, DIRECTION[lang])


def test_hebrew_pages_are_right_to_left(client):
    assert html_tag(client.get("/he/").get_data(as_text=True)) == ("he", "rtl")


def test_language_switcher_links_to_the_same_page_and_query_in_every_language(client):
    page = client.get("/en/login?next=/en/account").get_data(as_text=True)
    assert switcher_links(page) == {lang: f"/{lang}/login?next=/en/account" for lang in LANGUAGES}


def test_language_switcher_marks_the_current_language(client):
    page = client.get("/lv/terms").get_data(as_text=True)
    assert re.search(r'<a href="/lv/terms" lang="lv" hreflang="lv" aria-current="true">', page)
    assert page.count('aria-current="true"') == 1


def test_language_switcher_names_each_language_in_itself(client):
    page = client.get("/en/").get_data(as_text=True)
    for name in ("עברית", "Latviešu", "Magyar", "English"):
        assert f">{name}</a>" in page


def test_page_lists_an_alternate_address_for_every_language(client):
    page = client.get("/hu/register").get_data(as_text=True)
    assert alternates(page) == {lang: f"http://localhost/{lang}/register" for lang in LANGUAGES}


@pytest.mark.parametrize("lang", ["he", "lv", "hu"])
def test_interface_text_is_shown_in_the_pages_language(client, lang):
    english = client.get("/en/").get_data(as_text=True)
    page = client.get(f"/{lang}/").get_data(as_text=True)
    assert re.search(r'<a href="/en/login">Log in</a>', english)
    link = re.search(rf'<a href="/{lang}/login">([^<]+)</a>', page)
    assert link, "the page has no log-in link"
    assert link.group(1).strip() != "Log in", f"the {lang} page shows the English 'Log in'"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unknown_address_under_a_language_shows_the_not_found_page_in_that_language(client, lang):
    client.set_cookie("lang", "en" if lang != "en" else "he")
    response = client.get(f"/{lang}/no-such-page")
    assert response.status_code == 404
    assert html_tag(response.get_data(as_text=True)) == (lang, DIRECTION[lang])


def test_every_forced_language_sets_the_requests_bound_catalog_aside():
    """Templates translate with the catalog bound to the request; Flask-Babel's own
    force_locale would leave that catalog in place, so mail would be in the reader's language."""
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "consultations"
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.name != "i18n.py"
        and "force_locale" in path.read_text(encoding="utf-8")
        and "from ..i18n import force_locale" not in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_a_forced_language_inside_a_request_translates_templates_in_it(app):
    from flask import render_template_string

    from consultations.i18n import force_locale

    with app.test_request_context("/he/"):
        app.preprocess_request()
        reader = render_template_string("{{ _('Search') }}")
        with force_locale("lv"):
            forced = render_template_string("{{ _('Search') }}")
        again = render_template_string("{{ _('Search') }}")
    assert reader == again != forced
    assert forced not in ("Search", reader)


@pytest.mark.parametrize(
    "path",
    ["/he/consultations?page=2&phase=closed", "/lv/search?q=a%2Fb+c", "/hu/", "/en/no-such-page"],
)
def test_the_language_switcher_links_to_this_page_in_each_language(app, path):
    from consultations import i18n

    with app.test_request_context(path):
        try:
            app.preprocess_request()
        except Exception:  # noqa: BLE001 - an address with no route still has a switcher
            pass
        switched = {lang: i18n.url_in_language(lang) for lang in app.config["LANGUAGES"]}
        built = {lang: i18n._url_in_language(lang) for lang in app.config["LANGUAGES"]}
    assert switched == built
    assert all(url.startswith(f"/{lang}/") for lang, url in switched.items())
