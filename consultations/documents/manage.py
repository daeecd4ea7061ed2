"""Staff pages of documents: an action plan's adopted text and other official documents."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..permissions import can_upload_document, require
from ..plans.services import get_plan_or_404
from . import services
from .limits import accepts_uploads
from .staff_forms import PlanDocumentForm

bp = Blueprint("document_staff", __name__, url_prefix="/<lang:lang>/staff")


@bp.route("/plans/<slug>/documents", methods=["GET", "POST"])
@login_required
@accepts_uploads(1)
def plan_documents(slug: str):
    """Upload the adopted plan and other official documents; list those already there."""
    plan = get_plan_or_404(slug)
    require(can_upload_document(current_user, "plan", plan))
    form = PlanDocumentForm()
    if form.validate_on_submit():
        services.upload_documents(current_user, "plan", plan, form.file.received, form.titles())
        flash(_("The document is published on the plan's page."))
        return redirect(url_for("document_staff.plan_documents", slug=plan.slug))
    documents = services.documents_of("plan", [plan.id])[plan.id]
    page = render_template(
        "documents/plan_documents.html", plan=plan, form=form, documents=documents
    )
    return page, 422 if form.errors else 200
