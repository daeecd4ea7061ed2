"""Reads for the public consultation pages, each in a fixed number of SQL queries.

Comments are paged by their top-level comment; the replies of the comments on a page are
loaded one query per level (at most COMMENT_MAX_DEPTH of them), so a page costs the same
few queries whether the consultation has ten comments or ten thousand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import abort, current_app
from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import aliased, joinedload, lazyload

from ..accounts.models import User
from ..clock import now
from ..comments.models import Comment, CommentState, Stance
from ..extensions import db
from ..plans.queries import Page, paginate
from .models import Consultation, Section, SectionRevision

PER_PAGE = 20
# The phases a reader can list; "closed" includes consultations with published responses.
LISTED_PHASES = ("open", "upcoming", "closed")
ORDERS = ("oldest", "newest")
GENERAL = "general"  # comments on the whole draft rather than one section


# The list of consultations -------------------------------------------------------------


def _in_phase(phase: str, moment: datetime):
    if phase == "upcoming":
        return Consultation.opens_at > moment
    if phase == "open":
        return and_(Consultation.opens_at <= moment, Consultation.closes_at > moment)
    return Consultation.closes_at <= moment


_PHASE_ORDER = {
    "open": (Consultation.closes_at, Consultation.id),  # closing soonest first
    "upcoming": (Consultation.opens_at, Consultation.id),  # opening soonest first
    "closed": (Consultation.closes_at.desc(), Consultation.id.desc()),  # latest closed first
}


def phase_counts(moment: datetime) -> dict[str, int]:
    """How many consultations are open, upcoming and closed, in one query."""
    columns = [
        func.coalesce(func.sum(case((_in_phase(phase, moment), 1), else_=0)), 0)
        for phase in LISTED_PHASES
    ]
    counts = db.session.execute(select(*columns).select_from(Consultation)).one()
    return dict(zip(LISTED_PHASES, (int(count) for count in counts), strict=True))


def _comment_counts():
    return (
        select(Comment.consultation_id, func.count(Comment.id).label("comments"))
        .where(Comment.state == CommentState.VISIBLE)
        .group_by(Comment.consultation_id)
        .subquery("comment_counts")
    )


def _listing(phase: str, moment: datetime):
    counts = _comment_counts()
    return (
        select(Consultation, func.coalesce(counts.c.comments, 0))
        .outerjoin(counts, counts.c.consultation_id == Consultation.id)
        .where(_in_phase(phase, moment))
        .options(lazyload(Consultation.sections))
        .order_by(*_PHASE_ORDER[phase])
    )


def list_consultations(phase: str, page: int, moment: datetime) -> Page:
    """One page of the consultations in `phase`, each with its number of comments."""
    return paginate(_listing(phase, moment), page, PER_PAGE, tuple)


def open_consultations(
    limit: int, moment: datetime | None = None
) -> list[tuple[Consultation, int]]:
    """The open consultations closing soonest, with their comment counts (for the home page)."""
    stmt = _listing("open", moment or now()).limit(limit)
    return [tuple(row) for row in db.session.execute(stmt)]


# One consultation ----------------------------------------------------------------------


def get_consultation_or_404(slug: str) -> Consultation:
    return db.first_or_404(select(Consultation).where(Consultation.slug == slug))


def get_section_or_404(consultation: Consultation, anchor: str) -> Section:
    for section in consultation.sections:
        if section.anchor == anchor:
            return section
    abort(404)


def comment_counts(consultation: Consultation) -> dict[int | None, int]:
    """Published comments (replies included) per section id; None for the whole draft."""
    rows = db.session.execute(
        select(Comment.section_id, func.count(Comment.id))
        .where(Comment.consultation_id == consultation.id, Comment.state == CommentState.VISIBLE)
        .group_by(Comment.section_id)
    ).all()
    return {section_id: count for section_id, count in rows}


def last_revisions(consultation: Consultation) -> dict[int, datetime]:
    """When each section's wording was last replaced, for the sections that were edited."""
    rows = db.session.execute(
        select(SectionRevision.section_id, func.max(SectionRevision.replaced_at))
        .join(Section, Section.id == SectionRevision.section_id)
        .where(Section.consultation_id == consultation.id)
        .group_by(SectionRevision.section_id)
    ).all()
    return {section_id: replaced_at for section_id, replaced_at in rows}


def section_revisions(section: Section, page: int) -> Page:
    """Earlier wordings of one section, the most recently replaced first."""
    stmt = (
        select(SectionRevision)
        .where(SectionRevision.section_id == section.id)
        .order_by(SectionRevision.replaced_at.desc(), SectionRevision.id.desc())
    )
    return paginate(stmt, page, PER_PAGE, lambda row: row[0])


# Comments ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommentFilters:
    section: str = ""  # "", GENERAL or a section anchor
    stance: str = ""
    order: str = "oldest"


@dataclass
class CommentNode:
    """A comment with the replies shown under it."""

    comment: Comment
    replies: list[CommentNode] = field(default_factory=list)


def _listed():
    """A removed comment stays listed (as a placeholder) only while others replied to it."""
    reply = aliased(Comment)
    has_replies = exists().where(reply.parent_id == Comment.id, reply.state != CommentState.REMOVED)
    return or_(Comment.state != CommentState.REMOVED, has_replies)


# Authors' role grants are not shown next to comments; do not load them with every page.
_AUTHORS = joinedload(Comment.author).lazyload(User.roles)


def _roots(consultation: Consultation):
    return select(Comment).where(
        Comment.consultation_id == consultation.id, Comment.parent_id.is_(None), _listed()
    )


def list_comments(consultation: Consultation, filters: CommentFilters, page: int) -> Page:
    """One page of top-level comments (filtered and ordered) with their threaded replies."""
    stmt = _roots(consultation)
    if filters.section == GENERAL:
        stmt = stmt.where(Comment.section_id.is_(None))
    elif filters.section:
        anchors = {section.anchor: section.id for section in consultation.sections}
        stmt = stmt.where(Comment.section_id == anchors.get(filters.section, -1))
    if filters.stance:
        stmt = stmt.where(Comment.stance == Stance(filters.stance))
    if filters.order == "newest":
        stmt = stmt.order_by(Comment.created_at.desc(), Comment.id.desc())
    else:
        stmt = stmt.order_by(Comment.created_at, Comment.id)
    result = paginate(stmt.options(_AUTHORS), page, PER_PAGE, lambda row: CommentNode(row[0]))
    _attach_replies(result.items)
    return result


def _attach_replies(roots: list[CommentNode]) -> None:
    """Load the replies level by level: one query per depth, whatever the number of comments."""
    level = roots
    for _depth in range(current_app.config["COMMENT_MAX_DEPTH"]):
        parents = {node.comment.id: node for node in level}
        if not parents:
            break
        children = db.session.scalars(
            select(Comment)
            .options(_AUTHORS)
            .where(Comment.parent_id.in_(parents))
            .order_by(Comment.created_at, Comment.id)
        ).all()
        level = []
        for child in children:
            node = CommentNode(child)
            parents[child.parent_id].replies.append(node)
            level.append(node)
    for root in roots:
        _prune(root)


def _prune(node: CommentNode) -> bool:
    """Drop removed replies nobody answered; True when `node` itself should stay."""
    node.replies = [reply for reply in node.replies if _prune(reply)]
    return node.comment.state != CommentState.REMOVED or bool(node.replies)


def thread_ids(nodes: list[CommentNode]) -> list[int]:
    """Every comment id on a page, replies included."""
    ids: list[int] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        ids.append(node.comment.id)
        stack.extend(node.replies)
    return ids


def root_of(comment: Comment) -> Comment:
    """The top-level comment a reply belongs to (at most COMMENT_MAX_DEPTH steps up)."""
    while comment.parent_id is not None:
        comment = db.session.get(Comment, comment.parent_id)
    return comment


def page_of(comment: Comment) -> int:
    """The page (oldest first, no filters) on which `comment`'s thread is shown."""
    root = root_of(comment)
    consultation = db.session.get(Consultation, root.consultation_id)
    earlier = _roots(consultation).where(
        or_(
            Comment.created_at < root.created_at,
            and_(Comment.created_at == root.created_at, Comment.id < root.id),
        )
    )
    before = db.session.scalar(select(func.count()).select_from(earlier.subquery())) or 0
    return before // PER_PAGE + 1
