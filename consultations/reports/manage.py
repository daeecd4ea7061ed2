"""Staff pages of the self-assessment report: start a draft, write it up, preview, publish."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..i18n import current_language
from ..permissions import can_write_self_assessment, require
from ..plans.queries import get_plan_or_404
from ..plans.staff_forms import LANGUAGE_LABELS
from . import queries, rendering, services
from .forms import PERIODS, NarrativeForm, StartReportForm, narrative_data
from .models import Period, ReportState

bp = Blueprint("report_staff", __name__, url_prefix="/<lang:lang>/staff")

# Seconds between reloads of a draft whose figures are still being gathered.
REFRESH_SECONDS = 5


def _rejected(form, error: services.ReportRejected) -> None:
    field = form._fields.get(error.field) or next(iter(form))
    field.errors = [*field.errors, str(error)]


@bp.route("/plans/<slug>/self-assessment", methods=["GET", "POST"])
@login_required
def start(slug: str):
    """The plan's reports so far, and a new draft for the period chosen."""
    plan = get_plan_or_404(slug)
    require(can_write_self_assessment(current_user, plan))
    form = StartReportForm()
    if form.validate_on_submit():
        report = services.start_report(current_user, plan, Period(form.period.data))
        return redirect(url_for(".draft", slug=slug, report_id=report.id))
    return render_template(
        "reports/start.html",
        plan=plan,
        form=form,
        reports=queries.plan_reports(plan, published_only=False),
        period_label=PERIODS,
    ), 422 if form.errors else 200


@bp.route("/plans/<slug>/self-assessment/<int:report_id>", methods=["GET", "POST"])
@login_required
def draft(slug: str, report_id: int):
    """A draft: how far its figures are gathered, its narrative, and a preview."""
    plan = get_plan_or_404(slug)
    require(can_write_self_assessment(current_user, plan))
    report = queries.get_report_or_404(plan, report_id)
    if report.state == ReportState.PUBLISHED:
        return redirect(url_for("reports.report", slug=slug, report_id=report.id))
    form = NarrativeForm(data=narrative_data(report))
    if form.validate_on_submit():
        try:
            services.save_texts(current_user, report, form.texts())
        except services.ReportRejected as error:
            _rejected(form, error)
        else:
            flash(_("The report's narrative is saved."))
            return redirect(url_for(".draft", slug=slug, report_id=report.id, _anchor="preview"))
    gathering = report.state in (ReportState.QUEUED, ReportState.GENERATING)
    return render_template(
        "reports/draft.html",
        plan=plan,
        report=report,
        form=form,
        gathering=gathering,
        refresh=REFRESH_SECONDS if gathering else None,
        language_label=LANGUAGE_LABELS,
        period_label=PERIODS,
        **(rendering.context(report, current_language()) if report.snapshot else {}),
    ), 422 if form.errors else 200


@bp.post("/plans/<slug>/self-assessment/<int:report_id>/gather")
@login_required
def gather(slug: str, report_id: int):
    """Gather a draft's figures again from the records as they are now."""
    plan = get_plan_or_404(slug)
    require(can_write_self_assessment(current_user, plan))
    report = queries.get_report_or_404(plan, report_id)
    services.queue_again(current_user, report)
    flash(_("The figures are being gathered again."))
    return redirect(url_for(".draft", slug=slug, report_id=report.id))


@bp.post("/plans/<slug>/self-assessment/<int:report_id>/publish")
@login_required
def publish(slug: str, report_id: int):
    """Publish the draft as previewed; its figures are frozen from now on."""
    plan = get_plan_or_404(slug)
    require(can_write_self_assessment(current_user, plan))
    report = queries.get_report_or_404(plan, report_id)
    try:
        services.publish(current_user, report)
    except services.ReportRejected as error:
        flash(str(error), "error")
        return redirect(url_for(".draft", slug=slug, report_id=report.id))
    flash(_("The report is published."))
    return redirect(url_for("reports.report", slug=slug, report_id=report.id))


@bp.post("/plans/<slug>/self-assessment/<int:report_id>/correct")
@login_required
def correct(slug: str, report_id: int):
    """Start a correction: a new draft that will replace this published report."""
    plan = get_plan_or_404(slug)
    require(can_write_self_assessment(current_user, plan))
    report = queries.get_published_or_404(plan, report_id)
    correction = services.start_report(current_user, plan, report.period, replaces=report)
    flash(_("A correction is drafted; publish it to replace the report."))
    return redirect(url_for(".draft", slug=slug, report_id=correction.id))
