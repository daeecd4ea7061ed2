"""The monthly series in the API, as the OpenAPI document describes it."""

from __future__ import annotations

import pytest
from openapi_schema_validator import OAS31Validator


def _valid(client, body) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    schema = {"$ref": "#/components/schemas/QualitySeries", "components": document["components"]}
    OAS31Validator(schema, format_checker=OAS31Validator.FORMAT_CHECKER).validate(body)


def test_the_api_gives_the_sites_months_against_the_standards(client, kept_october):
    response = client.get("/api/v1/quality")
    assert response.status_code == 200
    body = response.get_json()
    _valid(client, body)
    months = {m["month"]: m for m in body["data"]}
    assert len(body["data"]) == 12 and body["data"][-1]["status"] == "current"
    october_figures = months["2026-10"]
    assert october_figures["status"] == "kept"
    assert october_figures["median_days"] == 9.5
    assert october_figures["share_on_time"] == pytest.approx(2 / 3, abs=1e-4)
    assert october_figures["participants"] == 2 and october_figures["proposals"] == 0
    assert months["2026-09"]["status"] == "not_kept" and months["2026-09"]["comments"] is None
    assert body["standards"]["on_time_share"] == 0.9


def test_the_api_gives_a_country_or_an_agency(client, kept_october):
    alpha, _, _ = kept_october
    latvia = client.get("/api/v1/quality?country=lv").get_json()
    _valid(client, latvia)
    assert latvia["scope"] == {"kind": "country", "key": "LV"}
    assert {m["month"]: m for m in latvia["data"]}["2026-10"]["median_days"] == 3.5
    agency = client.get(f"/api/v1/quality?agency={alpha.slug}").get_json()
    assert {m["month"]: m for m in agency["data"]}["2026-10"]["answers_due"] == 3
    assert client.get("/api/v1/quality?country=zz").status_code == 404
    assert client.get("/api/v1/quality?agency=nobody").status_code == 404
    both = client.get(f"/api/v1/quality?country=il&agency={alpha.slug}").get_json()
    assert both["scope"] == {"kind": "agency", "key": alpha.slug}
    assert client.get(f"/api/v1/quality?country=lv&agency={alpha.slug}").status_code == 404
