"""Admins create agencies and rename them in the site's four languages; each save is audited."""

import pytest

from consultations.agencies.models import Agency
from consultations.audit.models import AuditEvent
from consultations.audit.services import verify_chain
from consultations.extensions import db

from helpers import login

NAMES = {
    "name_he": "רשות התקשוב הממשלתית",
    "name_lv": "Valsts kanceleja",
    "name_hu": "Békés Vármegyei Kormányhivatal",
    "name_en": "Government ICT Authority",
}
# A browser sends the country with every save (the select always has one chosen).
COUNTRY = {"country": "IL"}


def agencies() -> list[Agency]:
    return list(db.session.scalars(db.select(Agency).order_by(Agency.id)))


def audit_events() -> list[AuditEvent]:
    return list(db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id)))


@pytest.fixture
def admin_client(client, make_user):
    login(client, make_user(name="Site Admin", roles=["admin"]))
    return client


def test_admin_creates_an_agency_with_names_in_four_languages(admin_client, app_ctx):
    response = admin_client.post(
        "/en/staff/agencies/new", data={"slug": "ict-authority", **NAMES, **COUNTRY}
    )

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/staff/agencies"
    (agency,) = agencies()
    assert agency.slug == "ict-authority"
    assert {text.locale: text.name for text in agency.texts} == {
        key.removeprefix("name_"): value for key, value in NAMES.items()
    }
    (event,) = audit_events()
    assert (event.action, event.target_type, event.target_id) == (
        "agency.create",
        "agency",
        "ict-authority",
    )
    assert event.actor_name == "Site Admin"
    assert event.before is None
    assert event.after["names"]["he"] == NAMES["name_he"]
    assert verify_chain() is None


def test_agency_list_shows_each_name_in_the_readers_language(admin_client, app_ctx):
    admin_client.post("/en/staff/agencies/new", data={"slug": "ict-authority", **NAMES, **COUNTRY})
    assert NAMES["name_hu"] in admin_client.get("/hu/staff/agencies").get_data(as_text=True)
    assert NAMES["name_he"] in admin_client.get("/he/staff/agencies").get_data(as_text=True)


def test_missing_name_falls_back_and_is_marked_with_its_language(admin_client, app_ctx):
    admin_client.post(
        "/en/staff/agencies/new",
        data={"slug": "chancellery", "name_en": "State Chancellery", **COUNTRY},
    )
    page = admin_client.get("/lv/staff/agencies").get_data(as_text=True)
    assert '<bdi lang="en">State Chancellery</bdi>' in page


def test_admin_renames_an_agency_and_the_change_is_audited(admin_client, app_ctx, make_agency):
    agency = make_agency("chancellery", en="Chancellery", lv="Kanceleja")
    page = admin_client.get(f"/en/staff/agencies/{agency.id}").get_data(as_text=True)
    assert 'value="Kanceleja"' in page

    response = admin_client.post(
        f"/en/staff/agencies/{agency.id}",
        data={  # a browser sends every field, the emptied one too
            "slug": "state-chancellery",
            "name_he": "",
            "name_lv": "",
            "name_hu": "Kancellária",
            "name_en": "State Chancellery",
            "country": "LV",
            "contact_email": "",
            "phone": "",
            "website": "",
            "postal_address": "",
        },
    )

    assert response.status_code == 302
    db.session.expire_all()
    (saved,) = agencies()
    assert saved.slug == "state-chancellery"
    assert {t.locale: t.name for t in saved.texts} == {
        "en": "State Chancellery",
        "hu": "Kancellária",
    }
    (event,) = audit_events()
    assert event.action == "agency.update"
    assert event.before == {
        "slug": "chancellery",
        "names": {"en": "Chancellery", "lv": "Kanceleja"},
        "country": "IL",
        "contact_email": None,
        "phone": None,
        "website": None,
        "postal_address": None,
    }
    assert event.after["slug"] == "state-chancellery"
    assert event.after["country"] == "LV" and saved.country == "LV"
    assert verify_chain() is None


@pytest.mark.parametrize(
    "slug",
    [
        "State Chancellery",
        "ministry_of_finance",
        "-leading",
        "trailing-",
        "double--hyphen",
        "állam",
        "משרד",
        "a/b",
    ],
)
def test_slug_must_be_lower_case_latin_digits_and_hyphens(admin_client, app_ctx, slug):
    response = admin_client.post("/en/staff/agencies/new", data={"slug": slug, **NAMES, **COUNTRY})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Use lower-case Latin letters, digits and single hyphens only." in page
    assert 'href="#slug"' in page
    assert agencies() == [] and audit_events() == []


def test_slug_in_capitals_is_lower_cased(admin_client, app_ctx):
    admin_client.post("/en/staff/agencies/new", data={"slug": " Ministry-2 ", **NAMES, **COUNTRY})
    assert agencies()[0].slug == "ministry-2"


def test_duplicate_slug_is_refused_with_a_message(admin_client, app_ctx, make_agency):
    make_agency("chancellery")
    response = admin_client.post(
        "/en/staff/agencies/new", data={"slug": "chancellery", **NAMES, **COUNTRY}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Another agency already uses this address." in page
    assert 'value="Government ICT Authority"' in page
    assert len(agencies()) == 1
    assert audit_events() == []


def test_renaming_to_a_taken_slug_changes_nothing(admin_client, app_ctx, make_agency):
    make_agency("chancellery")
    other = make_agency("ministry", en="Ministry")
    response = admin_client.post(
        f"/en/staff/agencies/{other.id}",
        data={"slug": "chancellery", "name_en": "Renamed", **COUNTRY},
    )
    assert response.status_code == 422
    db.session.expire_all()
    saved = db.session.get(Agency, other.id)
    assert saved.slug == "ministry" and saved.name("en").text == "Ministry"
    assert audit_events() == []


def test_agency_needs_a_name_in_some_language(admin_client, app_ctx):
    response = admin_client.post(
        "/en/staff/agencies/new", data={"slug": "nameless", "name_en": "   ", **COUNTRY}
    )
    assert response.status_code == 422
    assert "Give the agency a name in at least one language." in response.get_data(as_text=True)
    assert agencies() == []


def test_editing_a_missing_agency_is_404(admin_client, app_ctx):
    assert admin_client.get("/en/staff/agencies/999999").status_code == 404


def test_a_missing_name_is_shown_on_the_field_of_the_pages_language(admin_client, app_ctx):
    response = admin_client.post(
        "/hu/staff/agencies/new", data={"slug": "nameless", "country": "HU"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'href="#name_hu"' in page and 'href="#name_en"' not in page
    assert agencies() == []


def test_without_the_pages_language_the_first_configured_language_gets_the_error(app):
    from consultations.content import language_field

    app.config["LANGUAGES"] = ("lv", "hu")
    with app.test_request_context("/en/staff/agencies/new"):
        assert language_field("name") == "name_lv"
    app.config["LANGUAGES"] = ("he", "lv", "hu", "en")


def test_admin_sets_country_and_contact_details_shown_in_every_language(
    admin_client, app_ctx, make_agency
):
    agency = make_agency("chancellery", country=None, en="State Chancellery")
    page = admin_client.get("/lv/staff/agencies/new").get_data(as_text=True)
    assert '<option value="LV">Latvija</option>' in page
    response = admin_client.post(
        f"/en/staff/agencies/{agency.id}",
        data={
            "slug": "chancellery",
            "name_en": "State Chancellery",
            "country": "LV",
            "contact_email": " info@chancellery.example.org ",
            "phone": "+371 6708 2800",
            "website": "https://chancellery.example.org/",
            "postal_address": "Brīvības bulvāris 36\nRīga",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Agency, agency.id)
    assert (saved.country, saved.contact_email) == ("LV", "info@chancellery.example.org")
    assert saved.postal_address == "Brīvības bulvāris 36\nRīga"
    (event,) = audit_events()
    assert (event.before["country"], event.after["country"]) == (None, "LV")
    listing = admin_client.get("/he/staff/agencies").get_data(as_text=True)
    assert "לטביה" in listing


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("country", "", "Choose the agency's country."),
        ("country", "XX", "Not a valid choice."),
        ("contact_email", "not-an-address", "Enter an e-mail address like name@example.org."),
        ("phone", "call us", "Use digits, spaces and + ( ) - only"),
        ("website", "www.example.org", "Give the full address, starting with https://."),
    ],
)
def test_bad_country_or_contact_details_are_refused_on_their_field(
    admin_client, app_ctx, field, value, message
):
    data = {"slug": "ministry", "name_en": "Ministry", "country": "IL", field: value}
    response = admin_client.post("/en/staff/agencies/new", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page and f'href="#{field}"' in page
    assert agencies() == [] and audit_events() == []


def test_country_errors_are_translated(admin_client, app_ctx):
    data = {"slug": "ministry", "name_en": "Ministry", "country": ""}
    page = admin_client.post("/hu/staff/agencies/new", data=data).get_data(as_text=True)
    assert "Válassza ki az intézmény országát." in page


@pytest.mark.parametrize("country", ["", "ZZ", "ISR", "001"])
def test_the_service_itself_refuses_an_unknown_country(app_ctx, make_user, country):
    from consultations.admin.services import AdminRejected, AgencyDetails, save_agency

    admin = make_user(roles=["admin"])
    with pytest.raises(AdminRejected) as refused:
        save_agency(admin, None, "ministry", {"en": "Ministry"}, AgencyDetails(country=country))
    assert refused.value.field == "country"
    db.session.rollback()
    assert agencies() == []
