"""The demo's co-creation of the Israeli draft plan shows every kind of answer."""

from __future__ import annotations

from consultations.clock import now
from consultations.demo import load_demo
from consultations.extensions import db
from consultations.plans.models import ActionPlan
from consultations.proposals import queries
from consultations.proposals.models import Outcome, Proposal


def test_the_israeli_draft_has_a_timeline_and_answered_proposals(app_ctx, client):
    for _line in load_demo():
        pass
    plan = db.session.scalar(db.select(ActionPlan).where(ActionPlan.slug == "il-2026-2029"))
    assert queries.timeline_published_in_advance(plan)
    proposals = db.session.scalars(db.select(Proposal).where(Proposal.plan_id == plan.id)).all()
    outcomes = {p.public_answer.outcome for p in proposals if p.public_answer}
    assert outcomes == set(Outcome)
    assert {p.language for p in proposals} == {"he", "en"}
    assert any(p.organisation for p in proposals)
    assert len(queries.awaiting_answer({plan.coordinating_agency_id}, now().date())) == 1
    page = client.get("/he/plans/il-2026-2029/proposals").get_data(as_text=True)
    assert "הצעות מהציבור" in page
