"""Public accountability pages: plans, one plan, one commitment, the agencies, and one
agency's commitments."""

from __future__ import annotations

from functools import cache, partial

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from wtforms import SelectChoice

from ..clock import now
from ..documents.services import documents_for, documents_of
from ..fragments import kept_result, pin_versions
from ..i18n import current_language
from ..pagination import page_number
from ..proposals import publication
from ..reports.gaps import count_plan_gaps
from ..reports.queries import plan_reports
from . import amendments, queries, staleness
from .forms import CommitmentFilterForm
from .fragments import (
    ROW_TABLES,
    commitment_body_stamp,
    plan_filters_stamp,
    plan_summary_stamp,
)
from .progress import find_gap, stale_after_days
from .timeline import TIMELINE_TABLES, commitment_timeline, latest_assessment
from .worklist import list_design_assessments

bp = Blueprint("plans", __name__, url_prefix="/<lang:lang>")


@bp.get("/plans")
def index():
    """Every action plan, with its status and number of commitments."""
    page = queries.list_plans(page_number())
    return render_template("plans/index.html", page=page)


@bp.get("/plans/<slug>")
def detail(slug: str):
    """One plan: where its commitments stand, and the commitments themselves."""
    pin_versions()  # before the rows: their fragments are stamped with these versions
    plan = queries.get_plan_or_404(slug)
    today = now().date()
    form = CommitmentFilterForm(request.args)
    # Alike for every reader in a language, read again only after a write to their tables.
    agencies = kept_result(
        "plan agencies", (plan.id, current_language()), lambda: queries.plan_agencies(plan)
    )
    form.agency.choices = [SelectChoice("", _("All agencies"))] + [
        SelectChoice(agency.slug, agency.name) for agency in agencies
    ]
    filters = form.filters()
    summary, amendment_counts, gap_count = kept_result(
        "plan figures",
        (plan.id, today),
        lambda: (
            staleness.plan_summary(plan, today),
            amendments.plan_counts(plan),
            count_plan_gaps(plan, today),
        ),
    )
    return render_template(
        "plans/detail.html",
        plan=plan,
        documents=documents_of("plan", [plan.id])[plan.id],
        summary=summary,
        summary_stamp=plan_summary_stamp(plan, summary, gap_count, amendment_counts),
        amendment_counts=amendment_counts,
        refreshes=amendments.refreshes(plan),
        form=form,
        filters=filters,
        filters_stamp=plan_filters_stamp(filters),
        page=queries.list_plan_commitments(plan, filters, page_number(), today, current_language()),
        stale_days=stale_after_days(),
        row_tables=ROW_TABLES,
        gap_count=gap_count,
        reports=plan_reports(plan),
        cocreation=publication.public_timeline(plan),
    )


@bp.get("/commitments/<reference>")
def commitment(reference: str):
    """One commitment: its text, milestones, timeline of records and any gap between them."""
    pin_versions()  # before the records: their fragments are stamped with these versions
    today = now().date()
    row = queries.get_commitment_or_404(reference, today)
    assessment = latest_assessment(row.commitment)
    timeline = commitment_timeline(row.commitment, page_number())
    gap = find_gap(
        row.status,
        row.updated_at,
        assessment.completion if assessment else None,
        assessment.published_at if assessment else None,
    )
    return render_template(
        "plans/commitment.html",
        row=row,
        commitment=row.commitment,
        gap=gap,
        timeline=timeline,
        timeline_tables=TIMELINE_TABLES,
        design_assessments=list_design_assessments(row.commitment),
        files=documents_for((entry.owner_type, entry.ident) for entry in timeline.items),
        amendments=amendments.recent(row.commitment),
        changes=amendments.changes,
        stale_days=stale_after_days(),
        shaped_by=publication.shaped_by(row.commitment),
        body_stamp=commitment_body_stamp(today),
        # Read only when the body or a record naming a milestone is rendered, then once.
        milestones=cache(partial(queries.milestones_of, row.commitment)),
    )


@bp.get("/agencies")
def agencies():
    """Every agency: its country, how to reach it, and how current its commitments are."""
    page = queries.list_agencies(page_number(), now().date(), current_language())
    return render_template("plans/agencies.html", page=page, stale_days=stale_after_days())


@bp.get("/agencies/<slug>")
def agency(slug: str):
    """The commitments an agency leads, and how many of them are up to date."""
    agency = queries.get_agency_or_404(slug)
    today = now().date()
    up_to_date, reporting = staleness.agency_freshness(agency, today)
    return render_template(
        "plans/agency.html",
        agency=agency,
        page=queries.list_agency_commitments(agency, page_number(), today),
        up_to_date=up_to_date,
        reporting=reporting,
        stale_days=stale_after_days(),
    )
