"""Reads of self-assessment reports."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..plans.models import ActionPlan
from .models import ReportState, SelfAssessmentReport


def get_report_or_404(plan: ActionPlan, report_id: int) -> SelfAssessmentReport:
    return db.first_or_404(
        select(SelfAssessmentReport).where(
            SelfAssessmentReport.id == report_id, SelfAssessmentReport.plan_id == plan.id
        )
    )


def get_published_or_404(plan: ActionPlan, report_id: int) -> SelfAssessmentReport:
    return db.first_or_404(
        select(SelfAssessmentReport).where(
            SelfAssessmentReport.id == report_id,
            SelfAssessmentReport.plan_id == plan.id,
            SelfAssessmentReport.state == ReportState.PUBLISHED,
        )
    )


def plan_reports(plan: ActionPlan, published_only: bool = True) -> list[SelfAssessmentReport]:
    """The plan's reports, newest first (a plan has a handful: two periods and corrections)."""
    stmt = select(SelfAssessmentReport).where(SelfAssessmentReport.plan_id == plan.id)
    if published_only:
        stmt = stmt.where(SelfAssessmentReport.state == ReportState.PUBLISHED)
    return list(db.session.scalars(stmt.order_by(SelfAssessmentReport.id.desc())))
