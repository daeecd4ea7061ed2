"""Reads for the public consultation pages, each in a fixed number of SQL queries.

Comments are paged by their top-level comment; the replies of the comments on a page are
loaded one query per level (at most COMMENT_MAX_DEPTH of them), so a page costs the same
few queries whether the consultation has ten comments or ten thousand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import abort, current_app
from sqlalchemy import and_, bindparam, case, exists, func, or_, select
from sqlalchemy.orm import aliased, defaultload, joinedload, lazyload

from ..accounts.models import User, shown_name
from ..agencies.models import Agency
from ..clock import now
from ..comments.models import Comment, CommentState, Stance
from ..content import read_texts
from ..extensions import db
from ..pagination import Page, last_page, paginate
from ..plans.models import ActionPlan, Commitment
from ..statements import among, built_once, read_rows
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


def _listing(phase: str, moment: datetime):
    return (
        select(Consultation, Consultation.comment_count)
        .where(_in_phase(phase, moment))
        .options(lazyload(Consultation.sections))
        .order_by(*_PHASE_ORDER[phase])
    )


def list_consultations(phase: str, page: int, moment: datetime) -> Page:
    """One page of the consultations in `phase`, each with its number of comments."""
    return paginate(_listing(phase, moment), page, PER_PAGE, tuple)


def _open_listing():
    return (
        _listing("open", bindparam("moment"))
        .options(
            lazyload(Consultation.agency), lazyload(Consultation.plan), lazyload(Consultation.texts)
        )
        .limit(bindparam("limit"))
    )


def open_consultations(
    limit: int, moment: datetime | None = None
) -> list[tuple[Consultation, int]]:
    """The open consultations closing soonest, with their comment counts (for the home page,
    which names neither their agency nor their plan: those are not read), their titles read
    as plain rows (`read_texts`: the relationship's loading was most of the home page)."""
    stmt = built_once("open consultations", _open_listing)
    rows = [
        tuple(row) for row in db.session.execute(stmt, {"moment": moment or now(), "limit": limit})
    ]
    read_texts(consultation for consultation, _comments in rows)
    return rows


# One consultation ----------------------------------------------------------------------


def _consultation_page():
    """The consultation as its page shows it: the plan's coordinating agency (and the
    statement for its names) is left to load only should a page ask for it. A consultation on
    one draft commitment names it by its reference and title only, so the commitment comes in
    the same statement without its milestones, lead agency or plan (the consultation's own):
    four statements and a hundred objects fewer. The agency's, plan's and commitment's
    names load only should the page render them: its kept facts show them."""
    return (
        select(Consultation)
        .where(Consultation.slug == bindparam("slug"))
        .options(
            defaultload(Consultation.agency).lazyload(Agency.texts),
            defaultload(Consultation.plan).lazyload(ActionPlan.texts),
            defaultload(Consultation.commitment).lazyload(Commitment.texts),
            defaultload(Consultation.plan).lazyload(ActionPlan.coordinating_agency),
            joinedload(Consultation.commitment).lazyload(Commitment.milestones),
            defaultload(Consultation.commitment).lazyload(Commitment.lead_agency),
            defaultload(Consultation.commitment).lazyload(Commitment.plan),
            lazyload(Consultation.texts),
            # In the same statement: a few rows, where a second statement cost 0.3 ms.
            joinedload(Consultation.sections).lazyload(Section.texts),
        )
    )


def get_consultation_or_404(slug: str) -> Consultation:
    """The consultation and its sections, their texts read as plain rows (`read_texts`)."""
    statement = built_once("consultation page", _consultation_page)
    # Every row read (one a section): the sections are all there.
    consultation = db.session.scalars(statement, {"slug": slug}).unique().one_or_none()
    if consultation is None:
        abort(404)
    read_texts([consultation, *consultation.sections])
    return consultation


def get_consultation_to_comment_or_404(slug: str) -> Consultation:
    """The consultation with its sections, all that posting a comment reads; its agency, plan
    and texts load on demand should the form come back with an error."""
    return db.first_or_404(
        select(Consultation)
        .where(Consultation.slug == slug)
        .options(
            lazyload(Consultation.agency),
            lazyload(Consultation.plan),
            lazyload(Consultation.texts),
        )
    )


def get_section_or_404(consultation: Consultation, anchor: str) -> Section:
    for section in consultation.sections:
        if section.anchor == anchor:
            return section
    abort(404)


def comment_counts(consultation: Consultation) -> dict[int | None, int]:
    """Published comments (replies included) per section id; None for the whole draft.

    Read from the counters the comment hook keeps (consultation/counters.py): no query."""
    counts = {s.id: s.comment_count for s in consultation.sections if s.comment_count}
    general = consultation.comment_count - sum(counts.values())
    if general:
        counts[None] = general
    return counts


def last_revisions(consultation: Consultation) -> dict[int, datetime]:
    """When each section's wording was last replaced, for the sections that were edited."""
    statement = built_once("last revisions", _last_revisions)
    rows = read_rows(statement, {"consultation": consultation.id}).all()
    return {section_id: replaced_at for section_id, replaced_at in rows}


def _last_revisions():
    return (
        select(SectionRevision.section_id, func.max(SectionRevision.replaced_at))
        .join(Section, Section.id == SectionRevision.section_id)
        .where(Section.consultation_id == bindparam("consultation"))
        .group_by(SectionRevision.section_id)
    )


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


@dataclass(frozen=True, slots=True)
class CommentAuthor:
    """Who wrote a listed comment, as others see them."""

    display_name: str
    deleted_at: datetime | None

    @property
    def public_name(self) -> str:
        return shown_name(self.display_name, self.deleted_at)


@dataclass(frozen=True, slots=True)
class ListedComment:
    """A comment as the consultation page lists it: the columns its card, its kept fragment
    and the permissions read, from plain rows (building ORM objects for a page of threads
    cost more than everything else the list did)."""

    id: int
    consultation_id: int
    section_id: int | None
    parent_id: int | None
    depth: int
    author_id: int | None
    language: str
    stance: Stance | None
    body_html: str
    state: CommentState
    held: bool
    created_at: datetime
    edited_at: datetime | None
    hidden_rule: str | None
    author: CommentAuthor | None


_LISTED_COLUMNS = (
    Comment.id,
    Comment.consultation_id,
    Comment.section_id,
    Comment.parent_id,
    Comment.depth,
    Comment.author_id,
    Comment.language,
    Comment.stance,
    Comment.body_html,
    Comment.state,
    Comment.held,
    Comment.created_at,
    Comment.edited_at,
    Comment.hidden_rule,
)


def _comment_rows():
    """Comments with their authors' names, for `_listed_comment`."""
    return select(*_LISTED_COLUMNS, User.display_name, User.deleted_at).outerjoin(
        User, User.id == Comment.author_id
    )


def _listed_comment(row) -> ListedComment:
    *columns, display_name, deleted_at = row
    author = None if display_name is None else CommentAuthor(display_name, deleted_at)
    return ListedComment(*columns, author)


@dataclass
class CommentNode:
    """A comment with the replies shown under it."""

    comment: ListedComment
    replies: list[CommentNode] = field(default_factory=list)


def _listed():
    """A removed comment stays listed (as a placeholder) only while others replied to it."""
    reply = aliased(Comment)
    has_replies = exists().where(reply.parent_id == Comment.id, reply.state != CommentState.REMOVED)
    return or_(Comment.state != CommentState.REMOVED, has_replies)


def _roots(consultation: Consultation | int):
    consultation_id = consultation if isinstance(consultation, int) else consultation.id
    return _comment_rows().where(
        Comment.consultation_id == consultation_id, Comment.parent_id.is_(None), _listed()
    )


def _thread_total(consultation: Consultation, filters: CommentFilters, where: list) -> int:
    """How many top-level comments match: from the counters, unless a stance is chosen."""
    if filters.stance:
        return _count_threads(consultation, where)
    if not filters.section:
        return consultation.thread_count
    in_sections = {section.anchor: section.thread_count for section in consultation.sections}
    if filters.section == GENERAL:
        return consultation.thread_count - sum(in_sections.values())
    return in_sections.get(filters.section, 0)


def _count_threads(consultation: Consultation, where: list) -> int:
    """Listed top-level comments counted in two parts, each from the index on stances: the
    ones not removed, and the removed ones still answered (few, each checked by its id)."""
    base = (Comment.consultation_id == consultation.id, Comment.parent_id.is_(None), *where)
    reply = aliased(Comment)
    answered = exists().where(reply.parent_id == Comment.id, reply.state != CommentState.REMOVED)
    removed = Comment.state == CommentState.REMOVED
    kept = select(func.count()).where(*base, ~removed).scalar_subquery()
    placeholders = select(func.count()).where(*base, removed, answered).scalar_subquery()
    return db.session.scalar(select(kept + placeholders)) or 0


def list_comments(consultation: Consultation, filters: CommentFilters, page: int) -> Page:
    """One page of top-level comments (filtered and ordered) with their threaded replies.

    Unfiltered, page N is one range of the threads' stored positions (an index seek, the
    same few statements for page 1 and page 2,500). Filtered by section or stance, pages
    past the middle are read from the other end (the reverse order with a short OFFSET)."""
    where = []
    if filters.section == GENERAL:
        where.append(Comment.section_id.is_(None))
    elif filters.section:
        anchors = {section.anchor: section.id for section in consultation.sections}
        where.append(Comment.section_id == anchors.get(filters.section, -1))
    if filters.stance:
        where.append(Comment.stance == Stance(filters.stance))
    total = _thread_total(consultation, filters, where)
    page = last_page(page, total, PER_PAGE)
    start = (page - 1) * PER_PAGE
    end = min(start + PER_PAGE, total)
    if start >= end:
        items = []
    elif not where:
        items = _comment_nodes(*_threads_at(consultation.id, filters.order, start, end, total))
    else:
        items = _filtered_page(_roots(consultation).where(*where), filters.order, start, end, total)
    _attach_replies(items)
    return Page(items, page, PER_PAGE, total)


def _threads_at(consultation_id: int, order: str, start: int, end: int, total: int):
    """The statement (built once per order) and parameters reading the listed threads
    ranked start+1 … end in `order`, by their stored positions."""
    if order == "newest":
        first, last = total - end + 1, total - start
    else:
        first, last = start + 1, end
    statement = built_once(("threads at", order), lambda: _threads_between(order))
    return statement, {"consultation": consultation_id, "first": first, "last": last}


def _threads_between(order: str):
    direction = Comment.thread_position.desc() if order == "newest" else Comment.thread_position
    return (
        _comment_rows()
        .where(
            Comment.consultation_id == bindparam("consultation"),
            Comment.thread_position.between(bindparam("first"), bindparam("last")),
        )
        .order_by(direction)
    )


def _filtered_page(stmt, order: str, start: int, end: int, total: int) -> list[CommentNode]:
    forward = (Comment.created_at, Comment.id)
    backward = (Comment.created_at.desc(), Comment.id.desc())
    if order == "newest":
        forward, backward = backward, forward
    if start <= total - end:
        return _comment_nodes(stmt.order_by(*forward).offset(start).limit(end - start))
    items = _comment_nodes(stmt.order_by(*backward).offset(total - end).limit(end - start))
    items.reverse()
    return items


def _comment_nodes(stmt, parameters: dict | None = None) -> list[CommentNode]:
    return [CommentNode(_listed_comment(row)) for row in read_rows(stmt, parameters)]


def _attach_replies(roots: list[CommentNode]) -> None:
    """Load the replies level by level: one query per depth, whatever the number of comments."""
    level = roots
    for _depth in range(current_app.config["COMMENT_MAX_DEPTH"]):
        parents = {node.comment.id: node for node in level}
        if not parents:
            break
        replies = built_once("replies of comments", _replies)
        children = read_rows(replies, {"parents": list(parents)})
        level = []
        for row in children:
            child = _listed_comment(row)
            node = CommentNode(child)
            parents[child.parent_id].replies.append(node)
            level.append(node)
    for root in roots:
        _prune(root)


def _replies():
    """The replies to the comments `parents`, oldest first (every page of comments asks once
    per level of replies)."""
    return (
        _comment_rows()
        .where(among(Comment.parent_id, "parents"))
        .order_by(Comment.created_at, Comment.id)
    )


def _prune(node: CommentNode) -> bool:
    """Drop removed replies nobody answered; True when `node` itself should stay."""
    node.replies = [reply for reply in node.replies if _prune(reply)]
    return node.comment.state != CommentState.REMOVED or bool(node.replies)


def listed_comments(nodes: list[CommentNode]) -> list[Comment]:
    """Every comment on a page, replies included."""
    comments: list[Comment] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        comments.append(node.comment)
        stack.extend(node.replies)
    return comments


def root_of(comment: Comment) -> Comment:
    """The top-level comment a reply belongs to (at most COMMENT_MAX_DEPTH steps up)."""
    while comment.parent_id is not None:
        comment = db.session.get(Comment, comment.parent_id)
    return comment


# What placing a thread on its page needs of a comment.
_PLACE = select(
    Comment.id,
    Comment.parent_id,
    Comment.consultation_id,
    Comment.created_at,
    Comment.state,
    Comment.thread_position,
).where(Comment.id == bindparam("id"))

# The thread counter and how many listed threads are newer than one, in one statement built
# once: posting a comment asks it every time.
_NEWER_THREADS = (
    select(func.count(Comment.id))
    .where(
        Comment.consultation_id == bindparam("consultation"),
        Comment.parent_id.is_(None),
        _listed(),
        or_(
            Comment.created_at > bindparam("created"),
            and_(Comment.created_at == bindparam("created"), Comment.id > bindparam("id")),
        ),
    )
    .scalar_subquery()
)
_PLACING = select(Consultation.thread_count, _NEWER_THREADS).where(
    Consultation.id == bindparam("consultation")
)


def page_of_id(comment_id: int) -> int:
    """page_of for a comment that is not loaded (or that a commit expired): reads only the
    columns placing needs, not the comment with its author."""
    row = db.session.execute(_PLACE, {"id": comment_id}).one()
    while row.parent_id is not None:
        row = db.session.execute(_PLACE, {"id": row.parent_id}).one()
    if row.thread_position is not None:  # read just now, so current
        return (row.thread_position - 1) // PER_PAGE + 1
    return _page_of_root(row)


def page_of(comment: Comment) -> int:
    """The page (oldest first, no filters) on which `comment`'s thread is shown."""
    return _page_of_root(root_of(comment))


def _page_of_root(root) -> int:
    # Counted from the newest end against the thread counter, as the comment just written
    # or edited is nearly always among the newest.
    threads, after = db.session.execute(
        _PLACING,
        {"consultation": root.consultation_id, "created": root.created_at, "id": root.id},
    ).one()
    listed = root.state != CommentState.REMOVED or _has_replies(root)
    before = (threads or 0) - (after or 0) - int(listed)
    return max(before, 0) // PER_PAGE + 1


def _has_replies(comment: Comment) -> bool:
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    Comment.parent_id == comment.id, Comment.state != CommentState.REMOVED
                )
            )
        )
    )
