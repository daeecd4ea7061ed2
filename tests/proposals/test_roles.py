"""Who may do what with the co-creation timeline and proposals, through the real pages:
every role against every write."""

from __future__ import annotations

import pytest

from consultations.audit.models import AuditEvent
from consultations.extensions import db
from consultations.proposals.models import (
    CoCreationTimeline,
    Proposal,
    ProposalAnswer,
    ProposalState,
    ProposalSupport,
)

from helpers import login

ROLES = [
    "anonymous",
    "citizen",
    "speaker",
    "lead",
    "national",
    "other",
    "abroad",
    "monitor",
    "moderator",
    "admin",
]


def client_as(app, world, role):
    client = app.test_client()
    if role != "anonymous":
        login(client, getattr(world.people, role))
    return client


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


PROPOSERS = {
    "citizen",
    "speaker",
    "lead",
    "national",
    "other",
    "abroad",
    "monitor",
    "moderator",
    "admin",
}


@pytest.mark.parametrize("role", ROLES)
def test_anyone_signed_in_proposes_during_the_proposals_stage(app, world, role):
    client = client_as(app, world, role)
    response = client.post(
        "/en/plans/il-draft/proposals/new",
        data={
            "title": "Open budgets",
            "problem": "Hidden",
            "solution": "Publish",
            "lead_agency": "",
        },
    )
    assert count(Proposal) == (1 if role in PROPOSERS else 0)
    if role == "anonymous":
        assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_only_registered_members_propose_for_an_organisation(app, world, role):
    client = client_as(app, world, role)
    response = client.post(
        "/en/plans/il-draft/proposals/new",
        data={"title": "T", "problem": "P", "solution": "S", "organisation": "watchdog"},
    )
    created = db.session.scalar(db.select(Proposal))
    if role == "speaker":
        assert created.organisation == "Watchdog"  # spelled as registered
    elif role == "anonymous":
        assert created is None
    else:
        assert created is None and response.status_code == 422
        assert "registered members" in response.get_data(as_text=True)


def test_an_unknown_organisation_is_refused(app, world):
    client = client_as(app, world, "citizen")
    response = client.post(
        "/en/plans/il-draft/proposals/new",
        data={"title": "T", "problem": "P", "solution": "S", "organisation": "Nobody Inc"},
    )
    assert response.status_code == 422 and count(Proposal) == 0
    assert "No organisation of that name" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ROLES)
def test_people_support_others_proposals_once(app, world, make_proposal, role):
    proposal = make_proposal(author=world.people.citizen)
    client = client_as(app, world, role)
    response = client.post(f"/en/proposals/{proposal.id}/support")
    client.post(f"/en/proposals/{proposal.id}/support")
    db.session.expire_all()
    supported = role not in ("anonymous", "citizen")
    assert db.session.get(Proposal, proposal.id).support_count == (1 if supported else 0)
    assert count(ProposalSupport) == (1 if supported else 0)
    if role == "citizen":
        assert response.status_code == 403


ANSWERERS = {"lead", "national", "admin"}


@pytest.mark.parametrize("role", ROLES)
def test_the_suggested_agency_national_coordinator_and_admins_answer(
    app, world, make_proposal, role
):
    proposal = make_proposal()
    client = client_as(app, world, role)
    response = client.post(
        f"/en/staff/proposals/{proposal.id}/answer",
        data={"outcome": "not_included", "reasons": "Out of the plan's scope."},
    )
    answered = db.session.get(ProposalAnswer, proposal.id) is not None
    assert answered == (role in ANSWERERS)
    if role not in ANSWERERS and role != "anonymous":
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_the_national_coordinator_and_admins_publish_answers(app, world, make_proposal, role):
    proposal = make_proposal()
    from consultations.proposals import services

    services.answer_proposal(
        world.people.lead, proposal, outcome="not_included", reasons="No", language="en"
    )
    client = client_as(app, world, role)
    response = client.post("/en/staff/plans/il-draft/proposals/publish-answers")
    db.session.expire_all()
    published = db.session.get(ProposalAnswer, proposal.id).published_at is not None
    assert published == (role in ("national", "admin"))
    if not published and role != "anonymous":
        assert response.status_code == 403


TIMELINE_EDITORS = {"lead", "national", "other", "admin"}


def timeline_form(world, shift_days: int) -> dict:
    """The timeline form with the proposals stage moved by `shift_days`."""
    from datetime import timedelta

    from proposals.dates import stage_dates

    start = world.today + timedelta(days=shift_days)
    data = {"note": "Moved after the forum's meeting"}
    for stage, (starts_on, ends_on, texts) in stage_dates(start, start + timedelta(days=6)).items():
        data[f"{stage.value}_starts_on"] = starts_on.isoformat()
        data[f"{stage.value}_ends_on"] = ends_on.isoformat()
        data[f"{stage.value}_ways_en"] = texts["en"]["ways_to_take_part"]
    return data


@pytest.mark.parametrize("role", ROLES)
def test_coordinators_of_the_country_and_admins_edit_the_timeline(app, world, role):
    client = client_as(app, world, role)
    events = count(AuditEvent)
    response = client.post("/en/staff/plans/il-draft/timeline", data=timeline_form(world, 5))
    db.session.expire_all()
    timeline = db.session.scalar(db.select(CoCreationTimeline))
    changed = len(timeline.changes) == 2  # published, then changed
    assert changed == (role in TIMELINE_EDITORS)
    assert (count(AuditEvent) > events) == (role in TIMELINE_EDITORS)
    if role not in TIMELINE_EDITORS and role != "anonymous":
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_hide_and_restore_proposals(app, world, make_proposal, role):
    proposal = make_proposal()
    client = client_as(app, world, role)
    response = client.post(f"/en/proposals/{proposal.id}/hide", data={"reason": "Insults"})
    db.session.expire_all()
    hidden = db.session.get(Proposal, proposal.id).state == ProposalState.HIDDEN
    assert hidden == (role == "moderator")
    if role not in ("moderator", "anonymous"):
        assert response.status_code == 403
