"""The data package as served validates with Frictionless, by its Python API and its CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from frictionless import Package, validate

from consultations.opendata.tables import TABLES


def _download(client, directory: Path) -> Path:
    """Every file as the app serves it, saved next to the data package."""
    package = client.get("/data/datapackage.json")
    assert package.status_code == 200
    (directory / "datapackage.json").write_bytes(package.data)
    for resource in package.get_json()["resources"]:
        response = client.get(f"/data/{resource['path']}")
        assert response.status_code == 200
        (directory / resource["path"]).write_bytes(response.data)
    return directory / "datapackage.json"


def test_package_describes_every_file(client, world):
    document = client.get("/data/datapackage.json").get_json()
    assert [r["path"] for r in document["resources"]] == [t.filename for t in TABLES]
    assert document["licenses"][0]["name"] == "CC-BY-4.0"
    for resource in document["resources"]:
        assert resource["schema"]["primaryKey"]
        assert resource["title"] and resource["description"]


def test_package_with_real_data_is_valid(client, world, tmp_path):
    report = validate(str(_download(client, tmp_path)))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(tmp_path / "datapackage.json"))
    comments = package.get_resource("comments").read_rows()
    assert [row["id"] for row in comments] == sorted(row["id"] for row in comments)


def test_empty_package_is_valid(client, app_ctx, tmp_path):
    report = validate(str(_download(client, tmp_path)))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_frictionless_command_line_validates_the_package(client, world, tmp_path):
    descriptor = _download(client, tmp_path)
    command = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [str(command), "validate", "--json", str(descriptor)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["valid"] is True


def test_export_command_writes_the_same_files(app, runner, client, world, tmp_path):
    result = runner.invoke(args=["export-open-data", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for table in TABLES:
        served = client.get(f"/data/{table.filename}").data
        assert (tmp_path / "out" / table.filename).read_bytes() == served
    report = validate(str(tmp_path / "out" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
