"""Admins import a drafted plan's commitments from a CSV file, checked line by line, all or none."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from consultations import permissions
from consultations.audit.models import AuditEvent
from consultations.audit.services import verify_chain
from consultations.extensions import db
from consultations.plans.importer import import_plan
from consultations.plans.models import Commitment, Milestone, PlanStatus

from helpers import ROOT, login

SAMPLE = ROOT / "docs" / "sample-plan-import.csv"
HEADER = [
    "Commitment Unique Identifier",
    "Commitment Title",
    "Commitment Title_en",
    "Full Text",
    "Lead Institution",
    "OGP Value Access To Information",
    "OGP Value Technology",
    "Start Date",
    "End Date",
    "Milestone",
    "Milestone Start Date",
    "Milestone End Date",
]


def csv_bytes(rows: list[list[str]], header: list[str] = HEADER, newline: str = "\n") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def row(reference="LV0901", title="Nosaukums", lead="state-chancellery", **cells) -> list[str]:
    values = {
        "title_en": "",
        "text": "",
        "access": "1",
        "technology": "0",
        "start": "2026-01-01",
        "end": "2026-12-31",
        "milestone": "",
        "m_start": "",
        "m_end": "",
        **cells,
    }
    rest = [values[key] for key in ("access", "technology", "start", "end")]
    milestone = [values[key] for key in ("milestone", "m_start", "m_end")]
    return [reference, title, values["title_en"], values["text"], lead, *rest, *milestone]


def counts() -> tuple[int, int, int]:
    return (
        db.session.scalar(select(func.count(Commitment.id))),
        db.session.scalar(select(func.count(Milestone.id))),
        db.session.scalar(select(func.count(AuditEvent.id))),
    )


def upload(client, slug: str, data: bytes, confirm: bool = False, filename: str = "plan.csv"):
    form = {"file": (io.BytesIO(data), filename)}
    if confirm:
        form["confirm"] = "y"
    return client.post(
        f"/en/staff/plans/{slug}/import", data=form, content_type="multipart/form-data"
    )


@pytest.fixture
def plan(make_plan, make_agency):
    make_agency(slug="smart-administration-ministry", country="LV")
    make_agency(
        slug="procurement-monitoring-bureau",
        country="LV",
        lv="Iepirkumu uzraudzības birojs",
        en="Procurement Monitoring Bureau",
    )
    chancellery = make_agency(slug="state-chancellery", country="LV", lv="Valsts kanceleja")
    return make_plan(slug="lv-7", country="LV", status=PlanStatus.DRAFTING, agency=chancellery)


@pytest.fixture
def admin(make_user):
    return make_user(name="Admin Person", roles=["admin"])


def test_sample_file_imports_cleanly_into_a_drafting_plan(client, plan, admin):
    login(client, admin)
    response = upload(client, "lv-7", SAMPLE.read_bytes(), confirm=True)

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/en/plans/lv-7")
    commitments = db.session.scalars(select(Commitment).order_by(Commitment.reference)).all()
    assert [c.reference for c in commitments] == ["LV0901", "LV0902", "LV0903"]
    first = commitments[0]
    assert first.plan_id == plan.id and first.source_locale == "lv"
    assert first.lead_agency.slug == "smart-administration-ministry"
    assert first.ogp_values == ["access_to_information", "public_accountability", "technology"]
    assert first.start_date == date(2026, 1, 1) and first.end_date == date(2027, 6, 30)
    assert first.text("title", "en").text == "Open data on school meals"
    assert first.text("title", "lv").text == "Atvērti dati par skolu ēdināšanu"
    assert first.text("other_actors", "en").text == "Municipalities; parents' associations"
    assert [m.text("deliverable", "en").text for m in first.milestones] == [
        "Common data structure agreed with municipalities",
        "First data published by 20 municipalities",
        "Data published by every municipality",
    ]
    assert first.milestones[2].due_date == date(2027, 6, 30)
    # Matched by one of the agency's names rather than its address name.
    assert commitments[2].lead_agency.slug == "procurement-monitoring-bureau"

    actions = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions.count("commitment.create") == 3
    assert actions.count("milestone.create") == 6
    assert actions[-1] == "plan.import"
    assert verify_chain() is None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "3 commitments imported." in page and "6 milestones imported." in page


def test_checking_a_file_reports_what_would_be_imported_and_writes_nothing(client, plan, admin):
    login(client, admin)
    before = counts()
    response = upload(client, "lv-7", SAMPLE.read_bytes())
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    assert "No problems found" in page
    assert "Importing will add 3 commitments." in page and "The file has 6 milestones." in page
    assert "LV0902" in page and "Short Title" in page  # a column we do not import, named
    assert counts() == before


def test_every_bad_line_is_reported_with_its_number_and_nothing_is_written(
    client, plan, admin, make_commitment
):
    make_commitment(plan, reference="LV0500")
    login(client, admin)
    before = counts()
    data = csv_bytes(
        [
            row("LV0901"),  # line 2: fine
            row("LV01"),  # 3
            row("LV0903", lead="Ministry of Nowhere"),  # 4
            row("LV0904", access="yes"),  # 5
            row("LV0905", start="2026-13-01"),  # 6
            row("LV0906", start="2026-06-01", end="2026-01-01"),  # 7
            row("LV0907", title=""),  # 8
            row("LV0901", title="Cits nosaukums"),  # 9: a second commitment with LV0901
            row("LV0500"),  # 10: already in the database
            row("LV0910", milestone="Darbs", m_start="2026-05-01", m_end="2026-04-01"),  # 11
            row("LV0911", milestone="Darbs"),  # 12
        ]
    )
    response = upload(client, "lv-7", data, confirm=True)
    page = response.get_data(as_text=True)

    assert response.status_code == 422
    assert "10 problems found; nothing was imported." in page
    expected = {
        3: "A reference is a country code and four digits",
        4: "No agency has the address name or name “Ministry of Nowhere”.",
        5: "Write 1 or 0, not “yes”.",
        6: "“2026-13-01” is not a date. Write YYYY-MM-DD, M/D/YYYY or just the year.",
        7: "The end must come after the start.",
        8: "The commitment title is empty.",
        9: "LV0901 is already used on line 2.",
        10: "LV0500 already exists, in the plan lv-7.",
        11: "The due date must come after the start.",
        12: "A milestone needs an end date.",
    }
    rows = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
    # The cells: the file, then the line number.
    reported = {int(re.split(r"<td[^>]*>", r, maxsplit=2)[2].split("</td>")[0]): r for r in rows}
    for line, message in expected.items():
        assert message in reported[line].replace("&#34;", '"'), (line, reported.get(line))
    assert 2 not in reported
    assert counts() == before


def test_missing_columns_are_named_and_nothing_is_read(app_ctx, plan):
    report = import_plan(None, plan, b"Commitment Title,Full Text\nSomething,Text\n")
    assert [(p.line, p.column) for p in report.problems] == [
        (1, "Commitment Unique Identifier"),
        (1, "Lead Institution"),
    ]
    assert report.commitments == []


def test_a_line_of_another_language_needs_its_own_title(app_ctx, plan):
    header = [*HEADER, "Full Text_en"]
    data = csv_bytes([[*row("LV0901"), "English text without an English title"]], header)
    report = import_plan(None, plan, data)
    assert [(p.line, p.column) for p in report.problems] == [(2, "Commitment Title_en")]


def test_a_line_that_adds_a_milestone_may_not_change_the_commitment(app_ctx, plan):
    data = csv_bytes(
        [
            row("LV0901", milestone="Pirmais", m_end="2026-03-01"),
            row(
                "LV0901", title="", lead="state-chancellery", milestone="Otrais", m_end="2026-05-01"
            ),
            row(
                "LV0901",
                title="",
                lead="",
                text="Cits teksts",
                milestone="Trešais",
                m_end="2026-06-01",
            ),
            row("LV0901", title="", lead=""),
        ]
    )
    report = import_plan(None, plan, data)
    assert [(p.line, p.column) for p in report.problems] == [
        (4, "Full Text"),
        (5, "Commitment Unique Identifier"),
    ]


@pytest.mark.parametrize("roles", [(), ("monitor",), ("moderator",)])
def test_people_who_are_neither_admins_nor_coordinators_get_403(client, plan, make_user, roles):
    person = make_user(roles=roles, agency=plan.coordinating_agency)
    login(client, person)
    before = counts()
    assert client.get("/en/staff/plans/lv-7/import").status_code == 403
    assert upload(client, "lv-7", SAMPLE.read_bytes(), confirm=True).status_code == 403
    assert counts() == before


def test_signed_out_visitors_are_sent_to_log_in(client, plan):
    response = client.get("/en/staff/plans/lv-7/import")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize(
    "status", [PlanStatus.ADOPTED, PlanStatus.IMPLEMENTATION, PlanStatus.CLOSED]
)
def test_plans_past_drafting_take_imports_too(app_ctx, plan, admin, status):
    plan.status = status
    db.session.commit()
    assert import_plan(admin, plan, SAMPLE.read_bytes(), write=True).written


def test_consultation_plans_take_imports_too(app_ctx, plan, admin):
    plan.status = PlanStatus.CONSULTATION
    db.session.commit()
    assert import_plan(admin, plan, SAMPLE.read_bytes(), write=True).written


def test_import_permission_by_role_and_plan_status(make_user, make_plan):
    admin, coordinator = make_user(roles=["admin"]), make_user(roles=["coordinator"])
    for status in PlanStatus:
        plan = make_plan(status=status)
        assert permissions.can_import_plan(admin, plan) is True
        assert permissions.can_import_plan(coordinator, plan) is False  # no agency of the plan
        assert permissions.can_import_plan(None, plan) is False


def test_byte_order_mark_and_windows_line_endings_are_accepted(client, plan, admin):
    login(client, admin)
    text = SAMPLE.read_text(encoding="utf-8").replace("\n", "\r\n")
    response = upload(client, "lv-7", b"\xef\xbb\xbf" + text.encode(), confirm=True)
    assert response.status_code == 302
    commitment = db.session.scalar(select(Commitment).where(Commitment.reference == "LV0901"))
    assert commitment is not None and len(commitment.milestones) == 3
    assert not commitment.text("title", "lv").text.endswith("\r")


def test_semicolons_and_multi_line_cells_keep_line_numbers_right(app_ctx, plan):
    data = (
        csv_bytes([row("LV0901", text="Pirmā rinda\notrā rinda"), row("LV0902", access="2")])
        .decode()
        .replace(",", ";")
    )
    report = import_plan(None, plan, data.encode())
    assert [(p.line, p.column) for p in report.problems] == [(4, "OGP Value Access To Information")]
    assert report.commitments[0].texts["lv"]["description"] == "Pirmā rinda\notrā rinda"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04\x14\x00\x06\x00",  # a spreadsheet (.xlsx) is a zip file
        "Commitment Unique Identifier\nLV0901\n".encode("utf-16"),
        b"Commitment Unique Identifier\n\xe9t\xe9\n",  # Latin-1, not UTF-8
    ],
)
def test_a_file_that_is_not_csv_text_gets_a_clear_message(client, plan, admin, data):
    login(client, admin)
    response = upload(client, "lv-7", data, confirm=True, filename="plan.xlsx")
    assert response.status_code == 422
    assert "This is not a CSV text file." in response.get_data(as_text=True)
    assert counts()[0] == 0


def test_an_empty_form_asks_for_a_file(client, plan, admin):
    login(client, admin)
    response = client.post("/en/staff/plans/lv-7/import", data={})
    assert response.status_code == 422
    assert "Choose a CSV file." in response.get_data(as_text=True)


def test_the_page_offers_the_form_in_every_language(client, plan, admin):
    login(client, admin)
    for lang in ("he", "lv", "hu", "en"):
        response = client.get(f"/{lang}/staff/plans/lv-7/import")
        assert response.status_code == 200
        assert 'enctype="multipart/form-data"' in response.get_data(as_text=True)


def test_command_line_checks_by_default_and_imports_with_commit(runner, plan):
    before = counts()
    result = runner.invoke(args=["import-plan", "lv-7", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "No problems: 3 commitments, 6 milestones" in result.output
    assert counts() == before

    result = runner.invoke(args=["import-plan", "lv-7", str(SAMPLE), "--commit"])
    assert result.exit_code == 0, result.output
    assert counts()[:2] == (3, 6)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "plan.import"))
    assert event.actor_name == "system" and event.after["milestones"] == 6


def test_command_line_prints_each_problem_and_exits_non_zero(runner, plan, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([row("LV0901", technology="x"), row("LV0902", lead="")]))
    result = runner.invoke(args=["import-plan", "lv-7", str(path), "--commit"])
    assert result.exit_code == 1
    assert "line 2 [OGP Value Technology]: Write 1 or 0" in result.output
    assert "line 3 [Lead Institution]: The lead institution is empty." in result.output
    assert counts()[0] == 0


def test_a_lead_agency_of_another_country_is_refused_and_nothing_is_written(
    client, runner, plan, admin, make_agency
):
    make_agency(slug="il-ministry", country="IL", en="Israeli ministry")
    data = csv_bytes([row("LV0901", lead="state-chancellery"), row("LV0902", lead="il-ministry")])
    before = counts()

    result = runner.invoke(args=["import-plan", "lv-7", "-", "--commit"], input=data)
    assert result.exit_code == 1
    assert "line 3 [Lead Institution]: “il-ministry” belongs to another country" in result.output
    login(client, admin)
    response = upload(client, "lv-7", data, confirm=True)
    assert response.status_code == 422
    assert "belongs to another country than the plan" in response.get_data(as_text=True)
    assert counts() == before


def test_the_writer_itself_refuses_another_countrys_lead_agency(app_ctx, plan, make_agency):
    from consultations.plans import services

    abroad = make_agency(slug="il-ministry", country="IL")
    before = counts()
    with pytest.raises(services.PlanRejected) as refused:
        services.write_commitment(
            None,
            plan,
            None,
            reference="LV0950",
            lead_agency=abroad,
            source_locale="lv",
            start_date=None,
            end_date=None,
            values=set(),
            texts={"lv": {"title": "Nosaukums"}},
        )
    assert refused.value.field == "lead_agency"
    db.session.rollback()
    assert counts() == before


def test_a_coordinator_of_another_countrys_agency_gets_403_on_the_import_page(
    client, plan, make_user, make_agency
):
    person = make_user(roles=["coordinator"], agency=make_agency(country="IL"))
    login(client, person)
    before = counts()
    assert client.get("/en/staff/plans/lv-7/import").status_code == 403
    assert upload(client, "lv-7", SAMPLE.read_bytes(), confirm=True).status_code == 403
    assert counts() == before
