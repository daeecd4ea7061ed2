"""Pages of follows: the follow button's actions, the notifications page, unsubscribing."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..extensions import csrf
from ..pagination import page_number
from ..permissions import can_follow, require
from ..security import safe_next
from . import services
from .forms import FollowForm, FrequencyForm, UnsubscribeForm
from .models import TargetKind
from .tokens import read_unsubscribe

bp = Blueprint("follows", __name__, url_prefix="/<lang:lang>")


def follow_of(kind: str, target_id: int) -> bool:
    """Whether the signed-in person follows this thing (no query when signed out)."""
    if not current_user.is_authenticated:
        return False
    return services.is_following(current_user, kind, target_id)


@bp.record_once
def follow_helpers(state) -> None:
    state.app.jinja_env.globals.update(follow_of=follow_of, follow_form=FollowForm)


def target_url(kind: str, target) -> str:
    if kind == TargetKind.PLAN:
        return url_for("plans.detail", slug=target.slug)
    if kind == TargetKind.COMMITMENT:
        return url_for("plans.commitment", reference=target.reference)
    return url_for("consultation.detail", slug=target.slug)


def _back(kind: str, target) -> str:
    wanted = request.form.get("next")
    return safe_next(wanted) if wanted else target_url(kind, target)


@bp.post("/follows/<kind>/<int:target_id>")
@login_required
def follow(kind: str, target_id: int):
    """Follow a plan, commitment or consultation, and go back to it."""
    target = services.get_target_or_404(kind, target_id)
    require(can_follow(current_user, target))
    if not FollowForm().validate_on_submit():
        abort(400)
    services.follow(current_user, target)
    flash(_("You follow this now. We will e-mail you when it changes."))
    return redirect(_back(kind, target))


@bp.post("/follows/<kind>/<int:target_id>/delete")
@login_required
def unfollow(kind: str, target_id: int):
    """Stop following, from the thing's page or from the notifications page."""
    target = services.get_target_or_404(kind, target_id)
    if not FollowForm().validate_on_submit():
        abort(400)
    services.unfollow(current_user, kind, target_id)
    flash(_("You no longer follow this."))
    return redirect(_back(kind, target))


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def settings():
    """What the person follows, and how often they get e-mail about it."""
    form = FrequencyForm(frequency=current_user.notification_frequency)
    if form.validate_on_submit():
        services.set_frequency(current_user, form.frequency.data)
        flash(_("Your notification setting is saved."))
        return redirect(url_for("follows.settings"))
    page = services.list_follows(current_user, page_number())
    status = 422 if form.errors else 200
    return render_template("follows/settings.html", form=form, page=page), status


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token: str):
    """An e-mail's unsubscribe link: GET asks, POST acts (RFC 8058 one-click POSTs too)."""
    link = read_unsubscribe(token)
    if link is None:
        return render_template("follows/unsubscribe_invalid.html"), 400
    target = services.unsubscribe_target(link)
    if request.method == "GET":
        kind = services.kind_of(target) if target is not None else None
        return render_template("follows/unsubscribe.html", target=target, kind=kind)
    form = UnsubscribeForm()
    if request.form.get("List-Unsubscribe") == "One-Click":
        scope = "all"  # a mail program's button: the person wants no more of this mail
    elif form.validate():
        scope = form.scope.data
    else:
        abort(400)
    done = services.unsubscribe(link, scope)
    if done is None:
        return render_template("follows/unsubscribe_invalid.html"), 400
    target = done[1]
    kind = services.kind_of(target) if target is not None else None
    return render_template("follows/unsubscribed.html", scope=scope, target=target, kind=kind)
