"""Flags, the moderation queue, hiding and restoring comments, suspending accounts."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_pgettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from .. import permissions
from ..accounts.models import User
from ..accounts.sessions import fresh_login_required
from ..clock import as_utc, now
from ..comments.models import Comment, CommentState, Flag
from ..consultation.models import Consultation
from ..errors import FieldRejected
from ..extensions import db, limiter
from ..pagination import paginate_models
from ..permissions import require
from . import services
from .forms import FlagForm, HideForm, RestoreForm, SuspendForm
from .rules import RULES

bp = Blueprint("moderation", __name__, url_prefix="/<lang:lang>")

PER_PAGE = 20
# Enough for anyone reading a busy discussion; too few to flood the queue.
FLAG_RATE_LIMIT = "10 per minute;60 per day"

STATE_LABELS = {
    CommentState.VISIBLE: lazy_pgettext("comment state", "visible"),
    # TRANSLATORS: hidden by a moderator.
    CommentState.HIDDEN: lazy_pgettext("comment state", "hidden"),
    # TRANSLATORS: taken back by its author.
    CommentState.REMOVED: lazy_pgettext("comment state", "removed by its author"),
}


@bp.context_processor
def moderation_helpers() -> dict:
    return {"comment_state_label": STATE_LABELS, "comment_url": comment_url}


def comment_url(consultation: Consultation, comment: Comment) -> str:
    """The comment in place on its consultation's page."""
    return url_for("consultation.detail", slug=consultation.slug, _anchor=f"comment-{comment.id}")


def flagger_key() -> str:
    return f"flag:{getattr(current_user, 'id', None) or request.remote_addr}"


def _reject(form: FlaskForm, error: FieldRejected) -> None:
    """Show a service's refusal next to the field it names (or the form's first field)."""
    field = form._fields.get(error.field) or next(iter(form))
    field.errors = [*field.errors, error.message]


def action_forms(comment: Comment) -> tuple[HideForm, RestoreForm]:
    """The hide and restore forms of one comment, prefixed so many share a page."""
    return HideForm(prefix=f"hide-{comment.id}"), RestoreForm(prefix=f"restore-{comment.id}")


@bp.route("/comments/<int:comment_id>/flag", methods=["GET", "POST"])
@limiter.limit(FLAG_RATE_LIMIT, methods=["POST"], key_func=flagger_key)
@login_required
def flag(comment_id: int):
    """Report a comment that breaks the participation rules."""
    comment = db.get_or_404(Comment, comment_id)
    require(permissions.can_flag(current_user, comment))
    consultation = db.get_or_404(Consultation, comment.consultation_id)
    form = FlagForm()
    if form.validate_on_submit():
        try:
            services.flag_comment(current_user, comment, form.reason.data, form.note.data)
        except FieldRejected as error:
            _reject(form, error)
        else:
            flash(_("Thank you. The moderators will review this comment."))
            return redirect(comment_url(consultation, comment))
    already = services.has_flagged(current_user, comment)
    return render_template(
        "moderation/flag.html",
        comment=comment,
        consultation=consultation,
        form=form,
        already=already,
    ), 422 if form.errors else 200


@bp.get("/moderation")
@login_required
def queue():
    """Flagged and held comments, most flagged first; or hidden ones, newest first."""
    require(permissions.can_moderate(current_user))
    state = request.args.get("state")
    state = state if state in services.QUEUE_STATES else "flagged"
    page = paginate_models(services.list_queue(state), PER_PAGE)
    comments = list(page.items)
    return render_template(
        "moderation/queue.html",
        state=state,
        page=page,
        reasons=services.flag_reasons([comment.id for comment in comments]),
        consultations=services.consultations_for(comments),
        forms={comment.id: action_forms(comment) for comment in comments},
    )


@bp.get("/moderation/comments/<int:comment_id>")
@login_required
def comment(comment_id: int):
    """One comment with every flag raised about it, and the hide and restore forms."""
    found = db.get_or_404(Comment, comment_id)
    require(permissions.can_moderate(current_user))
    return _review_page(found, *action_forms(found))


def _review_page(comment: Comment, hide_form: HideForm, restore_form: RestoreForm):
    flags = paginate_models(
        db.select(Flag).where(Flag.comment_id == comment.id).order_by(Flag.id.desc()), PER_PAGE
    )
    failed = hide_form.errors or restore_form.errors
    return render_template(
        "moderation/comment.html",
        comment=comment,
        consultation=db.session.get(Consultation, comment.consultation_id),
        reasons=services.flag_reasons([comment.id]).get(comment.id, []),
        flags=flags,
        hide_form=hide_form,
        restore_form=restore_form,
    ), 422 if failed else 200


@bp.post("/moderation/comments/<int:comment_id>/hide")
@login_required
def hide(comment_id: int):
    """Hide a comment under a participation rule; its author is told why by e-mail."""
    found = db.get_or_404(Comment, comment_id)
    require(permissions.can_moderate(current_user))
    hide_form, restore_form = action_forms(found)
    if hide_form.validate_on_submit():
        try:
            services.hide_comment(current_user, found, hide_form.rule.data, hide_form.note.data)
        except FieldRejected as error:
            _reject(hide_form, error)
        else:
            flash(_("The comment is hidden and its author has been told why."))
            return redirect(_back_to_queue())
    return _review_page(found, hide_form, restore_form)


@bp.post("/moderation/comments/<int:comment_id>/restore")
@login_required
def restore(comment_id: int):
    """Keep a flagged comment visible, or make a hidden one visible again."""
    found = db.get_or_404(Comment, comment_id)
    require(permissions.can_moderate(current_user))
    hide_form, restore_form = action_forms(found)
    was_hidden = found.state == CommentState.HIDDEN
    if restore_form.validate_on_submit():
        try:
            services.restore_comment(current_user, found, restore_form.note.data)
        except FieldRejected as error:
            _reject(restore_form, error)
        else:
            flash(
                _("The comment is visible again.")
                if was_hidden
                else _("The comment stays visible and its flags are cleared.")
            )
            return redirect(_back_to_queue("hidden" if was_hidden else None))
    return _review_page(found, hide_form, restore_form)


def _back_to_queue(state: str | None = None) -> str:
    return url_for("moderation.queue", state=state)


@bp.route("/moderation/users/<int:user_id>", methods=["GET", "POST"])
@login_required
@fresh_login_required(methods=("POST",))  # reading is routine; suspending is not
def user(user_id: int):
    """A person's comments and the flags they received; suspend or unsuspend them."""
    person = db.get_or_404(User, user_id)
    require(permissions.can_moderate(current_user))
    form = SuspendForm(action="unsuspend" if person.suspended_at else "suspend")
    if request.method == "POST":
        require(permissions.can_suspend(current_user, person))
    if form.validate_on_submit():
        try:
            _change_suspension(person, form)
        except FieldRejected as error:
            _reject(form, error)
        else:
            return redirect(url_for("moderation.user", user_id=person.id))
    comments = paginate_models(services.list_user_comments(person), PER_PAGE)
    return render_template(
        "moderation/user.html",
        person=person,
        age_days=(now() - as_utc(person.created_at)).days,
        comments=comments,
        consultations=services.consultations_for(list(comments.items)),
        received=services.flags_received(person),
        form=form,
    ), 422 if form.errors else 200


def _change_suspension(person: User, form: SuspendForm) -> None:
    if form.action.data == "unsuspend":
        services.unsuspend_account(current_user, person, form.note.data)
        flash(_("The suspension is lifted: this person can take part again."))
    else:
        services.suspend_account(current_user, person, form.note.data)
        flash(_("The account is suspended: this person can no longer post, and is logged out."))


@bp.get("/rules")
def rules():
    """The published participation rules, and how flags and hiding work."""
    return render_template(
        "moderation/rules.html",
        rules=RULES,
        threshold=current_app.config["FLAG_HOLD_THRESHOLD"],
        contact=current_app.config.get("CONTACT_EMAIL", ""),
    )
