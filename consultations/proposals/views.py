"""Public pages of co-creation: a plan's timeline, its proposals, one proposal, the
proposal form, supporting; and the moderators' hide and restore."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..clock import now
from ..documents.limits import accepts_uploads
from ..documents.services import documents_of
from ..errors import FieldRejected
from ..i18n import current_language
from ..pagination import page_number
from ..permissions import (
    can_comment_on_proposal,
    can_edit_cocreation,
    can_hide_proposal,
    can_moderate,
    can_propose,
    can_support_proposal,
    require,
)
from ..plans.staff_forms import LANGUAGE_LABELS
from ..receipts.proposal_status import SUBJECT as PROPOSAL_SUBJECT
from ..receipts.services import reference_for
from . import (
    counters,  # noqa: F401  (registers the monthly count of proposals received)
    discussion,
    publication,
    queries,
    services,
)
from .forms import HideForm, ProposalCommentForm, ProposalForm, proposal_documents
from .labels import OUTCOME, STAGE
from .models import ProposalState

bp = Blueprint("proposals", __name__, url_prefix="/<lang:lang>")


@bp.record_once
def proposal_labels(state) -> None:
    state.app.jinja_env.globals.update(
        stage_label=STAGE, proposal_outcome_label=OUTCOME, language_names=LANGUAGE_LABELS
    )


def rejected(form, error: FieldRejected) -> None:
    """Show a service's refusal next to the field it names."""
    field = form._fields.get(error.field) or next(iter(form))
    field.errors = [*field.errors, error.message]


@bp.get("/plans/<slug>/timeline")
def timeline(slug: str):
    """A plan's co-creation stages, their dates, the ways to take part, and every change."""
    plan = queries.get_plan_or_404(slug)
    shown = publication.public_timeline(plan)
    if shown is None and not can_edit_cocreation(current_user, plan):
        abort(404)
    shown = shown or publication.timeline_of(plan)
    return render_template(
        "proposals/timeline.html",
        plan=plan,
        timeline=shown,
        changes=queries.list_changes(shown) if shown else [],
        today=now().date(),
        deadline=queries.answer_deadline(shown),
    )


@bp.get("/plans/<slug>/proposals")
def index(slug: str):
    """A plan's proposals from the public, most supported first."""
    return index_page(queries.get_plan_or_404(slug))


def index_page(plan, error: str | None = None):
    """The proposals page, with a refusal of the publish action when there is one (422)."""
    timeline = publication.public_timeline(plan)
    moderator = can_moderate(current_user)
    page = publication.list_proposals(plan, page_number(), include_hidden=moderator)
    return render_template(
        "proposals/index.html",
        plan=plan,
        timeline=timeline,
        stage=queries.proposals_stage(timeline),
        deadline=queries.answer_deadline(timeline),
        page=page,
        supported=queries.supported_ids(current_user, [p.id for p in page.items]),
        may_propose=can_propose(current_user, timeline, now().date()),
        publish_error=error,
        campaigns=queries.near_identical(plan),
    ), (422 if error else 200)


def proposal_page(proposal, hide_form=None, status=200, comment_form=None):
    """The proposal page; a refused form (hide, comment) comes back with its errors."""
    supported = queries.supported_ids(current_user, [proposal.id])
    timeline = publication.public_timeline(proposal.plan)
    today = now().date()
    return render_template(
        "proposals/detail.html",
        proposal=proposal,
        plan=proposal.plan,
        supported=proposal.id in supported,
        merged_here=publication.merged_here(proposal),
        documents=documents_of("proposal", [proposal.id])[proposal.id],
        hide_form=hide_form or HideForm(),
        comments=discussion.list_comments(proposal, page_number()),
        may_comment=can_comment_on_proposal(current_user, proposal, timeline, today),
        stage=queries.proposals_stage(timeline),
        today=today,
        comment_form=comment_form or ProposalCommentForm(),
    ), status


@bp.get("/proposals/<int:proposal_id>")
def detail(proposal_id: int):
    """One proposal: the problem, the solution, who supports it, and the government's answer."""
    proposal = queries.get_proposal_or_404(proposal_id)
    return proposal_page(proposal)


@bp.route("/plans/<slug>/proposals/new", methods=["GET", "POST"])
@login_required
@accepts_uploads(proposal_documents)
def new(slug: str):
    """Propose a commitment during the plan's proposals stage."""
    plan = queries.get_plan_or_404(slug)
    require(can_propose(current_user, publication.public_timeline(plan), now().date()))
    form = ProposalForm()
    form.lead_agency.choices = [("", _("I do not know"))] + [
        (str(agency.id), agency.name) for agency in queries.plan_agencies(plan)
    ]
    if form.validate_on_submit():
        try:
            proposal = services.propose(
                current_user,
                plan,
                title=form.title.data,
                problem=form.problem.data,
                solution=form.solution.data,
                language=current_language(),
                lead_agency_id=form.agency_id(),
                values=form.values.data or (),
                organisation=form.organisation.data or "",
                files=form.received(),
            )
        except FieldRejected as error:
            rejected(form, error)
        else:
            flash(_("Thank you. Your proposal is published."))
            reference = reference_for(PROPOSAL_SUBJECT, proposal.id)
            if reference:  # shown on the page it lands on, with a link to its track page
                flash(reference, "receipt")
            return redirect(url_for(".detail", proposal_id=proposal.id))
    status = 422 if form.errors else 200
    return render_template("proposals/new.html", plan=plan, form=form), status


@bp.post("/proposals/<int:proposal_id>/support")
@login_required
def support(proposal_id: int):
    """Support a proposal (once per account)."""
    proposal = queries.get_proposal_or_404(proposal_id)
    require(can_support_proposal(current_user, proposal))
    if services.support(current_user, proposal):
        flash(_("You support this proposal."))
    return redirect(url_for(".detail", proposal_id=proposal_id))


@bp.post("/proposals/<int:proposal_id>/withdraw-support")
@login_required
def withdraw_support(proposal_id: int):
    """Take one's support back."""
    proposal = queries.get_proposal_or_404(proposal_id)
    if services.withdraw_support(current_user, proposal):
        flash(_("You no longer support this proposal."))
    return redirect(url_for(".detail", proposal_id=proposal_id))


@bp.post("/proposals/<int:proposal_id>/hide")
@login_required
def hide(proposal_id: int):
    """A moderator hides a proposal with a public reason."""
    proposal = queries.get_proposal_or_404(proposal_id)
    require(can_hide_proposal(current_user, proposal) and proposal.state == ProposalState.VISIBLE)
    form = HideForm()
    if not form.validate_on_submit():
        return proposal_page(proposal, form, 422)
    services.hide_proposal(current_user, proposal, form.reason.data)
    flash(_("The proposal is hidden."))
    return redirect(url_for(".detail", proposal_id=proposal_id))


@bp.post("/proposals/<int:proposal_id>/restore")
@login_required
def restore(proposal_id: int):
    """A moderator shows a hidden proposal again, or keeps a flagged one and clears its flags."""
    proposal = queries.get_proposal_or_404(proposal_id)
    hidden = proposal.state == ProposalState.HIDDEN
    flagged = proposal.flag_count > 0 or proposal.held
    require(can_hide_proposal(current_user, proposal) and (hidden or flagged))
    services.restore_proposal(current_user, proposal)
    flash(
        _("The proposal is shown again.")
        if hidden
        else _("The proposal stays visible and its flags are cleared.")
    )
    return redirect(url_for(".detail", proposal_id=proposal_id))
