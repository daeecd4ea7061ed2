"""The open-data file of published self-assessment reports: one row per report, with its key
figures and where to read it; the full frozen figures are in the API."""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select

from ..opendata.schema import Column, Table, enum_column, id_column, ref_column, required
from ..plans.models import ActionPlan
from .models import Period, ReportState, SelfAssessmentReport


def _reports() -> Select:
    return (
        select(
            SelfAssessmentReport.id,
            SelfAssessmentReport.plan_id,
            ActionPlan.slug.label("plan_slug"),
            SelfAssessmentReport.period,
            SelfAssessmentReport.replaces_id,
            SelfAssessmentReport.published_at,
            SelfAssessmentReport.snapshot,
        )
        .join(ActionPlan, ActionPlan.id == SelfAssessmentReport.plan_id)
        .where(SelfAssessmentReport.state == ReportState.PUBLISHED)
        .order_by(SelfAssessmentReport.id)
    )


def _public(path: str) -> str:
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


def _figure(*keys):
    def value(row):
        found = row["snapshot"] or {}
        for key in keys:
            found = found.get(key) if isinstance(found, dict) else None
        return found

    return value


SELF_ASSESSMENTS = Table(
    "self-assessment-reports",
    _l("Self-assessment reports"),
    _l(
        "Each plan's published mid-term and end-of-term self-assessment reports; one row per "
        "report. A published report never changes: a correction is a new row naming the one "
        "it replaces."
    ),
    _l(
        "The plan and period, the report it replaces, when it was published, its key figures "
        "and where to read it and its full figures."
    ),
    (
        id_column(),
        ref_column("plan_id", "plan in plans.csv"),
        enum_column("period", Period, "Mid-term or end-of-term."),
        ref_column("replaces_id", "report this one corrects", optional=True),
        required(Column("published_at", "datetime", "When it was published (UTC).")),
        Column(
            "commitments",
            "integer",
            "Commitments the report covers.",
            value=lambda row: len((row["snapshot"] or {}).get("commitments", [])),
        ),
        Column(
            "gaps",
            "integer",
            "Commitments whose latest self-report and assessment disagreed.",
            value=_figure("gaps"),
        ),
        Column(
            "comments",
            "integer",
            "Visible comments on the plan's consultations.",
            value=_figure("participation", "comments"),
        ),
        Column(
            "participants",
            "integer",
            "People who commented.",
            value=_figure("participation", "participants"),
        ),
        Column(
            "responses",
            "integer",
            "Reasoned responses published.",
            value=_figure("participation", "responses"),
        ),
        Column(
            "page_url",
            "string",
            "The report's public page.",
            value=lambda row: _public(
                url_for("reports.report", lang="en", slug=row["plan_slug"], report_id=row["id"])
            ),
        ),
        Column(
            "figures_url",
            "string",
            "The report with every frozen figure, as JSON.",
            value=lambda row: _public(url_for("api.self_assessment_report", report_id=row["id"])),
        ),
    ),
    _reports,
)
