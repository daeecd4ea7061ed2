"""What a public body must publish: the accessibility statement, who controls personal
data, and whom to write to about a moderation decision — all from the settings."""

from __future__ import annotations

from datetime import date

import pytest

from consultations.config import ConfigurationError, load_config

LANGUAGES = ("he", "lv", "hu", "en")


@pytest.fixture
def settings(app, monkeypatch):
    def set_(**values):
        for key, value in values.items():
            monkeypatch.setitem(app.config, key, value)
        app.extensions["page_cache"].clear()

    yield set_
    app.extensions["page_cache"].clear()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_links_to_the_accessibility_statement(client, lang):
    html = client.get(f"/{lang}/").get_data(as_text=True)
    assert f'href="/{lang}/accessibility"' in html
    statement = client.get(f"/{lang}/accessibility")
    assert statement.status_code == 200
    assert "WCAG 2.1" in statement.get_data(as_text=True)


def test_the_statement_names_the_organisation_its_contacts_and_the_review_date(client, settings):
    settings(
        CONTROLLER_NAME="Government ICT Authority",
        ACCESSIBILITY_CONTACT="access@gov.example",
        CONTROLLER_CONTACT="https://gov.example/contact",
        ACCESSIBILITY_ENFORCEMENT_URL="https://ombudsman.example/accessibility",
        ACCESSIBILITY_REVIEWED_ON=date(2026, 11, 30),
    )
    html = client.get("/en/accessibility").get_data(as_text=True)
    assert "Government ICT Authority" in html
    assert 'href="mailto:access@gov.example"' in html
    assert 'href="https://gov.example/contact"' in html
    assert 'href="https://ombudsman.example/accessibility"' in html
    assert "30 November 2026" in html
    for heading in ("Compliance status", "What is not fully accessible", "How we checked"):
        assert heading in html
    assert "Enforcement procedure" in html


def test_the_statement_falls_back_to_the_general_contact_address(client, settings):
    settings(CONTACT_EMAIL="help@gov.example", ACCESSIBILITY_CONTACT="")
    html = client.get("/en/accessibility").get_data(as_text=True)
    assert 'href="mailto:help@gov.example"' in html


def test_the_privacy_notice_names_the_controller_and_the_data_protection_officer(client, settings):
    settings(
        CONTROLLER_NAME="State Chancellery",
        CONTROLLER_CONTACT="pasts@mk.example",
        DPO_CONTACT="dpo@mk.example",
    )
    html = client.get("/lv/privacy").get_data(as_text=True)
    assert "State Chancellery" in html
    assert 'href="mailto:pasts@mk.example"' in html
    assert 'href="mailto:dpo@mk.example"' in html


def test_without_settings_the_privacy_notice_still_says_who_is_responsible(client, settings):
    settings(CONTROLLER_NAME="", CONTROLLER_CONTACT="", DPO_CONTACT="")
    html = client.get("/en/privacy").get_data(as_text=True)
    assert "The data controller is the public body that runs this site." in html


def test_the_participation_rules_name_the_appeal_address_from_the_environment(
    tmp_path, monkeypatch, client, settings
):
    monkeypatch.setenv("CONTACT_EMAIL", "moderators@gov.example")
    settings(CONTACT_EMAIL=load_config(tmp_path)["CONTACT_EMAIL"])
    html = client.get("/en/rules").get_data(as_text=True)
    assert 'href="mailto:moderators@gov.example"' in html


def test_a_review_date_that_is_not_a_date_stops_the_start(tmp_path, monkeypatch):
    monkeypatch.setenv("ACCESSIBILITY_REVIEWED_ON", "last spring")
    with pytest.raises(ConfigurationError, match="ACCESSIBILITY_REVIEWED_ON"):
        load_config(tmp_path)


def test_development_warns_once_when_public_url_is_not_where_the_site_is_served(make_app, caplog):
    app = make_app(PUBLIC_URL="http://127.0.0.1:5000")
    client = app.test_client()
    with caplog.at_level("WARNING", logger="consultations.mail.links"):
        client.get("/livez")
        client.get("/livez")
    warnings = [record for record in caplog.records if "PUBLIC_URL" in record.getMessage()]
    assert len(warnings) == 1
    assert "http://localhost" in warnings[0].getMessage()


def test_no_warning_when_public_url_matches(make_app, caplog):
    app = make_app(PUBLIC_URL="http://localhost")
    with caplog.at_level("WARNING", logger="consultations.mail.links"):
        app.test_client().get("/livez")
    assert not [record for record in caplog.records if "PUBLIC_URL" in record.getMessage()]
