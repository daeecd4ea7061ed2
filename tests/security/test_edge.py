"""The request's edge: page numbers of any size, identifiers past the database's integers,
control characters, Host headers, and the incident a failure names."""

from __future__ import annotations

import re
import secrets

import pytest
from flask import request
from sqlalchemy import select

from consultations.comments.models import Comment
from consultations.config import load_config
from consultations.extensions import db
from consultations.pagination import MAX_PAGE
from consultations.plans.queries import PER_PAGE

from helpers import login


@pytest.fixture
def plans(make_plan):
    """One page and one plan of plans."""
    return [make_plan() for _ in range(PER_PAGE + 1)]


@pytest.mark.parametrize("page", ["3", "4000", str(MAX_PAGE), str(2**64), "9" * 1000])
def test_a_page_past_the_end_shows_the_last_page(client, plans, page):
    response = client.get(f"/en/plans?page={page}")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Page 2 of 2" in text
    assert plans[-1].texts[0].title in text or plans[0].texts[0].title in text


@pytest.mark.parametrize("page", ["0", "-1", "-99999999999999999999", "abc", "", "1.5", "٣"])
def test_a_page_that_is_not_a_page_number_shows_the_first(client, plans, page):
    response = client.get(f"/en/plans?page={page}")
    assert response.status_code == 200
    assert "Page 1 of 2" in response.get_data(as_text=True)


def test_staff_lists_show_their_last_page_too(client, make_user):
    admin = make_user(roles=("admin",))
    for _ in range(30):
        make_user()
    login(client, admin)
    response = client.get(f"/en/staff/users?page={2**64}")
    assert response.status_code == 200
    assert "Page 2 of 2" in response.get_data(as_text=True)


@pytest.mark.parametrize("number", [2**31, 2**63, 2**64, 10**40])
def test_an_identifier_past_the_database_integers_is_not_found(client, make_user, number):
    login(client, make_user(roles=("admin", "moderator")))
    assert client.get(f"/en/staff/users/{number}").status_code == 404
    assert client.post(f"/en/moderation/comments/{number}/hide").status_code == 404
    assert client.get(f"/api/v1/comments/{number}").status_code == 404


def test_the_largest_identifier_is_simply_not_found(client, make_user):
    login(client, make_user(roles=("admin",)))
    assert client.get(f"/en/staff/users/{2**31 - 1}").status_code == 404


def test_control_characters_are_removed_from_posted_text(client, make_consultation, make_user):
    consultation = make_consultation()
    login(client, make_user())
    response = client.post(
        f"/en/consultations/{consultation.slug}/comments",
        data={"body": "Keep\x00 the\x1b tab\tand\r\nlines\x7f.", "stance": ""},
    )
    assert response.status_code == 302
    comment = db.session.scalar(select(Comment))
    assert comment.body_text == "Keep the tab\tand\r\nlines."


def test_a_failure_names_an_incident_on_the_page_and_in_the_log(make_app, caplog):
    app = make_app()

    @app.get("/<lang:lang>/boom")
    def boom():
        raise RuntimeError("the failure")

    response = app.test_client().get("/hu/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    incident = re.search(r"\b([0-9a-f]{8})\b", page.split("<h1>")[1]).group(1)
    assert "RuntimeError: the failure" in caplog.text
    logged = [record for record in caplog.records if incident in record.getMessage()]
    assert logged and logged[0].exc_info, "the incident is not on the line with the traceback"


def test_the_api_names_the_incident_of_a_failure(make_app, caplog):
    app = make_app()

    @app.get("/api/v1/boom")
    def api_boom():
        raise RuntimeError("the failure")

    response = app.test_client().get("/api/v1/boom")
    assert response.status_code == 500
    error = response.get_json()["error"]
    assert re.fullmatch(r"[0-9a-f]{8}", error["incident"])
    assert f"Incident {error['incident']}" in caplog.text


def _production_settings(monkeypatch, **environment):
    monkeypatch.setenv("CONSULTATIONS_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(48))
    monkeypatch.setenv("PUBLIC_URL", "https://consult.example.gov")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)


def test_production_trusts_only_the_public_address_host(monkeypatch, tmp_path):
    _production_settings(monkeypatch)
    assert load_config(tmp_path)["TRUSTED_HOSTS"] == ["consult.example.gov"]


def test_trusted_hosts_setting_is_a_comma_separated_list(monkeypatch, tmp_path):
    _production_settings(monkeypatch, TRUSTED_HOSTS=" consult.example.gov, .example.org ,")
    assert load_config(tmp_path)["TRUSTED_HOSTS"] == ["consult.example.gov", ".example.org"]
    monkeypatch.setenv("TRUSTED_HOSTS", "*")
    assert load_config(tmp_path)["TRUSTED_HOSTS"] is None


def test_development_accepts_any_host(monkeypatch, tmp_path):
    monkeypatch.delenv("TRUSTED_HOSTS", raising=False)
    monkeypatch.setenv("CONSULTATIONS_ENV", "development")
    assert load_config(tmp_path)["TRUSTED_HOSTS"] is None


@pytest.fixture
def production_app(make_app, monkeypatch, tmp_path):
    _production_settings(monkeypatch)
    settings = load_config(tmp_path)
    return make_app(
        TRUSTED_HOSTS=settings["TRUSTED_HOSTS"], PUBLIC_URL=settings["PUBLIC_URL"], PRODUCTION=True
    )


@pytest.mark.parametrize("path", ["/he/", "/en/plans", "/en/feeds/site.atom", "/api/v1/plans"])
def test_a_forged_host_is_refused_in_production(production_app, path):
    client = production_app.test_client()
    response = client.get(path, headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert "evil.example" not in response.get_data(as_text=True)
    assert client.get(path, headers={"Host": "consult.example.gov"}).status_code == 200


def test_the_forged_host_page_is_translated(production_app):
    response = production_app.test_client().get("/he/", headers={"Host": "evil.example"})
    page = response.get_data(as_text=True)
    assert '<html lang="he" dir="rtl">' in page
    assert "<h1>בקשה שגויה</h1>" in page


def test_the_public_host_with_a_port_is_accepted(production_app):
    response = production_app.test_client().get("/en/", headers={"Host": "consult.example.gov:443"})
    assert response.status_code == 200


def test_the_public_address_host_is_always_trusted(make_app):
    app = make_app(TRUSTED_HOSTS=["www.example.gov"], PUBLIC_URL="https://consult.example.gov")
    assert app.config["TRUSTED_HOSTS"] == ["www.example.gov", "consult.example.gov"]
    client = app.test_client()
    assert client.get("/en/", headers={"Host": "consult.example.gov"}).status_code == 200
    assert client.get("/en/", headers={"Host": "www.example.gov"}).status_code == 200
    assert client.get("/en/", headers={"Host": "localhost"}).status_code == 400


def test_json_bodies_lose_their_control_characters_but_keep_tabs_and_lines(app):
    body = {"a\x00": ["x\x01y", {"k": "tab\tline\nreturn\r\x0bend\x7f"}], "n": 5}
    with app.test_request_context("/api/v1/", method="POST", json=body):
        assert request.get_json() == {"a": ["xy", {"k": "tab\tline\nreturn\rend"}], "n": 5}
