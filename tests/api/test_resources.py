"""Every endpoint answers with what its schema says, in every language, and nothing private."""

from __future__ import annotations

import pytest
from api.paths import LISTS

from consultations.clock import now
from consultations.extensions import db
from consultations.plans.queries import get_commitment_or_404


@pytest.mark.parametrize("path", LISTS)
def test_every_list_matches_its_schema(client, world, check_schema, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    check_schema(body, LISTS[path])
    assert body["data"], f"{path} is empty"
    # Every item's url is its detail endpoint, which answers with the same record.
    for item in body["data"]:
        if "url" in item:
            detail = client.get(item["url"].removeprefix("http://localhost"))
            assert detail.status_code == 200
            check_schema(detail.get_json(), LISTS[path].removesuffix("List"))
            assert detail.get_json() == item


def test_index_and_revisions_match_their_schemas(client, world, check_schema):
    index = client.get("/api/v1/").get_json()
    check_schema(index, "Index")
    for url in index["resources"].values():
        assert client.get(url.removeprefix("http://localhost")).status_code == 200
    revisions = client.get(f"/api/v1/consultations/{world.consultation.slug}/revisions")
    check_schema(revisions.get_json(), "SectionRevisionList")
    [revision] = revisions.get_json()["data"]
    assert revision["section"] == "section-1"
    assert revision["body"] == "Old wording."


def test_translatable_fields_come_in_every_language_with_null_where_missing(client, world):
    plan = client.get(f"/api/v1/plans/{world.plan.slug}").get_json()
    assert plan["title"] == {"he": None, "lv": "Piektais", "hu": None, "en": "Fifth plan"}
    assert plan["summary"] == {"he": None, "lv": None, "hu": None, "en": None}
    commitment = client.get(f"/api/v1/commitments/{world.commitment.reference}").get_json()
    assert commitment["title"] == {"he": "שקיפות", "lv": None, "hu": None, "en": "Openness"}
    assert commitment["problem"] == {"he": "בעיה", "lv": None, "hu": None, "en": None}
    agency = client.get(f"/api/v1/agencies/{world.plan.coordinating_agency.slug}").get_json()
    assert agency["name"] == {"he": "משרד", "lv": None, "hu": None, "en": "Ministry"}
    consultation = client.get(f"/api/v1/consultations/{world.consultation.slug}").get_json()
    assert consultation["title"]["hu"] == "Konzultáció"
    assert consultation["title"]["en"] is None


def test_texts_in_a_language_the_site_does_not_offer_are_listed_too(client, world, app_ctx):
    from consultations.extensions import db
    from consultations.plans.models import CommitmentText

    address = f"/api/v1/commitments/{world.commitment.reference}"
    assert "ru" not in client.get(address).get_json()["title"]  # the languages are now known
    world.commitment.texts.append(CommitmentText(locale="ru", title="Открытость", updated_at=now()))
    db.session.commit()
    commitment = client.get(address).get_json()
    assert commitment["title"] == {
        "he": "שקיפות",
        "lv": None,
        "hu": None,
        "en": "Openness",
        "ru": "Открытость",
    }
    # every record lists the same languages, so a client sees one shape
    plan = client.get(f"/api/v1/plans/{world.plan.slug}").get_json()
    assert set(plan["title"]) == {"he", "lv", "hu", "en", "ru"}
    translated = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert translated["Translated"]["required"] == ["he", "lv", "hu", "en", "ru"]
    # The last text in that language gone, the language goes from every record.
    world.commitment.texts.remove(next(t for t in world.commitment.texts if t.locale == "ru"))
    db.session.commit()
    assert set(client.get(address).get_json()["title"]) == {"he", "lv", "hu", "en"}


def test_commitment_carries_the_status_the_site_derives(app, client, world):
    body = client.get(f"/api/v1/commitments/{world.commitment.reference.lower()}").get_json()
    with app.test_request_context():
        row = get_commitment_or_404(world.commitment.reference, now().date())
    assert body["status"] == row.status.value == "substantial"
    assert body["percent_complete"] == row.percent == 60
    assert body["stale"] is row.stale
    assert body["ogp_values"] == ["access_to_information", "technology"]
    [milestone] = body["milestones"]
    assert milestone["status"] == "complete"
    assert milestone["completed_on"] == "2025-01-20"
    assert milestone["deliverable"]["en"] == "Deliverable 1"


def test_a_commitment_without_updates_has_no_status(client, world, make_commitment):
    bare = make_commitment(world.plan, reference="LV0099")
    body = client.get("/api/v1/commitments/LV0099").get_json()
    assert body["reference"] == bare.reference
    assert body["status"] is None and body["percent_complete"] is None
    assert body["last_update_at"] is None


def test_agencies_carry_their_country_and_contact_details(client, world):
    agency = world.plan.coordinating_agency
    agency.contact_email, agency.website = "office@ministry.example.org", "https://m.example/"
    db.session.commit()
    body = client.get(f"/api/v1/agencies/{agency.slug}").get_json()
    assert body["country"] == "IL"
    assert body["contact_email"] == "office@ministry.example.org"
    assert body["website"] == "https://m.example/"
    assert body["phone"] is None and body["postal_address"] is None


def test_an_update_names_its_agency_by_slug_and_older_ones_keep_their_text(client, world):
    update = client.get(f"/api/v1/progress-updates/{world.update.id}").get_json()
    assert update["agency"] is None and update["organisation"] == world.update.organisation
    world.update.agency, world.update.organisation = world.plan.coordinating_agency, ""
    db.session.commit()
    update = client.get(f"/api/v1/progress-updates/{world.update.id}").get_json()
    assert update["agency"] == world.plan.coordinating_agency.slug
    assert update["organisation"] is None


def test_records_point_at_what_they_belong_to(client, world):
    update = client.get(f"/api/v1/progress-updates/{world.update.id}").get_json()
    assert update["commitment"] == world.commitment.reference
    assert update["evidence"] == ["https://e.example/a"]
    assessment = client.get(f"/api/v1/assessments/{world.assessment.id}").get_json()
    assert assessment["completion"] == "limited"
    consultation = client.get(f"/api/v1/consultations/{world.consultation.slug}").get_json()
    assert consultation["commitment"] == world.commitment.reference
    assert consultation["phase"] == "open"
    assert [section["anchor"] for section in consultation["sections"]] == ["section-1", "section-2"]
    filtered = client.get(f"/api/v1/progress-updates?commitment={world.commitment.reference}")
    assert filtered.get_json()["meta"]["total"] == 1
    assert client.get("/api/v1/progress-updates?commitment=XX9999").get_json()["data"] == []


def test_only_visible_comments_appear_and_never_an_email(client, world):
    everything = ""
    for path in LISTS:
        everything += client.get(path + "?per_page=100").get_data(as_text=True)
    for word in ("Hidden words", "Held words", "Removed words", "@secret.example", "password"):
        assert word not in everything
    comments = client.get("/api/v1/comments").get_json()["data"]
    ids = {comment["id"] for comment in comments}
    assert world.visible.id in ids
    assert not ids & {world.hidden.id, world.held.id, world.removed.id}
    for comment_id in (world.hidden.id, world.held.id, world.removed.id):
        assert client.get(f"/api/v1/comments/{comment_id}").status_code == 404
    visible = client.get(f"/api/v1/comments/{world.visible.id}").get_json()
    assert visible["author_name"] == "Dana Cohen"
    assert visible["section"] == "section-1"
    assert visible["body_text"] == "I support this."


def test_a_response_lists_only_the_visible_comments_it_answers(client, world):
    body = client.get(f"/api/v1/responses/{world.response.id}").get_json()
    assert body["comments"] == [world.visible.id]
    assert body["outcome"] == "adopted"
    assert body["reasons"]["en"] == "We agree."
    assert body["consultation"] == world.consultation.slug


def test_audit_log_shows_public_fields_only(client, world):
    events = client.get("/api/v1/audit-events").get_json()["data"]
    assert [event["action"] for event in events] == ["commitment.update", "comment.hide"]
    update = events[0]
    assert update["actor_name"] == "Staff Member"
    assert update["target_id"] == world.commitment.reference
    assert update["changed_fields"] == ["a"]
    assert events[1]["prev_hash"] == update["hash"]
    assert "before" not in update and "after" not in update
    filtered = client.get("/api/v1/audit-events?target_type=comment").get_json()
    assert [event["action"] for event in filtered["data"]] == ["comment.hide"]


def test_unknown_records_are_404_json(client, world):
    for path in (
        "/api/v1/plans/nope",
        "/api/v1/agencies/nope",
        "/api/v1/commitments/XX0000",
        "/api/v1/progress-updates/999999",
        "/api/v1/assessments/2147483648",
        "/api/v1/consultations/nope",
        "/api/v1/consultations/nope/revisions",
        "/api/v1/comments/999999",
        "/api/v1/responses/999999",
        "/api/v1/audit-events/999999",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.get_json()["error"]["status"] == 404
    # A control character is refused at the site's edge, before any lookup.
    assert client.get("/api/v1/plans/a%00b").get_json()["error"]["status"] == 400


def test_a_deleted_account_shows_no_name(client, world):
    from consultations.accounts.models import User
    from consultations.extensions import db

    if not hasattr(User, "deleted_at"):
        pytest.skip("accounts cannot be deleted in this build")
    world.author.deleted_at = now()
    db.session.commit()
    body = client.get(f"/api/v1/comments/{world.visible.id}").get_json()
    assert body["author_name"] is None
    assert body["body_text"] == "I support this."


def test_private_audit_events_are_not_found(client, world):
    from sqlalchemy import select

    from consultations.audit.models import AuditEvent
    from consultations.extensions import db

    private = db.session.scalar(select(AuditEvent).where(AuditEvent.public.is_(False)))
    assert client.get(f"/api/v1/audit-events/{private.id}").status_code == 404
    everything = client.get("/api/v1/audit-events?target_type=user").get_json()
    assert everything["data"] == []
