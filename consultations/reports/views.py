"""Public pages: a plan's gaps, and its published self-assessment reports with their PDF
and DOCX downloads."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _
from wtforms import SelectChoice

from ..clock import now
from ..i18n import current_language
from ..pagination import page_number
from ..plans import queries as plan_queries
from ..plans.progress import stale_after_days
from . import gaps, queries, rendering, services
from .forms import GapFilterForm

bp = Blueprint("reports", __name__, url_prefix="/<lang:lang>")


@bp.get("/plans/<slug>/gaps")
def plan_gaps(slug: str):
    """Every commitment whose latest assessment and self-reported status disagree."""
    plan = plan_queries.get_plan_or_404(slug)
    form = GapFilterForm(request.args)
    form.agency.choices = [SelectChoice("", _("All agencies"))] + [
        SelectChoice(agency.slug, agency.name) for agency in plan_queries.plan_agencies(plan)
    ]
    filters = form.filters()
    page = gaps.list_plan_gaps(plan, filters, page_number(), now().date(), current_language())
    return render_template(
        "reports/gaps.html",
        plan=plan,
        form=form,
        filters=filters,
        page=page,
        stale_days=stale_after_days(),
    )


@bp.get("/plans/<slug>/reports/<int:report_id>")
def report(slug: str, report_id: int):
    """A published self-assessment report, as it was published."""
    plan = plan_queries.get_plan_or_404(slug)
    found = queries.get_published_or_404(plan, report_id)
    return render_template(
        "reports/report.html",
        plan=plan,
        report=found,
        replaced_by=services.replacement_of(found),
        **rendering.context(found, current_language()),
    )


@bp.get("/plans/<slug>/reports/<int:report_id>/report.pdf")
def report_pdf(slug: str, report_id: int):
    """The published report as a PDF, made from the page's HTML with the print stylesheet."""
    plan = plan_queries.get_plan_or_404(slug)
    found = queries.get_published_or_404(plan, report_id)
    body = rendering.pdf(found, current_language())
    return _download(body, "application/pdf", found, "pdf")


@bp.get("/plans/<slug>/reports/<int:report_id>/report.docx")
def report_docx(slug: str, report_id: int):
    """The published report as a Word document, from the same data as the page."""
    plan = plan_queries.get_plan_or_404(slug)
    found = queries.get_published_or_404(plan, report_id)
    body = rendering.docx(found, current_language())
    media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return _download(body, media, found, "docx")


def _download(body: bytes, media_type: str, report, extension: str) -> Response:
    name = f"{report.plan.slug}-self-assessment-{report.id}-{current_language()}.{extension}"
    response = Response(body, mimetype=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
