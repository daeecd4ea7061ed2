"""The staleness and overdue rules as the public reads them (plans/staleness.py): a plan's
overdue counts, each commitment's own next milestone, and each agency's share of commitments
up to date, on their boundary days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from consultations.plans.models import PlanStatus
from consultations.plans.queries import CommitmentFilters, list_agencies, list_plan_commitments
from consultations.plans.staleness import agency_freshness, plan_summary

TODAY = date(2026, 6, 30)
YESTERDAY = TODAY - timedelta(days=1)
# STALE_AFTER_DAYS is 90: a commitment that started on STALE_DAY is stale today, one that
# started the day after is not.
STALE_DAY = TODAY - timedelta(days=90)


def test_a_milestone_is_counted_overdue_from_the_day_after_it_was_due(make_plan, make_commitment):
    plan = make_plan()
    make_commitment(plan, milestones=((TODAY, "in_progress"),))
    make_commitment(plan, milestones=((YESTERDAY, "in_progress"), (YESTERDAY, "not_started")))
    make_commitment(plan, milestones=((YESTERDAY, "complete", YESTERDAY), (YESTERDAY, "withdrawn")))
    summary = plan_summary(plan, TODAY)
    assert (summary.overdue_milestones, summary.late_commitments) == (2, 1)
    assert (summary.total, summary.on_schedule) == (3, 2)


def test_another_plans_late_milestones_are_not_counted(make_plan, make_commitment):
    plan, other = make_plan(), make_plan()
    make_commitment(plan, milestones=((TODAY, "in_progress"),))
    make_commitment(other, milestones=((YESTERDAY, "in_progress"),))
    summary = plan_summary(plan, TODAY)
    assert (summary.total, summary.overdue_milestones, summary.late_commitments) == (1, 0, 0)


def test_a_plan_without_commitments_counts_none(make_plan, make_commitment):
    make_commitment(make_plan(), milestones=((YESTERDAY, "in_progress"),))
    summary = plan_summary(make_plan(), TODAY)
    assert set(summary.counts.values()) == {0}
    assert (summary.total, summary.overdue_milestones, summary.on_schedule_share) == (0, 0, None)


def test_each_commitment_shows_its_own_next_milestone(make_plan, make_commitment):
    plan = make_plan()
    make_commitment(plan, reference="IL0001", milestones=((YESTERDAY, "in_progress"),))
    make_commitment(plan, reference="IL0002", milestones=((TODAY, "not_started"),))
    make_commitment(plan, reference="IL0003")
    page = list_plan_commitments(plan, CommitmentFilters(), 1, TODAY, "en")
    shown = [(row.commitment.reference, row.next_due, row.next_due_overdue) for row in page.items]
    assert shown == [("IL0001", YESTERDAY, True), ("IL0002", TODAY, False), ("IL0003", None, False)]


def test_an_agency_counts_its_reporting_commitments_up_to_date(
    make_agency, make_plan, make_commitment, make_update
):
    agency = make_agency()
    plan = make_plan(agency=agency)
    make_commitment(plan, start_date=STALE_DAY)
    make_commitment(plan, start_date=STALE_DAY + timedelta(days=1))
    make_commitment(make_plan(status=PlanStatus.DRAFTING, agency=agency), start_date=STALE_DAY)
    assert agency_freshness(agency, TODAY) == (1, 2)

    fresh = make_agency()
    updated = make_commitment(make_plan(agency=fresh), start_date=STALE_DAY)
    make_update(updated, published_at=datetime(2026, 6, 29, tzinfo=UTC))
    assert agency_freshness(fresh, TODAY) == (1, 1)
    assert agency_freshness(make_agency(), TODAY) == (0, 0)


def test_the_agencies_list_counts_each_agencys_own_commitments(
    make_agency, make_plan, make_commitment
):
    mixed = make_agency(en="Agency A")
    make_commitment(make_plan(agency=mixed), start_date=STALE_DAY)
    make_commitment(make_plan(agency=mixed), start_date=STALE_DAY + timedelta(days=1))
    fresh = make_agency(en="Agency B")
    make_commitment(make_plan(agency=fresh), start_date=STALE_DAY + timedelta(days=1))
    make_agency(en="Agency C")
    rows = list_agencies(1, TODAY, "en").items
    shown = {row.agency.name().text: (row.reporting, row.stale, row.up_to_date) for row in rows}
    assert {name: shown[name] for name in ("Agency A", "Agency B", "Agency C")} == {
        "Agency A": (2, 1, 1),
        "Agency B": (1, 0, 1),
        "Agency C": (0, 0, 0),
    }
