"""The open-data page explains every file, the package, the license, the API and the feeds."""

from __future__ import annotations

import pytest

from consultations.opendata.tables import TABLES


@pytest.mark.parametrize("lang", ["he", "lv", "hu", "en"])
def test_page_links_every_file_the_package_api_and_license(client, app_ctx, lang):
    response = client.get(f"/{lang}/data")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in html
    for table in TABLES:
        assert f'href="/data/{table.filename}"' in html
    assert 'href="/data/datapackage.json"' in html
    assert 'href="/api/v1/"' in html
    assert 'href="/api/v1/openapi.json"' in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in html
    assert "frictionless validate http://localhost/data/datapackage.json" in html
    assert 'id="feeds"' in html


def test_package_is_in_english_whatever_the_readers_language(client, app_ctx):
    client.get("/he/data")  # remembers Hebrew in the language cookie
    document = client.get("/data/datapackage.json").get_json()
    assert document["resources"][2]["title"] == "Commitments"


def test_page_costs_a_fixed_number_of_queries(client, world, count_queries):
    with count_queries() as counter:
        client.get("/en/data")
    assert counter.count <= 3  # the third: which languages the files have columns for
