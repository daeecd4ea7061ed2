"""The gaps and the published self-assessment reports in the public JSON API: reads and
their serialization (the endpoints live with the others in api/views.py)."""

from __future__ import annotations

from datetime import date

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload, undefer

from ..api.queries import Window
from ..api.serialize import moment, translated
from ..extensions import db
from ..pagination import Page, paginate
from ..plans.models import ActionPlan, Commitment
from .gaps import GapColumns, GapRow, gap_row
from .models import ReportState, SelfAssessmentReport
from .services import SECTIONS


def list_gaps(slug: str, window: Window, today: date) -> Page | None:
    """One page of a plan's gaps by commitment reference; None when there is no such plan."""
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.slug == slug))
    if plan is None:
        return None
    stmt = GapColumns(today).select(plan).order_by(Commitment.reference)
    return paginate(stmt, window.page, window.per_page, gap_row(today), past_the_end=True)


def gap(row: GapRow) -> dict:
    commitment = row.commitment
    return {
        "commitment": commitment.reference,
        "url": url_for("api.commitment", reference=commitment.reference, _external=True),
        "title": translated(commitment.texts, "title"),
        "lead_agency": commitment.lead_agency.slug,
        "reported": row.gap.reported.value,
        "reported_at": moment(row.gap.reported_at),
        "assessed": row.gap.assessed.value,
        "assessed_at": moment(row.gap.assessed_at),
        "kind": row.gap.kind,
        "distance": row.distance,
        "since": moment(row.since),
        "stale": row.stale,
        "milestone_overdue": row.overdue,
    }


def _published():
    return (
        select(SelfAssessmentReport)
        .where(SelfAssessmentReport.state == ReportState.PUBLISHED)
        .options(undefer(SelfAssessmentReport.snapshot), selectinload(SelfAssessmentReport.plan))
    )


def list_reports(window: Window, plan_slug: str) -> Page:
    """Published reports, oldest first, optionally of one plan."""
    stmt = _published()
    if plan_slug:
        plan_id = select(ActionPlan.id).where(ActionPlan.slug == plan_slug).scalar_subquery()
        stmt = stmt.where(SelfAssessmentReport.plan_id == plan_id)
    if window.since is not None:
        stmt = stmt.where(SelfAssessmentReport.published_at >= window.since)
    page = paginate(
        stmt.order_by(SelfAssessmentReport.id),
        window.page,
        window.per_page,
        lambda row: row[0],
        past_the_end=True,
    )
    replaced_by = replacements([record.id for record in page.items])
    page.items = [(record, replaced_by.get(record.id)) for record in page.items]
    return page


def replacements(ids: list[int]) -> dict[int, int]:
    """For each of these reports, the published report that replaces it (one query)."""
    if not ids:
        return {}
    rows = db.session.execute(
        select(SelfAssessmentReport.replaces_id, SelfAssessmentReport.id).where(
            SelfAssessmentReport.replaces_id.in_(ids),
            SelfAssessmentReport.state == ReportState.PUBLISHED,
        )
    ).all()
    return {replaced: replacing for replaced, replacing in sorted(rows, reverse=True)}


def get_report(report_id: int) -> tuple | None:
    report = db.session.scalar(_published().where(SelfAssessmentReport.id == report_id))
    if report is None:
        return None
    return report, replacements([report.id]).get(report.id)


def report(record: SelfAssessmentReport, replaced_by: int | None) -> dict:
    slug = record.plan.slug
    return {
        "id": record.id,
        "url": url_for("api.self_assessment_report", report_id=record.id, _external=True),
        "page": url_for(
            "reports.report", slug=slug, report_id=record.id, lang="en", _external=True
        ),
        "plan": slug,
        "period": record.period.value,
        "languages": record.languages,
        "replaces": record.replaces_id,
        "replaced_by": replaced_by,
        **{f"{name}_html": translated(record.texts, f"{name}_html") for name in SECTIONS},
        "figures": record.snapshot,
        "published_at": moment(record.published_at),
        "updated_at": moment(record.published_at),
    }
