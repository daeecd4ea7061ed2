"""A small world for the staff tests: two plans of one coordinating body, one of another,
coordinators of three agencies, a monitor, a moderator, a citizen and an admin.

Each staff action is described once (`ACTIONS`), so the permission tests run every role
against every action from one table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from flask.testing import FlaskClient
from sqlalchemy import func, select

from consultations.audit.models import AuditEvent
from consultations.extensions import db
from consultations.plans.models import (
    ActionPlan,
    Assessment,
    AssessmentText,
    Commitment,
    CommitmentText,
    Milestone,
    MilestoneStatus,
    MilestoneText,
    PlanStatus,
    ProgressUpdate,
    ProgressUpdateText,
)

from helpers import login

COUNTED = (
    ActionPlan,
    Commitment,
    CommitmentText,
    Milestone,
    MilestoneText,
    ProgressUpdate,
    ProgressUpdateText,
    Assessment,
    AssessmentText,
    AuditEvent,
)


def row_counts() -> dict[str, int]:
    """How many rows each accountability table (and the audit log) holds."""
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
        for model in COUNTED
    }


def audit_count() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEvent))


def last_audit() -> AuditEvent:
    return db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()


def build_world(make_agency, make_user, make_plan, make_commitment, make_update, make_assessment):
    w = SimpleNamespace()
    w.national_body = make_agency("ict-authority", en="Government ICT Authority")
    w.agency_a = make_agency("agency-a", en="Agency A")
    w.agency_b = make_agency("agency-b", en="Agency B")
    w.other_body = make_agency("other-body", en="Other coordinating body")
    # An agency of another country, wrongly named as lead in this country's plans.
    w.abroad = make_agency("abroad-body", country="LV", en="Latvian body")
    w.draft_plan = make_plan("draft", status=PlanStatus.DRAFTING, agency=w.national_body)
    w.adopted_plan = make_plan("adopted", status=PlanStatus.IMPLEMENTATION, agency=w.national_body)
    w.other_draft = make_plan("other-draft", status=PlanStatus.DRAFTING, agency=w.other_body)
    w.other_adopted = make_plan(
        "other-adopted", status=PlanStatus.IMPLEMENTATION, agency=w.other_body
    )
    milestone = ((date(2026, 6, 30), MilestoneStatus.NOT_STARTED),)
    w.commitments = {}
    w.updates = {}
    w.assessments = {}
    for key, plan, reference in (
        ("draft", w.draft_plan, "IL0001"),
        ("adopted", w.adopted_plan, "IL0002"),
        ("other_draft", w.other_draft, "IL0003"),
        ("other_adopted", w.other_adopted, "IL0004"),
        ("abroad_draft", w.draft_plan, "IL0005"),
        ("abroad_adopted", w.adopted_plan, "IL0006"),
    ):
        lead = w.abroad if key.startswith("abroad") else w.agency_b
        commitment = make_commitment(plan, reference=reference, agency=lead, milestones=milestone)
        w.commitments[key] = commitment
        if plan.status == PlanStatus.IMPLEMENTATION:
            w.updates[key] = make_update(commitment, organisation="Agency B")
            w.assessments[key] = make_assessment(commitment, organisation="Watchdog")
    w.users = {
        "coordinator_a": make_user(roles=("coordinator",), agency=w.agency_a),
        "coordinator_b": make_user(roles=("coordinator",), agency=w.agency_b),
        "national": make_user(roles=("coordinator",), agency=w.national_body),
        "coordinator_abroad": make_user(roles=("coordinator",), agency=w.abroad),
        "monitor": make_user(roles=("monitor",)),
        "moderator": make_user(roles=("moderator",)),
        "citizen": make_user(),
        "admin": make_user(roles=("admin",)),
    }
    return w


def client_for(app, user) -> FlaskClient:
    client = app.test_client()
    if user is not None:
        assert login(client, user).status_code == 302
    return client


def commitment_form(w, lead, reference: str = "IL0099", **extra) -> dict:
    return {
        "reference": reference,
        "lead_agency": str(lead.id),
        "source_locale": "en",
        "start_date": "2025-01-01",
        "end_date": "2026-12-31",
        "access_to_information": "y",
        "title_en": "Open budget data",
        "problem_en": "Budgets are published as scanned PDFs.",
        "objective_en": "Publish budgets as open data.",
        "title_lv": "Atvērti budžeta dati",
        **extra,
    }


def milestone_form(**extra) -> dict:
    return {
        "start_date": "2025-02-01",
        "due_date": "2025-09-30",
        "deliverable_en": "A published data set",
        **extra,
    }


def update_form(commitment, **extra) -> dict:
    data = {
        "status": "substantial",
        "percent_complete": "60",
        "narrative_en": "Two of three ministries publish their budgets.",
        "evidence": "https://example.org/report\nhttp://example.org/data.csv",
    }
    for milestone in commitment.milestones:
        data[f"milestone_{milestone.id}_status"] = "complete"
        data[f"milestone_{milestone.id}_completed_on"] = "2025-05-01"
    return {**data, **extra}


def assessment_form(**extra) -> dict:
    return {
        "completion": "limited",
        "opened_government": "marginal",
        "narrative_hu": "A költségvetés egy része nyílt adatként elérhető.",
        "evidence": "https://example.org/assessment",
        **extra,
    }


@dataclass(frozen=True)
class Action:
    """One staff action: where it posts, what it sends, and what a success records."""

    name: str
    stage: str  # "draft": needs a drafting plan; "adopted": needs an adopted plan
    audit: str
    adds: str | None
    request: Callable  # (world, commitment key) -> (url, form data)

    def call(self, w, key: str) -> tuple[str, dict]:
        return self.request(w, key)


def _create_commitment(w, key):
    commitment = w.commitments[key]
    return (
        f"/en/staff/plans/{commitment.plan.slug}/commitments/new",
        commitment_form(w, commitment.lead_agency),
    )


def _edit_commitment(w, key):
    commitment = w.commitments[key]
    return (
        f"/en/staff/commitments/{commitment.reference}",
        commitment_form(w, commitment.lead_agency, reference=commitment.reference),
    )


def _add_milestone(w, key):
    return f"/en/staff/commitments/{w.commitments[key].reference}/milestones/new", milestone_form()


def _edit_milestone(w, key):
    commitment = w.commitments[key]
    milestone = commitment.milestones[0]
    return (
        f"/en/staff/commitments/{commitment.reference}/milestones/{milestone.id}",
        milestone_form(),
    )


def _publish_update(w, key):
    commitment = w.commitments[key]
    return f"/en/staff/commitments/{commitment.reference}/updates/new", update_form(commitment)


def _publish_correction(w, key):
    commitment = w.commitments[key]
    original = w.updates[key]
    return (
        f"/en/staff/commitments/{commitment.reference}/updates/{original.id}/correction",
        update_form(commitment, percent_complete="55"),
    )


def _publish_assessment(w, key):
    reference = w.commitments[key].reference
    return f"/en/staff/commitments/{reference}/assessments/new", assessment_form()


def _correct_assessment(w, key):
    commitment = w.commitments[key]
    original = w.assessments[key]
    return (
        f"/en/staff/commitments/{commitment.reference}/assessments/{original.id}/correction",
        assessment_form(completion="substantial"),
    )


COORDINATOR_ACTIONS = [
    Action("create commitment", "draft", "commitment.create", "commitments", _create_commitment),
    Action("edit commitment", "draft", "commitment.update", None, _edit_commitment),
    Action("add milestone", "draft", "milestone.create", "milestones", _add_milestone),
    Action("edit milestone", "draft", "milestone.update", None, _edit_milestone),
    Action("publish update", "adopted", "update.publish", "progress_updates", _publish_update),
    Action(
        "publish correction", "adopted", "update.publish", "progress_updates", _publish_correction
    ),
]

MONITOR_ACTIONS = [
    Action(
        "publish assessment", "adopted", "assessment.publish", "assessments", _publish_assessment
    ),
    Action(
        "correct assessment", "adopted", "assessment.publish", "assessments", _correct_assessment
    ),
]


def _plan_form(w, slug: str = "new-plan") -> dict:
    return {
        "slug": slug,
        "country": "IL",
        "number": "5",
        "period_start": "2025-01-01",
        "period_end": "2027-12-31",
        "status": "drafting",
        "coordinating_agency": str(w.national_body.id),
        "title_en": "Fifth national action plan",
        "title_he": "תוכנית הפעולה הלאומית החמישית",
        "summary_en": "Ten commitments.",
    }


def _create_plan(w, _key):
    return "/en/staff/plans/new", _plan_form(w)


def _edit_plan(w, _key):
    return f"/en/staff/plans/{w.draft_plan.id}", _plan_form(w, slug="draft")


ADMIN_ACTIONS = [
    Action("create plan", "any", "plan.create", "action_plans", _create_plan),
    Action("edit plan", "any", "plan.update", None, _edit_plan),
]
