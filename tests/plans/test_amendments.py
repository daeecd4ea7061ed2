"""Amendments of adopted commitments, plan refreshes and backdated progress updates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from consultations.audit.models import AuditEvent
from consultations.clock import now
from consultations.extensions import db
from consultations.follows.models import EventKind, Follow, Notification, TargetKind
from consultations.plans import amending, amendments
from consultations.plans.amendment_models import PlanRefresh, Revision, RevisionKind
from consultations.plans.models import (
    Commitment,
    MilestoneStatus,
    PlanStatus,
    ProgressUpdate,
)
from consultations.plans.worddiff import word_diff

from .staff_world import build_world, client_for


@pytest.fixture
def world(make_agency, make_user, make_plan, make_commitment, make_update, make_assessment):
    return build_world(
        make_agency, make_user, make_plan, make_commitment, make_update, make_assessment
    )


def revisions_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Revision))


def amend_form(**extra) -> dict:
    return {
        "start_date": "2025-01-01",
        "end_date": "2027-06-30",
        "title_en": "Open budget data, monthly",
        "reason_en": "The ministry asked for monthly data.",
        **extra,
    }


ROLES = [
    ("coordinator_b", 302),  # coordinates the lead agency
    ("national", 302),  # coordinates the plan's coordinating body
    ("admin", 302),
    ("coordinator_a", 403),  # another agency of the same country
    ("coordinator_abroad", 403),  # an agency of another country
    ("monitor", 403),
    ("moderator", 403),
    ("citizen", 403),
]


@pytest.mark.parametrize(("role", "status"), ROLES)
def test_who_may_amend_an_adopted_commitment(app, world, role, status):
    client = client_for(app, world.users[role])
    response = client.post("/en/staff/commitments/IL0002/amend", data=amend_form())
    assert response.status_code == status
    assert revisions_count() == (1 if status == 302 else 0)
    if status == 302:
        title = db.session.get(Commitment, world.commitments["adopted"].id).text("title", "en")
        assert title.text == "Open budget data, monthly"


def test_anonymous_visitors_are_sent_to_log_in(app, world):
    response = app.test_client().post("/en/staff/commitments/IL0002/amend", data=amend_form())
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert revisions_count() == 0


def test_a_draft_commitment_is_not_amended_but_edited(app, world):
    client = client_for(app, world.users["admin"])
    assert client.get("/en/staff/commitments/IL0001/amend").status_code == 403


def test_an_amendment_without_a_reason_is_refused_and_nothing_is_written(app, world):
    client = client_for(app, world.users["coordinator_b"])
    audits = db.session.scalar(select(func.count()).select_from(AuditEvent))
    response = client.post("/en/staff/commitments/IL0002/amend", data=amend_form(reason_en="   "))
    assert response.status_code == 422
    assert "Give the reason for the amendment in at least one language." in response.text
    assert revisions_count() == 0
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == audits
    title = db.session.get(Commitment, world.commitments["adopted"].id).text("title", "en")
    assert title.text != "Open budget data, monthly"


def test_an_amendment_that_changes_nothing_is_refused(app, world):
    commitment = world.commitments["adopted"]
    client = client_for(app, world.users["admin"])
    data = {"title_en": commitment.text("title", "en").text, "reason_en": "No reason"}
    response = client.post("/en/staff/commitments/IL0002/amend", data=data)
    assert response.status_code == 422
    assert "Nothing was changed." in response.text
    assert revisions_count() == 0


def test_an_amendment_is_audited_and_reaches_followers(app, world, make_user):
    follower = make_user()
    commitment = world.commitments["adopted"]
    db.session.add(
        Follow(user_id=follower.id, target_type=TargetKind.COMMITMENT, target_id=commitment.id)
    )
    db.session.commit()
    client = client_for(app, world.users["coordinator_b"])
    client.post("/en/staff/commitments/IL0002/amend", data=amend_form())
    revision = db.session.scalars(select(Revision)).one()
    event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "commitment.amend"
    assert event.after["reasons"] == {"en": "The ministry asked for monthly data."}
    notice = db.session.scalars(select(Notification)).one()
    assert (notice.user_id, notice.kind, notice.object_id) == (
        follower.id,
        EventKind.AMENDMENT,
        revision.id,
    )


def test_the_commitment_page_says_when_and_why_it_was_amended(app, world):
    client = client_for(app, world.users["coordinator_b"])
    client.post("/en/staff/commitments/IL0002/amend", data=amend_form())
    page = app.test_client().get("/en/commitments/IL0002").text
    assert "Amended on" in page
    assert "The ministry asked for monthly data." in page
    inserted = '<ins><span class="visually-hidden" lang="en">inserted: </span>Open budget data'
    assert inserted in page
    assert "/en/commitments/IL0002/revisions" in page


def test_the_history_keeps_every_earlier_text_and_diffs_hebrew_word_by_word(app, world):
    commitment = world.commitments["adopted"]
    client = client_for(app, world.users["national"])
    first = {
        "title_en": "Commitment",
        "title_he": "פרסום נתוני תקציב פתוחים",
        "reason_he": "בקשת הציבור",
    }
    second = {**first, "title_he": "פרסום נתוני תקציב חודשיים", "reason_he": "עדכון המשרד"}
    assert client.post("/en/staff/commitments/IL0002/amend", data=first).status_code == 302
    assert client.post("/en/staff/commitments/IL0002/amend", data=second).status_code == 302
    page = app.test_client().get("/he/commitments/IL0002/revisions").text
    assert page.index("עדכון המשרד") < page.index("בקשת הציבור")  # newest first
    assert '<div class="prose" lang="he" dir="auto">' in page
    assert "</span>פתוחים</del>" in page
    assert "</span>חודשיים</ins>" in page
    assert "פרסום נתוני תקציב" in page  # the unchanged words are not marked
    assert '<del><span class="visually-hidden" lang="he">נמחק: </span>' in page
    revisions = amendments.for_commitments([commitment.id])[commitment.id]
    assert [r.text("reason", "he").text for r in revisions] == ["בקשת הציבור", "עדכון המשרד"]


def test_word_diff_marks_only_the_words_that_changed(app_ctx):
    sides = word_diff("Publish the budget every year.", "Publish the budget every month.")
    assert str(sides.old).startswith("Publish the budget every <del>")
    assert "year.</del>" in str(sides.old)
    assert "month.</ins>" in str(sides.new)
    assert "<script>" not in str(word_diff("a", "<script>").new)


def test_milestones_are_added_amended_and_withdrawn_with_reasons(app, world):
    commitment = world.commitments["adopted"]
    milestone = commitment.milestones[0]
    client = client_for(app, world.users["coordinator_b"])
    base = f"/en/staff/commitments/{commitment.reference}/milestones"
    added = {"due_date": "2027-03-31", "deliverable_en": "A public dashboard", "reason_en": "New"}
    assert client.post(f"{base}/add", data=added).status_code == 302
    amended = {"due_date": "2026-12-31", "deliverable_en": "Deliverable 1", "reason_en": "Late"}
    assert client.post(f"{base}/{milestone.id}/amend", data=amended).status_code == 302
    refused = client.post(f"{base}/{milestone.id}/withdraw", data={"reason_en": ""})
    assert refused.status_code == 422
    withdrawn = {"reason_en": "The law changed."}
    assert client.post(f"{base}/{milestone.id}/withdraw", data=withdrawn).status_code == 302
    kinds = [r.kind for r in db.session.scalars(select(Revision).order_by(Revision.id))]
    assert kinds == [
        RevisionKind.MILESTONE_ADDED,
        RevisionKind.MILESTONE_AMENDED,
        RevisionKind.MILESTONE_WITHDRAWN,
    ]
    db.session.expire_all()
    assert db.session.get(Commitment, commitment.id).milestones[0].status == (
        MilestoneStatus.WITHDRAWN
    )
    page = app.test_client().get("/en/commitments/IL0002/revisions").text
    assert "Milestone 1 withdrawn on" in page and "The law changed." in page
    assert "Milestone 2 added on" in page


def test_a_refresh_adds_commitments_and_the_plan_counts_them(app, world):
    client = client_for(app, world.users["coordinator_b"])
    form = {
        "reference": "IL0050",
        "lead_agency": str(world.agency_b.id),
        "source_locale": "en",
        "title_en": "Open procurement",
        "reason_en": "Agreed at the mid-term review.",
    }
    # Not before the plan is refreshed, and only its national coordinator refreshes it.
    assert (
        client.post("/en/staff/plans/adopted/refresh/commitments/new", data=form).status_code == 422
    )
    refresh = {"refreshed_on": "2026-01-15", "note_en": "Mid-term review"}
    assert client.post("/en/staff/plans/adopted/refresh", data=refresh).status_code == 403
    national = client_for(app, world.users["national"])
    assert national.post("/en/staff/plans/adopted/refresh", data=refresh).status_code == 302
    assert (
        client.post("/en/staff/plans/adopted/refresh/commitments/new", data=form).status_code == 302
    )
    client.post("/en/staff/commitments/IL0002/amend", data=amend_form())
    page = app.test_client().get("/en/plans/adopted").text
    assert "1 commitment amended after adoption." in page
    assert "1 commitment added at a refresh." in page
    assert "Mid-term review" in page
    added = db.session.scalars(select(Revision).where(Revision.kind == RevisionKind.ADDED)).one()
    assert added.refresh_id == db.session.scalars(select(PlanRefresh)).one().id


def test_a_refresh_date_is_checked(app, world):
    client = client_for(app, world.users["admin"])
    future = (now().date() + timedelta(days=2)).isoformat()
    data = {"refreshed_on": future, "note_en": "Too early"}
    assert client.post("/en/staff/plans/adopted/refresh", data=data).status_code == 422
    assert client.post("/en/staff/plans/draft/refresh", data=data).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(PlanRefresh)) == 0


def _update_form(**extra) -> dict:
    return {"status": "substantial", "percent_complete": "60", "narrative_en": "Done.", **extra}


def test_a_backdated_update_is_ordered_by_its_day_and_says_when_it_was_recorded(app, world):
    commitment = world.commitments["adopted"]
    client = client_for(app, world.users["coordinator_b"])
    latest_before = db.session.get(Commitment, commitment.id).latest_update_id
    as_of = date(2025, 3, 1)
    response = client.post(
        "/en/staff/commitments/IL0002/updates/new", data=_update_form(as_of=as_of.isoformat())
    )
    assert response.status_code == 302
    db.session.expire_all()
    update = db.session.scalars(select(ProgressUpdate).order_by(ProgressUpdate.id.desc())).first()
    assert update.published_at.date() == as_of
    # The update made today stays the latest: "latest" means latest as of.
    assert db.session.get(Commitment, commitment.id).latest_update_id == latest_before
    page = app.test_client().get("/en/commitments/IL0002").text
    assert "Progress update recorded on" in page and "for 1 Mar 2025" in page
    assert page.index(f"update-{latest_before}") < page.index(f"update-{update.id}")


def test_a_backdated_update_cannot_be_in_the_future_or_before_the_plan(app, world):
    client = client_for(app, world.users["coordinator_b"])
    before = db.session.scalar(select(func.count()).select_from(ProgressUpdate))
    for day in (now().date() + timedelta(days=1), date(2023, 12, 31)):
        response = client.post(
            "/en/staff/commitments/IL0002/updates/new", data=_update_form(as_of=day.isoformat())
        )
        assert response.status_code == 422
    assert db.session.scalar(select(func.count()).select_from(ProgressUpdate)) == before


def test_staleness_follows_the_as_of_day(app, world, make_plan, make_commitment, make_user):
    plan = make_plan(status=PlanStatus.IMPLEMENTATION, agency=world.agency_b)
    commitment = make_commitment(plan, reference="IL0077", start_date=date(2024, 1, 1))
    user = make_user(roles=("coordinator",), agency=world.agency_b)
    client = client_for(app, user)
    old = (now() - timedelta(days=400)).date().isoformat()
    client.post("/en/staff/commitments/IL0077/updates/new", data=_update_form(as_of=old))
    db.session.expire_all()
    assert db.session.get(Commitment, commitment.id).latest_published_at is not None
    page = app.test_client().get("/en/commitments/IL0077").text
    assert "No progress update has been published for this commitment for" in page


def test_commitment_and_history_pages_cost_the_same_for_any_number_of_revisions(
    app, world, count_queries
):
    commitment = world.commitments["adopted"]
    actor = world.users["admin"]

    def amend(times: int, start: int) -> None:
        for n in range(start, start + times):
            amending.amend_commitment(
                actor,
                db.session.get(Commitment, commitment.id),
                start_date=None,
                end_date=None,
                texts={"en": {"title": f"Title {n}"}, "he": {"title": f"כותרת {n}"}},
                reasons={"en": f"Reason {n}", "lv": f"Iemesls {n}"},
            )

    def cost(path: str) -> int:
        client = app.test_client()
        with count_queries() as counter:
            assert client.get(path).status_code == 200
        return counter.count

    amend(3, 0)
    small = cost("/en/commitments/IL0002"), cost("/en/commitments/IL0002/revisions")
    amend(9, 3)
    large = cost("/en/commitments/IL0002"), cost("/en/commitments/IL0002/revisions")
    assert small == large


def test_the_amend_forms_show_for_those_who_may_amend(app, world):
    national = client_for(app, world.users["national"])
    assert "Amend this commitment" in national.get("/en/commitments/IL0002").text
    assert "Mark the plan as refreshed" in national.get("/en/plans/adopted").text
    for path in (
        "/en/staff/commitments/IL0002/amend",
        "/en/staff/plans/adopted/refresh",
        f"/en/staff/commitments/IL0002/milestones/{world.commitments['adopted'].milestones[0].id}/withdraw",
    ):
        assert national.get(path).status_code == 200
    citizen = client_for(app, world.users["citizen"])
    assert "Amend this commitment" not in citizen.get("/en/commitments/IL0002").text


def test_the_commitment_feed_lists_amendments(app, world):
    client = client_for(app, world.users["admin"])
    client.post("/en/staff/commitments/IL0002/amend", data=amend_form())
    feed = app.test_client().get("/en/commitments/IL0002/feed.atom")
    assert feed.status_code == 200
    assert "Amendment of IL0002" in feed.text
    assert "The ministry asked for monthly data." in feed.text


def test_for_commitments_is_empty_for_commitments_never_amended(app, world):
    assert amendments.for_commitments([world.commitments["adopted"].id]) == {}
    assert amendments.for_commitments([]) == {}


PREDICATES = {
    # role: (amend IL0002, refresh "adopted", add at refresh for agency B, amend abroad-led)
    "coordinator_b": (True, False, True, False),
    "national": (True, True, True, True),
    "admin": (True, True, True, True),
    "coordinator_a": (False, False, False, False),
    "coordinator_abroad": (False, False, False, False),
    "monitor": (False, False, False, False),
    "moderator": (False, False, False, False),
    "citizen": (False, False, False, False),
    None: (False, False, False, False),
}


@pytest.mark.parametrize("role", list(PREDICATES))
def test_amendment_rules_for_every_role(world, role):
    from flask_login import AnonymousUserMixin

    from consultations import permissions

    user = world.users[role] if role else AnonymousUserMixin()
    adopted = world.commitments["adopted"]
    got = (
        permissions.can_amend_commitment(user, adopted),
        permissions.can_refresh_plan(user, world.adopted_plan),
        permissions.can_add_commitment_at_refresh(user, world.adopted_plan, world.agency_b.id),
        permissions.can_amend_commitment(user, world.commitments["abroad_adopted"]),
    )
    assert got == PREDICATES[role]


def test_nobody_amends_a_closed_plan_or_a_draft(world):
    from consultations import permissions

    world.adopted_plan.status = PlanStatus.CLOSED
    db.session.commit()
    admin = world.users["admin"]
    assert not permissions.can_amend_commitment(admin, world.commitments["adopted"])
    assert not permissions.can_refresh_plan(admin, world.adopted_plan)
    assert not permissions.can_amend_commitment(admin, world.commitments["draft"])


def test_a_refresh_is_in_the_api_and_the_open_data(app, world):
    import csv
    import io

    amending.mark_refreshed(
        world.users["national"],
        world.adopted_plan,
        refreshed_on=date(2026, 1, 15),
        notes={"en": "Mid-term review", "he": "סקירת אמצע"},
    )
    client = app.test_client()
    plan = client.get("/api/v1/plans/adopted").get_json()
    assert plan["refreshes"][0]["refreshed_on"] == "2026-01-15"
    assert plan["refreshes"][0]["note"]["he"] == "סקירת אמצע"
    rows = list(csv.DictReader(io.StringIO(client.get("/data/plan-refreshes.csv").text)))
    assert [(r["plan_id"], r["refreshed_on"], r["note_en"]) for r in rows] == [
        (str(world.adopted_plan.id), "2026-01-15", "Mid-term review")
    ]


def test_the_api_says_when_a_backdated_update_was_recorded(app, world):
    client = client_for(app, world.users["coordinator_b"])
    client.post("/en/staff/commitments/IL0002/updates/new", data=_update_form(as_of="2025-03-01"))
    update = db.session.scalars(select(ProgressUpdate).order_by(ProgressUpdate.id.desc())).first()
    found = app.test_client().get(f"/api/v1/progress-updates/{update.id}").get_json()
    assert found["published_at"].startswith("2025-03-01")
    assert found["recorded_at"][:10] == now().date().isoformat()
    since = (now() - timedelta(hours=1)).isoformat().replace("+00:00", "Z")
    listed = app.test_client().get(
        "/api/v1/progress-updates", query_string={"updated_since": since}
    )
    assert update.id in [item["id"] for item in listed.get_json()["data"]]
