"""Every CSV file the site writes, every free-text column: a cell that a spreadsheet would run
as a formula (= + - @ tab CR) is written with one apostrophe in front.

The files and columns come from the writers' own schemas (the open-data tables and the
responses report's columns), so a new file or column joins this test by itself; a new
string column must be named free text or listed below as a code the site controls."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from consultations.consultation.models import SectionText
from consultations.extensions import db
from consultations.opendata import files
from consultations.opendata.tables import TABLES
from consultations.responses import report, services

STARTS = ("=", "+", "-", "@", "\t", "\r")
DANGEROUS = [f"{start}HYPERLINK(1)" for start in STARTS] + ["'=already quoted"]

# String columns whose values the site itself chooses or validates: identifiers, slugs,
# country and language codes, states and outcomes, links it builds.
CODES = {
    "slug",
    "country",
    "status",
    "phase",
    "anchor",
    "language",
    "stance",
    "outcome",
    "completion",
    "opened_government",
    "Commitment Unique Identifier",  # two capitals and four digits, checked on import
    "Country/Locality",
    "Language",
    "URL",
    "Status",
    "Completion (Progress Report)",
    "Did It Open Government (Overall)",
    "owner_type",  # documents: the kind of record, one of four
    "media_type",  # found from the file's content, one of the allowed types
    "extension",
    "sha256",
    "download_url",  # built by the site
    # IRM design fields: each one of a fixed list (OGP's policy areas, ISO 4217, IRM's scales)
    "Policy Area",
    "Budget Currency",
    "Potential For Results",
    "Potential Impact",
    "potential_for_results",
    "scope_kind",  # quality months: site, country or agency
    "period",  # self-assessment: mid_term or end_of_term
    "page_url",  # built by the site
    "figures_url",
    "sector",  # forum members: government, civil society or other
    "role",  # forum members: co-chair, member or observer
}
REPORT_FREE_TEXT = {"section_heading", "author", "text", "reasons"}
REPORT_CODES = {
    "comment_id",
    "created_at",
    "section_anchor",
    "language",
    "stance",
    "parent_id",
    "response_id",
    "outcome",
    "response_published_at",
}


def parse(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_every_string_column_of_every_file_is_free_text_or_a_code():
    for table in TABLES:
        for column in table.columns:
            if column.type == "string" and not column.text:
                assert column.name in CODES, f"{table.name}.{column.name}: free text or code?"
    assert set(report.CSV_COLUMNS) == REPORT_FREE_TEXT | REPORT_CODES


@pytest.mark.parametrize("value", DANGEROUS, ids=repr)
@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_every_free_text_column_of_every_open_data_file_is_guarded(
    app_ctx, monkeypatch, table, value
):
    free = [column.text for column in table.listed]
    monkeypatch.setattr(type(table), "rows", lambda _self: iter([[value] * len(free)]))

    written = files.write_csv(table)

    header, row = parse(written.body.read())
    assert header == table.header
    for name, is_text, cell in zip(header, free, row, strict=True):
        if is_text:
            assert cell == "'" + value, f"{table.name}.{name}"
            assert not cell.startswith(STARTS)


@pytest.mark.parametrize("value", DANGEROUS, ids=repr)
def test_the_guard_is_reversible(value):
    assert files.guard(value) == "'" + value
    assert files.guard(value)[1:] == value
    assert files.guard("Plain text, =inside") == "Plain text, =inside"
    assert files.guard("") == ""


@pytest.mark.parametrize("start", STARTS + ("'",), ids=repr)
def test_every_free_text_column_of_the_responses_report_is_guarded(
    client, make_consultation, make_comment, make_user, make_agency, start
):
    agency = make_agency()
    consultation = make_consultation(
        agency=agency, opens_in=timedelta(days=-24), lasts=timedelta(days=14)
    )
    section = consultation.sections[0]
    opened = consultation.opens_at
    section.texts.append(
        SectionText(locale="he", heading=f"{start}heading", body="", updated_at=opened)
    )
    section.texts[0].heading = f"{start}heading"
    db.session.commit()
    author = make_user(f"{start}author name")
    comment = make_comment(consultation, f"{start}comment text", author, section=section)
    coordinator = make_user(roles=("coordinator",), agency=agency)
    services.publish_response(
        coordinator,
        consultation,
        outcome="adopted",
        texts={"en": {"reasons": f"{start}reasons"}},
        comment_ids=[comment.id],
    )

    for lang in ("en", "he"):
        response = client.get(f"/{lang}/consultations/{consultation.slug}/report.csv")
        assert response.status_code == 200
        header, row = parse(response.get_data())[:2]
        cells = dict(zip(header, row, strict=True))
        for column in REPORT_FREE_TEXT:
            cell = cells[column]  # (the services may strip a leading tab or return)
            assert not cell.startswith(STARTS), (lang, column, cell)
            assert cell.startswith("'" + start) or start in "\t\r", (lang, column, cell)
