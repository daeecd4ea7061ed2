"""Staff pages for accountability: plans (admins), commitments and milestones (while drafted)
and progress updates (once adopted) for coordinators, assessments for monitors."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import permissions
from ..accounts.sessions import fresh_login_required
from ..documents.limits import accepts_uploads
from ..documents.services import documents_of
from ..extensions import db
from ..pagination import paginate_models
from ..permissions import require
from . import services, worklist
from .models import (
    ActionPlan,
    AssessedCompletion,
    Commitment,
    Completion,
    PlanStatus,
)
from .staff_forms import (
    LANGUAGE_LABELS,
    MAX_EVIDENCE_FILES,
    CommitmentForm,
    DesignAssessmentForm,
    MilestoneForm,
    PlanForm,
    agency_choices,
    assessment_form,
    commitment_data,
    milestone_data,
    plan_data,
    update_data,
    update_form,
)
from .worklist import TRANSLATION_STATE

bp = Blueprint("staff", __name__, url_prefix="/<lang:lang>/staff")

FORM = ["GET", "POST"]
# Service refusals that name something other than a form field, shown on the nearest one.
NEAREST_FIELD = {"values": "access_to_information", "milestones": "status", "corrects": "status"}


@bp.context_processor
def staff_labels() -> dict:
    return {"language_label": LANGUAGE_LABELS, "translation_state_label": TRANSLATION_STATE}


def _rejected(form, error: services.PlanRejected) -> None:
    """Show a service's refusal next to the field it names."""
    name = NEAREST_FIELD.get(error.field, error.field)
    field = form._fields.get(name) or next(iter(form))
    field.errors = [*field.errors, error.message]


def _page(form, template: str, **context):
    """Render a form page: 422 when the form came back with errors."""
    return render_template(template, form=form, **context), 422 if form.errors else 200


@bp.get("/plans")
@fresh_login_required
def plans():
    """Every action plan, newest first, to create or edit."""
    require(permissions.can_manage_plans(current_user))
    page = paginate_models(worklist.list_plans(), worklist.PER_PAGE)
    return render_template("staff/plans.html", page=page)


@bp.route("/plans/new", methods=FORM, defaults={"plan_id": None})
@bp.route("/plans/<int:plan_id>", methods=FORM)
@fresh_login_required
def plan(plan_id: int | None):
    """Create an action plan or change its details, status and texts."""
    existing = db.get_or_404(ActionPlan, plan_id) if plan_id else None
    require(permissions.can_manage_plans(current_user))
    agencies = {agency.id: agency for agency in worklist.list_agencies()}
    form = PlanForm(data=plan_data(existing))
    form.coordinating_agency.choices = agency_choices(agencies.values())
    if form.validate_on_submit():
        try:
            services.save_plan(
                current_user,
                existing,
                slug=form.slug.data,
                country=form.country.data,
                number=form.number.data,
                period_start=form.period_start.data,
                period_end=form.period_end.data,
                status=PlanStatus(form.status.data),
                coordinating_agency=agencies[form.coordinating_agency.data],
                texts=form.texts(),
            )
        except services.PlanRejected as error:
            _rejected(form, error)
        else:
            flash(_("The action plan is saved."))
            return redirect(url_for("staff.plans"))
    return _page(form, "staff/plan.html", plan=existing)


@bp.get("/commitments")
@login_required
def commitments():
    """The commitments this coordinator covers, with the translations that lag behind."""
    require(permissions.can_coordinate(current_user))
    statement = worklist.covered_commitments(current_user)
    page = paginate_models(statement, worklist.PER_PAGE)
    return render_template(
        "staff/commitments.html",
        page=page,
        draft_plans=worklist.draft_plans(),
        lagging=worklist.lagging_translations,
    )


@bp.route("/plans/<slug>/commitments/new", methods=FORM)
@login_required
def new_commitment(slug: str):
    """Draft a new commitment in a plan that is being drafted or consulted on."""
    plan = services.get_plan_or_404(slug)
    require(permissions.can_draft_in_plan(current_user, plan))
    return _commitment_form(plan, None)


@bp.route("/commitments/<reference>", methods=FORM)
@login_required
def edit_commitment(reference: str):
    """Edit a commitment while its plan is drafted or consulted on."""
    commitment = services.get_commitment_or_404(reference)
    require(permissions.can_edit_commitment(current_user, commitment))
    return _commitment_form(commitment.plan, commitment)


def _commitment_form(plan: ActionPlan, commitment: Commitment | None):
    agencies = {a.id: a for a in worklist.lead_agency_choices(current_user, plan)}
    form = CommitmentForm(data=commitment_data(commitment))
    form.lead_agency.choices = agency_choices(agencies.values(), _("Choose the lead agency"))
    if form.validate_on_submit():
        lead_agency = agencies.get(form.lead_agency.data)
        require(lead_agency is not None)  # an agency this person does not cover
        try:
            saved = services.save_commitment(
                current_user,
                plan,
                commitment,
                reference=form.reference.data,
                lead_agency=lead_agency,
                source_locale=form.source_locale.data,
                start_date=form.start_date.data,
                end_date=form.end_date.data,
                values=form.values(),
                texts=form.texts(),
                design=form.design(),
            )
        except services.PlanRejected as error:
            _rejected(form, error)
        else:
            flash(_("The commitment is saved."))
            return redirect(url_for("staff.edit_commitment", reference=saved.reference))
    states = worklist.translation_states(commitment) if commitment else {}
    return _page(form, "staff/commitment.html", plan=plan, commitment=commitment, states=states)


@bp.route("/commitments/<reference>/milestones/new", methods=FORM, defaults={"milestone_id": None})
@bp.route("/commitments/<reference>/milestones/<int:milestone_id>", methods=FORM)
@login_required
def milestone(reference: str, milestone_id: int | None):
    """Add a milestone to a commitment being drafted, or edit one."""
    commitment = services.get_commitment_or_404(reference)
    existing = None
    if milestone_id is not None:
        existing = next((m for m in commitment.milestones if m.id == milestone_id), None)
        if existing is None:
            abort(404)
    require(permissions.can_edit_commitment(current_user, commitment))
    form = MilestoneForm(data=milestone_data(existing))
    if form.validate_on_submit():
        try:
            services.save_milestone(
                current_user,
                commitment,
                existing,
                start_date=form.start_date.data,
                due_date=form.due_date.data,
                texts=form.texts(),
            )
        except services.PlanRejected as error:
            _rejected(form, error)
        else:
            flash(_("The milestone is saved."))
            return redirect(url_for("staff.edit_commitment", reference=commitment.reference))
    return _page(form, "staff/milestone.html", commitment=commitment, milestone=existing)


@bp.route("/commitments/<reference>/updates/new", methods=FORM, defaults={"corrects_id": None})
@bp.route("/commitments/<reference>/updates/<int:corrects_id>/correction", methods=FORM)
@login_required
@accepts_uploads(MAX_EVIDENCE_FILES)
def update(reference: str, corrects_id: int | None):
    """Publish a progress update, or a correction that names the update it corrects."""
    commitment = services.get_commitment_or_404(reference)
    corrects = worklist.get_update_or_404(commitment, corrects_id) if corrects_id else None
    require(permissions.can_publish_update(current_user, commitment))
    form = update_form(commitment, **update_data(commitment, corrects))
    if form.validate_on_submit():
        try:
            services.publish_update(
                current_user,
                commitment,
                status=Completion(form.status.data),
                percent_complete=form.percent_complete.data,
                milestone_states=form.milestone_states(),
                narratives=form.narratives(),
                evidence=form.evidence.data or "",
                files=form.files.received,
                corrects=corrects,
                as_of=form.as_of.data,
            )
        except services.PlanRejected as error:
            _rejected(form, error)
        else:
            flash(_("The correction is published.") if corrects else _("The update is published."))
            return redirect(url_for("staff.update", reference=commitment.reference))
    updates = worklist.list_updates(commitment)
    return _page(
        form,
        "staff/update.html",
        commitment=commitment,
        corrects=corrects,
        updates=updates,
        files=documents_of("progress_update", [record.id for record in updates]),
    )


@bp.get("/assessments")
@login_required
def assessments():
    """Commitments of adopted plans, for a monitor to assess."""
    require(permissions.can_monitor(current_user))
    statement = worklist.reporting_commitments()
    page = paginate_models(statement, worklist.PER_PAGE)
    return render_template("staff/assessments.html", page=page)


@bp.route("/commitments/<reference>/assessments/new", methods=FORM, defaults={"corrects_id": None})
@bp.route("/commitments/<reference>/assessments/<int:corrects_id>/correction", methods=FORM)
@login_required
@accepts_uploads(MAX_EVIDENCE_FILES)
def assessment(reference: str, corrects_id: int | None):
    """Publish an independent assessment, or a correction of one's own organisation's."""
    commitment = services.get_commitment_or_404(reference)
    corrects = worklist.get_assessment_or_404(commitment, corrects_id) if corrects_id else None
    require(permissions.can_publish_assessment(current_user, commitment))
    require(corrects is None or permissions.can_correct_assessment(current_user, corrects))
    form = assessment_form(commitment, corrects)
    if form.validate_on_submit():
        milestones = {milestone.id: milestone for milestone in commitment.milestones}
        try:
            services.publish_assessment(
                current_user,
                commitment,
                completion=AssessedCompletion(form.completion.data),
                opened_government=form.opened(),
                narratives=form.narratives(),
                evidence=form.evidence.data or "",
                files=form.files.received,
                corrects=corrects,
                milestone=milestones.get(form.milestone_id()),
            )
        except services.PlanRejected as error:
            _rejected(form, error)
        else:
            flash(
                _("The correction is published.") if corrects else _("The assessment is published.")
            )
            return redirect(url_for("staff.assessment", reference=commitment.reference))
    earlier = worklist.list_assessments(commitment)
    return _page(
        form,
        "staff/assessment.html",
        commitment=commitment,
        corrects=corrects,
        earlier=earlier,
        files=documents_of("assessment", [record.id for record in earlier]),
    )


@bp.get("/design-assessments")
@login_required
def design_assessments():
    """Commitments of plans still being drafted, for a monitor to review their design."""
    require(permissions.can_monitor(current_user))
    page = paginate_models(worklist.drafted_commitments(), worklist.PER_PAGE)
    return render_template("staff/design_assessments.html", page=page)


@bp.route("/commitments/<reference>/design-assessments/new", methods=FORM)
@login_required
def design_assessment(reference: str):
    """Publish a review of a commitment's design before its plan is adopted."""
    commitment = services.get_commitment_or_404(reference)
    require(permissions.can_publish_design_assessment(current_user, commitment))
    form = DesignAssessmentForm()
    if form.validate_on_submit():
        try:
            services.publish_design_assessment(
                current_user,
                commitment,
                **form.verdict(),
                narratives=form.narratives(),
                evidence=form.evidence.data or "",
            )
        except services.PlanRejected as error:
            _rejected(form, error)
        else:
            flash(_("The design assessment is published."))
            return redirect(url_for("staff.design_assessment", reference=commitment.reference))
    return _page(
        form,
        "staff/design_assessment.html",
        commitment=commitment,
        earlier=worklist.list_design_assessments(commitment),
    )
