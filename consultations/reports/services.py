"""Writes of self-assessment reports: draft, gather the figures, write up, publish, correct.
Each checks the rule, writes, commits once and records the audit event."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from .. import permissions, sanitize
from ..accounts.models import User
from ..audit.services import record
from ..clock import now
from ..errors import FieldRejected, PermissionDenied
from ..extensions import db
from ..plans.models import ActionPlan
from . import snapshot
from .models import Period, ReportState, SelfAssessmentReport, SelfAssessmentReportText

SECTIONS = ("introduction", "process", "conclusions")
MAX_SECTION = 20_000


class ReportRejected(FieldRejected):
    """A report change the rules refuse; `field` names the form field it belongs to."""


def _check(actor: User | None, plan: ActionPlan) -> None:
    if actor is not None and not permissions.can_write_self_assessment(actor, plan):
        raise PermissionDenied()


def _check_draft(report: SelfAssessmentReport) -> None:
    if report.state == ReportState.PUBLISHED:
        raise ReportRejected("introduction", _("A published report cannot be changed."))


def inline_limit() -> int:
    """Plans with more commitments than this are gathered by the `self-assessment` command."""
    return int(current_app.config["SELF_ASSESSMENT_INLINE_LIMIT"])


def start_report(
    actor: User | None,
    plan: ActionPlan,
    period: Period,
    replaces: SelfAssessmentReport | None = None,
) -> SelfAssessmentReport:
    """A new draft for `period`, gathered now for a small plan (or when the command, with no
    actor, asks), queued for a large one; a correction starts from the replaced report's texts."""
    _check(actor, plan)
    if replaces is not None and (
        replaces.plan_id != plan.id or replaces.state != ReportState.PUBLISHED
    ):
        raise ReportRejected("period", _("Only a published report of this plan can be corrected."))
    report = SelfAssessmentReport(
        plan=plan,
        period=replaces.period if replaces else period,
        state=ReportState.QUEUED,
        replaces_id=replaces.id if replaces else None,
        created_by_id=actor.id if actor else None,
        progress_total=snapshot.commitment_count(plan),
        texts=[
            SelfAssessmentReportText(
                locale=text.locale, **{name: getattr(text, name) for name in _COLUMNS}
            )
            for text in (replaces.texts if replaces else [])
        ],
    )
    db.session.add(report)
    db.session.flush()
    record(
        actor,
        "self_assessment.draft",
        "plan",
        plan.slug,
        None,
        {"report_id": report.id, "period": report.period.value, "replaces": report.replaces_id},
        public=False,
    )
    db.session.commit()
    if report.progress_total <= inline_limit() or actor is None:
        generate(report)
    return report


def generate(report: SelfAssessmentReport) -> SelfAssessmentReport:
    """Gather the report's figures, saving how far it got after every batch."""
    _check_draft(report)
    report.state = ReportState.GENERATING
    report.progress_done = 0
    report.progress_total = snapshot.commitment_count(report.plan)
    db.session.commit()
    report_id = report.id

    def progress(done: int) -> None:
        # A separate UPDATE, so the batches already read stay out of the session.
        db.session.execute(
            SelfAssessmentReport.__table__.update()
            .where(SelfAssessmentReport.id == report_id)
            .values(progress_done=done)
        )
        db.session.commit()

    data = snapshot.build(report.plan, report.period.value, progress)
    report = db.session.get(SelfAssessmentReport, report_id)
    report.snapshot = data
    report.progress_done = report.progress_total = len(data["commitments"])
    report.generated_at = now()
    report.state = ReportState.DRAFT
    db.session.commit()
    return report


def queue_again(actor: User, report: SelfAssessmentReport) -> SelfAssessmentReport:
    """Gather a draft's figures again (now, or by the command for a large plan)."""
    _check(actor, report.plan)
    _check_draft(report)
    report.state = ReportState.QUEUED
    report.progress_done = 0
    db.session.commit()
    if snapshot.commitment_count(report.plan) <= inline_limit():
        generate(report)
    return report


_COLUMNS = (*SECTIONS, *(f"{name}_html" for name in SECTIONS))


def save_texts(
    actor: User, report: SelfAssessmentReport, texts: dict[str, dict[str, str]]
) -> SelfAssessmentReport:
    """Keep the narrative sections written in each language (sanitized); a language left
    empty is dropped."""
    _check(actor, report.plan)
    _check_draft(report)
    existing = {text.locale: text for text in report.texts}
    for lang, sections in texts.items():
        values = {name: (sections.get(name) or "").strip() for name in SECTIONS}
        for name, value in values.items():
            if len(value) > MAX_SECTION:
                raise ReportRejected(
                    f"{name}_{lang}", _("Write at most %(max)d characters.", max=MAX_SECTION)
                )
        if not any(values.values()):
            if lang in existing:
                report.texts.remove(existing[lang])
            continue
        row = existing.get(lang) or SelfAssessmentReportText(locale=lang)
        for name, value in values.items():
            setattr(row, name, value)
            setattr(row, f"{name}_html", sanitize.comment_html(value) if value else "")
        if lang not in existing:
            report.texts.append(row)
    db.session.flush()
    record(
        actor,
        "self_assessment.write",
        "plan",
        report.plan.slug,
        None,
        {"report_id": report.id, "languages": sorted(text.locale for text in report.texts)},
        public=False,
    )
    db.session.commit()
    return report


def publish(actor: User | None, report: SelfAssessmentReport) -> SelfAssessmentReport:
    """Freeze the draft as it was previewed: its figures are never gathered again."""
    _check(actor, report.plan)
    _check_draft(report)
    if report.state != ReportState.DRAFT or report.snapshot is None:
        raise ReportRejected("introduction", _("Wait until the figures are gathered."))
    if not report.texts:
        raise ReportRejected(
            "introduction", _("Write the narrative in at least one language before publishing.")
        )
    report.state = ReportState.PUBLISHED
    report.published_at = now()
    record(
        actor,
        "self_assessment.publish",
        "plan",
        report.plan.slug,
        None,
        {
            "report_id": report.id,
            "period": report.period.value,
            "replaces": report.replaces_id,
            "languages": report.languages,
            "commitments": len(report.snapshot["commitments"]),
        },
    )
    db.session.commit()
    return report


def replacement_of(report: SelfAssessmentReport) -> SelfAssessmentReport | None:
    """The published report that replaces `report`, if any."""
    return db.session.scalar(
        select(SelfAssessmentReport)
        .where(
            SelfAssessmentReport.replaces_id == report.id,
            SelfAssessmentReport.state == ReportState.PUBLISHED,
        )
        .order_by(SelfAssessmentReport.id)
        .limit(1)
    )


def latest_draft(plan: ActionPlan, period: Period) -> SelfAssessmentReport | None:
    """The newest unpublished report of the plan for the period."""
    return db.session.scalar(
        select(SelfAssessmentReport)
        .where(
            SelfAssessmentReport.plan_id == plan.id,
            SelfAssessmentReport.period == period,
            SelfAssessmentReport.state != ReportState.PUBLISHED,
        )
        .order_by(SelfAssessmentReport.id.desc())
        .limit(1)
    )


def next_queued() -> SelfAssessmentReport | None:
    return db.session.scalar(
        select(SelfAssessmentReport)
        .where(SelfAssessmentReport.state == ReportState.QUEUED)
        .order_by(SelfAssessmentReport.id)
        .limit(1)
    )
