"""The staff forms: what they save, how they refuse bad input, corrections, translation flags."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from plans.staff_world import (
    assessment_form,
    build_world,
    client_for,
    commitment_form,
    last_audit,
    milestone_form,
    row_counts,
    update_form,
)
from sqlalchemy import select

from consultations.extensions import db
from consultations.plans.models import (
    Assessment,
    Commitment,
    CommitmentText,
    MilestoneStatus,
    PlanStatus,
    ProgressUpdate,
)


@pytest.fixture
def world(make_agency, make_user, make_plan, make_commitment, make_update, make_assessment):
    return build_world(
        make_agency, make_user, make_plan, make_commitment, make_update, make_assessment
    )


def refused_with(response, field_id: str, message: str) -> str:
    """The page came back 422 with an error summary linking to the field, and the message."""
    page = response.get_data(as_text=True)
    assert response.status_code == 422, page
    assert 'class="error-summary"' in page
    assert f'href="#{field_id}"' in page
    assert message in page
    assert f'id="{field_id}"' in page and 'aria-invalid="true"' in page
    return page


# Commitments and milestones


def test_coordinator_drafts_a_commitment_with_texts_values_and_dates(app, world):
    client = client_for(app, world.users["coordinator_b"])
    url = f"/en/staff/plans/{world.draft_plan.slug}/commitments/new"
    form_page = client.get(url).get_data(as_text=True)
    assert 'name="title_he"' in form_page and 'lang="he"' in form_page
    response = client.post(url, data=commitment_form(world, world.agency_b, reference="il0100"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/en/staff/commitments/IL0100")
    commitment = db.session.scalar(select(Commitment).where(Commitment.reference == "IL0100"))
    assert commitment.lead_agency_id == world.agency_b.id
    assert commitment.ogp_values == ["access_to_information"]
    assert commitment.text("title", "lv").text == "Atvērti budžeta dati"
    assert commitment.text("problem", "en").text == "Budgets are published as scanned PDFs."
    assert last_audit().action == "commitment.create"


def test_coordinator_may_name_only_agencies_they_cover_as_lead(app, world):
    url = f"/en/staff/plans/{world.draft_plan.slug}/commitments/new"
    own = client_for(app, world.users["coordinator_b"]).get(url).get_data(as_text=True)
    assert "Agency B" in own and "Agency A" not in own
    national = client_for(app, world.users["national"]).get(url).get_data(as_text=True)
    assert "Agency A" in national and "Agency B" in national


def test_bad_commitment_comes_back_with_errors_and_everything_typed(app, world):
    client = client_for(app, world.users["coordinator_b"])
    before = row_counts()
    data = commitment_form(
        world, world.agency_b, reference="NOPE", end_date="2024-01-01", description_en="Kept text"
    )
    response = client.post(f"/en/staff/plans/{world.draft_plan.slug}/commitments/new", data=data)
    page = refused_with(response, "reference", "A reference is a country code and four digits")
    assert 'value="NOPE"' in page and "Kept text" in page and "Atvērti budžeta dati" in page
    assert re.search(
        r'id="access_to_information"[^>]*checked|checked[^>]*id="access_to_information"', page
    )
    assert row_counts() == before


def test_commitment_needs_a_title_in_its_original_language(app, world):
    client = client_for(app, world.users["coordinator_b"])
    before = row_counts()
    data = commitment_form(world, world.agency_b, source_locale="he")
    response = client.post(f"/en/staff/plans/{world.draft_plan.slug}/commitments/new", data=data)
    refused_with(response, "source_locale", "The original language needs at least a title.")
    assert row_counts() == before


def test_milestone_due_before_its_start_is_refused(app, world):
    commitment = world.commitments["draft"]
    client = client_for(app, world.users["coordinator_b"])
    before = row_counts()
    response = client.post(
        f"/en/staff/commitments/{commitment.reference}/milestones/new",
        data=milestone_form(due_date="2025-01-01"),
    )
    refused_with(response, "due_date", "The due date must come after the start.")
    assert row_counts() == before


def test_edited_milestone_keeps_its_place_and_takes_the_new_texts(app, world):
    commitment = world.commitments["draft"]
    milestone = commitment.milestones[0]
    client = client_for(app, world.users["coordinator_b"])
    url = f"/en/staff/commitments/{commitment.reference}/milestones/{milestone.id}"
    assert "Deliverable 1" in client.get(url).get_data(as_text=True)
    response = client.post(url, data=milestone_form(deliverable_lv="Publicēta datu kopa"))
    assert response.status_code == 302
    db.session.refresh(milestone)
    assert milestone.position == 1
    assert milestone.text("deliverable", "lv").text == "Publicēta datu kopa"


def test_milestone_of_another_commitment_is_not_found(app, world):
    other = world.commitments["other_draft"].milestones[0]
    client = client_for(app, world.users["coordinator_b"])
    url = f"/en/staff/commitments/{world.commitments['draft'].reference}/milestones/{other.id}"
    assert client.get(url).status_code == 404


# Translation flags


def test_outdated_and_missing_translations_are_flagged(app, world):
    commitment = world.commitments["draft"]
    source = next(row for row in commitment.texts if row.locale == "en")
    commitment.texts.append(
        CommitmentText(locale="lv", title="Vecs nosaukums", updated_at=source.updated_at)
    )
    source.updated_at = source.updated_at + timedelta(days=2)
    db.session.commit()
    client = client_for(app, world.users["coordinator_b"])
    home = client.get("/en/staff/commitments").get_data(as_text=True)
    row = home.split("IL0001", 1)[1].split("</tr>", 1)[0]
    assert "Latvian: outdated" in row
    assert "Hebrew: missing" in row and "Hungarian: missing" in row
    edit = client.get(f"/en/staff/commitments/{commitment.reference}").get_data(as_text=True)
    assert "Outdated: this translation is older" in edit
    assert "Missing: there is no text in this language yet." in edit
    assert "This is the original language." in edit


def test_translation_saved_with_the_original_is_up_to_date(app, world):
    commitment = world.commitments["draft"]
    client = client_for(app, world.users["coordinator_b"])
    data = commitment_form(
        world,
        world.agency_b,
        reference=commitment.reference,
        title_he="נתוני תקציב",
        title_hu="Nyílt költségvetés",
    )
    assert (
        client.post(f"/en/staff/commitments/{commitment.reference}", data=data).status_code == 302
    )
    home = client.get("/en/staff/commitments").get_data(as_text=True)
    row = home.split("IL0001", 1)[1].split("</tr>", 1)[0]
    assert "All up to date" in row


def test_home_links_to_edit_while_drafting_and_to_updates_once_adopted(app, world):
    home = client_for(app, world.users["coordinator_b"]).get("/en/staff/commitments")
    page = home.get_data(as_text=True)
    assert 'href="/en/staff/commitments/IL0001"' in page
    assert 'href="/en/staff/commitments/IL0002"' not in page
    assert 'href="/en/staff/commitments/IL0002/updates/new"' in page
    assert 'href="/en/staff/commitments/IL0001/updates/new"' not in page
    assert 'href="/en/staff/plans/draft/commitments/new"' in page


def test_coordinator_home_lists_only_covered_commitments(app, world, make_commitment):
    make_commitment(world.draft_plan, reference="IL0050", agency=world.agency_a)
    page = client_for(app, world.users["coordinator_b"]).get("/en/staff/commitments")
    text = page.get_data(as_text=True)
    assert "IL0001" in text and "IL0004" in text and "IL0050" not in text
    national = client_for(app, world.users["national"]).get("/en/staff/commitments")
    text = national.get_data(as_text=True)
    assert "IL0050" in text and "IL0001" in text and "IL0003" not in text


def test_coordinator_home_is_paginated_with_a_fixed_number_of_queries(
    app, world, make_commitment, count_queries
):
    client = client_for(app, world.users["national"])
    client.get("/en/staff/commitments")
    db.session.commit()  # start both measurements from an expired session
    with count_queries() as small:
        client.get("/en/staff/commitments")
    for number in range(30):
        make_commitment(
            world.adopted_plan, reference=f"IL{number + 200:04d}", agency=world.agency_a
        )
    db.session.commit()
    with count_queries() as large:
        page = client.get("/en/staff/commitments").get_data(as_text=True)
    assert large.count == small.count
    assert 'rel="next"' in page


# Progress updates


def test_a_new_update_starts_from_the_commitments_current_status(app, world, make_update):
    commitment = world.commitments["adopted"]
    make_update(commitment, status="substantial", percent=70)
    client = client_for(app, world.users["coordinator_b"])
    page = client.get(f"/en/staff/commitments/{commitment.reference}/updates/new")
    html = page.get_data(as_text=True)
    status = html.split('id="status"', 1)[1].split("</select>", 1)[0]
    assert '<option selected value="substantial">' in status
    percent = re.search(r'<input[^>]*id="percent_complete"[^>]*>', html).group(0)
    assert 'value="70"' in percent


def test_update_records_status_percent_milestones_narrative_and_evidence(app, world):
    commitment = world.commitments["adopted"]
    client = client_for(app, world.users["coordinator_b"])
    url = f"/en/staff/commitments/{commitment.reference}/updates/new"
    response = client.post(url, data=update_form(commitment, narrative_he="שני משרדים מפרסמים"))
    assert response.status_code == 302
    update = db.session.scalars(select(ProgressUpdate).order_by(ProgressUpdate.id.desc())).first()
    assert (update.status.value, update.percent_complete) == ("substantial", 60)
    assert update.evidence == ["https://example.org/report", "http://example.org/data.csv"]
    assert {row.locale for row in update.texts} == {"en", "he"}
    milestone = commitment.milestones[0]
    db.session.refresh(milestone)
    assert milestone.status == MilestoneStatus.COMPLETE
    assert milestone.completed_on.isoformat() == "2025-05-01"
    assert update.corrects_id is None


@pytest.mark.parametrize(
    "evidence",
    [
        "javascript:alert(1)",
        "ftp://example.org/report.pdf",
        "https://example.org/two words",
        "https://example.org/ok\nnot a link",
    ],
)
def test_unsafe_evidence_is_refused_next_to_the_field(app, world, evidence):
    commitment = world.commitments["adopted"]
    client = client_for(app, world.users["coordinator_b"])
    before = row_counts()
    url = f"/en/staff/commitments/{commitment.reference}/updates/new"
    response = client.post(url, data=update_form(commitment, evidence=evidence))
    page = refused_with(response, "evidence", "Line ")
    assert "Two of three ministries publish their budgets." in page
    assert row_counts() == before


@pytest.mark.parametrize("percent", ["-1", "101", "fifty", ""])
def test_percent_outside_0_to_100_is_refused(app, world, percent):
    commitment = world.commitments["adopted"]
    client = client_for(app, world.users["coordinator_b"])
    before = row_counts()
    url = f"/en/staff/commitments/{commitment.reference}/updates/new"
    response = client.post(url, data=update_form(commitment, percent_complete=percent))
    refused_with(response, "percent_complete", "")
    assert row_counts() == before


def test_update_needs_a_narrative_in_some_language(app, world):
    commitment = world.commitments["adopted"]
    client = client_for(app, world.users["coordinator_b"])
    before = row_counts()
    url = f"/en/staff/commitments/{commitment.reference}/updates/new"
    response = client.post(url, data=update_form(commitment, narrative_en="  "))
    refused_with(response, "narrative_en", "Write the narrative in at least one language.")
    assert row_counts() == before


@pytest.mark.parametrize("lang", ["he", "lv"])
def test_a_missing_narrative_is_shown_on_the_field_of_the_pages_language(app, world, lang):
    commitment = world.commitments["adopted"]
    client = client_for(app, world.users["coordinator_b"])
    url = f"/{lang}/staff/commitments/{commitment.reference}/updates/new"
    response = client.post(url, data=update_form(commitment, narrative_en=""))
    refused_with(response, f"narrative_{lang}", "")
    assert 'href="#narrative_en"' not in response.get_data(as_text=True)


def test_correction_is_a_new_update_that_names_the_original(app, world):
    commitment = world.commitments["adopted"]
    original = world.updates["adopted"]
    snapshot = (original.status, original.percent_complete, original.published_at)
    client = client_for(app, world.users["coordinator_b"])
    url = f"/en/staff/commitments/{commitment.reference}/updates/{original.id}/correction"
    form_page = client.get(url).get_data(as_text=True)
    assert "Work is under way." in form_page  # the correction starts from the original
    assert 'value="30"' in form_page
    assert client.post(url, data=update_form(commitment, percent_complete="25")).status_code == 302
    updates = db.session.scalars(
        select(ProgressUpdate).where(ProgressUpdate.commitment_id == commitment.id)
    ).all()
    assert len(updates) == 2
    correction = next(update for update in updates if update.id != original.id)
    assert correction.corrects_id == original.id and correction.percent_complete == 25
    db.session.refresh(original)
    assert (original.status, original.percent_complete, original.published_at) == snapshot
    page = client.get(f"/en/staff/commitments/{commitment.reference}/updates/new")
    assert "(a correction)" in page.get_data(as_text=True)


@pytest.mark.parametrize("kind", ["updates", "assessments"])
@pytest.mark.parametrize("suffix", ["", "/edit", "/delete"])
def test_published_records_have_no_edit_route(app, world, kind, suffix):
    commitment = world.commitments["adopted"]
    record = (world.updates if kind == "updates" else world.assessments)["adopted"]
    user = world.users["coordinator_b" if kind == "updates" else "monitor"]
    client = client_for(app, user)
    before = row_counts()
    url = f"/en/staff/commitments/{commitment.reference}/{kind}/{record.id}{suffix}"
    assert client.get(url).status_code in (404, 405)
    assert client.post(url, data={"percent_complete": "99"}).status_code in (404, 405)
    assert row_counts() == before


def test_correction_of_another_commitments_update_is_not_found(app, world):
    other = world.updates["other_adopted"]
    client = client_for(app, world.users["coordinator_b"])
    url = f"/en/staff/commitments/IL0002/updates/{other.id}/correction"
    assert client.get(url).status_code == 404


# Assessments


def test_monitor_publishes_an_assessment_and_a_correction(app, world):
    commitment = world.commitments["adopted"]
    client = client_for(app, world.users["monitor"])
    url = f"/en/staff/commitments/{commitment.reference}/assessments/new"
    assert client.post(url, data=assessment_form()).status_code == 302
    first = db.session.scalars(select(Assessment).order_by(Assessment.id.desc())).first()
    assert (first.completion.value, first.opened_government.value) == ("limited", "marginal")
    assert first.organisation == "Watchdog" and first.text("narrative", "hu").lang == "hu"
    correct = f"/en/staff/commitments/{commitment.reference}/assessments/{first.id}/correction"
    page = client.get(url).get_data(as_text=True)
    assert f'href="{correct}"' in page
    response = client.post(correct, data=assessment_form(opened_government="major"))
    assert response.status_code == 302
    latest = db.session.scalars(select(Assessment).order_by(Assessment.id.desc())).first()
    assert latest.corrects_id == first.id and latest.opened_government.value == "major"
    db.session.refresh(first)
    assert first.opened_government.value == "marginal"


def test_assessment_with_unsafe_evidence_is_refused(app, world):
    commitment = world.commitments["adopted"]
    client = client_for(app, world.users["monitor"])
    before = row_counts()
    url = f"/en/staff/commitments/{commitment.reference}/assessments/new"
    response = client.post(url, data=assessment_form(evidence="javascript:alert(1)"))
    page = refused_with(response, "evidence", "Only web addresses starting with \u2066http://")
    assert "A költségvetés egy része" in page
    assert row_counts() == before


@pytest.mark.parametrize(
    ("lang", "hint", "error"),
    [
        (
            "he",
            'כתובת אינטרנט אחת בכל שורה, שמתחילה ב־<bdi dir="ltr">http://</bdi> '
            'או ב־<bdi dir="ltr">https://</bdi>.',
            "מתקבלות רק כתובות אינטרנט שמתחילות ב־\u2066http://\u2069 או ב־\u2066https://\u2069.",
        ),
        (
            "lv",
            'kas sākas ar <bdi dir="ltr">http://</bdi> vai <bdi dir="ltr">https://</bdi>.',
            "kas sākas ar \u2066http://\u2069 vai \u2066https://\u2069.",
        ),
        (
            "hu",
            'amelynek <bdi dir="ltr">http://</bdi> vagy <bdi dir="ltr">https://</bdi> előtaggal',
            "Csak \u2066http://\u2069 vagy \u2066https://\u2069 előtaggal",
        ),
    ],
)
def test_web_address_prefixes_read_left_to_right_in_every_language(app, world, lang, hint, error):
    commitment = world.commitments["adopted"]
    client = client_for(app, world.users["monitor"])
    url = f"/{lang}/staff/commitments/{commitment.reference}/assessments/new"
    assert hint in client.get(url).get_data(as_text=True)
    response = client.post(url, data=assessment_form(evidence="ftp://example.org/x"))
    assert error in refused_with(response, "evidence", "")


def test_monitor_home_lists_commitments_of_adopted_plans(app, world):
    page = client_for(app, world.users["monitor"]).get("/en/staff/assessments")
    text = page.get_data(as_text=True)
    assert "IL0002" in text and "IL0004" in text
    assert "IL0001" not in text and "IL0003" not in text


# Plans


def test_admin_creates_a_plan_with_texts_in_several_languages(app, world):
    client = client_for(app, world.users["admin"])
    assert client.get("/en/staff/plans/new").status_code == 200
    data = {
        "slug": "lv-6",
        "country": "lv",
        "number": "6",
        "period_start": "2024-01-01",
        "period_end": "2027-12-31",
        "status": "consultation",
        "coordinating_agency": str(world.other_body.id),
        "title_lv": "Sestais nacionālais rīcības plāns",
        "title_en": "Sixth national action plan",
    }
    assert client.post("/en/staff/plans/new", data=data).status_code == 302
    listing = client.get("/en/staff/plans").get_data(as_text=True)
    assert "Sixth national action plan" in listing and "Latvia" in listing
    assert last_audit().action == "plan.create"


def test_bad_plan_comes_back_with_errors(app, world):
    client = client_for(app, world.users["admin"])
    before = row_counts()
    data = {
        "slug": "Not A Slug",
        "country": "IL",
        "number": "0",
        "period_start": "2025-01-01",
        "period_end": "2024-01-01",
        "status": "drafting",
        "coordinating_agency": str(world.national_body.id),
        "title_en": "Typed title",
    }
    page = refused_with(client.post("/en/staff/plans/new", data=data), "number", "")
    assert "Typed title" in page and 'value="Not A Slug"' in page
    assert row_counts() == before


def test_plan_slug_already_taken_is_refused(app, world):
    client = client_for(app, world.users["admin"])
    before = row_counts()
    data = {
        "slug": "adopted",
        "country": "IL",
        "number": "3",
        "period_start": "2025-01-01",
        "period_end": "2026-01-01",
        "status": "drafting",
        "coordinating_agency": str(world.national_body.id),
        "title_en": "Duplicate",
    }
    response = client.post("/en/staff/plans/new", data=data)
    refused_with(response, "slug", "Another action plan already uses this address.")
    assert row_counts() == before


def test_admin_adopting_a_plan_closes_drafting_and_opens_reporting(app, world):
    client = client_for(app, world.users["admin"])
    plan = world.draft_plan
    data = {
        "slug": plan.slug,
        "country": plan.country,
        "number": str(plan.number),
        "period_start": plan.period_start.isoformat(),
        "period_end": plan.period_end.isoformat(),
        "status": "adopted",
        "coordinating_agency": str(plan.coordinating_agency_id),
        "title_en": "Adopted now",
    }
    assert client.post(f"/en/staff/plans/{plan.id}", data=data).status_code == 302
    db.session.refresh(plan)
    assert plan.status == PlanStatus.ADOPTED
    coordinator = client_for(app, world.users["coordinator_b"])
    reference = world.commitments["draft"].reference
    assert coordinator.get(f"/en/staff/commitments/{reference}").status_code == 403
    assert coordinator.get(f"/en/staff/commitments/{reference}/updates/new").status_code == 200


@pytest.mark.parametrize("lang", ["he", "lv", "hu", "en"])
def test_staff_pages_render_in_every_language(app, world, lang):
    coordinator = client_for(app, world.users["coordinator_b"])
    for url in (
        f"/{lang}/staff/commitments",
        f"/{lang}/staff/commitments/IL0001",
        f"/{lang}/staff/commitments/IL0001/milestones/new",
        f"/{lang}/staff/commitments/IL0002/updates/new",
        f"/{lang}/staff/commitments/IL0002/updates/{world.updates['adopted'].id}/correction",
    ):
        assert coordinator.get(url).status_code == 200, url
    monitor = client_for(app, world.users["monitor"])
    for url in (f"/{lang}/staff/assessments", f"/{lang}/staff/commitments/IL0002/assessments/new"):
        assert monitor.get(url).status_code == 200, url
    admin = client_for(app, world.users["admin"])
    for url in (
        f"/{lang}/staff/plans",
        f"/{lang}/staff/plans/new",
        f"/{lang}/staff/plans/{world.draft_plan.id}",
    ):
        assert admin.get(url).status_code == 200, url


def test_an_update_names_its_agency_in_each_readers_language(app, world):
    from consultations.agencies.models import AgencyText

    world.agency_b.texts.append(AgencyText(locale="lv", name="Aģentūra B"))
    db.session.commit()
    commitment = world.commitments["adopted"]
    url, data = f"/en/staff/commitments/{commitment.reference}/updates/new", update_form(commitment)
    assert client_for(app, world.users["coordinator_b"]).post(url, data=data).status_code == 302
    update = db.session.scalars(select(ProgressUpdate).order_by(ProgressUpdate.id.desc())).first()
    assert (update.agency_id, update.organisation) == (world.agency_b.id, "")

    reader = app.test_client()
    page = reader.get(f"/lv/commitments/{commitment.reference}").get_data(as_text=True)
    assert "Aģentūra B" in page
    page = reader.get(f"/en/commitments/{commitment.reference}").get_data(as_text=True)
    assert "Agency B" in page and "Aģentūra B" not in page


def test_the_national_coordinator_publishes_for_the_coordinating_body(app, world):
    commitment = world.commitments["adopted"]
    url, data = f"/en/staff/commitments/{commitment.reference}/updates/new", update_form(commitment)
    assert client_for(app, world.users["national"]).post(url, data=data).status_code == 302
    update = db.session.scalars(select(ProgressUpdate).order_by(ProgressUpdate.id.desc())).first()
    assert update.agency_id == world.national_body.id
