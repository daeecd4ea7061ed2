"""The counters through every path a comment takes, on the whole draft and in a section, for
top-level comments and replies: written, held, hidden, restored, removed by its author."""

from __future__ import annotations

import pytest
from consultation.test_counters import assert_exact

from consultations.accounts.models import Role
from consultations.comments import services as comments
from consultations.comments.models import Comment
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
    comments.remove_comment(author, reply)
    assert assert_exact(consultation)["threads"] == 0


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
