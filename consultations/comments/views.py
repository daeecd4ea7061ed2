"""Writing, replying to, editing and removing comments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import format_datetime, format_time, get_timezone, ngettext
from flask_babel import gettext as _
from flask_limiter import RateLimitExceeded, RequestLimit
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required
from sqlalchemy import inspect

from ..clock import as_utc, now
from ..consultation import queries
from ..consultation.models import Consultation
from ..consultation.views import detail_page
from ..database import reads_before_writing
from ..documents.limits import accepts_uploads
from ..errors import FieldRejected, render_error
from ..extensions import db, limiter
from ..forms import Form
from ..permissions import can_comment, can_edit_comment, can_remove_comment, can_reply, require
from ..receipts.comment_status import SUBJECT as COMMENT_SUBJECT
from ..receipts.services import reference_for
from . import services
from .forms import CommentForm, EditCommentForm, ReplyForm, comment_attachments
from .models import Comment, CommentState, Stance

bp = Blueprint("comments", __name__, url_prefix="/<lang:lang>")


def _account_limit() -> str:
    """New accounts write under a stricter limit than established ones."""
    config = current_app.config
    created = getattr(current_user, "created_at", None)
    young = created is None or as_utc(created) > now() - timedelta(days=config["NEW_ACCOUNT_DAYS"])
    return config["NEW_ACCOUNT_COMMENT_RATE_LIMIT" if young else "COMMENT_RATE_LIMIT"]


def _account_key() -> str:
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return f"ip:{get_remote_address()}"


def _note_breach(breached: RequestLimit) -> None:
    """Remember when the last limit this request broke lets the person write again."""
    g.comments_retry_at = max(getattr(g, "comments_retry_at", 0), breached.reset_at)


# Comments and replies share one budget per account and one per address.
per_account = limiter.shared_limit(
    _account_limit,
    scope="comments-account",
    key_func=_account_key,
    methods=["POST"],
    on_breach=_note_breach,
)
per_ip = limiter.shared_limit(
    lambda: current_app.config["COMMENT_IP_RATE_LIMIT"],
    scope="comments-ip",
    methods=["POST"],
    on_breach=_note_breach,
)


def when_allowed(retry_at: int) -> str:
    """When the person may send again, in words of their language and time zone."""
    moment = datetime.fromtimestamp(retry_at, UTC)
    seconds = max(1, int((moment - now()).total_seconds()))
    if seconds < 120:
        return ngettext(
            "You have written a lot in a short time. Your text is kept below, not yet sent: "
            "you can send it in %(num)d second.",
            "You have written a lot in a short time. Your text is kept below, not yet sent: "
            "you can send it in %(num)d seconds.",
            seconds,
        )
    zone = get_timezone()
    today = moment.astimezone(zone).date() == now().astimezone(zone).date()
    return _(
        "You have written a lot in a short time. Your text is kept below, not yet sent: "
        "you can send it after %(time)s.",
        time=format_time(moment, "short") if today else format_datetime(moment, "short"),
    )


@bp.errorhandler(RateLimitExceeded)
def too_fast(_error: RateLimitExceeded):
    """Over the limit: the form comes back with what was typed, and says when to send it."""
    when = when_allowed(getattr(g, "comments_retry_at", 0))
    if request.endpoint not in ("comments.create", "comments.reply"):
        return render_error(429)
    if request.endpoint == "comments.reply":
        parent, consultation = _load(request.view_args["comment_id"])
        form = ReplyForm()
        form.body.errors = [when]
        page = render_template(
            "comments/reply.html", parent=parent, consultation=consultation, form=form
        )
        return page, 429
    consultation = queries.get_consultation_to_comment_or_404(request.view_args["slug"])
    form = CommentForm(consultation)
    form.body.errors = [when]
    return detail_page(consultation, form=form, status=429)


def _load(comment_id: int) -> tuple[Comment, Consultation]:
    comment = db.get_or_404(Comment, comment_id)
    return comment, db.get_or_404(Consultation, comment.consultation_id)


def comment_url(consultation: Consultation, comment: Comment) -> str:
    """The comment's place on the consultation page (its thread's page, its anchor)."""
    return _place(consultation.slug, comment.id, queries.page_of(comment))


def _place(slug: str, comment_id: int, page: int) -> str:
    return url_for(
        "consultation.detail",
        slug=slug,
        page=page if page > 1 else None,
        _anchor=f"comment-{comment_id}",
    )


def _published(slug: str, comment: Comment | None):
    # Takes the slug and the comment's id as they were before the commit: reading the
    # expired objects again would load the consultation and the author with all they carry.
    flash(_("Thank you. Your comment is published."))
    if comment is None:  # the bot trap: looks like success, nothing was written
        return redirect(url_for("consultation.detail", slug=slug, _anchor="comments"))
    comment_id = inspect(comment).identity[0]
    reference = reference_for(COMMENT_SUBJECT, comment_id)
    if reference:  # shown on the page it lands on, with a link to its track page
        flash(reference, "receipt")
    return redirect(_place(slug, comment_id, queries.page_of_id(comment_id)))


def _publish(form: ReplyForm, consultation: Consultation, **where) -> Comment | None:
    """Hand the form to the service; a refusal lands on the field it concerns."""
    try:
        return services.add_comment(
            current_user._get_current_object(),
            consultation,
            form.body.data,
            language=form.language.data,
            stance=Stance(form.stance.data) if form.stance.data else None,
            files=form.attachments.received if "attachments" in form else (),
            **where,
        )
    except FieldRejected as error:
        getattr(form, error.field, form.body).errors.append(error.message)
        return None


@bp.post("/consultations/<slug>/comments")
@accepts_uploads(comment_attachments)
@reads_before_writing
@login_required
@per_ip
@per_account
def create(slug: str):
    """Publish a comment on an open consultation, on the whole draft or one section."""
    consultation = queries.get_consultation_to_comment_or_404(slug)
    require(can_comment(current_user, consultation, now()))
    form = CommentForm(consultation)
    if form.website.data:
        return _published(consultation.slug, None)
    if form.validate_on_submit():
        section = next((s for s in consultation.sections if s.anchor == form.section.data), None)
        slug = consultation.slug
        comment = _publish(form, consultation, section=section)
        if comment:
            return _published(slug, comment)
    return detail_page(consultation, form=form, status=422)


@bp.route("/comments/<int:comment_id>/reply", methods=["GET", "POST"])
@accepts_uploads(comment_attachments)
@reads_before_writing
@login_required
@per_ip
@per_account
def reply(comment_id: int):
    """Answer another comment, up to three levels deep."""
    parent, consultation = _load(comment_id)
    max_depth = current_app.config["COMMENT_MAX_DEPTH"]
    require(can_reply(current_user, consultation, parent, now(), max_depth))
    form = ReplyForm()
    if form.website.data:
        return _published(consultation.slug, None)
    if form.validate_on_submit():
        slug = consultation.slug
        comment = _publish(form, consultation, parent=parent)
        if comment:
            return _published(slug, comment)
    status = 422 if form.errors else 200
    page = render_template(
        "comments/reply.html", parent=parent, consultation=consultation, form=form
    )
    return page, status


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit(comment_id: int):
    """Correct a comment within 15 minutes of writing it; it then shows as edited."""
    comment, consultation = _load(comment_id)
    require(comment.author_id == current_user.id and comment.state == CommentState.VISIBLE)
    within_window = can_edit_comment(current_user, comment, now())
    require(within_window or request.method == "POST")
    form = EditCommentForm(body=comment.body_text)
    if not within_window:  # the window closed while the person was typing: keep their text
        form.body.errors = [_("Comments can be edited for 15 minutes after they are written.")]
    elif form.validate_on_submit():
        try:
            services.edit_comment(current_user._get_current_object(), comment, form.body.data)
        except FieldRejected as error:
            form.body.errors.append(error.message)
        else:
            flash(_("Your comment is updated."))
            return redirect(comment_url(consultation, comment))
    page = render_template(
        "comments/edit.html", comment=comment, consultation=consultation, form=form
    )
    return page, 422 if form.errors else 200


@bp.route("/comments/<int:comment_id>/remove", methods=["GET", "POST"])
@login_required
def remove(comment_id: int):
    """Take back one's own comment, after a confirmation."""
    comment, consultation = _load(comment_id)
    require(can_remove_comment(current_user, comment))
    form = Form()
    if form.validate_on_submit():
        page = queries.page_of(comment)
        services.remove_comment(current_user._get_current_object(), comment)
        flash(_("Your comment is removed."))
        return redirect(
            url_for(
                "consultation.detail",
                slug=consultation.slug,
                page=page if page > 1 else None,
                _anchor="comments",
            )
        )
    return render_template(
        "comments/remove.html", comment=comment, consultation=consultation, form=form
    )
