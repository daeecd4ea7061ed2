"""Declaring responses complete with hidden, held and removed comments in the consultation:
only comments a reader can see wait for an answer."""

from __future__ import annotations

import pytest

from consultations.clock import now
from consultations.comments.models import CommentState
from consultations.errors import FieldRejected
from consultations.extensions import db
from consultations.responses import services
from consultations.responses.queries import response_summary

from .conftest import reasons


def set_state(comment, state: str) -> None:
    if state == "hidden":
        comment.state, comment.hidden_at = CommentState.HIDDEN, now()
    elif state == "removed":
        comment.state, comment.body_text = CommentState.REMOVED, ""
    db.session.commit()


@pytest.mark.parametrize("state", ["hidden", "removed"])
def test_hidden_and_removed_comments_do_not_wait_for_an_answer(world, make_comment, state):
    answered, other = make_comment(world.consultation), make_comment(world.consultation)
    set_state(other, state)
    services.publish_response(
        world.coordinator,
        world.consultation,
        outcome="adopted",
        texts=reasons(),
        comment_ids=[answered.id],
    )
    assert services.unanswered_count(world.consultation) == 0

    services.complete_responses(world.coordinator, world.consultation)

    assert world.consultation.responses_completed_at is not None
    summary = response_summary(world.consultation, now())
    assert (summary.answered, summary.total) == (1, 1)


def test_a_held_comment_still_waits_for_an_answer(world, make_comment):
    held = make_comment(world.consultation)
    held.held = True
    db.session.commit()
    assert services.unanswered_count(world.consultation) == 1
    with pytest.raises(FieldRejected, match="1 comment still waits"):
        services.complete_responses(world.coordinator, world.consultation)
    assert world.consultation.responses_completed_at is None


def test_only_visible_unanswered_comments_are_counted_with_every_state_present(world, make_comment):
    states = ("a", "b", "hidden", "removed")
    comments = {state: make_comment(world.consultation) for state in states}
    set_state(comments["hidden"], "hidden")
    set_state(comments["removed"], "removed")
    assert services.unanswered_count(world.consultation) == 2
    with pytest.raises(FieldRejected, match="2 comments still wait"):
        services.complete_responses(world.coordinator, world.consultation)
    services.publish_response(
        world.coordinator,
        world.consultation,
        outcome="partly_adopted",
        texts=reasons(),
        comment_ids=[comments["a"].id, comments["b"].id],
    )
    services.complete_responses(world.coordinator, world.consultation)
    assert world.consultation.responses_completed_at is not None


def test_a_comment_hidden_after_being_answered_leaves_completion_possible(world, make_comment):
    comment = make_comment(world.consultation)
    services.publish_response(
        world.coordinator,
        world.consultation,
        outcome="adopted",
        texts=reasons(),
        comment_ids=[comment.id],
    )
    set_state(comment, "hidden")
    services.complete_responses(world.coordinator, world.consultation)
    assert world.consultation.responses_completed_at is not None
