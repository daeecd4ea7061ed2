"""Comments on proposals, flags on proposals and their comments, and their moderation.

The comment form shares the comment rate limits of consultations (one budget per account
and per address) and their bot trap; flags share the flag page's limit and rules; the
moderators' list is a tab of the moderation queue.
"""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter import RateLimitExceeded
from flask_login import current_user, login_required
from sqlalchemy import inspect

from ..clock import now
from ..comments.views import per_account, per_ip, when_allowed
from ..database import reads_before_writing
from ..errors import FieldRejected, render_error
from ..extensions import db, limiter
from ..forms import Form
from ..i18n import current_language
from ..moderation.forms import FlagForm
from ..moderation.views import FLAG_RATE_LIMIT, PER_PAGE, STATE_LABELS, action_forms, flagger_key
from ..pagination import paginate, paginate_models
from ..permissions import (
    can_comment_on_proposal,
    can_flag_proposal_item,
    can_moderate,
    can_remove_comment,
    require,
)
from ..receipts.services import reference_for
from . import discussion, publication, queries
from .forms import ProposalCommentForm
from .models import Proposal, ProposalComment, ProposalFlag
from .views import proposal_page, rejected

bp = Blueprint("proposal_comments", __name__, url_prefix="/<lang:lang>")

QUEUE_STATES = ("flagged", "hidden")


def comment_url(comment: ProposalComment) -> str:
    """The comment in place on its proposal's page (its page of comments, its anchor)."""
    page = discussion.comment_page(comment)
    return url_for(
        "proposals.detail",
        proposal_id=comment.proposal_id,
        page=page if page > 1 else None,
        _anchor=f"comment-{comment.id}",
    )


@bp.record_once
def proposal_comment_helpers(state) -> None:
    state.app.jinja_env.globals["proposal_comment_url"] = comment_url


@bp.errorhandler(RateLimitExceeded)
def too_fast(_error: RateLimitExceeded):
    """Over the limit: the form comes back with what was typed, and says when to send it."""
    if request.endpoint != "proposal_comments.create":
        return render_error(429)
    proposal = queries.get_proposal_or_404(request.view_args["proposal_id"])
    form = ProposalCommentForm()
    form.body.errors = [when_allowed(getattr(g, "comments_retry_at", 0))]
    return proposal_page(proposal, status=429, comment_form=form)


@bp.post("/proposals/<int:proposal_id>/comments")
@reads_before_writing
@login_required
@per_ip
@per_account
def create(proposal_id: int):
    """Comment on a proposal while the plan's proposals stage is open."""
    proposal = queries.get_proposal_or_404(proposal_id)
    timeline = publication.public_timeline(proposal.plan)
    today = now().date()
    require(can_comment_on_proposal(current_user, proposal, timeline, today))
    form = ProposalCommentForm()
    if form.website.data:  # the bot trap: looks like success, nothing is written
        flash(_("Thank you. Your comment is published."))
        return redirect(url_for("proposals.detail", proposal_id=proposal_id, _anchor="comments"))
    if form.validate_on_submit():
        try:
            comment = discussion.add_comment(
                current_user._get_current_object(),
                proposal,
                form.body.data,
                language=form.language.data or current_language(),
            )
        except FieldRejected as error:
            rejected(form, error)
        else:
            comment_id = inspect(comment).identity[0]
            flash(_("Thank you. Your comment is published."))
            reference = reference_for(discussion.SUBJECT, comment_id)
            if reference:
                flash(reference, "receipt")
            return redirect(comment_url(comment))
    return proposal_page(proposal, status=422, comment_form=form)


@bp.route("/proposal-comments/<int:comment_id>/remove", methods=["GET", "POST"])
@login_required
def remove(comment_id: int):
    """Take back one's own comment on a proposal, after a confirmation."""
    comment = db.get_or_404(ProposalComment, comment_id)
    require(can_remove_comment(current_user, comment))
    form = Form()
    if form.validate_on_submit():
        back = comment_url(comment)
        discussion.remove_comment(current_user._get_current_object(), comment)
        flash(_("Your comment is removed."))
        return redirect(back)
    return render_template("proposals/remove_comment.html", comment=comment, form=form)


def _flag_page(subject: Proposal | ProposalComment, back: str):
    """The flag form for a proposal or a proposal's comment, and what sending it does."""
    require(can_flag_proposal_item(current_user, subject))
    form = FlagForm()
    if form.validate_on_submit():
        try:
            discussion.flag(current_user, subject, form.reason.data, form.note.data)
        except FieldRejected as error:
            rejected(form, error)
        else:
            flash(_("Thank you. The moderators will review this."))
            return redirect(back)
    return render_template(
        "proposals/flag.html",
        subject=subject,
        is_comment=isinstance(subject, ProposalComment),
        back=back,
        form=form,
        already=discussion.has_flagged(current_user, subject),
    ), 422 if form.errors else 200


@bp.route("/proposals/<int:proposal_id>/flag", methods=["GET", "POST"])
@limiter.limit(FLAG_RATE_LIMIT, methods=["POST"], key_func=flagger_key)
@login_required
def flag_proposal(proposal_id: int):
    """Report a proposal that breaks the participation rules."""
    proposal = queries.get_proposal_or_404(proposal_id)
    return _flag_page(proposal, url_for("proposals.detail", proposal_id=proposal.id))


@bp.route("/proposal-comments/<int:comment_id>/flag", methods=["GET", "POST"])
@limiter.limit(FLAG_RATE_LIMIT, methods=["POST"], key_func=flagger_key)
@login_required
def flag_comment(comment_id: int):
    """Report a proposal's comment that breaks the participation rules."""
    comment = db.get_or_404(ProposalComment, comment_id)
    return _flag_page(comment, comment_url(comment))


@bp.get("/moderation/proposals")
@login_required
def queue():
    """Flagged proposals, and flagged (or hidden) comments on proposals: the moderation
    queue's tab for co-creation."""
    require(can_moderate(current_user))
    state = request.args.get("state")
    state = state if state in QUEUE_STATES else "flagged"
    # The first page only: flagged proposals are few, and `page` pages the comments below.
    proposals = paginate(discussion.flagged_proposals(), 1, PER_PAGE, make=lambda row: row[0])
    comments = paginate_models(discussion.comment_queue(state), PER_PAGE)
    return render_template(
        "proposals/moderation.html",
        state=state,
        proposals=proposals,
        page=comments,
        proposal_reasons=discussion.flag_reasons(
            ProposalFlag.proposal_id, [p.id for p in proposals.items]
        ),
        reasons=discussion.flag_reasons(ProposalFlag.comment_id, [c.id for c in comments.items]),
        forms={comment.id: action_forms(comment) for comment in comments.items},
        comment_state_label=STATE_LABELS,
    )


@bp.post("/moderation/proposal-comments/<int:comment_id>/hide")
@login_required
def hide(comment_id: int):
    """Hide a proposal's comment under a participation rule."""
    comment = db.get_or_404(ProposalComment, comment_id)
    require(can_moderate(current_user))
    hide_form, _restore_form = action_forms(comment)
    if hide_form.validate_on_submit():
        try:
            discussion.hide_comment(current_user, comment, hide_form.rule.data, hide_form.note.data)
        except FieldRejected as error:
            flash(error.message, "error")
        else:
            flash(_("The comment is hidden."))
    else:
        flash(_("Choose the rule this comment breaks."), "error")
    return redirect(url_for(".queue"))


@bp.post("/moderation/proposal-comments/<int:comment_id>/restore")
@login_required
def restore(comment_id: int):
    """Keep a flagged comment on a proposal visible, or make a hidden one visible again."""
    comment = db.get_or_404(ProposalComment, comment_id)
    require(can_moderate(current_user))
    _hide_form, restore_form = action_forms(comment)
    hidden = comment.state == "hidden"
    if restore_form.validate_on_submit():
        try:
            discussion.restore_comment(current_user, comment, restore_form.note.data)
        except FieldRejected as error:
            flash(error.message, "error")
        else:
            flash(
                _("The comment is visible again.")
                if hidden
                else _("The comment stays visible and its flags are cleared.")
            )
    return redirect(url_for(".queue", state="hidden" if hidden else None))
