"""Public consultation pages: the list, one consultation with its draft and comments."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user

from ..clock import now
from ..comments.forms import CommentFilterForm, CommentForm
from ..documents.services import documents_of
from ..fragments import pin_versions
from ..pagination import page_number
from ..permissions import can_comment, comment_actions
from ..responses.queries import answers_for, response_summary
from ..satisfaction.expectations import expectations_offered
from ..satisfaction.forms import ExpectationsForm, SurveyForm
from ..satisfaction.services import survey_offered
from . import queries
from .fragments import comment_form_stamp, facts_stamp, filters_stamp
from .models import Consultation, Phase
from .queries import GENERAL, LISTED_PHASES, CommentFilters

bp = Blueprint("consultation", __name__, url_prefix="/<lang:lang>")


@bp.get("/consultations")
def index():
    """Open, upcoming and closed consultations, one phase at a time, with their counts."""
    moment = now()
    counts = queries.phase_counts(moment)
    phase = request.args.get("phase")
    if phase not in LISTED_PHASES:
        phase = next((name for name in LISTED_PHASES if counts[name]), "open")
    page = queries.list_consultations(phase, page_number(), moment)
    return render_template(
        "consultation/index.html", counts=counts, phase=phase, page=page, moment=moment
    )


@bp.get("/consultations/<slug>")
def detail(slug: str):
    """One consultation: its draft section by section, the comments and the comment form."""
    pin_versions()  # before the consultation: its facts' fragment is stamped with these
    return detail_page(queries.get_consultation_or_404(slug))


@bp.get("/consultations/<slug>/sections/<anchor>/history")
def section_history(slug: str, anchor: str):
    """Earlier wordings of one section, so readers see what older comments were about."""
    consultation = queries.get_consultation_or_404(slug)
    section = queries.get_section_or_404(consultation, anchor)
    return render_template(
        "consultation/section_history.html",
        consultation=consultation,
        section=section,
        number=consultation.sections.index(section) + 1,
        page=queries.section_revisions(section, page_number()),
    )


def comment_barrier(user, consultation: Consultation, phase: Phase) -> str | None:
    """Why this person cannot comment now, or None when they can."""
    if phase == Phase.SCHEDULED:
        return "scheduled"
    if phase != Phase.OPEN:
        return "closed"
    if not user.is_authenticated:
        return "anonymous"
    if not user.is_verified:
        return "unverified"
    if user.suspended_at is not None:
        return "suspended"
    return None


def detail_page(
    consultation: Consultation,
    *,
    form: CommentForm | None = None,
    survey: SurveyForm | None = None,
    expectations: ExpectationsForm | None = None,
    status: int = 200,
):
    """Render the consultation page; forms that failed validation come back as they were."""
    moment = now()
    phase = consultation.phase(moment)
    filter_form = CommentFilterForm(consultation, request.args)
    filters = CommentFilters(*(filter_form.chosen(name) for name in ("section", "stance", "order")))
    comments = queries.list_comments(consultation, filters, page_number())
    if form is None and can_comment(current_user, consultation, moment):
        preselected = "" if filters.section == GENERAL else filters.section
        form = CommentForm(consultation, section=preselected)
        if expectations is None and expectations_offered(current_user):
            expectations = ExpectationsForm()
    if survey is None and survey_offered(current_user, consultation):
        survey = SurveyForm()
    counts = queries.comment_counts(consultation)
    listed = queries.listed_comments(comments.items)
    ids = [comment.id for comment in listed]
    context = {
        "consultation": consultation,
        "facts_stamp": facts_stamp(consultation),
        "filters_stamp": filters_stamp(filters),
        "comment_form_stamp": comment_form_stamp(form),
        "phase": phase,
        "counts": counts,
        "total": sum(counts.values()),
        "revisions": queries.last_revisions(consultation),
        "filter_form": filter_form,
        "filters": filters,
        "comments": comments,
        "answers": answers_for(ids),
        "reader_actions": comment_actions(
            current_user, consultation, listed, moment, current_app.config["COMMENT_MAX_DEPTH"]
        ),
        "attachments": documents_of("comment", ids),
        "form": form,
        "barrier": comment_barrier(current_user, consultation, phase),
        "survey": survey,
        "expectations": expectations if form is not None else None,
        "summary": (None if phase == Phase.SCHEDULED else response_summary(consultation, moment)),
    }
    return render_template("consultation/detail.html", **context), status
