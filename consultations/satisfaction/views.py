"""The short satisfaction survey offered after taking part."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..consultation.queries import get_consultation_or_404
from ..consultation.views import detail_page
from ..errors import FieldRejected
from . import services
from .expectations import ExpectationsAlreadyAnswered, answer_expectations
from .forms import ExpectationsForm, SurveyForm
from .labels import survey_labels

bp = Blueprint("satisfaction", __name__, url_prefix="/<lang:lang>")
bp.record_once(lambda state: state.app.jinja_env.globals.update(survey_labels()))


@bp.post("/consultations/<slug>/survey")
@login_required
def answer(slug: str):
    """Record the survey answers, or a "no, thanks", once per consultation."""
    consultation = get_consultation_or_404(slug)
    user = current_user._get_current_object()
    form = SurveyForm()
    try:
        if "decline" in request.form:
            services.decline_survey(user, consultation)
            flash(_("Thank you. We will not ask you about this consultation again."))
        elif form.validate_on_submit():
            data = form.data
            services.answer_survey(
                user,
                consultation,
                data["satisfaction"],
                data["ease"],
                data["remark"],
                respondent=data["respondent"],
            )
            flash(_("Thank you for your answers. They help us improve this service."))
        else:
            return detail_page(consultation, survey=form, status=422)
    except FieldRejected as error:
        getattr(form, error.field).errors.append(error.message)
        return detail_page(consultation, survey=form, status=422)
    except services.SurveyAlreadyAnswered:
        flash(_("You have already answered the survey for this consultation. Thank you."))
    return redirect(url_for("consultation.detail", slug=consultation.slug))


@bp.post("/consultations/<slug>/expectations")
@login_required
def expectations(slug: str):
    """Keep what the person expects before their first comment, or that they skipped it."""
    consultation = get_consultation_or_404(slug)
    user = current_user._get_current_object()
    form = ExpectationsForm()
    try:
        if "skip" in request.form:
            answer_expectations(user, None, None, None, declined=True)
            flash(_("We will not ask you again. You can write your comment now."))
        elif form.validate_on_submit():
            data = form.data
            answer_expectations(user, data["outcome"], data["wait"], data["respondent"])
            flash(_("Thank you. You can write your comment now."))
        else:
            return detail_page(consultation, expectations=form, status=422)
    except FieldRejected as error:
        getattr(form, error.field).errors.append(error.message)
        return detail_page(consultation, expectations=form, status=422)
    except ExpectationsAlreadyAnswered:
        flash(_("You have already answered these questions. Thank you."))
    return redirect(url_for("consultation.detail", slug=consultation.slug, _anchor="write"))
