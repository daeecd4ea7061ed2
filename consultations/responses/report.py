"""The consultation report once it has closed: who took part, what they said, how it was
answered, the campaigns of near-identical comments, and every comment as a CSV file.

Each figure is one GROUP BY query, so the page costs the same with ten comments or a
hundred thousand; the CSV file is streamed in batches.
"""

from __future__ import annotations

import csv
import io
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from threading import Lock

from flask import Response as HttpResponse
from flask import stream_with_context
from sqlalchemy import case, distinct, func, select

from ..accounts.models import User
from ..clock import as_utc
from ..comments.models import Comment, CommentState, Stance
from ..consultation.models import Consultation, Phase, Section
from ..content import fallback_order
from ..extensions import db
from ..opendata.files import guard
from ..pagination import Page, page_of
from . import campaigns
from .forms import section_title
from .models import AnsweredComment, Outcome, Response, ResponseText
from .queries import ResponseSummary, response_summary

CAMPAIGNS_PER_PAGE = 10
CSV_BATCH = 1000
CSV_COLUMNS = (
    "comment_id",
    "created_at",
    "section_anchor",
    "section_heading",
    "author",
    "language",
    "stance",
    "text",
    "parent_id",
    "response_id",
    "outcome",
    "reasons",
    "response_published_at",
)


def is_ready(consultation: Consultation, moment: datetime) -> bool:
    """The report exists once the consultation has closed."""
    return consultation.phase(moment) in (Phase.CLOSED, Phase.RESPONDED)


def _visible(consultation: Consultation):
    return (Comment.consultation_id == consultation.id, Comment.state == CommentState.VISIBLE)


@dataclass(frozen=True)
class SectionCount:
    section: Section | None  # None: comments on the consultation as a whole
    comments: int


@dataclass(frozen=True)
class Report:
    participants: int
    comments: int
    by_stance: list[tuple[Stance | None, int]]
    by_section: list[SectionCount]
    by_language: list[tuple[str, int]]
    by_outcome: list[tuple[Outcome, int]]
    summary: ResponseSummary
    first_response_at: datetime | None
    last_response_at: datetime | None
    closes_at: datetime

    @property
    def share_answered(self) -> float | None:
        return self.summary.answered / self.comments if self.comments else None

    @property
    def days_to_first(self) -> float | None:
        return days_after(self.closes_at, self.first_response_at)

    @property
    def days_to_last(self) -> float | None:
        return days_after(self.closes_at, self.last_response_at)


def days_after(start: datetime, end: datetime | None) -> float | None:
    """Days from `start` to `end`, to one decimal; a response before the closing counts as 0."""
    if end is None:
        return None
    return round(max((as_utc(end) - as_utc(start)).total_seconds(), 0) / 86400, 1)


def build_report(consultation: Consultation, moment: datetime) -> Report:
    """Every figure of the report, each from one query."""
    visible = _visible(consultation)
    participants, total = db.session.execute(
        select(func.count(distinct(Comment.author_id)), func.count(Comment.id)).where(*visible)
    ).one()
    first, last = db.session.execute(
        select(func.min(Response.published_at), func.max(Response.published_at)).where(
            Response.consultation_id == consultation.id
        )
    ).one()
    return Report(
        participants=participants,
        comments=total,
        by_stance=_by_stance(visible),
        by_section=_by_section(consultation, visible),
        by_language=_grouped(Comment.language, visible),
        by_outcome=_by_outcome(visible),
        summary=response_summary(consultation, moment),
        first_response_at=as_utc(first) if first else None,
        last_response_at=as_utc(last) if last else None,
        closes_at=as_utc(consultation.closes_at),
    )


def _grouped(column, visible) -> list[tuple]:
    rows = db.session.execute(
        select(column, func.count(Comment.id)).where(*visible).group_by(column)
    ).all()
    return sorted(((value, count) for value, count in rows), key=lambda row: (-row[1], row[0]))


def _by_stance(visible) -> list[tuple[Stance | None, int]]:
    counts = dict(
        db.session.execute(
            select(Comment.stance, func.count(Comment.id)).where(*visible).group_by(Comment.stance)
        ).all()
    )
    return [(stance, counts.get(stance, 0)) for stance in (*Stance, None)]


def _by_section(consultation: Consultation, visible) -> list[SectionCount]:
    counts = dict(
        db.session.execute(
            select(Comment.section_id, func.count(Comment.id))
            .where(*visible)
            .group_by(Comment.section_id)
        ).all()
    )
    general = SectionCount(None, counts.get(None, 0))
    return [general, *(SectionCount(s, counts.get(s.id, 0)) for s in consultation.sections)]


def _by_outcome(visible) -> list[tuple[Outcome, int]]:
    counts = dict(
        db.session.execute(
            select(Response.outcome, func.count(Comment.id))
            .join(AnsweredComment, AnsweredComment.comment_id == Comment.id)
            .join(Response, Response.id == AnsweredComment.response_id)
            .where(*visible)
            .group_by(Response.outcome)
        ).all()
    )
    return [(outcome, counts.get(outcome, 0)) for outcome in Outcome]


# Campaigns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Campaign:
    """Near-identical comments: how many, one of their texts, and every author."""

    comments: int
    sample: str
    language: str
    author_ids: list[int | None]  # in comment order; None for a deleted account
    # Their display names as they are now, read for the page shown (never kept: people
    # rename themselves without touching their comments).
    authors: list[str | None] = field(default_factory=list)

    @property
    def people(self) -> int:
        return len(set(self.author_ids))


# Grouping reads every visible comment, so each worker keeps its last results; the key
# changes whenever a comment is added, hidden, restored, removed, edited or loses its author.
_CACHE: OrderedDict[tuple, list[Campaign]] = OrderedDict()
_CACHE_SIZE = 16
_CACHE_LOCK = Lock()


def _fingerprint(consultation: Consultation) -> tuple:
    row = db.session.execute(
        select(
            func.count(Comment.id),
            func.sum(Comment.id),
            func.count(Comment.author_id),
            func.max(Comment.created_at),
            func.max(Comment.edited_at),
            func.count(case((Comment.held.is_(True), 1))),
        ).where(*_visible(consultation))
    ).one()
    return (consultation.id, consultation.slug, *row)


def find_campaigns(consultation: Consultation) -> list[Campaign]:
    """Every group of two or more near-identical visible comments, largest first."""
    key = _fingerprint(consultation)
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    found = _group_campaigns(consultation)
    with _CACHE_LOCK:
        _CACHE[key] = found
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return found


def _group_campaigns(consultation: Consultation) -> list[Campaign]:
    stmt = (
        select(Comment.id, Comment.body_text, Comment.language, Comment.author_id)
        # Held comments wait for a moderator; their text is not public until then.
        .where(*_visible(consultation), Comment.held.is_(False))
        .order_by(Comment.id)
        .execution_options(yield_per=CSV_BATCH)
    )
    texts, details = [], {}
    for comment_id, text, language, author in db.session.execute(stmt):
        texts.append((comment_id, text))
        details[comment_id] = (author, language)
    samples = dict(texts)
    found = []
    for keys in campaigns.find_groups(texts):
        authors = [details[key][0] for key in keys]
        found.append(Campaign(len(keys), samples[keys[0]], details[keys[0]][1], authors))
    return found


def campaign_page(consultation: Consultation, number: int) -> Page:
    """One page of the consultation's campaigns, with their authors' names as they are now."""
    page = page_of(find_campaigns(consultation), number, CAMPAIGNS_PER_PAGE)
    ids = {author for campaign in page.items for author in campaign.author_ids if author}
    names = dict(
        db.session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all()
    )
    page.items = [
        replace(campaign, authors=[names.get(author) for author in campaign.author_ids])
        for campaign in page.items
    ]
    return page


# CSV ---------------------------------------------------------------------------------


def _reasons_in(lang: str):
    """The response's reasons in the page language, else the first fallback that has them."""
    return func.coalesce(
        *(
            select(ResponseText.reasons)
            .where(ResponseText.response_id == Response.id, ResponseText.locale == code)
            .correlate(Response)
            .scalar_subquery()
            for code in fallback_order(lang)
        )
    )


def _iso(moment: datetime | None) -> str:
    return as_utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def _cell(value: str | None) -> str:
    """Text as typed, made inert for spreadsheets, with the open-data files' guard."""
    return guard(value or "")


def csv_rows(consultation: Consultation, lang: str) -> Iterator[list]:
    """The header and one row per visible comment, read from the database in batches."""
    sections: dict[int, Section] = {s.id: s for s in consultation.sections}
    stmt = (
        select(
            Comment.id,
            Comment.created_at,
            Comment.section_id,
            User.display_name,
            Comment.language,
            Comment.stance,
            Comment.body_text,
            Comment.held,
            Comment.parent_id,
            Response.id,
            Response.outcome,
            _reasons_in(lang),
            Response.published_at,
        )
        .outerjoin(User, User.id == Comment.author_id)
        .outerjoin(AnsweredComment, AnsweredComment.comment_id == Comment.id)
        .outerjoin(Response, Response.id == AnsweredComment.response_id)
        .where(*_visible(consultation))
        .order_by(Comment.id)
        .execution_options(yield_per=CSV_BATCH)
    )
    yield list(CSV_COLUMNS)
    for row in db.session.execute(stmt):
        (cid, created, section_id, author, language, stance, text, held) = row[:8]
        parent, rid, outcome, reasons, published = row[8:]
        section = sections.get(section_id)
        yield [
            cid,
            _iso(created),
            section.anchor if section else "",
            _cell(section_title(section, lang)) if section else "",
            _cell(author),
            language,
            stance.value if stance else "",
            "" if held else _cell(text),  # held for a moderator: not public yet
            parent or "",
            rid or "",
            outcome.value if outcome else "",
            _cell(reasons),
            _iso(published),
        ]


def _encoded(rows: Iterator[list]) -> Iterator[bytes]:
    """CSV lines in UTF-8, with a byte-order mark so spreadsheets read the letters right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff".encode()
    for count, row in enumerate(rows, start=1):
        writer.writerow(row)
        if count % 200 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def csv_response(consultation: Consultation, lang: str) -> HttpResponse:
    """The CSV download, streamed so a large consultation never sits in memory at once."""
    body = stream_with_context(_encoded(csv_rows(consultation, lang)))
    response = HttpResponse(body, mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{consultation.slug}-comments.csv"'
    )
    return response
