"""Staff pages of co-creation: set and publish a plan's timeline, answer proposals, and
publish a plan's answers together."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from ..errors import FieldRejected
from ..i18n import current_language
from ..permissions import (
    can_answer_proposal,
    can_edit_cocreation,
    can_publish_proposal_answers,
    require,
)
from . import publication, queries, services
from .forms import AnswerForm, TimelineForm, timeline_data
from .models import STAGES
from .views import index_page, rejected

bp = Blueprint("proposal_staff", __name__, url_prefix="/<lang:lang>/staff")

FORM = ["GET", "POST"]


@bp.route("/plans/<slug>/timeline", methods=FORM)
@login_required
def timeline(slug: str):
    """Set every co-creation stage's dates and ways to take part."""
    plan = queries.get_plan_or_404(slug)
    require(can_edit_cocreation(current_user, plan))
    saved = publication.timeline_of(plan)
    form = TimelineForm(data=timeline_data(saved) if saved else None)
    if form.validate_on_submit():
        try:
            services.save_timeline(current_user, plan, form.stages(), form.note.data or "")
        except FieldRejected as error:
            rejected(form, error)
        else:
            flash(_("The co-creation timeline is saved."))
            return redirect(url_for(".timeline", slug=slug))
    status = 422 if form.errors else 200
    return render_template(
        "proposals/edit_timeline.html", plan=plan, form=form, timeline=saved, stages=STAGES
    ), status


@bp.post("/plans/<slug>/timeline/publish")
@login_required
def publish_timeline(slug: str):
    """Make the timeline public (its first publication date is kept)."""
    plan = queries.get_plan_or_404(slug)
    require(can_edit_cocreation(current_user, plan) and publication.timeline_of(plan) is not None)
    services.publish_timeline(current_user, plan)
    flash(_("The co-creation timeline is published."))
    return redirect(url_for("proposals.timeline", slug=slug))


@bp.route("/proposals/<int:proposal_id>/answer", methods=FORM)
@login_required
def answer(proposal_id: int):
    """Write the reasoned answer to one proposal (public once the plan's answers are)."""
    proposal = queries.get_proposal_or_404(proposal_id)
    require(can_answer_proposal(current_user, proposal))
    written = proposal.answer
    form = AnswerForm(
        data={
            "outcome": written.outcome.value,
            "reasons": written.reasons,
            "commitment": str(written.commitment_id or ""),
            "merged_into": str(written.merged_into_id or ""),
        }
        if written
        else None
    )
    form.commitment.choices = [("", "—")] + [
        (str(c.id), f"{c.reference} · {c.text('title').text}")
        for c in queries.plan_commitments(proposal.plan)
    ]
    form.merged_into.choices = [("", "—")] + [
        (str(id_), title) for id_, title in queries.other_proposals(proposal)
    ]
    if form.validate_on_submit():
        try:
            services.answer_proposal(
                current_user,
                proposal,
                outcome=form.outcome.data,
                reasons=form.reasons.data,
                language=current_language(),
                commitment_id=form.number(form.commitment),
                merged_into_id=form.number(form.merged_into),
            )
        except FieldRejected as error:
            rejected(form, error)
        else:
            flash(_("The answer is saved. It is published with the plan's other answers."))
            return redirect(url_for("proposals.index", slug=proposal.plan.slug))
    status = 422 if form.errors else 200
    return render_template(
        "proposals/answer.html", proposal=proposal, plan=proposal.plan, form=form
    ), status


@bp.post("/plans/<slug>/proposals/publish-answers")
@login_required
def publish_answers(slug: str):
    """Publish every answer of the plan's proposals at once."""
    plan = queries.get_plan_or_404(slug)
    require(can_publish_proposal_answers(current_user, plan))
    try:
        count = services.publish_answers(current_user, plan)
    except FieldRejected as error:
        return index_page(plan, error.message)
    flash(ngettext("%(num)d answer is published.", "%(num)d answers are published.", count))
    return redirect(url_for("proposals.index", slug=slug))
