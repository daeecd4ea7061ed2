"""Reasoned responses by coordinators, and the consultation report with its CSV."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from ..clock import now
from ..consultation.models import Phase
from ..errors import FieldRejected
from ..extensions import db
from ..i18n import current_language
from ..pagination import page_number, paginate
from ..permissions import can_respond, require
from . import queries, services
from . import report as reports
from .forms import ResponseEditForm, ResponseForm, response_data, section_choices
from .models import Response

bp = Blueprint("responses", __name__, url_prefix="/<lang:lang>")

PER_PAGE = 20
FORM = ["GET", "POST"]


@bp.context_processor
def response_helpers() -> dict:
    return {"page_url": page_url, "GENERAL": queries.GENERAL}


def page_url(argument: str, number: int) -> str:
    """This page's address with another number for one of its page arguments."""
    args = request.args.to_dict(flat=False)
    args[argument] = [str(number)]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def _rejected(form, error: FieldRejected) -> None:
    """Show a service's refusal next to the field it names."""
    field = form._fields.get(error.field) or form._fields.get("outcome")
    field.errors = [*field.errors, error.message]


@bp.route("/staff/consultations/<slug>/responses", methods=FORM)
@login_required
def manage(slug: str):
    """Answer waiting comments, one by one, in groups or by section; see what was answered."""
    consultation = queries.get_consultation_or_404(slug)
    require(can_respond(current_user, consultation, now()))
    form = ResponseForm()
    form.whole_section.choices = section_choices(consultation, current_language())
    if form.validate_on_submit():
        try:
            response = services.publish_response(
                current_user,
                consultation,
                outcome=form.outcome.data,
                texts=form.texts(),
                **form.answering(consultation),
            )
        except services.ResponseRejected as error:
            _rejected(form, error)
        else:
            flash(_published(len(response.answers)))
            section_filter = request.args.get("section") or None
            return redirect(url_for("responses.manage", slug=slug, section=section_filter))
    return _manage_page(consultation, form)


def _published(count: int) -> str:
    return ngettext(
        "The response to %(num)s comment is published.",
        "The response to %(num)s comments is published.",
        count,
    )


@bp.post("/staff/consultations/<slug>/responses/complete")
@login_required
def complete(slug: str):
    """Declare that every comment is answered; the consultation shows its responses published."""
    consultation = queries.get_consultation_or_404(slug)
    require(can_respond(current_user, consultation, now()))
    try:
        services.complete_responses(current_user, consultation)
    except services.ResponseRejected as error:
        form = ResponseForm(formdata=None)
        form.whole_section.choices = section_choices(consultation, current_language())
        return _manage_page(consultation, form, complete_error=error.message)
    flash(_("The responses are declared complete."))
    return redirect(url_for("responses.manage", slug=slug))


def _manage_page(consultation, form, complete_error: str | None = None):
    moment = now()
    section = request.args.get("section", "")
    waiting = paginate(
        queries.unanswered_comments(consultation, section), page_number("page"), PER_PAGE, _first
    )
    published = paginate(
        queries.published_responses(consultation), page_number("responses_page"), PER_PAGE, tuple
    )
    failed = bool(form.errors or complete_error)
    return render_template(
        "responses/manage.html",
        consultation=consultation,
        form=form,
        waiting=waiting,
        published=published,
        section=section,
        summary=queries.response_summary(consultation, moment),
        phase=consultation.phase(moment),
        Phase=Phase,
        complete_error=complete_error,
    ), (422 if failed else 200)


def _first(row):
    return row[0]


@bp.route("/staff/consultations/<slug>/responses/<int:response_id>", methods=FORM)
@login_required
def edit(slug: str, response_id: int):
    """Correct a response's outcome or reasons; the comments it answers stay answered."""
    consultation = queries.get_consultation_or_404(slug)
    response = db.get_or_404(Response, response_id)
    if response.consultation_id != consultation.id:
        abort(404)
    require(can_respond(current_user, consultation, now()))
    form = ResponseEditForm(data=response_data(response))
    if form.validate_on_submit():
        try:
            services.edit_response(current_user, response, form.outcome.data, form.texts())
        except services.ResponseRejected as error:
            _rejected(form, error)
        else:
            flash(_("The response is updated."))
            return redirect(url_for("responses.manage", slug=slug))
    status = 422 if form.errors else 200
    return render_template(
        "responses/edit.html", consultation=consultation, response=response, form=form
    ), status


@bp.get("/consultations/<slug>/report")
def report(slug: str):
    """The consultation report: who took part, what they said, how it was answered."""
    consultation = queries.get_consultation_or_404(slug)
    moment = now()
    data = (
        reports.build_report(consultation, moment)
        if reports.is_ready(consultation, moment)
        else None
    )
    campaigns = reports.campaign_page(consultation, page_number("page")) if data else None
    return render_template(
        "responses/report.html", consultation=consultation, report=data, campaigns=campaigns
    )


@bp.get("/consultations/<slug>/report.csv")
def report_csv(slug: str):
    """Every visible comment with its response, as a CSV file, streamed row by row."""
    consultation = queries.get_consultation_or_404(slug)
    if not reports.is_ready(consultation, now()):
        abort(404)
    return reports.csv_response(consultation, current_language())
