"""Search behind one interface: SQLite FTS5 on the embedded database, PostgreSQL full-text
search in production, chosen by the database in use.

Both backends match the normalised columns and give each document a score where lower is
better (bm25 on SQLite, minus ts_rank_cd on PostgreSQL), title words weighing more than
body words. The SQL around them is shared: one result per thing, in the reader's language
when it matches there, ranked; hidden or held comments are filtered out again at query
time, whatever the index holds. A search costs two queries: the counts, and one page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import DateTime, Integer, String, Text, text

from ..extensions import db
from ..plans.queries import Page
from .documents import KINDS
from .models import INDEX_NAME, PG_VECTOR
from .text import Query, Term, highlight

PER_PAGE = 20
SNIPPET_LENGTH = 240


class SqliteBackend:
    """FTS5: every term quoted, so nothing the reader types is FTS5 syntax."""

    matched = (
        "SELECT d.id, d.kind, d.object_id, d.locale, "
        f"bm25({INDEX_NAME}, 10.0, 1.0) AS score "
        f"FROM {INDEX_NAME} JOIN search_documents AS d ON d.id = {INDEX_NAME}.rowid "
        f"WHERE {INDEX_NAME} MATCH :match"
    )

    @staticmethod
    def _term(term: Term) -> str:
        star = "*" if term.prefix else ""
        return "(" + " OR ".join(f'"{form}"{star}' for form in term.forms) + ")"

    def expression(self, query: Query) -> str:
        return " AND ".join(self._term(term) for term in query.terms)


class PostgresBackend:
    """tsvector of the normalised columns ('simple': they are normalised already) with a
    GIN index on the same expression; every lexeme quoted."""

    matched = (
        "SELECT d.id, d.kind, d.object_id, d.locale, "
        f"-ts_rank_cd('{{0.0, 0.0, 0.1, 1.0}}', {PG_VECTOR}, q.query) AS score "
        "FROM search_documents AS d, to_tsquery('simple', :match) AS q(query) "
        f"WHERE {PG_VECTOR} @@ q.query"
    )

    @staticmethod
    def _term(term: Term) -> str:
        star = ":*" if term.prefix else ""
        return "(" + " | ".join(f"'{form}'{star}" for form in term.forms) + ")"

    def expression(self, query: Query) -> str:
        return " & ".join(self._term(term) for term in query.terms)


def backend() -> SqliteBackend | PostgresBackend:
    """The backend of the database in use."""
    return PostgresBackend() if db.engine.dialect.name == "postgresql" else SqliteBackend()


# A comment is shown only while it is visible and not held, whatever the index says.
_GUARD = (
    "(m.kind <> 'comment' OR EXISTS (SELECT 1 FROM comments AS c "
    "WHERE c.id = m.object_id AND c.state = 'visible' AND NOT c.held))"
)


def _best(matched: str) -> str:
    """One row per thing: its document in the reader's language if that one matched."""
    return (
        f"WITH matched AS MATERIALIZED ({matched}), "
        "best AS (SELECT m.id, m.kind, m.score, ROW_NUMBER() OVER ("
        "PARTITION BY m.kind, m.object_id "
        "ORDER BY CASE WHEN m.locale = :lang THEN 0 ELSE 1 END, m.score, m.id) AS choice "
        f"FROM matched AS m WHERE {_GUARD}) "
    )


@dataclass(frozen=True)
class Hit:
    """One result: a thing, in the language of its document that matched."""

    kind: str
    object_id: int
    locale: str
    title: str
    context: str
    body: str
    url_key: str
    anchor: str
    written_at: datetime | None
    query: Query

    def marked_title(self) -> Markup:
        return highlight(self.title, self.query)

    def marked_context(self) -> Markup:
        return highlight(self.context, self.query)

    def snippet(self) -> Markup:
        return highlight(self.body, self.query, SNIPPET_LENGTH)


@dataclass
class Results(Page):
    """One page of results, with how many of each kind matched."""

    counts: dict[str, int] = field(default_factory=dict)

    @property
    def everything(self) -> int:
        return sum(self.counts.values())


def search(query: Query, lang: str, kind: str = "", page: int = 1) -> Results:
    """The page `page` of what matches `query`, best first, of one kind or all."""
    kind = kind if kind in KINDS else ""
    if not query:
        return Results([], page, PER_PAGE, 0, {})
    engine = backend()
    head = _best(engine.matched)
    params = {"match": engine.expression(query), "lang": lang}
    counted = db.session.execute(
        text(head + "SELECT kind, count(*) FROM best WHERE choice = 1 GROUP BY kind"), params
    ).all()
    counts = {name: number for name, number in counted}
    total = counts.get(kind, 0) if kind else sum(counts.values())
    items: list[Hit] = []
    if total and (page - 1) * PER_PAGE < total:
        of_kind = "AND best.kind = :kind " if kind else ""
        stmt = text(
            head + "SELECT d.kind, d.object_id, d.locale, d.title, d.context, d.body, "
            "d.url_key, d.anchor, d.written_at FROM best JOIN search_documents AS d "
            f"ON d.id = best.id WHERE best.choice = 1 {of_kind}"
            "ORDER BY best.score, best.id LIMIT :limit OFFSET :offset"
        ).columns(
            kind=String,
            object_id=Integer,
            locale=String,
            title=Text,
            context=Text,
            body=Text,
            url_key=String,
            anchor=String,
            written_at=DateTime(timezone=True),
        )
        rows = db.session.execute(
            stmt, {**params, "kind": kind, "limit": PER_PAGE, "offset": (page - 1) * PER_PAGE}
        )
        items = [Hit(*row, query=query) for row in rows]
    return Results(items, page, PER_PAGE, total, counts)
