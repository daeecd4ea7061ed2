"""Reads behind the JSON API, each list in the same few SQL queries whatever its length.

Every resource carries `updated_at`, its last change: the latest of its own row's time, its
text rows' times, the records that change what it shows (progress updates for a commitment's
status, a consultation's opening and closing for its phase) and the public audit events
about it. Small lists gather the moments with one UNION per list; commitments and comments,
the long ones, look them up per row through indexes (`greatest`), and `updated_since`
becomes conditions on indexed columns, so a page never reads the whole table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import (
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    func,
    inspect,
    literal_column,
    or_,
    select,
    true,
    union,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased, joinedload, lazyload, selectinload
from sqlalchemy.sql.functions import ReturnTypeFromArgs

from ..accounts.models import User
from ..agencies.models import Agency, AgencyText
from ..audit.models import AuditEvent
from ..audit.services import list_public_events
from ..clock import as_utc
from ..comments.models import Comment, CommentState
from ..consultation.models import (
    Consultation,
    ConsultationText,
    Section,
    SectionRevision,
    SectionText,
)
from ..documents.models import Document
from ..extensions import db
from ..pagination import Page, paginate
from ..plans.models import (
    ActionPlan,
    ActionPlanText,
    Assessment,
    Commitment,
    CommitmentText,
    Milestone,
    MilestoneText,
)
from ..plans.staleness import CommitmentRow, Derived
from ..responses.models import AnsweredComment, Response, ResponseText
from ..statements import among, built_once, read_rows


@dataclass(frozen=True)
class Window:
    """Which page of a list, and since when (None: every record)."""

    page: int
    per_page: int
    since: datetime | None


# Change times ------------------------------------------------------------------------


class greatest(ReturnTypeFromArgs):  # noqa: N801 (an SQL function's name)
    """The largest of its arguments (none may be NULL: SQLite's answer would be NULL)."""

    inherit_cache = True


@compiles(greatest, "sqlite")
def _greatest_on_sqlite(element, compiler, **kw):
    return f"max({compiler.process(element.clauses, **kw)})"


def _at_least(first, *others):
    """The latest of `first` (never NULL) and `others` (NULL where nothing happened)."""
    return greatest(first, *(func.coalesce(other, first) for other in others))


def _audited_at(target_type: str, key):
    """When the latest public audit event about the outer row's record happened."""
    return (
        select(func.max(AuditEvent.occurred_at))
        .where(
            AuditEvent.target_type == target_type,
            AuditEvent.target_id == key,
            AuditEvent.public.is_(True),
        )
        .scalar_subquery()
    )


def _audited_since(target_type: str, since: datetime):
    """The target ids of public audit events about records of a kind since `since`."""
    return select(AuditEvent.target_id).where(
        AuditEvent.target_type == target_type,
        AuditEvent.public.is_(True),
        AuditEvent.occurred_at >= since,
    )


def _latest(*moments: Select):
    """Per id, the latest of the (id, at) rows the statements give."""
    rows = union_all(*moments).subquery("moments")
    key, at = list(rows.c)
    return select(key.label("id"), func.max(at).label("updated_at")).group_by(key).subquery()


def _audited(target_type: str, key, model_id, model) -> Select:
    """(id, when) of every public audit event about the records of `model`."""
    return (
        select(model_id.label("id"), AuditEvent.occurred_at.label("at"))
        .select_from(model)
        .join(
            AuditEvent,
            and_(
                AuditEvent.target_type == target_type,
                AuditEvent.target_id == key,
                AuditEvent.public.is_(True),
            ),
        )
    )


def _pairs(key, at) -> Select:
    return select(key.label("id"), at.label("at"))


def plan_changes():
    return _latest(
        _pairs(ActionPlan.id, ActionPlan.created_at),
        _pairs(ActionPlanText.plan_id, ActionPlanText.updated_at),
        _audited("plan", ActionPlan.slug, ActionPlan.id, ActionPlan),
    )


def agency_changes():
    return _latest(
        _pairs(Agency.id, Agency.created_at),
        _pairs(AgencyText.agency_id, AgencyText.updated_at),
        _audited("agency", Agency.slug, Agency.id, Agency),
    )


def commitment_changed_at():
    """A commitment's last change: its row, texts, milestones' texts, latest progress update
    (kept on the row), assessments and public audit events, each an indexed lookup."""
    texts = select(func.max(CommitmentText.updated_at)).where(
        CommitmentText.commitment_id == Commitment.id
    )
    milestones = (
        select(func.max(MilestoneText.updated_at))
        .join(Milestone, Milestone.id == MilestoneText.milestone_id)
        .where(Milestone.commitment_id == Commitment.id)
    )
    assessed = select(func.max(Assessment.published_at)).where(
        Assessment.commitment_id == Commitment.id
    )
    return _at_least(
        Commitment.created_at,
        texts.scalar_subquery(),
        milestones.scalar_subquery(),
        Commitment.latest_published_at,
        assessed.scalar_subquery(),
        _audited_at("commitment", Commitment.reference),
    )


def commitment_changed_since(since: datetime):
    """The same moment compared with `since`, one indexed lookup at a time."""
    return or_(
        Commitment.created_at >= since,
        Commitment.latest_published_at >= since,
        select(CommitmentText.commitment_id)
        .where(CommitmentText.commitment_id == Commitment.id, CommitmentText.updated_at >= since)
        .exists(),
        select(Milestone.id)
        .join(MilestoneText, MilestoneText.milestone_id == Milestone.id)
        .where(Milestone.commitment_id == Commitment.id, MilestoneText.updated_at >= since)
        .exists(),
        select(Assessment.id)
        .where(Assessment.commitment_id == Commitment.id, Assessment.published_at >= since)
        .exists(),
        Commitment.reference.in_(_audited_since("commitment", since)),
    )


def _consultation_moments(moment: datetime):
    """(texts, sections' texts, opened, closed) of the outer row's consultation; the opening
    and closing count once past: the phase a reader sees changed then."""
    texts = select(func.max(ConsultationText.updated_at)).where(
        ConsultationText.consultation_id == Consultation.id
    )
    sections = (
        select(func.max(SectionText.updated_at))
        .join(Section, Section.id == SectionText.section_id)
        .where(Section.consultation_id == Consultation.id)
    )
    opened = case((Consultation.opens_at <= moment, Consultation.opens_at))
    closed = case((Consultation.closes_at <= moment, Consultation.closes_at))
    return texts, sections, opened, closed


def consultation_changed_at(moment: datetime):
    texts, sections, opened, closed = _consultation_moments(moment)
    return _at_least(
        Consultation.created_at,
        texts.scalar_subquery(),
        sections.scalar_subquery(),
        Consultation.responses_completed_at,
        opened,
        closed,
        _audited_at("consultation", Consultation.slug),
    )


def consultation_changed_since(moment: datetime, since: datetime):
    texts, sections, opened, closed = _consultation_moments(moment)
    return or_(
        Consultation.created_at >= since,
        texts.scalar_subquery() >= since,
        sections.scalar_subquery() >= since,
        Consultation.responses_completed_at >= since,
        opened >= since,
        closed >= since,
        Consultation.slug.in_(_audited_since("consultation", since)),
    )


def comment_changed_at():
    """A comment's last change: written, edited, or a public audit event (moderation)."""
    return _at_least(
        Comment.created_at,
        Comment.edited_at,
        _audited_at("comment", cast(Comment.id, String)),
    )


def _audited_ids(since: datetime):
    """Comments with a public audit event since `since` (only moderation audits comments,
    always naming the comment by its id)."""
    return select(cast(AuditEvent.target_id, Integer)).where(
        AuditEvent.target_type == "comment",
        AuditEvent.public.is_(True),
        AuditEvent.occurred_at >= since,
    )


def _changed_ids(since: datetime, consultation_id: int | None):
    """Ids of the comments (of the consultation) written, edited or audited since `since`,
    each part from its own index."""
    written = select(Comment.id).where(Comment.created_at >= since)
    edited = select(Comment.id).where(Comment.edited_at >= since)
    audited = select(Comment.id).where(Comment.id.in_(_audited_ids(since)))
    if consultation_id is not None:
        written = written.where(Comment.consultation_id == consultation_id)
        # The few edited or audited ones are checked one by one (an expression no index
        # serves), never by walking all the consultation's comments.
        stays = func.coalesce(Comment.consultation_id, 0) == consultation_id
        edited, audited = edited.where(stays), audited.where(stays)
    return union(written, edited, audited).subquery("changed")


def response_changes():
    return _latest(
        _pairs(Response.id, Response.published_at),
        _pairs(Response.id, Response.updated_at).where(Response.updated_at.is_not(None)),
        _pairs(ResponseText.response_id, ResponseText.updated_at),
    )


def _window(stmt: Select, changed_at, window: Window, make) -> Page:
    if window.since is not None:
        stmt = stmt.where(changed_at >= window.since)
    return paginate(stmt, window.page, window.per_page, make, past_the_end=True)


def _counted(stmt: Select, total: int, window: Window, make) -> Page:
    """One page of `stmt`, whose rows number `total` (counted by the caller)."""
    rows = db.session.execute(
        stmt.limit(window.per_page).offset((window.page - 1) * window.per_page)
    ).all()
    return Page([make(row) for row in rows], window.page, window.per_page, total)


def _count(stmt: Select) -> int:
    return read_rows(stmt).scalar() or 0


# Plans and agencies ------------------------------------------------------------------


def _plans(changed) -> Select:
    return (
        select(ActionPlan, changed.c.updated_at)
        .join(changed, changed.c.id == ActionPlan.id)
        .options(
            selectinload(ActionPlan.texts),
            joinedload(ActionPlan.coordinating_agency),
            selectinload(ActionPlan.refreshes),
        )
    )


def list_plans(window: Window) -> Page:
    changed = plan_changes()
    stmt = _plans(changed).order_by(ActionPlan.id)
    return _window(stmt, changed.c.updated_at, window, tuple)


def get_plan(slug: str) -> tuple | None:
    row = db.session.execute(_plans(plan_changes()).where(ActionPlan.slug == slug)).first()
    return tuple(row) if row else None


def _agencies(changed) -> Select:
    return select(Agency, changed.c.updated_at).join(changed, changed.c.id == Agency.id)


def list_agencies(window: Window) -> Page:
    changed = agency_changes()
    stmt = _agencies(changed).order_by(Agency.id)
    return _window(stmt, changed.c.updated_at, window, tuple)


def get_agency(slug: str) -> tuple | None:
    row = db.session.execute(_agencies(agency_changes()).where(Agency.slug == slug)).first()
    return tuple(row) if row else None


# Commitments, progress updates, assessments -------------------------------------------


def _commitments(today: date) -> Select:
    """Commitments with the plans package's derived progress and their last change, as plain
    rows with their plan's and lead agency's address names: a page of 25 commitments as ORM
    objects, each with its plan and agency, took a quarter of the listing's time. Their
    texts and milestones come as plain rows too (`_contents`), some 700 of them a page."""
    derived = Derived(today)
    return (
        derived.joined(
            select(
                *_COMMITMENT_COLUMNS,
                ActionPlan.slug.label("plan_slug"),
                Agency.slug.label("lead_agency_slug"),
                derived.status.label("derived_status"),
                derived.percent.label("derived_percent"),
                derived.published_at.label("derived_published_at"),
                derived.due.label("next_due"),
                derived.stale.label("stale"),
                commitment_changed_at().label("updated_at"),
            )
        )
    ).join(Agency, Agency.id == Commitment.lead_agency_id)


# Every column of a commitment, named as its attribute: the serializer reads them by name.
_COMMITMENT_COLUMNS = tuple(
    getattr(Commitment, column.key) for column in inspect(Commitment).column_attrs
)


def _commitment_row(today: date, row) -> tuple[CommitmentRow, datetime]:
    """A row of `_commitments` as the serializer reads it, with its last change."""
    published_at = row.derived_published_at
    derived = CommitmentRow(
        row,
        row.derived_status,
        row.derived_percent,
        as_utc(published_at) if published_at else None,
        row.next_due,
        bool(row.stale),
        today,
    )
    return derived, row.updated_at


@dataclass
class CommitmentContents:
    """A commitment's text rows and its milestones, each with its own text rows."""

    texts: list = field(default_factory=list)
    milestones: list[tuple] = field(default_factory=list)  # (milestone row, its text rows)


def _contents(ids: list[int]) -> dict[int, CommitmentContents]:
    """The texts and milestones of these commitments, in three statements built once and
    read as plain rows."""
    contents = {commitment_id: CommitmentContents() for commitment_id in ids}
    if not ids:
        return contents
    texts, milestones_of, deliverables_of = built_once("API commitment contents", _contents_reads)
    for row in read_rows(texts, {"ids": ids}):
        contents[row.commitment_id].texts.append(row)
    milestones = read_rows(milestones_of, {"ids": ids}).all()
    deliverables: dict[int, list] = {milestone.id: [] for milestone in milestones}
    if deliverables:
        for row in read_rows(deliverables_of, {"ids": ids}):
            deliverables[row.milestone_id].append(row)
    for milestone in milestones:
        contents[milestone.commitment_id].milestones.append((milestone, deliverables[milestone.id]))
    return contents


def _contents_reads() -> tuple[Select, Select, Select]:
    texts = select(CommitmentText.commitment_id, CommitmentText.locale, *_TEXT_FIELDS).where(
        among(CommitmentText.commitment_id, "ids")
    )
    milestones = (
        select(
            Milestone.id,
            Milestone.commitment_id,
            Milestone.position,
            Milestone.start_date,
            Milestone.due_date,
            Milestone.status,
            Milestone.completed_on,
        )
        .where(among(Milestone.commitment_id, "ids"))
        .order_by(Milestone.commitment_id, Milestone.position, Milestone.id)
    )
    # By the commitments' ids, as the other two: the milestones' many ids made this the
    # slowest statement of the page on PostgreSQL (2 ms of 20), read by the commitments' 0.7.
    deliverables = (
        select(MilestoneText.milestone_id, MilestoneText.locale, MilestoneText.deliverable)
        .join(Milestone, Milestone.id == MilestoneText.milestone_id)
        .where(among(Milestone.commitment_id, "ids"))
    )
    return texts, milestones, deliverables


_TEXT_FIELDS = (
    CommitmentText.title,
    CommitmentText.problem,
    CommitmentText.objective,
    CommitmentText.description,
    CommitmentText.other_actors,
)


def _with_contents(rows: list[tuple]) -> list[tuple]:
    contents = _contents([row.commitment.id for row, _updated_at in rows])
    return [(row, updated_at, contents[row.commitment.id]) for row, updated_at in rows]


def list_commitments(window: Window, today: date, plan: str = "", agency: str = "") -> Page:
    """A page of commitments' ids, in order, and how many match: the page's records are read
    by `commitments_by_id`, only those the worker keeps no serialized copy of (api.views).
    The statements are built once for each combination of filters, then run with their
    values."""
    key = (bool(plan), bool(agency), window.since is not None)
    ids_of, count_of = built_once(("API commitment ids", key), lambda: _commitment_listing(*key))
    parameters = {"plan": plan, "agency": agency, "since": window.since}
    total = read_rows(count_of, parameters).scalar() or 0
    ids = read_rows(
        ids_of,
        {**parameters, "limit": window.per_page, "offset": (window.page - 1) * window.per_page},
    ).scalars()
    return Page(list(ids), window.page, window.per_page, total)


def _commitment_listing(by_plan: bool, by_agency: bool, since_given: bool) -> tuple[Select, Select]:
    """The page's ids and their count, filtered as asked (values bound when run)."""
    conditions = []
    if by_plan:
        plan_id = select(ActionPlan.id).where(ActionPlan.slug == bindparam("plan"))
        conditions.append(Commitment.plan_id == plan_id.scalar_subquery())
    if by_agency:
        lead = select(Agency.id).where(Agency.slug == bindparam("agency"))
        conditions.append(Commitment.lead_agency_id == lead.scalar_subquery())
    if since_given:
        conditions.append(commitment_changed_since(bindparam("since")))
    # The page's ids alone: PostgreSQL works out the derived columns of every row it skips
    # to reach an offset (page 11: the subqueries of 275 rows for the 25 shown, 4.3 ms).
    ids = (
        select(Commitment.id)
        .where(*conditions)
        .order_by(Commitment.id)
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )
    return ids, select(func.count(Commitment.id)).where(*conditions)


def commitments_by_id(ids: list[int], today: date) -> list[tuple]:
    """These commitments with their derived progress, last change and contents, by id; one
    statement built once a day (the derived progress embeds it), and `_contents`."""
    statement = built_once(
        "API commitments by id",
        lambda: _commitments(today).where(among(Commitment.id, "ids")).order_by(Commitment.id),
        depends_on=today,
    )
    rows = read_rows(statement, {"ids": ids}).all()
    return _with_contents([_commitment_row(today, row) for row in rows])


def get_commitment(reference: str, today: date) -> tuple | None:
    row = db.session.execute(
        _commitments(today).where(Commitment.reference == reference.upper())
    ).first()
    return _with_contents([_commitment_row(today, row)])[0] if row else None


def _records(model) -> Select:
    """Progress updates or assessments, each with its commitment's reference."""
    return (
        select(model, Commitment.reference)
        .join(Commitment, Commitment.id == model.commitment_id)
        .options(selectinload(model.texts))
    )


def list_records(model, window: Window, commitment: str = "") -> Page:
    stmt = _records(model).order_by(model.id)
    if commitment:
        stmt = stmt.where(Commitment.reference == commitment.upper())
    # A backdated progress update is news when it is recorded, not on the day it reports on.
    changed_at = getattr(model, "recorded_at", None)
    changed_at = (
        model.published_at if changed_at is None else func.coalesce(changed_at, model.published_at)
    )
    return _window(stmt, changed_at, window, tuple)


def get_record(model, record_id: int) -> tuple | None:
    row = db.session.execute(_records(model).where(model.id == record_id)).first()
    return tuple(row) if row else None


# Consultations -----------------------------------------------------------------------


def _consultations(moment: datetime) -> Select:
    return (
        select(
            Consultation,
            consultation_changed_at(moment).label("updated_at"),
            Commitment.reference,
        )
        .outerjoin(Commitment, Commitment.id == Consultation.commitment_id)
        .options(
            selectinload(Consultation.sections).selectinload(Section.texts),
            joinedload(Consultation.plan).lazyload(ActionPlan.coordinating_agency),
        )
    )


def list_consultations(window: Window, moment: datetime, plan: str = "") -> Page:
    conditions = []
    if plan:
        plan_id = select(ActionPlan.id).where(ActionPlan.slug == plan).scalar_subquery()
        conditions.append(Consultation.plan_id == plan_id)
    if window.since is not None:
        conditions.append(consultation_changed_since(moment, window.since))
    total = _count(select(func.count(Consultation.id)).where(*conditions))
    stmt = _consultations(moment).where(*conditions).order_by(Consultation.id)
    return _counted(stmt, total, window, tuple)


def get_consultation(slug: str, moment: datetime) -> tuple | None:
    row = db.session.execute(_consultations(moment).where(Consultation.slug == slug)).first()
    return tuple(row) if row else None


def find_consultation_id(slug: str) -> int | None:
    return db.session.scalar(select(Consultation.id).where(Consultation.slug == slug))


def list_revisions(consultation_id: int, window: Window) -> Page:
    """Earlier wordings of the consultation's sections, oldest replacement first."""
    stmt = (
        select(SectionRevision, Section.anchor)
        .join(Section, Section.id == SectionRevision.section_id)
        .where(Section.consultation_id == consultation_id)
        .order_by(SectionRevision.id)
    )
    return _window(stmt, SectionRevision.replaced_at, window, tuple)


# Comments and responses --------------------------------------------------------------


def public_comment():
    """What anyone may read: visible and not held for a moderator's review."""
    return and_(Comment.state == CommentState.VISIBLE, Comment.held.is_(False))


def not_public():
    """The opposite, written exactly as the partial index `ix_comments_not_public` states
    it (comments/models.py): SQLite uses such an index only for its own words."""
    return or_(Comment.state != literal_column("'visible'"), Comment.held == true())


def _comments() -> Select:
    return (
        select(Comment, Consultation.slug, Section.anchor, comment_changed_at().label("at"))
        .join(Consultation, Consultation.id == Comment.consultation_id)
        .outerjoin(Section, Section.id == Comment.section_id)
        .where(public_comment())
        .options(joinedload(Comment.author).lazyload(User.roles), lazyload(Comment.parent))
    )


def _public_total(consultation_id: int | None) -> int:
    """Public comments: the visible ones the consultations count (consultation/counters.py)
    less the visible ones held for review, found in the small index of comments that are not
    public (comments/models.py)."""
    visible = select(func.coalesce(func.sum(Consultation.comment_count), 0))
    held = select(func.count(Comment.id)).where(
        not_public(), Comment.held == true(), Comment.state == CommentState.VISIBLE
    )
    if consultation_id is not None:
        visible = visible.where(Consultation.id == consultation_id)
        held = held.where(Comment.consultation_id == consultation_id)
    return _count(select(visible.scalar_subquery() - held.scalar_subquery()))


def _changed_total(since: datetime, consultation_id: int | None) -> int:
    """Public comments changed since `since`, counted in parts that never overlap, each from
    an index: written since; edited since but written before; audited since but neither; less
    those among them that are not public (few, in their own small index)."""
    before = Comment.created_at < since
    not_edited = or_(Comment.edited_at.is_(None), Comment.edited_at < since)
    audited = Comment.id.in_(_audited_ids(since))
    # Driven by the few edited ids, not by the consultation's many comments.
    edited = aliased(Comment)
    edited_ids = Comment.id.in_(select(edited.id).where(edited.edited_at >= since))
    written = select(func.count(Comment.id)).where(Comment.created_at >= since)
    parts = [
        select(func.count(Comment.id)).where(edited_ids, before),
        select(func.count(Comment.id)).where(audited, before, not_edited),
    ]
    hidden = select(func.count(Comment.id)).where(
        not_public(), or_(Comment.created_at >= since, Comment.edited_at >= since, audited)
    )
    if consultation_id is not None:
        written = written.where(Comment.consultation_id == consultation_id)
        stays = func.coalesce(Comment.consultation_id, 0) == consultation_id  # as above
        parts = [part.where(stays) for part in parts]
        hidden = hidden.where(Comment.consultation_id == consultation_id)
    counts = [part.scalar_subquery() for part in (written, *parts)]
    return _count(select(sum(counts[1:], counts[0]) - hidden.scalar_subquery()))


def list_comments(window: Window, consultation: str = "") -> Page:
    consultation_id = None
    if consultation:
        # Known before planning, so the database can weigh how many comments it has.
        consultation_id = find_consultation_id(consultation) or 0
    if window.since is None:
        total = _public_total(consultation_id)
        ids = select(Comment.id).where(public_comment())
        if consultation_id is not None:
            ids = ids.where(Comment.consultation_id == consultation_id)
        key = Comment.id
    else:
        total = _changed_total(window.since, consultation_id)
        # The changed ids from their indexes, less the few that are not public: no comment
        # row is read but the page's own.
        changed = _changed_ids(window.since, consultation_id)
        hidden = select(Comment.id).where(not_public())
        if consultation_id is not None:
            hidden = hidden.where(Comment.consultation_id == consultation_id)
        ids = select(changed.c.id).where(changed.c.id.not_in(hidden))
        key = changed.c.id
    # The page's ids first, walking an index in order; only they are joined and dated.
    # Past the middle the walk starts from the other end, so the last page costs the first's.
    skip = (window.page - 1) * window.per_page
    if skip > total // 2 and skip < total:
        size = min(window.per_page, total - skip)
        ids = ids.order_by(key.desc()).limit(size).offset(total - skip - size)
    else:
        ids = ids.order_by(key).limit(window.per_page).offset(skip)
    page_ids = ids.subquery("page_ids")
    stmt = _comments().join(page_ids, page_ids.c.id == Comment.id).order_by(Comment.id)
    rows = db.session.execute(stmt).all()
    return Page([tuple(row) for row in rows], window.page, window.per_page, total)


def get_comment(comment_id: int) -> tuple | None:
    row = db.session.execute(_comments().where(Comment.id == comment_id)).first()
    return tuple(row) if row else None


def _responses(changed) -> Select:
    return (
        select(Response, Consultation.slug, Section.anchor, changed.c.updated_at)
        .join(changed, changed.c.id == Response.id)
        .join(Consultation, Consultation.id == Response.consultation_id)
        .outerjoin(Section, Section.id == Response.section_id)
    )


def _with_answers(page_items: list[tuple]) -> list[tuple]:
    """Each response row plus the public comments it answers, in one query for the page."""
    ids = [row[0].id for row in page_items]
    answered: dict[int, list[int]] = {response_id: [] for response_id in ids}
    if ids:
        rows = db.session.execute(
            select(AnsweredComment.response_id, AnsweredComment.comment_id)
            .join(Comment, Comment.id == AnsweredComment.comment_id)
            .where(AnsweredComment.response_id.in_(ids), public_comment())
            .order_by(AnsweredComment.comment_id)
        )
        for response_id, comment_id in rows:
            answered[response_id].append(comment_id)
    return [(*row, answered[row[0].id]) for row in page_items]


def list_responses(window: Window, consultation: str = "") -> Page:
    changed = response_changes()
    stmt = _responses(changed).order_by(Response.id)
    if consultation:
        stmt = stmt.where(Consultation.slug == consultation)
    page = _window(stmt, changed.c.updated_at, window, tuple)
    page.items = _with_answers(page.items)
    return page


def get_response(response_id: int) -> tuple | None:
    stmt = _responses(response_changes()).where(Response.id == response_id)
    row = db.session.execute(stmt).first()
    return _with_answers([tuple(row)])[0] if row else None


# The audit log -----------------------------------------------------------------------


def list_audit_events(window: Window, target_type: str = "", target_id: str = "") -> Page:
    """Public events, oldest first (the order of the chain), as the audit page filters them."""
    stmt = (
        list_public_events(target_type, target_id)
        .order_by(None)
        .order_by(AuditEvent.id)
        .options(lazyload(AuditEvent.actor))
    )
    return _window(stmt, AuditEvent.occurred_at, window, lambda row: row[0])


def get_audit_event(event_id: int) -> AuditEvent | None:
    stmt = (
        select(AuditEvent)
        .where(AuditEvent.id == event_id, AuditEvent.public.is_(True))
        .options(lazyload(AuditEvent.actor))
    )
    return db.session.scalar(stmt)


# Documents ---------------------------------------------------------------------------


def _public_documents() -> Select:
    """Documents whose record anyone may read: a comment's only while the comment is public."""
    public_comments = select(Comment.id).where(public_comment())
    return (
        select(Document)
        .where(or_(Document.owner_type != "comment", Document.owner_id.in_(public_comments)))
        .options(selectinload(Document.texts))
    )


def list_documents(window: Window, owner_type: str = "") -> Page:
    stmt = _public_documents().order_by(Document.id)
    if owner_type:
        stmt = stmt.where(Document.owner_type == owner_type)
    return _window(stmt, Document.uploaded_at, window, lambda row: row[0])


def get_document(document_id: int) -> Document | None:
    return db.session.scalar(_public_documents().where(Document.id == document_id))
