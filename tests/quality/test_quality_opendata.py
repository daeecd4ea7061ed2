"""The kept months as an open-data file that Frictionless validates."""

from __future__ import annotations

import csv
import io

from frictionless import validate


def test_the_kept_months_are_an_open_data_file(client, kept_october):
    alpha, _, _ = kept_october
    response = client.get("/data/quality_months.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    site = next(r for r in rows if r["month"] == "2026-10-01" and r["scope_kind"] == "site")
    assert site["median_days"] == "9.5" and site["answers_due"] == "3"
    assert site["comments"] == "3" and site["country"] == "" and site["agency_id"] == ""
    agency = next(r for r in rows if r["month"] == "2026-10-01" and r["agency_id"] == str(alpha.id))
    assert agency["answered_on_time"] == "2"
    assert any(r["country"] == "LV" for r in rows)


def test_the_package_with_kept_months_is_valid(client, kept_october, tmp_path):
    package = client.get("/data/datapackage.json")
    (tmp_path / "datapackage.json").write_bytes(package.data)
    for resource in package.get_json()["resources"]:
        (tmp_path / resource["path"]).write_bytes(client.get(f"/data/{resource['path']}").data)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
