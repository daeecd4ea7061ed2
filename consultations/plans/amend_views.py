"""Amending an adopted plan (staff) and reading a commitment's revisions (public)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import permissions
from ..clock import now
from ..pagination import page_number
from ..permissions import require
from . import amending, amendments, services, worklist
from .amend_forms import (
    AddedCommitmentForm,
    AmendCommitmentForm,
    AmendMilestoneForm,
    ReasonForm,
    RefreshForm,
    amend_commitment_data,
)
from .models import Commitment, Milestone
from .staff_forms import agency_choices, milestone_data

bp = Blueprint("amend", __name__, url_prefix="/<lang:lang>")

FORM = ["GET", "POST"]


def _rejected(form, error: services.PlanRejected) -> None:
    field = form._fields.get(error.field) or next(iter(form))
    field.errors = [*field.errors, error.message]


def _page(form, template: str, **context):
    return render_template(template, form=form, **context), 422 if form.errors else 200


def _milestone_or_404(commitment: Commitment, milestone_id: int) -> Milestone:
    milestone = next((m for m in commitment.milestones if m.id == milestone_id), None)
    if milestone is None:
        abort(404)
    return milestone


def _amended(commitment: Commitment):
    flash(_("The amendment is published."))
    return redirect(url_for("amend.history", reference=commitment.reference))


@bp.get("/commitments/<reference>/revisions")
def history(reference: str):
    """Every revision of a commitment since its adoption, with reasons and differences."""
    commitment = services.get_commitment_or_404(reference)
    page = amendments.history(commitment, page_number())
    return render_template(
        "plans/revisions.html", commitment=commitment, page=page, changes=amendments.changes
    )


@bp.route("/staff/commitments/<reference>/amend", methods=FORM)
@login_required
def amend(reference: str):
    """Amend an adopted commitment's text or dates, with the reason why."""
    commitment = services.get_commitment_or_404(reference)
    require(permissions.can_amend_commitment(current_user, commitment))
    form = AmendCommitmentForm(data=amend_commitment_data(commitment))
    if form.validate_on_submit():
        try:
            amending.amend_commitment(
                current_user,
                commitment,
                start_date=form.start_date.data,
                end_date=form.end_date.data,
                texts=form.texts(),
                reasons=form.reasons(),
            )
        except services.PlanRejected as error:
            _rejected(form, error)
        else:
            return _amended(commitment)
    return _page(form, "staff/amend_commitment.html", commitment=commitment)


@bp.route(
    "/staff/commitments/<reference>/milestones/add", methods=FORM, defaults={"milestone_id": None}
)
@bp.route("/staff/commitments/<reference>/milestones/<int:milestone_id>/amend", methods=FORM)
@login_required
def amend_milestone(reference: str, milestone_id: int | None):
    """Add a milestone to an adopted commitment, or amend one, with the reason why."""
    commitment = services.get_commitment_or_404(reference)
    milestone = _milestone_or_404(commitment, milestone_id) if milestone_id else None
    require(permissions.can_amend_commitment(current_user, commitment))
    form = AmendMilestoneForm(data=milestone_data(milestone))
    if form.validate_on_submit():
        fields = {
            "start_date": form.start_date.data,
            "due_date": form.due_date.data,
            "texts": form.texts(),
            "reasons": form.reasons(),
        }
        try:
            if milestone is None:
                amending.add_milestone(current_user, commitment, **fields)
            else:
                amending.amend_milestone(current_user, milestone, **fields)
        except services.PlanRejected as error:
            _rejected(form, error)
        else:
            return _amended(commitment)
    return _page(form, "staff/amend_milestone.html", commitment=commitment, milestone=milestone)


@bp.route("/staff/commitments/<reference>/milestones/<int:milestone_id>/withdraw", methods=FORM)
@login_required
def withdraw_milestone(reference: str, milestone_id: int):
    """Withdraw a milestone of an adopted commitment, with the reason why."""
    commitment = services.get_commitment_or_404(reference)
    milestone = _milestone_or_404(commitment, milestone_id)
    require(permissions.can_amend_commitment(current_user, commitment))
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            amending.withdraw_milestone(current_user, milestone, reasons=form.reasons())
        except services.PlanRejected as error:
            _rejected(form, error)
        else:
            return _amended(commitment)
    return _page(form, "staff/withdraw_milestone.html", commitment=commitment, milestone=milestone)


@bp.route("/staff/plans/<slug>/refresh", methods=FORM)
@login_required
def refresh(slug: str):
    """Mark an adopted plan as refreshed, with the date and a note on what changed."""
    plan = services.get_plan_or_404(slug)
    require(permissions.can_refresh_plan(current_user, plan))
    form = RefreshForm(data={"refreshed_on": now().date()})
    if form.validate_on_submit():
        try:
            amending.mark_refreshed(
                current_user, plan, refreshed_on=form.refreshed_on.data, notes=form.notes()
            )
        except services.PlanRejected as error:
            _rejected(form, error)
        else:
            flash(_("The plan is marked as refreshed."))
            return redirect(url_for("plans.detail", slug=plan.slug))
    return _page(form, "staff/refresh.html", plan=plan, refreshes=amendments.refreshes(plan))


@bp.route("/staff/plans/<slug>/refresh/commitments/new", methods=FORM)
@login_required
def add_commitment(slug: str):
    """Add a commitment to an adopted plan at its refresh."""
    plan = services.get_plan_or_404(slug)
    require(permissions.can_add_any_commitment_at_refresh(current_user, plan))
    if permissions.is_admin(current_user):
        choices = [a for a in worklist.list_agencies() if permissions.belongs_to_plan(a, plan)]
    else:
        choices = worklist.lead_agency_choices(current_user, plan)
    agencies = {agency.id: agency for agency in choices}
    form = AddedCommitmentForm()
    form.lead_agency.choices = agency_choices(agencies.values(), _("Choose the lead agency"))
    if form.validate_on_submit():
        lead_agency = agencies.get(form.lead_agency.data)
        require(lead_agency is not None)  # an agency this person does not cover
        try:
            added = amending.add_commitment(
                current_user,
                plan,
                lead_agency=lead_agency,
                reasons=form.reasons(),
                reference=form.reference.data,
                source_locale=form.source_locale.data,
                start_date=form.start_date.data,
                end_date=form.end_date.data,
                values=form.values(),
                texts=form.texts(),
            )
        except services.PlanRejected as error:
            _rejected(form, error)
        else:
            flash(_("The commitment is added to the plan."))
            return redirect(url_for("plans.commitment", reference=added.reference))
    refresh = amending.latest_refresh(plan)
    return _page(form, "staff/add_commitment.html", plan=plan, refresh=refresh)
