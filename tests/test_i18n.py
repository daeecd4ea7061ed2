"""Languages: how `/` picks one, the /<lang>/ prefix, <html lang dir>, the switcher."""

from __future__ import annotations

import re
from html import unescape

import pytest

from helpers import LANGUAGES, ROOT, add_account, login

SHIPPED = ("he", "lv", "hu", "en", "ar", "ru")
DIRECTION = {"he": "rtl", "lv": "ltr", "hu": "ltr", "en": "ltr", "ar": "rtl", "ru": "ltr"}
OWN_NAME = {
    "he": "עברית",
    "lv": "Latviešu",
    "hu": "Magyar",
    "en": "English",
    "ar": "العربية",
    "ru": "Русский",
}
# Languages of the deployment other than English, whichever it offers.
_OTHERS = [lang for lang in LANGUAGES if lang != "en"] or ["en"]
OTHER, ANOTHER = _OTHERS[0], _OTHERS[-1]
# Languages whose catalog exists (a deployment may offer one while it is being translated).
TRANSLATED = [
    lang
    for lang in LANGUAGES
    if lang != "en" and (ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po").exists()
]
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
    client.set_cookie("lang", OTHER)
    response = client.get("/", headers={"Accept-Language": f"{ANOTHER}, en;q=0.5"})
    assert response.status_code == 302
    assert response.location == f"/{OTHER}/"


def test_root_redirects_by_accept_language_without_a_cookie(client):
    response = client.get("/", headers={"Accept-Language": f"fr, {OTHER};q=0.8, en;q=0.5"})
    assert response.location == f"/{OTHER}/"


def test_root_ignores_a_cookie_naming_an_unknown_language(client):
    client.set_cookie("lang", "fr")
    response = client.get("/", headers={"Accept-Language": OTHER})
    assert response.location == f"/{OTHER}/"


@pytest.mark.parametrize("accept", [None, "fr, de;q=0.5"])
def test_root_falls_back_to_the_configured_default_language(fresh_app, accept):
    client = fresh_app(OTHER).test_client()
    headers = {"Accept-Language": accept} if accept else {}
    assert client.get("/", headers=headers).location == f"/{OTHER}/"


def test_visiting_a_language_remembers_it_for_the_next_visit_to_root(client):
    client.get(f"/{OTHER}/")
    assert client.get("/", headers={"Accept-Language": "en"}).location == f"/{OTHER}/"


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


@pytest.mark.parametrize("lang", SHIPPED)
def test_hebrew_and_arabic_pages_are_right_to_left_the_others_left_to_right(make_app, lang):
    client = make_app(LANGUAGES=SHIPPED).test_client()
    assert html_tag(client.get(f"/{lang}/").get_data(as_text=True)) == (lang, DIRECTION[lang])


def test_language_switcher_links_to_the_same_page_and_query_in_every_language(client):
    page = client.get("/en/login?next=/en/account").get_data(as_text=True)
    assert switcher_links(page) == {lang: f"/{lang}/login?next=/en/account" for lang in LANGUAGES}


def test_language_switcher_marks_the_current_language(client):
    page = client.get(f"/{OTHER}/terms").get_data(as_text=True)
    assert re.search(
        rf'<a href="/{OTHER}/terms" lang="{OTHER}" hreflang="{OTHER}" aria-current="true">', page
    )
    assert page.count('aria-current="true"') == 1


def test_language_switcher_names_each_language_in_itself(client):
    page = client.get("/en/").get_data(as_text=True)
    for lang in LANGUAGES:
        assert f">{OWN_NAME[lang]}</a>" in page


def test_page_lists_an_alternate_address_for_every_language(client):
    page = client.get(f"/{OTHER}/register").get_data(as_text=True)
    assert alternates(page) == {lang: f"http://localhost/{lang}/register" for lang in LANGUAGES}


@pytest.mark.parametrize("lang", TRANSLATED)
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


# A deployment's own set of languages --------------------------------------------------------


@pytest.fixture
def latvian_site(make_app):
    return make_app(LANGUAGES=("lv", "en"), DEFAULT_LANGUAGE="lv")


def test_a_deployment_offers_only_its_languages(latvian_site):
    client = latvian_site.test_client()
    page = client.get("/en/register").get_data(as_text=True)
    assert switcher_links(page) == {"lv": "/lv/register", "en": "/en/register"}
    assert set(alternates(page)) == {"lv", "en"}
    assert client.get("/he/").status_code == 404
    assert client.get("/hu/register").status_code == 404
    fresh = latvian_site.test_client()
    assert fresh.get("/", headers={"Accept-Language": "he, hu"}).location == "/lv/"


def test_arabic_and_russian_are_in_the_switcher_under_their_own_names(make_app):
    client = make_app(LANGUAGES=SHIPPED).test_client()
    page = client.get("/ar/terms").get_data(as_text=True)
    assert switcher_links(page) == {lang: f"/{lang}/terms" for lang in SHIPPED}
    assert '<a href="/ar/terms" lang="ar" hreflang="ar" aria-current="true">العربية</a>' in page
    assert '<a href="/ru/terms" lang="ru" hreflang="ru">Русский</a>' in page


def test_the_importer_takes_only_the_deployments_language_columns(latvian_site):
    from consultations.plans.importer import _column_name

    with latvian_site.app_context():
        assert _column_name("Commitment Title_lv") == "Commitment Title_lv"
        assert _column_name("commitment title_EN") == "Commitment Title_en"
        assert _column_name("Commitment Title_he") is None  # reported as an ignored column


def test_links_for_someone_whose_language_was_turned_off_use_the_default(latvian_site):
    from flask import url_for

    with latvian_site.test_request_context("/en/"):
        assert url_for("accounts.login", lang="he") == "/lv/login"
        assert url_for("accounts.login", lang="en") == "/en/login"


def test_mail_for_someone_whose_language_was_turned_off_comes_in_the_default(latvian_site):
    from consultations.accounts import services
    from consultations.extensions import db
    from consultations.mail.models import OutboxMail

    with latvian_site.app_context():
        user = add_account("dana@example.org")
        user.language = "he"  # saved while the site still offered Hebrew
        db.session.commit()
        services.request_password_reset("dana@example.org")
        mail = db.session.scalars(db.select(OutboxMail).order_by(OutboxMail.id.desc())).first()
        assert mail.language == "lv"
        assert "http://localhost/lv/reset/" in mail.body
        assert "/he/" not in mail.body


def test_staff_forms_have_fields_only_for_the_deployments_languages(latvian_site):
    from consultations.plans.staff_forms import CommitmentForm, UpdateForm
    from consultations.responses.forms import ResponseEditForm

    with latvian_site.test_request_context("/lv/"):
        form = CommitmentForm(data={"title_lv": "Atvērtie dati", "title_en": "Open data"})
        assert "title_lv" in form and "title_en" in form
        assert not any(name in form for name in ("title_he", "title_hu", "title_ar"))
        assert set(form.texts()) == {"lv", "en"}
        assert form.texts()["lv"]["title"] == "Atvērtie dati"
        # "at least one language" errors land on the default language's field
        update = UpdateForm(data={"status": "limited", "percent_complete": 10})
        update.validate()
        assert update.narrative_lv.errors and "narrative_en" not in update.errors
        response = ResponseEditForm(data={"outcome": "accepted"})
        assert not response.validate()
        assert response.reasons_lv.errors


def test_only_the_deployments_languages_are_flagged_as_missing(latvian_site):
    from types import SimpleNamespace

    from consultations.clock import now
    from consultations.plans.worklist import TranslationState, translation_states

    commitment = SimpleNamespace(
        source_locale="lv", texts=[SimpleNamespace(locale="lv", updated_at=now())]
    )
    with latvian_site.app_context():
        assert translation_states(commitment) == {
            "lv": TranslationState.SOURCE,
            "en": TranslationState.MISSING,
        }


def test_saving_a_translated_record_keeps_its_text_in_a_language_no_longer_offered(latvian_site):
    from types import SimpleNamespace

    from consultations.content import sync_texts

    def row(locale, title):
        return SimpleNamespace(locale=locale, title=title, updated_at=None)

    hungarian, english = row("hu", "Nyílt adatok"), row("en", "Open data")
    owner = SimpleNamespace(texts=[hungarian, english, row("lv", "Atvērtie dati")])
    with latvian_site.app_context():
        # The form had Latvian and English fields; English was cleared, Latvian changed.
        sync_texts(owner, row, {"lv": {"title": "Atvērtie dati 2"}})
    assert {text.locale: text.title for text in owner.texts} == {
        "hu": "Nyílt adatok",
        "lv": "Atvērtie dati 2",
    }


def test_text_in_a_language_no_longer_offered_is_still_shown_rather_than_nothing(latvian_site):
    from types import SimpleNamespace

    from consultations.content import pick

    rows = [SimpleNamespace(locale="hu", title="Nyílt adatok")]
    with latvian_site.test_request_context("/lv/"):
        shown = pick(rows, "title", "lv")
    assert (shown.text, shown.lang, shown.fallback) == ("Nyílt adatok", "hu", True)


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
