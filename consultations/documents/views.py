"""A document's page (what it is, who gave it, its SHA-256) and its download."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from flask_login import current_user

from ..consultation.models import Consultation
from ..extensions import db
from ..pagecache import never_kept
from ..permissions import can_view_document
from . import services
from .serving import file_response
from .storage import storage

bp = Blueprint("documents", __name__)


def _visible_document_or_404(document_id: int):
    document, owner = services.get_document_or_404(document_id)
    # 404, not 403: a hidden comment's files are as absent as its text.
    if not can_view_document(current_user, document, owner):
        abort(404)
    return document, owner


def owner_url(document, owner) -> str:
    """The page of the record a document belongs to."""
    if document.owner_type in ("progress_update", "assessment"):
        return url_for("plans.commitment", reference=owner.commitment.reference)
    if document.owner_type == "plan":
        return url_for("plans.detail", slug=owner.slug)
    if document.owner_type == "evidence_link":
        return owner.url  # the address the copy was taken of
    if document.owner_type == "proposal":
        return url_for("proposals.detail", proposal_id=owner.id)
    if document.owner_type == "meeting":
        return url_for("forum.meeting", country=owner.forum.country, meeting_id=owner.id)
    consultation = db.session.get(Consultation, owner.consultation_id)
    return url_for("consultation.detail", slug=consultation.slug, _anchor=f"comment-{owner.id}")


@bp.get("/<lang:lang>/documents/<int:document_id>")
def detail(document_id: int):
    """What the document is, where it belongs, and the hash to check a download against."""
    document, owner = _visible_document_or_404(document_id)
    return render_template(
        "documents/detail.html", document=document, owner_url=owner_url(document, owner)
    )


@bp.get("/documents/<int:document_id>/file")
@never_kept
def download(document_id: int):
    """The stored file, as the type found when it was uploaded."""
    document, _owner = _visible_document_or_404(document_id)
    try:
        stored = storage().open(document.storage_key)
    except FileNotFoundError:
        abort(404)
    response = file_response(document, stored)
    return response.make_conditional(request)
