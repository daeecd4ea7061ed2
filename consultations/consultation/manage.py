"""Staff pages for coordinators: create a consultation, change its texts and schedule, and
write and edit its sections."""

from __future__ import annotations

from babel.dates import get_timezone_name
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import permissions
from ..clock import as_utc, now
from ..content import language_field
from ..errors import FieldRejected
from ..pagination import paginate_models
from ..permissions import require
from ..plans.staff_forms import LANGUAGE_LABELS, agency_choices
from . import queries, services
from .models import Consultation
from .staff_forms import (
    NewConsultationForm,
    SectionForm,
    edit_form,
    local_zone,
    new_consultation_data,
    plan_choices,
    section_data,
)

bp = Blueprint("consultation_staff", __name__, url_prefix="/<lang:lang>/staff")

FORM = ["GET", "POST"]
PER_PAGE = 20
# Service refusals that name something other than a form field, shown on the nearest one.
NEAREST_FIELD = {
    "opens_at": "opens_on",
    "closes_at": "closes_on",
    "response_deadline": "deadline_on",
}


@bp.context_processor
def staff_labels() -> dict:
    return {"language_label": LANGUAGE_LABELS}


def _rejected(form, error: FieldRejected) -> None:
    """Show a service's refusal next to the field it names."""
    name = NEAREST_FIELD.get(error.field, error.field)
    if name == "sections":
        name = language_field("heading")
    field = form._fields.get(name) or next(iter(form))
    field.errors = [*field.errors, error.message]


def _page(form, template: str, **context):
    """Render a form page: 422 when the form came back with errors."""
    zone = local_zone()
    zone_name = "UTC" if zone.key == "UTC" else get_timezone_name(zone, locale=get_locale())
    return (
        render_template(template, form=form, zone_name=zone_name, moment=now(), **context),
        422 if form.errors else 200,
    )


@bp.get("/consultations")
@login_required
def index():
    """The consultations this coordinator may edit, latest opening first."""
    require(permissions.can_coordinate(current_user))
    statement = services.editable_consultations(current_user)
    page = paginate_models(statement, PER_PAGE)
    return render_template("staff/consultations.html", page=page, moment=now())


@bp.route("/consultations/new", methods=FORM)
@login_required
def new():
    """Open a draft commitment, or a whole draft plan, to public comment."""
    require(permissions.can_coordinate(current_user))
    plans = {plan.id: plan for plan in services.creatable_plans(current_user)}
    agencies = {a.id: a for a in services.agency_options(current_user, list(plans.values()))}
    form = NewConsultationForm(data=new_consultation_data())
    form.plan.choices = plan_choices(plans.values(), _("Choose the action plan"))
    form.agency.choices = agency_choices(agencies.values(), _("Choose the agency"))
    if form.validate_on_submit():
        plan, agency = plans.get(form.plan.data), agencies.get(form.agency.data)
        require(plan is not None and agency is not None)  # not offered to this person
        if not permissions.can_create_consultation(current_user, plan, agency.id):
            form.agency.errors.append(_("You do not coordinate this agency in the chosen plan."))
        else:
            try:
                opens_at, closes_at, deadline = form.schedule()
                consultation = services.create_consultation(
                    current_user,
                    agency=agency,
                    plan=plan,
                    commitment=services.find_commitment(plan, form.commitment.data or ""),
                    slug=form.slug.data,
                    texts=form.texts(),
                    sections=[form.section_texts()],
                    opens_at=opens_at,
                    closes_at=closes_at,
                    response_deadline=deadline,
                )
            except FieldRejected as error:
                _rejected(form, error)
            else:
                flash(_("The consultation is created."))
                return redirect(url_for(".edit", slug=consultation.slug))
    return _page(form, "staff/consultation_new.html", has_plans=bool(plans))


@bp.route("/consultations/<slug>", methods=FORM)
@login_required
def edit(slug: str):
    """Change a consultation's title, introduction and schedule; list its sections."""
    consultation = queries.get_consultation_or_404(slug)
    require(permissions.can_edit_consultation(current_user, consultation))
    form = edit_form(consultation, now())
    if form.validate_on_submit():
        try:
            opens_at, closes_at, deadline = form.schedule(consultation)
            services.edit_consultation(
                current_user, consultation, form.texts(), opens_at, closes_at, deadline
            )
        except FieldRejected as error:
            _rejected(form, error)
        else:
            flash(_("The consultation is saved."))
            return redirect(url_for(".edit", slug=consultation.slug))
    return _page(form, "staff/consultation.html", consultation=consultation)


@bp.route("/consultations/<slug>/sections/<anchor>", methods=FORM)
@login_required
def section(slug: str, anchor: str):
    """Edit a section's heading and text; once open, readers can see the earlier wording."""
    consultation = queries.get_consultation_or_404(slug)
    existing = queries.get_section_or_404(consultation, anchor)
    require(permissions.can_edit_consultation(current_user, consultation))
    form = SectionForm(data=section_data(existing))
    if form.validate_on_submit():
        try:
            services.edit_section(current_user, existing, form.texts())
        except FieldRejected as error:
            _rejected(form, error)
        else:
            flash(_("The section is saved."))
            return redirect(url_for(".edit", slug=slug, _anchor=f"staff-{anchor}"))
    return _section_page(form, consultation, existing)


@bp.route("/consultations/<slug>/sections/new", methods=FORM)
@login_required
def add_section(slug: str):
    """Add a section at the end of the draft, until the consultation closes."""
    consultation = queries.get_consultation_or_404(slug)
    require(permissions.can_edit_consultation(current_user, consultation))
    form = SectionForm()
    if form.validate_on_submit():
        try:
            added = services.add_section(current_user, consultation, form.texts())
        except FieldRejected as error:
            _rejected(form, error)
        else:
            flash(_("The section is added."))
            return redirect(url_for(".edit", slug=slug, _anchor=f"staff-{added.anchor}"))
    return _section_page(form, consultation, None)


def _section_page(form, consultation: Consultation, existing):
    moment = now()
    return _page(
        form,
        "staff/consultation_section.html",
        consultation=consultation,
        existing=existing,
        has_opened=moment >= as_utc(consultation.opens_at),
        has_closed=moment >= as_utc(consultation.closes_at),
    )
