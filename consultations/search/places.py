"""Where a search result leads: the exact place of a thing on its (paginated) page."""

from __future__ import annotations

from flask import abort, url_for
from sqlalchemy import and_, func, or_, select

from ..comments.models import Comment, CommentState
from ..consultation.models import Consultation
from ..extensions import db
from ..plans.models import Assessment, Commitment, ProgressUpdate
from ..plans.timeline import TIMELINE_PER_PAGE
from .index import Hit


def result_url(hit: Hit) -> str:
    """The address of a result; updates and comments go through `search.go` for their page."""
    if hit.kind == "commitment":
        return url_for("plans.commitment", reference=hit.url_key)
    if hit.kind in ("consultation", "section"):
        return url_for("consultation.detail", slug=hit.url_key, _anchor=hit.anchor or None)
    if hit.kind == "document":
        return url_for("documents.detail", document_id=hit.object_id)
    if hit.kind == "proposal":
        return url_for("proposals.detail", proposal_id=hit.object_id)
    if hit.kind == "meeting":
        return url_for("forum.meeting", country=hit.url_key, meeting_id=hit.object_id)
    if hit.kind == "forum":
        return url_for("forum.detail", country=hit.url_key)
    return url_for("search.go", kind=hit.kind, object_id=hit.object_id)


def comment_place(comment_id: int) -> str:
    """A visible comment's page and anchor on its consultation; 404 for any other comment."""
    from ..comments.views import comment_url

    comment = db.get_or_404(Comment, comment_id)
    if comment.state != CommentState.VISIBLE or comment.held:
        abort(404)
    return comment_url(db.get_or_404(Consultation, comment.consultation_id), comment)


def update_place(update_id: int) -> str:
    """A progress update's page and anchor in its commitment's timeline (newest first)."""
    update = db.get_or_404(ProgressUpdate, update_id)
    moment = update.published_at
    newer_updates = select(func.count(ProgressUpdate.id)).where(
        ProgressUpdate.commitment_id == update.commitment_id,
        or_(
            ProgressUpdate.published_at > moment,
            and_(ProgressUpdate.published_at == moment, ProgressUpdate.id > update.id),
        ),
    )
    # At the same moment updates come before assessments, so only later ones count.
    newer_assessments = select(func.count(Assessment.id)).where(
        Assessment.commitment_id == update.commitment_id, Assessment.published_at > moment
    )
    before = db.session.scalar(newer_updates) + db.session.scalar(newer_assessments)
    page = before // TIMELINE_PER_PAGE + 1
    reference = db.session.scalar(
        select(Commitment.reference).where(Commitment.id == update.commitment_id)
    )
    return url_for(
        "plans.commitment",
        reference=reference,
        page=page if page > 1 else None,
        _anchor=f"update-{update.id}",
    )
