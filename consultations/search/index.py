"""Search behind one interface: SQLite FTS5 on the embedded database, PostgreSQL full-text
search in production, chosen by the database in use.

Both backends match the normalised columns and give each document a score where lower is
better (bm25 on SQLite, minus ts_rank_cd on PostgreSQL), title words weighing more than
body words. The SQL around them is shared: one result per thing, in the reader's language
when it matches there, ranked; hidden or held comments are filtered out again at query
time, whatever the index holds. A search costs two queries: the counts, and one page.

At national scale a common word matches 100,000 documents, so neither query reads the
whole match set. The counts stop at COUNT_CAP of each kind ("more than 1,000"). The page
ranks a bounded set of candidates that the index hands over newest first without scoring
the rest: the newest CANDIDATES documents that match in their title, then the newest
CANDIDATES that match only in their body; so a title match still comes before a body-only
match, and within each group the best score wins. Below the caps this is the exact
ranking; above them the older body-only matches are left out, and the page says that
adding words narrows the search.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import DateTime, Integer, String, Text, text

from ..config import SHIPPED_LANGUAGES
from ..extensions import db
from ..pagination import Page
from ..statements import read_rows
from .documents import KINDS
from .models import INDEX_NAME, PG_TERMS, PG_TITLE, WORDS_NAME
from .text import Query, Term, highlight

PER_PAGE = 20
SNIPPET_LENGTH = 240
COUNT_CAP = 1000  # things of each kind counted exactly; past it, "more than 1,000"
CANDIDATES = 500  # newest matching documents ranked, of title matches and of body-only ones
TITLED, UNTITLED = 0, 1  # the two groups of candidates, in the order they are shown
MAX_WHOLE_WORDS = 16  # words a typed beginning is searched as; past them, as a prefix
_PAST_EVERY_CHARACTER = "\U0010ffff"  # sorts after any text that begins alike


class SqliteBackend:
    """FTS5: every term quoted, so nothing the reader types is FTS5 syntax; the words are
    looked for only in the text columns, never in the `kind` column."""

    def plan_for_these_words(self) -> None:
        """SQLite plans every statement as it runs it."""

    @staticmethod
    def _term(term: Term) -> str:
        star = "*" if term.prefix else ""
        return "(" + " OR ".join(f'"{form}"{star}' for form in term.forms) + ")"

    def expression(self, query: Query, kind: str = "", group: int | None = None) -> str:
        words = " AND ".join(self._term(term) for term in query.terms)
        found = f"{{title_normalised body_normalised}} : ({words})"
        if kind:
            found = f'{{kind}} : "{kind}" AND {found}'
        if group is None:
            return found
        in_title = "{title_normalised} : (" + " OR ".join(map(self._term, query.terms)) + ")"
        if group == TITLED and len(query.terms) == 1:  # the same, without the body's matches
            return f'{{kind}} : "{kind}" AND {in_title}' if kind else in_title
        return f"({found}) {'AND' if group == TITLED else 'NOT'} {in_title}"

    def whole_words(self, query: Query) -> Query:
        """`query` with the word being typed as the whole words of the index it begins, when
        they are few: FTS5 reads a whole word's postings as they are, but gathers a prefix's
        anew for every MATCH (eleven a search), 0.5 ms for a common word and more for a
        short one. The words come from the index's table of words (documents.py)."""
        return Query(query.text, tuple(map(self._whole_words, query.terms)))

    @staticmethod
    def _whole_words(term: Term) -> Term:
        if not term.prefix:
            return term
        parts, params = [], {"limit": MAX_WHOLE_WORDS + 1}
        for n, form in enumerate(term.forms):
            parts.append(
                f"SELECT * FROM (SELECT {n} AS form, word FROM {WORDS_NAME} "
                f"WHERE word >= :form_{n} AND word < :past_{n} ORDER BY word LIMIT :limit)"
            )
            params.update({f"form_{n}": form, f"past_{n}": form + _PAST_EVERY_CHARACTER})
        found = read_rows(text(" UNION ALL ".join(parts)), params).all()
        per_form = Counter(form for form, _word in found)
        if not found or max(per_form.values()) > MAX_WHOLE_WORDS:
            return term  # nothing known to expand into, or too many words: FTS5's prefix
        return Term(tuple(dict.fromkeys(word for _form, word in found)), prefix=False)

    def count(self, name: str, query: Query, kind: str) -> tuple[str, dict]:
        """How many things of `kind` match, counting at most COUNT_CAP + 1."""
        params = {name: self.expression(query, kind)}
        if kind == "comment":  # one document per comment: the index alone counts them
            inner = f"SELECT 1 FROM {INDEX_NAME} WHERE {INDEX_NAME} MATCH :{name}"
        else:
            inner = (
                f"SELECT DISTINCT d.object_id FROM {INDEX_NAME} CROSS JOIN search_documents "
                f"AS d ON d.id = {INDEX_NAME}.rowid WHERE {INDEX_NAME} MATCH :{name}"
            )
        return f"SELECT count(*) FROM ({inner} LIMIT :over_cap) AS counted", params

    def candidates(self, name: str, query: Query, kind: str, group: int) -> tuple[str, dict]:
        """The newest CANDIDATES documents of one group, with their scores."""
        sql = (
            f"SELECT rowid AS id, {group} AS grouped, "
            f"bm25({INDEX_NAME}, 10.0, 1.0, 0.0) AS score FROM {INDEX_NAME} "
            f"WHERE {INDEX_NAME} MATCH :{name} ORDER BY rowid DESC LIMIT :candidates"
        )
        return sql, {name: self.expression(query, kind, group)}


class PostgresBackend:
    """Stored tsvectors ('simple': the text is normalised already) under GIN indexes: the
    weighted title and body, and the title alone; every lexeme quoted. The kind is written
    into the SQL (one of KINDS) so that the planner picks that kind's own index."""

    def plan_for_these_words(self) -> None:
        """Plan this transaction's statements for the words searched. Whether the GIN index
        or the newest documents are read first depends on how many documents the words match;
        a statement run five times on a connection is prepared, and PostgreSQL may then plan
        it once for any words: that plan read the candidates in 30 ms instead of 23."""
        db.session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))

    @staticmethod
    def _term(term: Term) -> str:
        star = ":*" if term.prefix else ""
        return "(" + " | ".join(f"'{form}'{star}" for form in term.forms) + ")"

    def expression(self, query: Query) -> str:
        return " & ".join(self._term(term) for term in query.terms)

    def whole_words(self, query: Query) -> Query:
        """The query as it is: a prefix (`:*`) reads the GIN index's postings directly."""
        return query

    def _matched(self, name: str, query: Query, kind: str) -> tuple[str, dict]:
        matched = f"d.{PG_TERMS} @@ to_tsquery('simple', :{name})"
        if kind:
            matched += f" AND d.kind = '{KINDS[KINDS.index(kind)]}'"
        return matched, {name: self.expression(query)}

    def count(self, name: str, query: Query, kind: str) -> tuple[str, dict]:
        """A thing has at most one document per language, so distinct things among the first
        COUNT_CAP + 1 documents are exact when fewer documents match, and past the cap when
        more things are among them; only otherwise are up to four times as many read. (A
        DISTINCT straight on the matches would read every one of them first.)"""
        matched, params = self._matched(name, query, kind)
        if kind == "comment":  # one document per comment
            inner = f"SELECT 1 FROM search_documents AS d WHERE {matched} LIMIT :over_cap"
            return f"SELECT count(*) FROM ({inner}) AS counted", params
        first = f"SELECT d.object_id FROM search_documents AS d WHERE {matched}"
        return (
            "SELECT CASE WHEN counted.documents < :over_cap OR counted.things > :cap "
            "THEN counted.things ELSE (SELECT count(DISTINCT more.object_id) "
            f"FROM ({first} LIMIT :every_language) AS more) END "
            "FROM (SELECT count(*) AS documents, count(DISTINCT found.object_id) AS things "
            f"FROM ({first} LIMIT :over_cap) AS found) AS counted"
        ), params

    def candidates(self, name: str, query: Query, kind: str, group: int) -> tuple[str, dict]:
        matched, params = self._matched(name, query, kind)
        params[f"{name}_title"] = " | ".join(self._term(term) for term in query.terms)
        in_title = f"d.{PG_TITLE} @@ to_tsquery('simple', :{name}_title)"
        if group == UNTITLED:
            where = f"{matched} AND NOT {in_title}"
        elif len(query.terms) == 1:  # the same, from the short lists of title words
            where = in_title + (f" AND d.kind = '{KINDS[KINDS.index(kind)]}'" if kind else "")
        else:
            where = f"{matched} AND {in_title}"
        sql = (
            f"SELECT d.id, {group} AS grouped, -ts_rank_cd('{{0.0, 0.0, 0.1, 1.0}}', "
            f"d.{PG_TERMS}, to_tsquery('simple', :{name})) AS score "
            f"FROM search_documents AS d WHERE {where} ORDER BY d.id DESC LIMIT :candidates"
        )
        return sql, params


def backend() -> SqliteBackend | PostgresBackend:
    """The backend of the database in use."""
    return PostgresBackend() if db.engine.dialect.name == "postgresql" else SqliteBackend()


# A comment is shown only while it is visible and not held, whatever the index says,
_GUARD = (
    "(p.kind <> 'comment' OR EXISTS (SELECT 1 FROM comments AS c "
    "WHERE c.id = p.object_id AND c.state = 'visible' AND NOT c.held)) "
    # and so is a comment's file.
    "AND (p.kind <> 'document' OR NOT EXISTS (SELECT 1 FROM documents AS f "
    "JOIN comments AS c ON c.id = f.owner_id WHERE f.id = p.object_id "
    "AND f.owner_type = 'comment' AND (c.state <> 'visible' OR c.held)))"
)


def _page_sql(parts: list[str]) -> str:
    """One row per thing among the candidates, its document in the reader's language if that
    one is a candidate, ranked; one page of them and how many there are."""
    union = " UNION ALL ".join(
        f"SELECT * FROM ({part}) AS part_{n}" for n, part in enumerate(parts)
    )
    return (
        f"WITH candidates AS MATERIALIZED ({union}), "
        "best AS (SELECT c.id, c.grouped, c.score, ROW_NUMBER() OVER ("
        "PARTITION BY d.kind, d.object_id "
        "ORDER BY CASE WHEN d.locale = :lang THEN 0 ELSE 1 END, c.grouped, c.score, c.id"
        ") AS choice FROM candidates AS c JOIN search_documents AS d ON d.id = c.id), "
        "page AS (SELECT best.id, best.grouped, best.score, count(*) OVER () AS reachable "
        "FROM best WHERE best.choice = 1 "
        "ORDER BY best.grouped, best.score, best.id LIMIT :limit OFFSET :offset) "
        "SELECT p.kind, p.object_id, p.locale, p.title, p.context, p.body, p.url_key, "
        "p.anchor, p.written_at, page.reachable FROM page "
        f"JOIN search_documents AS p ON p.id = page.id WHERE {_GUARD} "
        "ORDER BY page.grouped, page.score, page.id"
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
    """One page of results, with how many of each kind matched (at most COUNT_CAP + 1 each:
    past COUNT_CAP the number is "more than COUNT_CAP"). `total` is how many results can be
    paged through; `found` how many matched, of the kind asked for or of every kind."""

    counts: dict[str, int] = field(default_factory=dict)
    kind: str = ""
    cap: int = COUNT_CAP

    def capped(self, kind: str | None = None) -> bool:
        """Whether more of `kind` (or of the kind asked for, or of any) matched than counted."""
        kind = self.kind if kind is None else kind
        if kind:
            return self.counts.get(kind, 0) > self.cap
        return any(number > self.cap for number in self.counts.values())

    def count(self, kind: str) -> int:
        """The number shown for `kind`: exact, or the cap when more matched."""
        return min(self.counts.get(kind, 0), self.cap)

    @property
    def everything(self) -> int:
        """Things of every kind: exact, or at least this many when capped()."""
        return sum(self.count(kind) for kind in self.counts)

    @property
    def found(self) -> int:
        return self.count(self.kind) if self.kind else self.everything

    @property
    def limited(self) -> bool:
        """More results matched than can be paged through."""
        return self.capped() or self.found > self.total


def search(query: Query, lang: str, kind: str = "", page: int = 1) -> Results:
    """The page `page` of what matches `query`, best first, of one kind or all."""
    kind = kind if kind in KINDS else ""
    if not query:
        return Results([], page, PER_PAGE, 0, {}, kind, COUNT_CAP)
    engine = backend()
    engine.plan_for_these_words()
    matched = engine.whole_words(query)
    params = {
        "cap": COUNT_CAP,
        "over_cap": COUNT_CAP + 1,
        # An object has a document per language it has text in, whether offered or not.
        "every_language": len(SHIPPED_LANGUAGES) * COUNT_CAP + 1,
    }
    parts = []
    for name in KINDS:
        sql, more = engine.count(f"count_{name}", matched, name)
        parts.append(f"SELECT '{name}' AS kind, ({sql}) AS number")
        params.update(more)
    counted = db.session.execute(text(" UNION ALL ".join(parts)), params)
    counts = {name: number for name, number in counted if number}
    found = Results([], page, PER_PAGE, 0, counts, kind, COUNT_CAP).found
    items: list[Hit] = []
    total = found
    if found and (page - 1) * PER_PAGE < 2 * CANDIDATES:
        parts, params = [], {"lang": lang, "candidates": CANDIDATES}
        for group in (TITLED, UNTITLED):
            sql, more = engine.candidates(f"match_{group}", matched, kind, group)
            parts.append(sql)
            params.update(more)
        stmt = text(_page_sql(parts)).columns(
            kind=String,
            object_id=Integer,
            locale=String,
            title=Text,
            context=Text,
            body=Text,
            url_key=String,
            anchor=String,
            written_at=DateTime(timezone=True),
            reachable=Integer,
        )
        params.update(limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
        rows = db.session.execute(stmt, params).all()
        items = [Hit(*row[:-1], query=query) for row in rows]
        if rows:  # the things ranked, which every page of results is cut from
            total = rows[0].reachable
    return Results(items, page, PER_PAGE, total, counts, kind, COUNT_CAP)
