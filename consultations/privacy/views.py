"""Pages of privacy: download my data, delete my account."""

from __future__ import annotations

import json

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from ..accounts.sessions import fresh_login_required
from ..clock import now
from ..errors import FieldRejected
from ..extensions import limiter
from . import services
from .forms import DeleteAccountForm, DownloadForm

bp = Blueprint("privacy", __name__, url_prefix="/<lang:lang>")

PASSWORD_LIMIT = "5 per minute;30 per hour"


def _person_key() -> str:
    return f"privacy:{current_user.id}"


@bp.get("/account/data")
@login_required
def data():
    """What "Download my data" gives, with the button that downloads it."""
    return render_template("privacy/data.html", form=DownloadForm())


@bp.post("/account/data")
@login_required
@limiter.limit("10 per hour", key_func=_person_key)
def download():
    """The signed-in person's data as a JSON file (a POST, so only our own form asks)."""
    form = DownloadForm()
    if not form.validate_on_submit():
        return render_template("privacy/data.html", form=form), 400
    data = services.download_personal_data(current_user._get_current_object())
    body = json.dumps(data, ensure_ascii=False, indent=2)
    filename = f"my-data-{now().strftime('%Y-%m-%d')}.json"
    return Response(
        body,
        content_type="application/json; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


@bp.route("/account/delete", methods=["GET", "POST"])
@fresh_login_required
@limiter.limit(PASSWORD_LIMIT, methods=["POST"], key_func=_person_key)
def delete():
    """Explain what deleting the account does; on confirmation, erase it at once."""
    user = current_user._get_current_object()
    blocker = services.deletion_blocker(user)
    form = DeleteAccountForm()
    if blocker is None and form.validate_on_submit():
        try:
            services.delete_account(user, form.password.data, form.comments.data)
        except FieldRejected as error:
            getattr(form, error.field).errors.append(error.message)
        else:
            logout_user()
            flash(_("Your account is deleted. Your personal data has been erased."))
            return redirect(url_for("main.home"))
    status = 200
    if blocker is not None and form.is_submitted():
        status = 409
    elif form.errors:
        status = 422
    return render_template("privacy/delete.html", form=form, blocker=blocker), status
