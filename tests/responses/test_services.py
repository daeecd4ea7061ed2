"""The rules of reasoned responses: who answers, what can be answered, and what is written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consultations.audit.models import AuditEvent
from consultations.clock import now
from consultations.comments.models import CommentState
from consultations.errors import FieldRejected, PermissionDenied
from consultations.extensions import db
from consultations.responses import services
from consultations.responses.models import AnsweredComment, Outcome, Response, ResponseText
from consultations.responses.queries import answers_for


def reasons(text: str = "We rewrote the section as you suggested.", lang: str = "en") -> dict:
    return {lang: {"reasons": text}}


def written() -> tuple[int, int, int, int]:
    """Rows of responses, their texts, answered comments and audit events."""
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Response, ResponseText, AnsweredComment, AuditEvent)
    )


def last_action() -> str:
    return db.session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(1))


def test_coordinator_answers_chosen_comments(world, make_comment):
    first, second, _third = (make_comment(world.consultation) for _ in range(3))
    response = services.publish_response(
        world.coordinator,
        world.consultation,
        outcome="partly_adopted",
        texts={"he": {"reasons": "שינינו את הסעיף."}, "en": {"reasons": " We changed it. "}},
        comment_ids=[first.id, second.id],
    )
    assert response.outcome == Outcome.PARTLY_ADOPTED
    assert {a.comment_id for a in response.answers} == {first.id, second.id}
    assert {t.locale: t.reasons for t in response.texts} == {
        "he": "שינינו את הסעיף.",
        "en": "We changed it.",
    }
    assert set(answers_for([first.id, second.id, _third.id])) == {first.id, second.id}
    assert last_action() == "response.publish"


def test_other_agencys_coordinator_is_refused_and_nothing_is_written(world, make_comment):
    comment = make_comment(world.consultation)
    before = written()
    for key in ("other_coordinator", "citizen", "moderator", "admin", "monitor"):
        with pytest.raises(PermissionDenied):
            services.publish_response(
                world.users[key],
                world.consultation,
                outcome="adopted",
                texts=reasons(),
                comment_ids=[comment.id],
            )
    assert written() == before


def test_nobody_answers_before_the_consultation_opens(world, make_consultation, make_comment):
    upcoming = make_consultation(agency=world.consultation.agency, opens_in=timedelta(days=3))
    with pytest.raises(PermissionDenied):
        services.publish_response(
            world.coordinator, upcoming, outcome="adopted", texts=reasons(), comment_ids=[1]
        )


def test_an_answered_comment_cannot_be_answered_again(world, make_comment):
    comment, other = make_comment(world.consultation), make_comment(world.consultation)
    services.publish_response(
        world.coordinator,
        world.consultation,
        outcome="adopted",
        texts=reasons(),
        comment_ids=[comment.id],
    )
    before = written()
    with pytest.raises(FieldRejected) as refused:
        services.publish_response(
            world.coordinator,
            world.consultation,
            outcome="not_adopted",
            texts=reasons(),
            comment_ids=[other.id, comment.id],
        )
    assert refused.value.field == "comments"
    assert "already answered" in refused.value.message
    assert written() == before


@pytest.mark.parametrize("state", [CommentState.HIDDEN, CommentState.REMOVED])
def test_hidden_or_removed_comments_cannot_be_answered(world, make_comment, state):
    comment = make_comment(world.consultation)
    comment.state = state
    db.session.commit()
    before = written()
    with pytest.raises(FieldRejected, match="hidden or removed"):
        services.publish_response(
            world.coordinator,
            world.consultation,
            outcome="adopted",
            texts=reasons(),
            comment_ids=[comment.id],
        )
    assert written() == before


def test_comments_of_another_consultation_cannot_be_answered(
    world, make_consultation, make_comment
):
    elsewhere = make_comment(make_consultation(agency=world.consultation.agency))
    with pytest.raises(FieldRejected, match="another consultation"):
        services.publish_response(
            world.coordinator,
            world.consultation,
            outcome="adopted",
            texts=reasons(),
            comment_ids=[elsewhere.id],
        )
    with pytest.raises(FieldRejected, match="another consultation"):
        services.publish_response(
            world.coordinator,
            world.consultation,
            outcome="adopted",
            texts=reasons(),
            comment_ids=[999_999],
        )


def test_a_response_needs_a_comment_reasons_and_a_known_outcome(world, make_comment):
    comment = make_comment(world.consultation)
    before = written()
    cases = [
        ({"comment_ids": []}, "comments"),
        ({"comment_ids": [comment.id], "texts": {"en": {"reasons": "  "}}}, "reasons_en"),
        ({"comment_ids": [comment.id], "outcome": "ignored"}, "outcome"),
    ]
    for change, field in cases:
        arguments = {"outcome": "adopted", "texts": reasons(), **change}
        with pytest.raises(FieldRejected) as refused:
            services.publish_response(world.coordinator, world.consultation, **arguments)
        assert refused.value.field == field
    assert written() == before


def test_section_response_answers_every_waiting_comment_of_that_section(world, make_comment):
    consultation = world.consultation
    first, second = consultation.sections
    on_first = make_comment(consultation, section=first)
    reply = make_comment(consultation, parent=on_first)
    hidden = make_comment(consultation, section=first)
    hidden.state = CommentState.HIDDEN
    db.session.commit()
    answered = make_comment(consultation, section=first)
    services.publish_response(
        world.coordinator,
        consultation,
        outcome="adopted",
        texts=reasons(),
        comment_ids=[answered.id],
    )
    on_second = make_comment(consultation, section=second)
    general = make_comment(consultation)

    response = services.publish_response(
        world.coordinator, consultation, outcome="not_adopted", texts=reasons(), section=first
    )
    assert response.section_id == first.id
    assert {a.comment_id for a in response.answers} == {on_first.id, reply.id}
    assert set(answers_for([on_second.id, general.id, hidden.id])) == set()

    with pytest.raises(FieldRejected, match="already answered"):
        services.publish_response(
            world.coordinator, consultation, outcome="adopted", texts=reasons(), section=first
        )


def test_editing_keeps_the_comments_answered_and_marks_the_update(world, make_comment):
    comment = make_comment(world.consultation)
    response = services.publish_response(
        world.coordinator,
        world.consultation,
        outcome="adopted",
        texts=reasons(),
        comment_ids=[comment.id],
    )
    services.edit_response(
        world.coordinator, response, "partly_adopted", {"lv": {"reasons": "Daļēji pieņemts."}}
    )
    assert response.outcome == Outcome.PARTLY_ADOPTED
    assert [(t.locale, t.reasons) for t in response.texts] == [("lv", "Daļēji pieņemts.")]
    assert response.updated_at is not None
    assert answers_for([comment.id])[comment.id].id == response.id
    assert last_action() == "response.update"
    with pytest.raises(PermissionDenied):
        services.edit_response(world.users["other_coordinator"], response, "adopted", reasons())


def test_responses_are_complete_only_after_closing_and_once_all_are_answered(
    world, make_consultation, make_comment
):
    open_one = make_consultation(agency=world.consultation.agency)
    with pytest.raises(FieldRejected, match="after the consultation closes"):
        services.complete_responses(world.coordinator, open_one)
    assert open_one.responses_completed_at is None

    comment = make_comment(world.consultation)
    with pytest.raises(FieldRejected, match="1 comment still waits"):
        services.complete_responses(world.coordinator, world.consultation)
    with pytest.raises(PermissionDenied):
        services.complete_responses(world.users["other_coordinator"], world.consultation)

    services.publish_response(
        world.coordinator,
        world.consultation,
        outcome="adopted",
        texts=reasons(),
        comment_ids=[comment.id],
    )
    services.complete_responses(world.coordinator, world.consultation)
    assert world.consultation.responses_completed_at is not None
    assert world.consultation.phase(now()).value == "responded"
    assert last_action() == "responses.complete"
