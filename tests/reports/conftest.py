"""A plan with commitments in Hebrew and English, updates, assessments and a gap."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from consultations.plans.models import PlanStatus


@pytest.fixture
def report_world(make_plan, make_agency, make_commitment, make_update, make_assessment, make_user):
    body = make_agency("national-body", country="IL", en="National body", he="גוף לאומי")
    other = make_agency("other-body", country="IL", en="Other body")
    plan = make_plan(
        slug="il-plan",
        status=PlanStatus.IMPLEMENTATION,
        agency=body,
        titles={"en": "Fifth plan", "he": "התוכנית החמישית"},
    )
    apart = make_commitment(
        plan,
        reference="IL0001",
        texts={"he": {"title": "מאגר נתונים פתוח"}, "en": {"title": "Open data register"}},
        milestones=(
            (date(2024, 6, 30), "complete", date(2024, 6, 1)),
            (date(2025, 1, 31), "in_progress"),
        ),
    )
    agreed = make_commitment(
        plan, reference="IL0002", agency=other, texts={"en": {"title": "Budget transparency"}}
    )
    make_commitment(plan, reference="IL0003", texts={"en": {"title": "Lobbying register"}})
    make_update(
        apart,
        status="complete",
        percent=100,
        published_at=datetime(2025, 3, 1, tzinfo=UTC),
        evidence=("https://data.example.org/register",),
    )
    make_assessment(apart, completion="limited", published_at=datetime(2025, 4, 1, tzinfo=UTC))
    make_update(
        agreed, status="substantial", percent=60, published_at=datetime(2025, 3, 1, tzinfo=UTC)
    )
    make_assessment(agreed, completion="substantial", published_at=datetime(2025, 4, 1, tzinfo=UTC))
    coordinator = make_user(name="Noa Coordinator", roles=["coordinator"], agency=body)
    return plan, coordinator
