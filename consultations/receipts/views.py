"""The public track page: what became of a submission, for anyone holding its number."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for

from ..extensions import limiter
from . import (
    comment_status,  # noqa: F401  (registers how comments are tracked)
    proposal_status,  # noqa: F401  (registers how proposals are tracked)
    services,
    tracking,
)
from .forms import TrackForm

bp = Blueprint("receipts", __name__, url_prefix="/<lang:lang>")

# Generous for a person, slow for anyone trying numbers one after another.
TRACK_RATE_LIMIT = "30 per minute;300 per day"
per_ip = limiter.shared_limit(TRACK_RATE_LIMIT, scope="track")


@bp.get("/track")
@per_ip
def lookup():
    """The form to type a reference number; a number sent with it opens its track page."""
    form = TrackForm(request.args)
    if "reference" not in request.args:
        return render_template("receipts/lookup.html", form=form)
    if not form.validate():
        return render_template("receipts/lookup.html", form=form), 422
    receipt = services.find_receipt(form.reference.data)
    if receipt is None:
        abort(404)  # the same answer for a malformed and an unknown number
    return redirect(url_for("receipts.track", reference=receipt.reference))


@bp.get("/track/<reference>")
@per_ip
def track(reference: str):
    """Where the submission with this reference number stands."""
    receipt = services.find_receipt(reference)
    if receipt is None:
        abort(404)
    if reference != receipt.reference:  # typed in lower case or without dashes
        return redirect(url_for("receipts.track", reference=receipt.reference))
    shown = tracking.status_of(receipt)
    if shown is None:
        abort(404)
    status, template = shown
    return render_template(
        "receipts/track.html", receipt=receipt, status=status, partial=template, form=TrackForm()
    )
