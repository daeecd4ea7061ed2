"""The forums' open-data files: valid with Frictionless, history and publication dates kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from forum.builders import days_ago, held, member
from frictionless import Package, validate

from consultations.forum import services


def _download(client, directory: Path) -> Path:
    package = client.get("/data/datapackage.json")
    (directory / "datapackage.json").write_bytes(package.data)
    for resource in package.get_json()["resources"]:
        (directory / resource["path"]).write_bytes(client.get(f"/data/{resource['path']}").data)
    return directory / "datapackage.json"


def test_forum_files_are_valid_and_keep_the_history(client, forum, people, tmp_path):
    keeper = people["secretariat"]
    dana = member(forum, keeper, "=Dana", sector="government", role="co_chair")
    services.change_member(
        keeper,
        dana,
        date(2025, 1, 1),
        name="Dana",
        is_seat=False,
        organisation="",
        sector="government",
        role="member",
        term_end=None,
    )
    services.publish_rules(keeper, forum, "Rules.", "he")
    meeting = held(forum, keeper, days_ago(10), place='ירושלים, "בית"')
    services.publish_agenda(keeper, meeting, "1. Budget\n2. Plan")
    services.publish_minutes(keeper, meeting, "We met.", "- Adopted")
    services.schedule_meeting(keeper, forum, days_ago(-5), "", True, "he")

    report = validate(str(_download(client, tmp_path)))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(tmp_path / "datapackage.json"))
    forums = package.get_resource("forums").read_rows()
    assert [(row["country"], row["rules_version"]) for row in forums] == [("LV", None), ("IL", 1)]
    members = package.get_resource("forum-members").read_rows()
    assert [(row["name"], row["role"], row["ended_on"]) for row in members] == [
        ("'=Dana", "co_chair", date(2025, 1, 1)),
        ("Dana", "member", None),
    ]
    meetings = package.get_resource("forum-meetings").read_rows()
    assert meetings[0]["agenda_published_at"] and meetings[0]["minutes"] == "We met."
    assert meetings[1]["online"] is True and meetings[1]["minutes_published_at"] is None
