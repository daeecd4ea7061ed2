"""Open-data files of participation: consultations, sections, comments and responses.

Only what the public pages show is here. Comments are the visible ones that are not held
for review; hidden, held and withdrawn comments are left out entirely (a reply keeps its
`parent_id`, which may then name a comment that is not in the file). Authors appear by
display name only; no e-mail address or account id is in any file.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, select

from ..accounts.models import User
from ..clock import as_utc, now
from ..comments.models import Comment, CommentState, Stance
from ..consultation.models import Consultation, ConsultationText, Phase, Section, SectionText
from ..responses.models import AnsweredComment, Outcome, Response, ResponseText
from .schema import (
    Column,
    Reference,
    Table,
    enum_column,
    id_column,
    localized,
    ref_column,
    required,
    with_texts,
)

# Consultations, their sections, comments and responses -------------------------------------


def _consultations() -> Select:
    stmt = select(
        Consultation.id,
        Consultation.slug,
        Consultation.plan_id,
        Consultation.commitment_id,
        Consultation.agency_id,
        Consultation.opens_at,
        Consultation.closes_at,
        Consultation.response_deadline,
        Consultation.responses_completed_at,
    )
    fields = ("title", "introduction")
    stmt = with_texts(stmt, ConsultationText, "consultation_id", Consultation.id, fields)
    return stmt.order_by(Consultation.id)


def _phase(row) -> str:
    moment = now()
    if moment < as_utc(row["opens_at"]):
        return Phase.SCHEDULED.value
    if moment < as_utc(row["closes_at"]):
        return Phase.OPEN.value
    return (Phase.RESPONDED if row["responses_completed_at"] else Phase.CLOSED).value


CONSULTATIONS = Table(
    "consultations",
    _l("Consultations"),
    _l("Public consultations on a draft plan or a draft commitment; one row per consultation."),
    _l(
        "Plan, commitment and agency, when it opens and closes, the response deadline, its "
        "phase at the time of download, and title and introduction in each language."
    ),
    (
        id_column(),
        required(Column("slug", "string", "The consultation's address name, as in its URL.")),
        ref_column("plan_id", "action plan (action-plans.csv)"),
        ref_column(
            "commitment_id", "commitment consulted on; empty for a whole plan", optional=True
        ),
        ref_column("agency_id", "agency that runs it (agencies.csv)"),
        required(Column("opens_at", "datetime", "When it opens for comments (UTC).")),
        required(Column("closes_at", "datetime", "When it closes (UTC).")),
        required(Column("response_deadline", "datetime", "When the responses are due by (UTC).")),
        Column(
            "responses_completed_at",
            "datetime",
            "When the agency declared its responses complete (UTC).",
        ),
        required(
            Column(
                "phase",
                "string",
                "Its phase when the file was generated: scheduled, open, closed or responded.",
                value=_phase,
                constraints={"enum": [phase.value for phase in Phase]},
            )
        ),
        *localized("title", "title", "The consultation's title."),
        *localized("introduction", "introduction", "Its introduction."),
    ),
    _consultations,
    references=(
        Reference(("plan_id",), "action-plans"),
        Reference(("commitment_id",), "commitments"),
        Reference(("agency_id",), "agencies"),
    ),
)


def _sections() -> Select:
    stmt = select(Section.id, Section.consultation_id, Section.position, Section.anchor)
    stmt = with_texts(stmt, SectionText, "section_id", Section.id, ("heading", "body"))
    return stmt.order_by(Section.id)


SECTIONS = Table(
    "sections",
    _l("Sections"),
    _l("The parts of each consultation's draft; one row per section, in its current wording."),
    _l("Consultation, position, anchor, and heading and wording in each language."),
    (
        id_column(),
        ref_column("consultation_id", "consultation (consultations.csv)"),
        required(Column("position", "integer", "Its place in the draft.")),
        required(Column("anchor", "string", "Its stable anchor in the consultation's page.")),
        *localized("heading", "heading", "The section's heading."),
        *localized("body", "body", "The section's current wording."),
    ),
    _sections,
    references=(Reference(("consultation_id",), "consultations"),),
)


def _public_comments():
    return and_(Comment.state == CommentState.VISIBLE, Comment.held.is_(False))


def _comments() -> Select:
    return (
        select(
            Comment.id,
            Comment.consultation_id,
            Comment.section_id,
            Comment.parent_id,
            Comment.created_at,
            Comment.edited_at,
            User.display_name.label("author"),
            Comment.language,
            Comment.stance,
            Comment.body_text.label("text"),
        )
        .outerjoin(User, User.id == Comment.author_id)
        .where(_public_comments())
        .order_by(Comment.id)
    )


COMMENTS = Table(
    "comments",
    _l("Comments"),
    _l(
        "The public's comments on consultations; one row per visible comment. Comments hidden "
        "by a moderator, held for review or withdrawn by their author are not included."
    ),
    _l(
        "Consultation, section, the comment it replies to, when it was written and edited, the "
        "author's display name, its language, stance and text."
    ),
    (
        id_column(),
        ref_column("consultation_id", "consultation (consultations.csv)"),
        Column(
            "section_id",
            "integer",
            "The id of the section it comments on (sections.csv); empty for the whole draft.",
        ),
        Column(
            "parent_id",
            "integer",
            "The id of the comment it replies to. That comment may be missing from this file "
            "if it was hidden, held or withdrawn.",
        ),
        required(Column("created_at", "datetime", "When it was written (UTC).")),
        Column("edited_at", "datetime", "When its author last edited it (UTC)."),
        Column(
            "author",
            "string",
            "The author's public display name; empty if the account no longer exists. "
            "E-mail addresses are never published.",
            text=True,
        ),
        required(Column("language", "string", "The language it was written in.")),
        enum_column("stance", Stance, "The author's stance, if they gave one.", optional=True),
        required(Column("text", "string", "The comment as written, in plain text.", text=True)),
    ),
    _comments,
    references=(
        Reference(("consultation_id",), "consultations"),
        Reference(("section_id",), "sections"),
    ),
)


def _responses() -> Select:
    stmt = select(
        Response.id,
        Response.consultation_id,
        Response.section_id,
        Response.outcome,
        Response.published_at,
        Response.updated_at,
    )
    stmt = with_texts(stmt, ResponseText, "response_id", Response.id, ("reasons",))
    return stmt.order_by(Response.id)


RESPONSES = Table(
    "responses",
    _l("Reasoned responses"),
    _l(
        "The government's reasoned responses to comments; one row per response. Which "
        "comments each one answers is in response-comments.csv."
    ),
    _l(
        "Consultation, the section it answers as a whole (if so), outcome, when it was "
        "published and last edited, and the reasons in each language."
    ),
    (
        id_column(),
        ref_column("consultation_id", "consultation (consultations.csv)"),
        Column(
            "section_id",
            "integer",
            "The id of the section whose comments it answers as a whole (sections.csv), if so.",
        ),
        enum_column("outcome", Outcome, "What became of the proposals it answers."),
        required(Column("published_at", "datetime", "When it was published (UTC).")),
        Column("updated_at", "datetime", "When it was last edited (UTC)."),
        *localized("reasons", "reasons", "The reasons given."),
    ),
    _responses,
    references=(
        Reference(("consultation_id",), "consultations"),
        Reference(("section_id",), "sections"),
    ),
)


def _answered() -> Select:
    return (
        select(AnsweredComment.comment_id, AnsweredComment.response_id)
        .join(Comment, Comment.id == AnsweredComment.comment_id)
        .where(_public_comments())
        .order_by(AnsweredComment.comment_id)
    )


ANSWERED = Table(
    "response-comments",
    _l("Answered comments"),
    _l(
        "Which response answers which comment; one row per answered visible comment (a "
        "comment is answered by at most one response)."
    ),
    _l("The comment's id and the response's id."),
    (
        ref_column("comment_id", "comment answered (comments.csv)"),
        ref_column("response_id", "response that answers it (responses.csv)"),
    ),
    _answered,
    primary_key=("comment_id",),
    references=(
        Reference(("comment_id",), "comments"),
        Reference(("response_id",), "responses"),
    ),
)
