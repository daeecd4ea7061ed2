"""The open-data files: their headers and rows, what they leave out, and how they are served."""

from __future__ import annotations

import enum
import hashlib
import itertools
import json
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from werkzeug.test import EnvironBuilder

from consultations.clock import now
from consultations.extensions import db
from consultations.opendata import files
from consultations.opendata.files import guard
from consultations.opendata.schema import datapackage
from consultations.opendata.tables import TABLES

from .conftest import FORMULA, HEBREW_TITLE, read_csv


def test_every_file_is_csv_with_a_filename(client, world):
    for table in TABLES:
        response = client.get(f"/data/{table.filename}")
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="{table.filename}"'
        )
        assert response.data.startswith(",".join(table.header).encode() + b"\r\n")


def test_an_empty_database_still_gives_every_header(client, app_ctx):
    for table in TABLES:
        response = client.get(f"/data/{table.filename}")
        assert response.status_code == 200
        assert response.get_data(as_text=True).splitlines() == [",".join(table.header)]


def test_a_language_not_offered_has_columns_only_while_some_text_is_in_it(client, world):
    from consultations.agencies.models import AgencyText

    def name_columns():
        header = client.get("/data/agencies.csv").get_data(as_text=True).splitlines()[0]
        return [name for name in header.split(",") if name.startswith("name_")]

    assert name_columns() == ["name_he", "name_lv", "name_hu", "name_en"]
    world.agency.texts.append(AgencyText(locale="ar", name="هيئة تكنولوجيا المعلومات"))
    db.session.commit()
    assert name_columns() == ["name_he", "name_lv", "name_hu", "name_en", "name_ar"]
    (agency,) = read_csv(client.get("/data/agencies.csv"))
    assert agency["name_ar"] == "هيئة تكنولوجيا المعلومات"
    fields = client.get("/data/datapackage.json").get_json()["resources"][0]["schema"]["fields"]
    assert "name_ar" in [field["name"] for field in fields]


def test_commitments_use_ogp_columns_with_a_column_per_language(client, world):
    rows = {
        row["Commitment Unique Identifier"]: row
        for row in read_csv(client.get("/data/commitments.csv"))
    }
    row = rows["IL0024"]
    assert row["id"] == str(world.commitment.id)
    assert row["plan_id"] == str(world.plan.id)
    assert row["lead_agency_id"] == str(world.agency.id)
    assert row["Country/Locality"] == "IL"
    assert row["Commitment Title_he"] == HEBREW_TITLE
    assert row["Commitment Title_en"] == 'Open, "transparent" data'
    assert row["Commitment Title_lv"] == row["Commitment Title_hu"] == ""
    assert row["Full Text_he"] == "תיאור, עם פסיק"
    assert row["Problem Addressed_en"] == "'-3 is a bad score"
    assert row["Lead Institution"] == "רשות התקשוב הממשלתית"
    assert row["Language"] == "he"
    assert (row["Start Date"], row["End Date"]) == ("2024-01-01", "2025-06-30")
    assert row["OGP Value Access To Information"] == row["OGP Value Technology"] == "1"
    assert row["OGP Value Civic Participation"] == "0"
    assert row["URL"] == "http://localhost/en/commitments/IL0024"
    # The latest update (a correction) and the latest independent assessment.
    assert (row["Status"], row["Percent Complete"]) == ("substantial", "70")
    assert row["Completion (Progress Report)"] == "substantial"
    assert row["Did It Open Government (Overall)"] == "major"
    assert row["Last Progress Update"].endswith("Z")
    quiet = rows["IL0025"]
    assert (
        quiet["Status"] == quiet["Percent Complete"] == quiet["Completion (Progress Report)"] == ""
    )
    assert quiet["Lead Institution"] == "Government ICT Authority"  # no text in its language


def test_agencies_and_plans_give_every_language(client, world):
    world.agency.website = "https://ict.example.org/"
    world.agency.postal_address = "Kanfei Nesharim 0\nJerusalem"
    db.session.commit()
    (agency,) = read_csv(client.get("/data/agencies.csv"))
    assert agency == {
        "id": str(world.agency.id),
        "slug": "ict",
        "country": "IL",
        "contact_email": "",
        "phone": "",
        "website": "https://ict.example.org/",
        "postal_address": "Kanfei Nesharim 0\nJerusalem",
        "name_he": "רשות התקשוב הממשלתית",
        "name_lv": "",
        "name_hu": "",
        "name_en": "Government ICT Authority",
    }
    (plan,) = read_csv(client.get("/data/action-plans.csv"))
    assert plan["title_he"] == "תוכנית רביעית" and plan["title_en"] == "Fourth plan"
    assert plan["coordinating_agency_id"] == str(world.agency.id)
    assert (plan["period_start"], plan["status"]) == ("2024-01-01", "implementation")


def test_milestones_updates_and_assessments(client, world):
    (milestone,) = read_csv(client.get("/data/milestones.csv"))
    assert milestone["commitment_id"] == str(world.commitment.id)
    assert (milestone["due_date"], milestone["status"]) == ("2024-12-31", "complete")
    assert (milestone["completed_on"], milestone["deliverable_en"]) == (
        "2024-11-01",
        "Deliverable 1",
    )
    first, correction = read_csv(client.get("/data/progress-updates.csv"))
    assert first["id"] == str(world.update.id) and first["corrects_id"] == ""
    assert (first["agency_id"], first["organisation"]) == ("", world.update.organisation)
    assert correction["corrects_id"] == str(world.update.id)
    assert first["narrative_he"] == "עבודה, בתהליך"
    assert first["narrative_en"] == "'+ work done"
    assert correction["evidence"] == '["https://a.example/1"]'
    (assessment,) = read_csv(client.get("/data/assessments.csv"))
    assert (assessment["completion"], assessment["opened_government"]) == ("substantial", "major")
    assert assessment["author_name"] == "Kovács Eszter"


def test_consultations_and_sections(client, world):
    (consultation,) = read_csv(client.get("/data/consultations.csv"))
    assert consultation["slug"] == "il-draft"
    assert consultation["commitment_id"] == str(world.commitment.id)
    assert (consultation["phase"], consultation["title_he"]) == ("open", "טיוטה")
    sections = read_csv(client.get("/data/sections.csv"))
    assert [s["anchor"] for s in sections] == ["section-1", "section-2"]
    assert sections[0]["body_en"] == "Draft wording of section 1."


def test_comments_are_the_visible_ones_by_display_name(client, world):
    comments = read_csv(client.get("/data/comments.csv"))
    assert [c["id"] for c in comments] == [
        str(c.id) for c in (world.visible, world.reply, world.formula)
    ]
    first, reply, formula = comments
    assert first["text"] == 'אני תומכת, "מאוד"\nשורה שנייה'
    assert (first["author"], first["language"], first["stance"]) == ("דנה כהן", "he", "support")
    assert first["section_id"] == str(world.consultation.sections[0].id)
    assert reply["parent_id"] == str(world.visible.id)
    assert formula["text"] == "'" + FORMULA


def test_hidden_held_withdrawn_comments_and_email_addresses_are_never_published(client, world):
    everything = "".join(
        client.get(f"/data/{table.filename}").get_data(as_text=True) for table in TABLES
    )
    for text in ("Hidden insult text", "Held for review text", "Withdrawn by author text"):
        assert text not in everything
    assert "@example.org" not in everything
    assert "dana.secret" not in everything
    ids = {row["id"] for row in read_csv(client.get("/data/comments.csv"))}
    assert {str(c.id) for c in (world.hidden, world.held, world.removed)}.isdisjoint(ids)


def test_responses_and_the_visible_comments_they_answer(client, world):
    (response,) = read_csv(client.get("/data/responses.csv"))
    assert response["id"] == str(world.answer.id)
    assert response["outcome"] == "partly_adopted"
    assert response["reasons_he"] == "אומץ, חלקית"
    assert response["reasons_en"] == 'Partly, see "B"'
    answered = read_csv(client.get("/data/response-comments.csv"))
    # The hidden comment it also answers stays out.
    assert answered == [
        {"comment_id": str(world.visible.id), "response_id": str(world.answer.id)},
        {"comment_id": str(world.reply.id), "response_id": str(world.answer.id)},
    ]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+972 3 555", "'+972 3 555"),
        ("-3 points", "'-3 points"),
        ("@mention", "'@mention"),
        ("\tcmd", "'\tcmd"),
        ("'quoted'", "''quoted'"),
        ("a = b", "a = b"),
        ("שלום =", "שלום ="),
        ("", ""),
    ],
)
def test_formula_guard_is_reversible(text, written):
    assert guard(text) == written
    restored = written[1:] if written.startswith("'") else written
    assert restored == text


def test_conditional_get_answers_304_until_the_data_changes(client, world, make_comment):
    first = client.get("/data/comments.csv")
    etag = first.headers["ETag"]
    assert first.headers["Last-Modified"]
    again = client.get("/data/comments.csv", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    make_comment(world.consultation, "A new, later comment.")
    changed = client.get("/data/comments.csv", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert "A new, later comment." in changed.get_data(as_text=True)


def test_a_change_without_a_timestamp_is_never_served_stale(client, world):
    first = client.get("/data/comments.csv")
    world.visible.author.display_name = "Dana K."
    db.session.commit()
    since = client.get(
        "/data/comments.csv", headers={"If-Modified-Since": first.headers["Last-Modified"]}
    )
    assert since.status_code == 200
    assert "Dana K." in since.get_data(as_text=True)
    by_etag = client.get("/data/comments.csv", headers={"If-None-Match": first.headers["ETag"]})
    assert by_etag.status_code == 200


def test_package_answers_304_too(client, app_ctx):
    response = client.get("/data/datapackage.json")
    # Indented by two, letters as they are (not \u escapes).
    expected = json.dumps(datapackage(TABLES), ensure_ascii=False, indent=2)
    assert response.get_data(as_text=True) == expected and "…" in expected
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'inline; filename="datapackage.json"'
    etag = response.headers["ETag"]
    assert client.get("/data/datapackage.json", headers={"If-None-Match": etag}).status_code == 304


def test_unknown_file_is_404(client, app_ctx):
    assert client.get("/data/users.csv").status_code == 404


def test_language_free_data_address_leads_to_the_page(client, app_ctx):
    response = client.get("/data", headers={"Accept-Language": "lv"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/lv/data")


_NUMBERS = itertools.count(100)


def _grow(world, make_commitment, make_update, make_comment, count: int) -> None:
    for _ in range(count):
        commitment = make_commitment(
            world.plan,
            reference=f"IL{next(_NUMBERS):04d}",
            milestones=((date(2025, 1, 1), "not_started"),),
        )
        make_update(commitment)
        make_comment(world.consultation, parent=world.visible)


@pytest.mark.parametrize("name", [table.name for table in TABLES])
def test_query_count_does_not_grow_with_rows(
    client, world, make_commitment, make_update, make_comment, count_queries, name
):
    counts = []
    for size in (2, 25):
        _grow(world, make_commitment, make_update, make_comment, size)
        with count_queries() as counter:
            assert client.get(f"/data/{name}.csv").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


class _Kind(enum.Enum):
    OPEN = "open"


@pytest.mark.parametrize(
    ("value", "text", "written"),
    [
        (None, True, ""),
        (_Kind.OPEN, False, "open"),
        (True, False, "1"),
        (False, False, "0"),
        (datetime(2026, 3, 4, 5, 6, 7, 8, tzinfo=UTC), False, "2026-03-04T05:06:07Z"),
        (datetime(2026, 3, 4, 5, 6, 7), False, "2026-03-04T05:06:07Z"),  # stored UTC, naive
        (date(2026, 3, 4), False, "2026-03-04"),
        (["https://a.example/1", "שלום"], False, '["https://a.example/1","שלום"]'),
        ({"a": 1, "b": [2]}, False, '{"a":1,"b":[2]}'),
        ("=1+1", True, "'=1+1"),
        ("=1+1", False, "=1+1"),  # a code the site controls is written as it is
        (42, False, "42"),
    ],
    ids=[
        "none",
        "enum",
        "true",
        "false",
        "aware",
        "naive",
        "date",
        "list",
        "dict",
        "free-text",
        "code",
        "number",
    ],
)
def test_every_kind_of_value_has_one_written_form(value, text, written):
    assert files.cell(value, text) == written


def test_a_file_of_many_rows_is_written_whole_and_served_with_its_validators(
    client, app_ctx, monkeypatch
):
    """More rows than one flush holds; the size, the hash and the headers match the bytes."""
    table = next(t for t in TABLES if t.name == "comments")
    width = len(table.header)
    newest = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    rows = [[str(n)] * (width - 1) + [newest if n == 3 else None] for n in range(450)]
    monkeypatch.setattr(type(table), "rows", lambda _self: iter(rows))
    expected = ",".join(table.header) + "\r\n"
    expected += "".join(
        ",".join([str(n)] * (width - 1) + ["2026-01-02T03:04:05Z" if n == 3 else ""]) + "\r\n"
        for n in range(450)
    )
    response = client.get(f"/data/{table.filename}")
    body = response.get_data()
    assert body == expected.encode()
    assert response.headers["Content-Length"] == str(len(body))
    assert response.headers["ETag"] == f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    assert response.headers["Last-Modified"] == "Fri, 02 Jan 2026 03:04:05 GMT"
    assert response.headers["Cache-Control"] == "public, no-cache"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    etag = response.headers["ETag"]
    again = client.get(f"/data/{table.filename}", headers={"If-None-Match": etag})
    assert (again.status_code, again.headers["ETag"]) == (304, etag)
    assert again.headers["Cache-Control"] == "public, no-cache"
    assert again.headers["Access-Control-Allow-Origin"] == "*"


def test_last_modified_is_never_in_the_future(client, app_ctx, monkeypatch):
    table = next(t for t in TABLES if t.name == "comments")
    later = now() + timedelta(days=400)
    row = [None] * (len(table.header) - 1) + [later]
    monkeypatch.setattr(type(table), "rows", lambda _self: iter([row]))
    served = parsedate_to_datetime(client.get(f"/data/{table.filename}").headers["Last-Modified"])
    assert abs(served - now()) < timedelta(minutes=5)


def test_a_server_that_can_send_files_itself_is_handed_the_file(app, app_ctx):
    """A WSGI server's own file wrapper (sendfile) gets the written file, not a copy in chunks."""

    class ServerFile:
        def __init__(self, file, block_size=8192):
            self.file = file

        def __iter__(self):
            return iter(lambda: self.file.read(8192), b"")

        def close(self):
            self.file.close()

    environ = EnvironBuilder(
        path="/data/datapackage.json", environ_base={"wsgi.file_wrapper": ServerFile}
    ).get_environ()
    started = []
    sent = app(environ, lambda status, headers, exc_info=None: started.append(status))
    assert started == ["200 OK"]
    assert isinstance(sent, ServerFile)
    assert json.loads(b"".join(sent)) == datapackage(TABLES)
    sent.close()
