"""The counters through every path a comment takes, on the whole draft and in a section, for
top-level comments and replies: written, held, hidden, restored, removed by its author."""

from __future__ import annotations

from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from consultation.test_counters import assert_exact
from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import Session

from consultations.accounts.models import Role
from consultations.clock import now
from consultations.comments import services as comments
from consultations.comments.models import Comment, CommentState
from consultations.comments.services import comment_fingerprint
from consultations.consultation import counters
from consultations.consultation.models import Consultation
from consultations.extensions import db
from consultations.moderation import services as moderation

FLAGS_TO_HOLD = 3


@pytest.fixture
def consultation(make_consultation):
    return make_consultation(slug="paths", sections=2)


@pytest.fixture
def moderator(make_user):
    return make_user(roles=(Role.MODERATOR,))


def write(consultation, author, where: str, reply: bool, text: str):
    """A comment on the whole draft or on section 2, top-level or a reply (and its parent)."""
    section = consultation.sections[1] if where == "section" else None
    parent = None
    if reply:
        parent = comments.add_comment(
            author, consultation, f"Parent of {text}", language="en", section=section
        )
    return comments.add_comment(
        author, consultation, text, language="en", section=section, parent=parent
    )


def hold(comment, make_user) -> None:
    for _ in range(FLAGS_TO_HOLD):
        moderation.flag_comment(make_user(), comment, "spam")
    assert db.session.get(Comment, comment.id).held


@pytest.mark.parametrize("reply", [False, True], ids=["top-level", "reply"])
@pytest.mark.parametrize("where", ["draft", "section"])
def test_hide_and_restore_move_every_counter_back_and_forth(
    consultation, make_user, moderator, where, reply
):
    comment = write(consultation, make_user(), where, reply, "Borderline words.")
    written = assert_exact(consultation)
    moderation.hide_comment(moderator, comment, "spam")
    hidden = assert_exact(consultation)
    assert hidden["comments"] == written["comments"] - 1
    if where == "section":
        assert hidden["sections"]["section-2"][0] == written["sections"]["section-2"][0] - 1
    moderation.restore_comment(moderator, comment)
    assert assert_exact(consultation) == written


@pytest.mark.parametrize("reply", [False, True], ids=["top-level", "reply"])
@pytest.mark.parametrize("where", ["draft", "section"])
def test_a_held_comment_keeps_its_place_and_counts_once_hidden_and_restored(
    consultation, make_user, moderator, where, reply
):
    comment = write(consultation, make_user(), where, reply, "Flagged words.")
    written = assert_exact(consultation)
    hold(comment, make_user)
    assert assert_exact(consultation) == written
    moderation.hide_comment(moderator, comment, "spam")
    assert assert_exact(consultation)["comments"] == written["comments"] - 1
    moderation.restore_comment(moderator, comment)
    assert assert_exact(consultation) == written


@pytest.mark.parametrize("reply", [False, True], ids=["top-level", "reply"])
@pytest.mark.parametrize("where", ["draft", "section"])
def test_removal_by_the_author_leaves_every_counter_exact(consultation, make_user, where, reply):
    author = make_user()
    comment = write(consultation, author, where, reply, "Taken back.")
    written = assert_exact(consultation)
    comments.remove_comment(author, comment)
    removed = assert_exact(consultation)
    assert removed["comments"] == written["comments"] - 1
    if where == "section":
        assert removed["sections"]["section-2"][0] == written["sections"]["section-2"][0] - 1
    assert removed["sections"]["section-1"] == (0, 0)


@pytest.mark.parametrize("where", ["draft", "section"])
def test_removing_the_last_reply_under_a_removed_comment_drops_its_thread(
    consultation, make_user, moderator, where
):
    author = make_user()
    reply = write(consultation, author, where, True, "The only answer.")
    parent = db.session.get(Comment, reply.parent_id)
    comments.remove_comment(author, parent)
    assert assert_exact(consultation)["threads"] == 1  # kept as a placeholder
    # Readers page through threads by position: the placeholder keeps one, a reply has none.
    assert db.session.get(Comment, parent.id).thread_position == 1
    assert db.session.get(Comment, reply.id).thread_position is None
    comments.remove_comment(author, reply)
    assert assert_exact(consultation)["threads"] == 0
    assert db.session.get(Comment, parent.id).thread_position is None


@pytest.mark.parametrize("where", ["draft", "section"])
def test_a_reply_under_a_removed_comment_brings_its_thread_back(consultation, make_user, where):
    author = make_user()
    section = consultation.sections[1] if where == "section" else None
    root = comments.add_comment(author, consultation, "Root.", language="en", section=section)
    comments.remove_comment(author, root)
    assert assert_exact(consultation)["threads"] == 0
    comments.add_comment(make_user(), consultation, "Late reply.", language="en", parent=root)
    stored = assert_exact(consultation)
    assert stored["threads"] == 1
    if where == "section":
        assert stored["sections"]["section-2"] == (1, 1)
    assert db.session.get(Comment, root.id).thread_position == 1  # on the first page again


def test_counters_of_one_consultation_never_move_anothers(
    consultation, make_consultation, make_user, moderator
):
    other = make_consultation(slug="untouched", sections=2)
    comments.add_comment(make_user(), other, "Elsewhere.", language="en")
    before = assert_exact(other)
    comment = write(consultation, make_user(), "section", True, "Here.")
    moderation.hide_comment(moderator, comment, "spam")
    moderation.restore_comment(moderator, comment)
    assert assert_exact(other) == before


@contextmanager
def statements_sent():
    """The SQL sent to the database meanwhile, on one line each, in capitals."""
    sent: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        sent.append(" ".join(statement.split()).upper())

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def test_a_flag_recounts_nothing(consultation, make_user):
    """Flags are bulk writes of a column no counter reads: a busy discussion must not be
    counted again, row by row, at every click of the flag button."""
    comment = write(consultation, make_user(), "section", False, "Flag me.")
    with statements_sent() as sent:
        moderation.flag_comment(make_user(), comment, "spam")
    assert any(s.startswith("UPDATE COMMENTS") for s in sent)
    assert not [s for s in sent if s.startswith(("UPDATE CONSULTATIONS", "UPDATE SECTIONS"))]


def bulk_row(consultation_id: int, author_id: int, text: str) -> dict:
    """One comment as bench-data inserts it, bypassing the flush."""
    return {
        "consultation_id": consultation_id,
        "section_id": None,
        "parent_id": None,
        "depth": 0,
        "author_id": author_id,
        "language": "en",
        "stance": None,
        "body_text": text,
        "body_html": f"<p>{text}</p>",
        "fingerprint": comment_fingerprint(text),
        "state": CommentState.VISIBLE,
        "held": False,
        "flag_count": 0,
        "created_at": now(),
    }


def test_the_counters_watch_every_session_once_however_many_apps_are_made(consultation, make_user):
    author = make_user()
    hooks = (("after_flush", counters._after_flush), ("do_orm_execute", counters._on_bulk_write))
    for name, hook in hooks:
        event.remove(Session, name, hook)
    try:
        counters.init_counters()
        counters.init_counters()  # a second app in the same process
        assert all(event.contains(Session, name, hook) for name, hook in hooks)
        write(consultation, author, "section", True, "Counted once.")  # flushed
        db.session.execute(insert(Comment), bulk_row(consultation.id, author.id, "Bulk."))
        db.session.commit()
        assert assert_exact(consultation)["comments"] == 3
    finally:
        for name, hook in hooks:
            if not event.contains(Session, name, hook):
                event.listen(Session, name, hook)


def test_a_bulk_insert_recounts_only_the_consultations_it_wrote_to(
    consultation, make_consultation, make_user
):
    """bench-data inserts comments in batches: recounting every consultation at each batch
    would take longer the more there are."""
    other = make_consultation(slug="elsewhere")
    drifted = update(Consultation).where(Consultation.id == other.id).values(comment_count=7)
    db.session.execute(drifted)
    db.session.execute(insert(Comment), bulk_row(consultation.id, make_user().id, "One row."))
    db.session.commit()
    assert assert_exact(consultation)["comments"] == 1
    assert db.session.get(Consultation, other.id).comment_count == 7


def test_a_reply_to_a_removed_comment_not_loaded_brings_its_thread_back(
    consultation, make_user, make_comment
):
    """The parent's state read from the database, as when a reply arrives in a new request."""
    author = make_user()
    root = comments.add_comment(author, consultation, "Root.", language="en")
    comments.remove_comment(author, root)
    ids = SimpleNamespace(id=consultation.id)
    parent = SimpleNamespace(id=root.id, section_id=None, depth=0)
    db.session.expunge_all()
    make_comment(ids, "Late reply.", parent=parent)
    assert assert_exact(db.session.get(Consultation, ids.id))["threads"] == 1


def test_a_recount_of_everything_numbers_each_consultations_threads_from_one(
    consultation, make_consultation, make_user
):
    """As `flask recount` and the migration do: each consultation's first page starts at 1."""
    other = make_consultation(slug="numbered-apart")
    author = make_user()
    for number, target in enumerate((consultation, other, consultation, other)):
        comments.add_comment(author, target, f"Thread {number}.", language="en")
    db.session.execute(update(Comment).values(thread_position=None))
    counters.recount(db.session.connection())
    db.session.commit()
    for target in (consultation, other):
        positions = db.session.scalars(
            select(Comment.thread_position)
            .where(Comment.consultation_id == target.id)
            .order_by(Comment.id)
        ).all()
        assert positions == [1, 2]


def fresh(comment: Comment) -> Comment:
    """Loaded, as a service holds it: the consultation it leaves is known."""
    db.session.refresh(comment)
    return comment


def positions_of(consultation) -> dict[int, int | None]:
    return dict(
        db.session.execute(
            select(Comment.id, Comment.thread_position).where(
                Comment.consultation_id == consultation.id
            )
        ).all()
    )


def test_a_new_thread_takes_its_place_without_a_recount(consultation, make_user, make_comment):
    """Readers page through threads by position: each new one needs its own, at once, and
    one written with an earlier time moves the later ones on."""
    author = make_user()
    first = comments.add_comment(author, consultation, "First.", language="en")
    second = comments.add_comment(author, consultation, "Second.", language="en")
    assert positions_of(consultation) == {first.id: 1, second.id: 2}
    between = make_comment(
        consultation,
        "Between.",
        created_at=first.created_at + (second.created_at - first.created_at) / 2,
    )
    assert positions_of(consultation) == {first.id: 1, between.id: 2, second.id: 3}


def test_comments_written_in_one_flush_are_all_counted(consultation, make_user):
    author = make_user()
    section = consultation.sections[1]
    for text in ("One.", "Two.", "Three."):
        db.session.add(
            Comment(**{**bulk_row(consultation.id, author.id, text), "section_id": section.id})
        )
    db.session.commit()
    stored = assert_exact(consultation)
    assert (stored["comments"], stored["threads"]) == (3, 3)
    assert stored["sections"]["section-2"] == (3, 3)
    assert sorted(p for p in positions_of(consultation).values()) == [1, 2, 3]


def test_a_comment_moved_and_hidden_at_once_is_counted_where_it_went(
    consultation, make_consultation, make_user
):
    other = make_consultation(slug="moved-to")
    comment = fresh(comments.add_comment(make_user(), consultation, "Moved.", language="en"))
    comment.consultation_id, comment.state = other.id, CommentState.HIDDEN
    db.session.commit()
    assert assert_exact(consultation)["comments"] == 0
    assert assert_exact(other)["comments"] == 0
    comment = fresh(comment)
    comment.consultation_id, comment.state = consultation.id, CommentState.VISIBLE
    db.session.commit()
    assert assert_exact(consultation)["comments"] == 1
    assert assert_exact(other)["comments"] == 0


def test_a_new_comment_or_reply_recounts_nothing(consultation, make_consultation, make_user):
    """Writing adds one to the counters it moves; counting the comments again, here or in
    every consultation, would cost more the longer the discussion."""
    author = make_user()
    root = comments.add_comment(author, consultation, "Root.", language="en")
    other = make_consultation(slug="left-alone")
    drifted = update(Consultation).where(Consultation.id == other.id).values(comment_count=7)
    db.session.execute(drifted)
    db.session.commit()
    with statements_sent() as sent:
        comments.add_comment(author, consultation, "Reply.", language="en", parent=root)
        comments.add_comment(author, consultation, "Another thread.", language="en")
    written = [s for s in sent if s.startswith(("UPDATE CONSULTATIONS", "UPDATE SECTIONS"))]
    assert written and not [s for s in written if "COUNT(" in s]
    assert assert_exact(consultation)["comments"] == 3
    assert db.session.get(Consultation, other.id).comment_count == 7


def drift(consultation) -> None:
    """Counters and positions another writer left wrong, for a recount to repair (written
    past the session's hooks, which would recount them at once)."""
    connection = db.session.connection()
    connection.execute(
        update(Consultation).where(Consultation.id == consultation.id).values(comment_count=7)
    )
    connection.execute(
        update(Comment)
        .where(Comment.consultation_id == consultation.id)
        .values(thread_position=Comment.thread_position + 10)
    )
    db.session.commit()


def test_recounting_some_consultations_leaves_the_others_as_they_are(
    consultation, make_consultation, make_user
):
    """A removal or an erased account recounts the consultations it touched, not every one."""
    other = make_consultation(slug="not-recounted")
    comments.add_comment(make_user(), other, "Elsewhere.", language="en")
    drift(other)
    left = (positions_of(other), db.session.get(Consultation, other.id).comment_count)
    author = make_user()
    comment = comments.add_comment(author, consultation, "Taken back.", language="en")
    comments.remove_comment(author, comment)
    comments.add_comment(author, consultation, "Erased.", language="en")
    db.session.execute(
        update(Comment).where(Comment.author_id == author.id).values(state=CommentState.REMOVED)
    )
    db.session.commit()
    assert assert_exact(consultation)["comments"] == 0
    db.session.expire_all()
    assert (positions_of(other), db.session.get(Consultation, other.id).comment_count) == left


def test_a_deleted_comment_leaves_the_counters(consultation, make_user):
    author = make_user()
    kept = comments.add_comment(author, consultation, "Kept.", language="en")
    gone = comments.add_comment(author, consultation, "Deleted.", language="en")
    db.session.delete(gone)
    db.session.commit()
    assert assert_exact(consultation)["comments"] == 1
    assert positions_of(consultation) == {kept.id: 1}


def test_a_bulk_update_of_every_comment_recounts_every_consultation(
    consultation, make_consultation, make_user
):
    other = make_consultation(slug="also-hidden")
    author = make_user()
    for target in (consultation, other):
        comments.add_comment(author, target, "Hidden in bulk.", language="en")
    db.session.execute(update(Comment).values(state=CommentState.HIDDEN))
    db.session.commit()
    assert assert_exact(consultation)["comments"] == 0
    assert assert_exact(other)["comments"] == 0
