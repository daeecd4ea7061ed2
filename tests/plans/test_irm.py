"""The IRM's design fields, design and milestone assessments, and importing OGP's own sheet."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from consultations.extensions import db
from consultations.plans.importer import NEW_AGENCY, import_plan, name_key
from consultations.plans.models import (
    AgencyMapping,
    AssessedCompletion,
    Assessment,
    Commitment,
    DesignAssessment,
    OpenedGovernment,
    PlanStatus,
    PotentialForResults,
    PotentialImpact,
)

from helpers import login

SHEET = Path(__file__).parent / "data" / "ogp-commitment-sheet.csv"


def rows_of(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True), newline="")))


def total(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# The design fields through the form, the page, the API and the files ----------------------


def test_design_fields_go_from_the_form_to_the_page_the_api_and_the_files(
    client, make_plan, make_agency, make_user
):
    body = make_agency(slug="ict", country="IL")
    plan = make_plan(slug="il-draft", status=PlanStatus.DRAFTING, country="IL", agency=body)
    login(client, make_user(roles=["coordinator"], agency=body))
    form = {
        "reference": "IL0777",
        "lead_agency": str(body.id),
        "source_locale": "en",
        "title_en": "Open budget data",
        "policy_area": "fiscal_openness",
        "contact_person": "Dana Levi, ICT Authority",
        "budget_amount": "120000.50",
        "budget_currency": "ils",
        "budget_source": "The agency's own budget",
        "schedule_note": "Permanent activity",
        "verifiable": "yes",
        "relevant": "no",
        "potential_for_results": "substantial",
        "potential_impact": "",
        "promising": "yes",
        "starred": "",
    }
    response = client.post(f"/en/staff/plans/{plan.slug}/commitments/new", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    commitment = db.session.scalar(select(Commitment).where(Commitment.reference == "IL0777"))
    assert commitment.budget_amount == Decimal("120000.50") and commitment.budget_currency == "ILS"
    assert (commitment.verifiable, commitment.relevant, commitment.starred) == (True, False, None)

    page = client.get("/en/commitments/IL0777").get_data(as_text=True)
    for shown in (
        "fiscal openness",
        "Dana Levi, ICT Authority",
        "120,000.50",
        "Permanent activity",
    ):
        assert shown in page
    assert "Potential for results" in page and "substantial" in page
    assert "Potential impact (older plans)" not in page  # not known, not shown

    api = client.get("/api/v1/commitments/IL0777").get_json()
    assert api["policy_area"] == "fiscal_openness"
    assert api["budget"] == {
        "amount": "120000.50",
        "currency": "ILS",
        "source": "The agency's own budget",
    }
    assert api["irm_design"] == {
        "verifiable": True,
        "relevant": False,
        "potential_for_results": "substantial",
        "potential_impact": None,
        "promising": True,
        "starred": None,
    }
    (row,) = rows_of(client.get("/data/commitments.csv"))
    assert row["Verifiable"] == "1" and row["Relevant To OGP Values"] == "0"
    assert row["Potential For Results"] == "substantial" and row["Starred"] == ""
    assert (row["Budget Amount"], row["Budget Currency"]) == ("120000.50", "ILS")
    assert row["Policy Area"] == "fiscal_openness" and row["Schedule Note"] == "Permanent activity"


def test_a_bad_currency_is_refused_with_a_translated_message(
    client, make_plan, make_agency, make_user
):
    body = make_agency(slug="ict", country="IL")
    plan = make_plan(slug="il-draft", status=PlanStatus.DRAFTING, country="IL", agency=body)
    login(client, make_user(roles=["coordinator"], agency=body, language="lv"))
    form = {
        "reference": "IL0777",
        "lead_agency": str(body.id),
        "source_locale": "en",
        "title_en": "Open budget data",
        "budget_amount": "10",
        "budget_currency": "XYZ",
    }
    response = client.post(f"/lv/staff/plans/{plan.slug}/commitments/new", data=form)
    assert response.status_code == 422
    assert "ISO 4217" in response.get_data(as_text=True)
    assert total(Commitment) == 0


# Design assessments before adoption, milestone assessments after --------------------------


@pytest.fixture
def drafted(make_plan, make_commitment, make_agency):
    body = make_agency(slug="ict", country="IL")
    plan = make_plan(slug="il-draft", status=PlanStatus.DRAFTING, country="IL", agency=body)
    return make_commitment(plan, reference="IL0100")


DESIGN_FORM = {
    "verifiable": "yes",
    "relevant": "yes",
    "potential_for_results": "modest",
    "promising": "no",
    "narrative_en": "Clear milestones, modest ambition.",
    "evidence": "https://example.org/review",
}


@pytest.mark.parametrize(
    "roles, allowed",
    [((), False), (("coordinator",), False), (("moderator",), False), (("monitor",), True)],
)
def test_monitors_alone_publish_a_design_assessment_before_adoption(
    client, make_user, drafted, roles, allowed
):
    login(client, make_user(roles=roles, agency=drafted.lead_agency))
    response = client.post("/en/staff/commitments/IL0100/design-assessments/new", data=DESIGN_FORM)
    assert response.status_code == (302 if allowed else 403)
    assert total(DesignAssessment) == (1 if allowed else 0)
    if allowed:
        page = client.get("/en/commitments/IL0100").get_data(as_text=True)
        assert "Design assessment of" in page and "Clear milestones, modest ambition." in page
        assert client.get("/en/staff/design-assessments").status_code == 200


def test_no_design_assessment_once_the_plan_is_adopted(client, make_user, drafted):
    drafted.plan.status = PlanStatus.IMPLEMENTATION
    db.session.commit()
    login(client, make_user(roles=["monitor"]))
    response = client.post("/en/staff/commitments/IL0100/design-assessments/new", data=DESIGN_FORM)
    assert response.status_code == 403 and total(DesignAssessment) == 0


def test_monitors_assess_one_milestone(client, make_user, make_plan, make_commitment):
    plan = make_plan(slug="il-5", status=PlanStatus.IMPLEMENTATION, country="IL")
    commitment = make_commitment(
        plan,
        reference="IL0200",
        milestones=((date(2026, 3, 1), "complete"), (date(2026, 9, 1), "not_started")),
    )
    second = commitment.milestones[1]
    login(client, make_user(roles=["monitor"]))
    form = {
        "milestone": str(second.id),
        "completion": "limited",
        "opened_government": "",
        "narrative_en": "Only the first deliverable exists.",
    }
    response = client.post("/en/staff/commitments/IL0200/assessments/new", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    assessment = db.session.scalar(select(Assessment))
    assert assessment.milestone_id == second.id and assessment.opened_government is None
    page = client.get("/en/commitments/IL0200").get_data(as_text=True)
    assert "Independent assessment of milestone 2" in page
    api = client.get(f"/api/v1/assessments/{assessment.id}").get_json()
    assert api["milestone"] == second.id and api["opened_government"] is None

    # The whole commitment still needs "did it open government?".
    form = {**form, "milestone": ""}
    response = client.post("/en/staff/commitments/IL0200/assessments/new", data=form)
    assert response.status_code == 422 and total(Assessment) == 1


# OGP's own sheet --------------------------------------------------------------------------


@pytest.fixture
def lv_plan(make_plan, make_agency):
    chancellery = make_agency(slug="state-chancellery", country="LV", lv="Valsts kanceleja")
    make_agency(slug="justice", country="LV", en="Ministry of Justice")
    plan = make_plan(
        slug="lv-3", status=PlanStatus.IMPLEMENTATION, country="LV", agency=chancellery
    )
    plan.number = 3
    db.session.commit()
    return plan


@pytest.fixture
def admin(make_user):
    return make_user(roles=["admin"])


def _agency(slug):
    from consultations.agencies.models import Agency

    return db.session.scalar(select(Agency).where(Agency.slug == slug))


def test_ogp_sheet_dry_run_offers_the_unknown_lead_institution_and_writes_nothing(
    app_ctx, lv_plan, admin
):
    report = import_plan(admin, lv_plan, SHEET.read_bytes())
    assert report.unmatched == ["Ministry of Open Reforms"]
    assert [(p.line, p.column) for p in report.problems] == [(3, "Lead Institution")]
    assert total(Commitment) == 0 and total(Assessment) == 0


def test_ogp_sheet_is_read_as_it_is(app_ctx, lv_plan, admin):
    choices = {name_key("Ministry of Open Reforms"): str(_agency("justice").id)}
    report = import_plan(admin, lv_plan, SHEET.read_bytes(), write=True, choices=choices)
    assert report.written, report.problems
    first = db.session.scalar(select(Commitment).where(Commitment.reference == "LV0301"))
    second = db.session.scalar(select(Commitment).where(Commitment.reference == "LV0302"))
    # US dates, two-digit years, a bare year (its last day for an end) and free text.
    assert (first.start_date, first.end_date) == (date(2023, 5, 1), date(2024, 12, 31))
    assert (second.start_date, second.end_date) == (date(2017, 7, 1), None)
    assert second.schedule_note == "Permanent activity"
    assert first.text("title", "en").text == "Open procurement register"  # OGP writes English
    # The IRM's columns: on the commitment, and as the IRM's assessments.
    assert first.verifiable is True and first.starred is False
    assert first.potential_for_results == PotentialForResults.SUBSTANTIAL
    assert first.potential_impact == PotentialImpact.MODERATE
    irm = db.session.scalar(select(Assessment).where(Assessment.commitment_id == first.id))
    assert irm.organisation == "Independent Reporting Mechanism"
    assert irm.completion == AssessedCompletion.SUBSTANTIAL  # end of term, not progress report
    assert irm.opened_government == OpenedGovernment.MAJOR
    design = db.session.scalar(select(DesignAssessment))
    assert design.commitment_id == first.id and design.verifiable and not design.promising
    # NA, ND and NR are unknown, not refused; the older specificity still says verifiable.
    assert second.potential_for_results is None and second.starred is None
    assert second.verifiable is True and second.public_accountability is False
    assert total(Assessment) == 1
    assert second.lead_agency.slug == "justice"


def test_a_mapped_lead_institution_is_remembered_for_the_next_import(app_ctx, lv_plan, admin):
    choices = {name_key("Ministry of Open Reforms"): NEW_AGENCY}
    assert import_plan(admin, lv_plan, SHEET.read_bytes(), write=True, choices=choices).written
    created = db.session.scalar(select(AgencyMapping)).agency_id
    second = db.session.scalar(select(Commitment).where(Commitment.reference == "LV0302"))
    assert second.lead_agency_id == created and second.lead_agency.country == "LV"

    again = SHEET.read_text().replace("LV0301", "LV0311").replace("LV0302", "LV0312")
    report = import_plan(admin, lv_plan, again.encode(), write=True)
    assert report.written and not report.unmatched
    later = db.session.scalar(select(Commitment).where(Commitment.reference == "LV0312"))
    assert later.lead_agency_id == created


def test_another_country_or_plan_is_refused_with_a_translated_message(client, lv_plan, make_user):
    login(client, make_user(roles=["admin"], language="lv"))
    sheet = SHEET.read_text().replace("Latvia", "Hungary").replace(",3,1,", ",4,1,")
    form = {"file": (io.BytesIO(sheet.encode()), "ogp.csv"), "confirm": "y"}
    response = client.post(
        "/lv/staff/plans/lv-3/import", data=form, content_type="multipart/form-data"
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "“Hungary”" in page and "LV" in page
    assert "This line is for" not in page  # the message is in Latvian
    assert total(Commitment) == 0 and total(AgencyMapping) == 0


def test_coordinators_import_only_their_own_agencys_commitments(app_ctx, lv_plan, make_user):
    justice = _agency("justice")
    coordinator = make_user(roles=["coordinator"], agency=justice)
    sheet = SHEET.read_text().replace("Ministry of Open Reforms", "justice")
    report = import_plan(coordinator, lv_plan, sheet.encode(), write=True)
    assert not report.written
    assert [(p.line, p.column) for p in report.problems] == [(2, "Lead Institution")]
    assert "You do not coordinate" in report.problems[0].message
    assert total(Commitment) == 0

    own = "\n".join(line for line in sheet.splitlines() if "LV0301" not in line)
    assert import_plan(coordinator, lv_plan, own.encode(), write=True).written
    assert db.session.scalar(select(Commitment.reference)) == "LV0302"


def test_the_commitments_file_imports_back_into_an_empty_plan(
    client, make_plan, make_agency, make_commitment, make_user
):
    body = make_agency(slug="ict", country="IL", he="רשות התקשוב", en="ICT Authority")
    plan = make_plan(slug="il-draft", status=PlanStatus.DRAFTING, country="IL", agency=body)
    texts = {
        "he": {"title": "נתוני תקציב פתוחים", "problem": "בעיה", "objective": "מטרה"},
        "en": {"title": "Open budget data", "description": 'Publish, "quoted", the budget.'},
    }
    original = make_commitment(plan, reference="IL0321", texts=texts, values=("technology",))
    original.policy_area, original.verifiable = "fiscal_openness", True
    original.budget_amount, original.budget_currency = Decimal("99.50"), "ILS"
    original.schedule_note = "Permanent activity"
    db.session.commit()
    exported = client.get("/data/commitments.csv").get_data()
    db.session.delete(original)
    db.session.commit()

    admin = make_user(roles=["admin"])
    report = import_plan(admin, plan, exported, write=True)
    assert report.written, report.problems
    back = db.session.scalar(select(Commitment))
    assert back.source_locale == "he" and back.lead_agency_id == body.id
    assert {row.locale: row.title for row in back.texts} == {
        "he": "נתוני תקציב פתוחים",
        "en": "Open budget data",
    }
    assert back.text("problem", "he").text == "בעיה"
    assert back.text("description", "en").text == 'Publish, "quoted", the budget.'
    assert (back.policy_area, back.verifiable, back.technology) == ("fiscal_openness", True, True)
    assert (back.budget_amount, back.schedule_note) == (Decimal("99.50"), "Permanent activity")
    # Its own export names no IRM verdict: nothing is attributed to the IRM.
    assert total(Assessment) == 0 and total(DesignAssessment) == 0


def test_the_design_assessments_list_pages_with_a_fixed_number_of_queries(
    client, make_user, make_plan, make_commitment, count_queries
):
    plan = make_plan(slug="il-draft", status=PlanStatus.DRAFTING, country="IL")
    make_commitment(plan, reference="IL0001")
    login(client, make_user(roles=["monitor"]))
    client.get("/en/staff/design-assessments")
    db.session.commit()
    with count_queries() as small:
        client.get("/en/staff/design-assessments")
    for number in range(2, 40):
        make_commitment(plan, reference=f"IL{number:04d}")
    db.session.commit()
    with count_queries() as large:
        page = client.get("/en/staff/design-assessments").get_data(as_text=True)
    assert large.count == small.count
    assert 'rel="next"' in page and "IL0001" in page
    # The design list, not the adopted plans' one it shares a template with.
    assert "<h1>Design assessments</h1>" in page and "<title>Design assessments" in page
    assert "/en/staff/commitments/IL0001/design-assessments/new" in page
    assert "Lead agency" not in page
