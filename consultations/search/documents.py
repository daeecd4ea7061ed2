"""Search documents built from the live tables: one per thing and language.

Everything here reads and writes through a Core connection, so it runs inside a flush
(the session hook) as well as from the reindex command, in the caller's transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from flask import current_app
from sqlalchemy import Connection, and_, delete, func, insert, or_, select, text

from ..comments.models import Comment, CommentState
from ..consultation.models import Consultation, ConsultationText, Section, SectionText
from ..documents.models import Document, DocumentText
from ..plans.models import Commitment, CommitmentText, ProgressUpdate, ProgressUpdateText
from .models import INDEX_NAME, KINDS, WORDS_NAME, SearchDocument
from .text import ALNUM_RUN, index_text

CHUNK = 500  # ids per statement, well under every database's parameter limit

_documents = SearchDocument.__table__


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def _document(kind, object_id, locale, *, title="", context="", body="", indexed_title="",
              url_key="", anchor="", written_at=None) -> dict:  # fmt: skip
    return {
        "kind": kind,
        "object_id": object_id,
        "locale": locale,
        "title": title,
        "context": context,
        "body": body,
        "title_normalised": index_text(indexed_title),
        "body_normalised": index_text(body),
        "url_key": url_key,
        "anchor": anchor,
        "written_at": written_at,
    }


def _in_language(titles: dict[str, str], lang: str) -> str:
    """The title in `lang`, else in English, else in any language it has."""
    if titles.get(lang):
        return titles[lang]
    if titles.get("en"):
        return titles["en"]
    return next((titles[key] for key in sorted(titles) if titles[key]), "")


def _titles(connection: Connection, model, owner: str, ids: set[int]) -> dict:
    """{owner id: {locale: title}} of the text rows `model` of the owners `ids`."""
    owner_column = getattr(model, owner)
    titles: dict[int, dict[str, str]] = defaultdict(dict)
    for chunk in _chunks(ids):
        rows = connection.execute(
            select(owner_column, model.locale, model.title).where(owner_column.in_(chunk))
        )
        for owner, locale, title in rows:
            titles[owner][locale] = title
    return titles


def _where(stmt, column, ids: list[int] | None):
    return stmt if ids is None else stmt.where(column.in_(ids))


def _commitments(connection: Connection, ids: list[int] | None) -> list[dict]:
    stmt = select(
        Commitment.id,
        Commitment.reference,
        CommitmentText.locale,
        CommitmentText.title,
        CommitmentText.problem,
        CommitmentText.objective,
        CommitmentText.description,
        CommitmentText.other_actors,
        CommitmentText.updated_at,
    ).join(CommitmentText, CommitmentText.commitment_id == Commitment.id)
    documents = []
    for row in connection.execute(_where(stmt, Commitment.id, ids)):
        fields = (row.problem, row.objective, row.description, row.other_actors)
        documents.append(
            _document(
                "commitment",
                row.id,
                row.locale,
                title=row.title,
                body="\n\n".join(field for field in fields if field),
                indexed_title=f"{row.reference} {row.title}",
                url_key=row.reference,
                written_at=row.updated_at,
            )
        )
    return documents


def _consultations(connection: Connection, ids: list[int] | None) -> list[dict]:
    stmt = select(
        Consultation.id,
        Consultation.slug,
        ConsultationText.locale,
        ConsultationText.title,
        ConsultationText.introduction,
        ConsultationText.updated_at,
    ).join(ConsultationText, ConsultationText.consultation_id == Consultation.id)
    return [
        _document(
            "consultation",
            row.id,
            row.locale,
            title=row.title,
            body=row.introduction or "",
            indexed_title=row.title,
            url_key=row.slug,
            written_at=row.updated_at,
        )
        for row in connection.execute(_where(stmt, Consultation.id, ids))
    ]


def _sections(connection: Connection, ids: list[int] | None) -> list[dict]:
    stmt = (
        select(
            Section.id,
            Section.anchor,
            Section.consultation_id,
            Consultation.slug,
            SectionText.locale,
            SectionText.heading,
            SectionText.body,
            SectionText.updated_at,
        )
        .join(SectionText, SectionText.section_id == Section.id)
        .join(Consultation, Consultation.id == Section.consultation_id)
    )
    rows = connection.execute(_where(stmt, Section.id, ids)).all()
    titles = _titles(
        connection,
        ConsultationText,
        "consultation_id",
        {row.consultation_id for row in rows},
    )
    return [
        _document(
            "section",
            row.id,
            row.locale,
            title=row.heading or "",
            context=_in_language(titles[row.consultation_id], row.locale),
            body=row.body or "",
            indexed_title=row.heading or "",
            url_key=row.slug,
            anchor=row.anchor,
            written_at=row.updated_at,
        )
        for row in rows
    ]


def _updates(connection: Connection, ids: list[int] | None) -> list[dict]:
    stmt = (
        select(
            ProgressUpdate.id,
            ProgressUpdate.commitment_id,
            ProgressUpdate.published_at,
            Commitment.reference,
            ProgressUpdateText.locale,
            ProgressUpdateText.narrative,
        )
        .join(ProgressUpdateText, ProgressUpdateText.update_id == ProgressUpdate.id)
        .join(Commitment, Commitment.id == ProgressUpdate.commitment_id)
    )
    rows = connection.execute(_where(stmt, ProgressUpdate.id, ids)).all()
    titles = _titles(
        connection,
        CommitmentText,
        "commitment_id",
        {row.commitment_id for row in rows},
    )
    return [
        _document(
            "update",
            row.id,
            row.locale,
            context=_in_language(titles[row.commitment_id], row.locale),
            body=row.narrative or "",
            url_key=row.reference,
            anchor=f"update-{row.id}",
            written_at=row.published_at,
        )
        for row in rows
    ]


def _comments(connection: Connection, ids: list[int] | None) -> list[dict]:
    """Visible comments only: hidden, held and removed ones are never indexed."""
    stmt = (
        select(
            Comment.id,
            Comment.consultation_id,
            Comment.language,
            Comment.body_text,
            Comment.created_at,
            Consultation.slug,
        )
        .join(Consultation, Consultation.id == Comment.consultation_id)
        .where(Comment.state == CommentState.VISIBLE, Comment.held.is_(False))
    )
    rows = connection.execute(_where(stmt, Comment.id, ids)).all()
    titles = _titles(
        connection,
        ConsultationText,
        "consultation_id",
        {row.consultation_id for row in rows},
    )
    return [
        _document(
            "comment",
            row.id,
            row.language,
            context=_in_language(titles[row.consultation_id], row.language),
            body=row.body_text or "",
            url_key=row.slug,
            anchor=f"comment-{row.id}",
            written_at=row.created_at,
        )
        for row in rows
    ]


def _files(connection: Connection, ids: list[int] | None) -> list[dict]:
    """Documents by title and file name; a comment's only while the comment is public."""
    public_comments = select(Comment.id).where(
        Comment.state == CommentState.VISIBLE, Comment.held.is_(False)
    )
    stmt = select(
        Document.id, Document.original_name, Document.uploaded_at, DocumentText.locale,
        DocumentText.title,
    ).outerjoin(DocumentText, DocumentText.document_id == Document.id).where(
        or_(Document.owner_type != "comment", Document.owner_id.in_(public_comments)),
        Document.owner_type != "evidence_link",  # found through the record citing the link
    )  # fmt: skip
    rows = connection.execute(_where(stmt, Document.id, ids)).all()
    untitled = current_app.config["DEFAULT_LANGUAGE"]
    return [
        _document(
            "document",
            row.id,
            row.locale or untitled,
            title=row.title or row.original_name,
            body=row.original_name,
            indexed_title=row.title or row.original_name,
            written_at=row.uploaded_at,
        )
        for row in rows
    ]


def _proposals(connection: Connection, ids: list[int] | None) -> list[dict]:
    """Visible proposals from the public, in the language they were written in."""
    from ..proposals.models import Proposal, public_proposal

    stmt = select(
        Proposal.id, Proposal.language, Proposal.title, Proposal.problem, Proposal.solution,
        Proposal.created_at,
    ).where(public_proposal())  # fmt: skip
    rows = connection.execute(_where(stmt, Proposal.id, ids)).all()
    return [
        _document(
            "proposal",
            row.id,
            row.language,
            title=row.title,
            body=f"{row.problem}\n{row.solution}",
            indexed_title=row.title,
            written_at=row.created_at,
        )
        for row in rows
    ]


def _html_text(*parts: str) -> str:
    from ..sanitize import plain_text

    return "\n\n".join(text for text in (plain_text(part or "") for part in parts) if text)


def _meetings(connection: Connection, ids: list[int] | None) -> list[dict]:
    """Forum meetings by what has been published of them: the agenda once it is, the
    minutes and decisions once they are; a meeting with nothing published is not indexed."""
    from ..forum.models import Forum, Meeting

    stmt = (
        select(
            Meeting.id, Meeting.language, Meeting.held_at, Meeting.place, Forum.country,
            Meeting.agenda_html, Meeting.agenda_published_at, Meeting.minutes_html,
            Meeting.decisions_html, Meeting.minutes_published_at,
        )
        .join(Forum, Forum.id == Meeting.forum_id)
        .where(
            or_(Meeting.agenda_published_at.is_not(None), Meeting.minutes_published_at.is_not(None))
        )
    )  # fmt: skip
    documents = []
    for row in connection.execute(_where(stmt, Meeting.id, ids)):
        agenda = row.agenda_html if row.agenda_published_at else ""
        minutes = (row.minutes_html, row.decisions_html) if row.minutes_published_at else ()
        documents.append(
            _document(
                "meeting",
                row.id,
                row.language,
                body=_html_text(agenda, *minutes),
                indexed_title=row.place or "",
                url_key=row.country,
                written_at=row.held_at,
            )
        )
    return documents


def _country(code: str, lang: str) -> str:
    """A country's name in `lang` (English when Babel does not know the language)."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse("en")
    return locale.territories.get(code, code)


def _forums(connection: Connection, ids: list[int] | None) -> list[dict]:
    """A forum's pages: how to join, in the language it was written in, and its current
    rules of participation in theirs; found by the country's name too."""
    from ..forum.models import Forum, ForumRules

    forums = connection.execute(
        _where(select(Forum.id, Forum.country, Forum.join_html, Forum.join_language), Forum.id, ids)
    ).all()
    latest = (
        select(ForumRules.forum_id, func.max(ForumRules.version).label("version"))
        .group_by(ForumRules.forum_id)
        .subquery()
    )
    rules_stmt = select(ForumRules.forum_id, ForumRules.language, ForumRules.body_html).join(
        latest,
        and_(latest.c.forum_id == ForumRules.forum_id, latest.c.version == ForumRules.version),
    )
    rules = {
        row.forum_id: row
        for row in connection.execute(_where(rules_stmt, ForumRules.forum_id, ids))
    }
    documents = []
    for forum in forums:
        texts: dict[str, list[str]] = defaultdict(list)
        texts[forum.join_language].append(forum.join_html)
        if forum.id in rules:
            texts[rules[forum.id].language].append(rules[forum.id].body_html)
        for locale, parts in texts.items():
            name = _country(forum.country, locale)
            documents.append(
                _document(
                    "forum",
                    forum.id,
                    locale,
                    body=_html_text(*parts),
                    indexed_title=f"{forum.country} {name}",
                    url_key=forum.country,
                )
            )
    return documents


BUILDERS = {
    "commitment": _commitments,
    "consultation": _consultations,
    "section": _sections,
    "update": _updates,
    "comment": _comments,
    "document": _files,
    "proposal": _proposals,
    "meeting": _meetings,
    "forum": _forums,
}


def _with_dependents(connection: Connection, targets: dict[str, set[int]]) -> dict[str, set[int]]:
    """Add what shows a parent's title or address: a commitment's updates, a consultation's
    sections and comments; and what a comment's visibility decides: its files."""
    targets = {kind: set(ids) for kind, ids in targets.items()}
    dependents = (
        ("commitment", "update", ProgressUpdate.id, ProgressUpdate.commitment_id, True),
        ("consultation", "section", Section.id, Section.consultation_id, True),
        ("consultation", "comment", Comment.id, Comment.consultation_id, True),
        # A comment hidden, held or restored takes its files out of search or back in.
        ("comment", "document", Document.id, Document.owner_id, Document.owner_type == "comment"),
    )
    for parent, kind, id_column, parent_column, condition in dependents:
        for chunk in _chunks(targets.get(parent, ())):
            found = connection.scalars(
                select(id_column).where(and_(parent_column.in_(chunk), condition))
            )
            targets.setdefault(kind, set()).update(found)
    return targets


def refresh(connection: Connection, targets: dict[str, set[int]]) -> None:
    """Rewrite the documents of these things from their current rows (none if gone or hidden)."""
    for kind, ids in _with_dependents(connection, targets).items():
        for chunk in _chunks(ids):
            connection.execute(
                delete(_documents).where(
                    _documents.c.kind == kind, _documents.c.object_id.in_(chunk)
                )
            )
            documents = BUILDERS[kind](connection, chunk)
            if documents:
                connection.execute(insert(_documents), documents)
                _note_words(connection, documents)


def rebuild(connection: Connection) -> dict[str, int]:
    """Every document written again from scratch; how many of each kind."""
    connection.execute(delete(_documents))
    counts = {}
    for kind in KINDS:
        documents = BUILDERS[kind](connection, None)
        for start in range(0, len(documents), CHUNK):
            connection.execute(insert(_documents), documents[start : start + CHUNK])
        counts[kind] = len(documents)
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"INSERT INTO {INDEX_NAME}({INDEX_NAME}) VALUES ('rebuild')"))
        rebuild_words(connection)
    return counts


_NOTE_WORD = text(f"INSERT OR IGNORE INTO {WORDS_NAME} (word) VALUES (:word)")


def _note_words(connection: Connection, documents: list[dict]) -> None:
    """Add the words of new documents to the SQLite index's words, cut as FTS5's unicode61
    tokenizer cuts them: runs of letters and digits (the normalised text has no marks left,
    nor quotes inside words). None is ever taken out: a word no document holds any more
    expands into a word that matches nothing."""
    if connection.dialect.name != "sqlite":
        return
    found = {
        word
        for document in documents
        for column in ("title_normalised", "body_normalised")
        for word in ALNUM_RUN.findall(document[column])
    }
    if found:
        connection.execute(_NOTE_WORD, [{"word": word} for word in sorted(found)])


def rebuild_words(connection: Connection) -> None:
    """The SQLite index's words, read from the index itself."""
    vocabulary = f"{INDEX_NAME}_vocabulary"
    connection.execute(text(f"DELETE FROM {WORDS_NAME}"))
    connection.execute(
        text(f"CREATE VIRTUAL TABLE temp.{vocabulary} USING fts5vocab(main, {INDEX_NAME}, 'row')")
    )
    connection.execute(text(f"INSERT INTO {WORDS_NAME} (word) SELECT term FROM temp.{vocabulary}"))
    connection.execute(text(f"DROP TABLE temp.{vocabulary}"))
