"""The shared read helpers: each comment's answer, and "N of M answered" with the deadline."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from consultations.clock import as_utc, now
from consultations.comments.models import CommentState
from consultations.extensions import db
from consultations.responses import services
from consultations.responses.queries import answers_for, response_summary


def answer(world, consultation, comments, days_after_closing: float):
    return services.publish_response(
        world.coordinator,
        consultation,
        outcome="adopted",
        texts={"en": {"reasons": "Done."}},
        comment_ids=[c.id for c in comments],
        moment=as_utc(consultation.closes_at) + timedelta(days=days_after_closing),
    )


def past_deadline(world, make_consultation):
    """Closed 46 days ago; its 30-day response deadline passed 16 days ago."""
    return make_consultation(
        agency=world.consultation.agency, opens_in=timedelta(days=-60), lasts=timedelta(days=14)
    )


def test_summary_counts_visible_comments_and_is_undecided_before_the_deadline(world, make_comment):
    consultation = world.consultation
    comments = [make_comment(consultation) for _ in range(4)]
    comments[3].state = CommentState.HIDDEN
    db.session.commit()
    answer(world, consultation, comments[:2], 1)
    summary = response_summary(consultation, now())
    assert (summary.answered, summary.total) == (2, 3)
    assert summary.deadline == as_utc(consultation.response_deadline)
    assert summary.deadline_met is None


def test_deadline_met_when_every_comment_was_answered_in_time(
    world, make_consultation, make_comment
):
    consultation = past_deadline(world, make_consultation)
    comments = [make_comment(consultation) for _ in range(2)]
    answer(world, consultation, comments, 29)
    summary = response_summary(consultation, now())
    assert (summary.answered, summary.total, summary.deadline_met) == (2, 2, True)


def test_deadline_missed_when_a_comment_waited_past_it(world, make_consultation, make_comment):
    consultation = past_deadline(world, make_consultation)
    late, unanswered = make_comment(consultation), make_comment(consultation)
    answer(world, consultation, [late], 31)
    summary = response_summary(consultation, now())
    assert (summary.answered, summary.total, summary.deadline_met) == (1, 2, False)
    assert summary.answered_on_time == 0
    assert unanswered.id not in answers_for([late.id, unanswered.id])


def test_declaring_complete_before_the_deadline_meets_it(world, make_comment):
    comment = make_comment(world.consultation)
    answer(world, world.consultation, [comment], 1)
    services.complete_responses(world.coordinator, world.consultation)
    assert response_summary(world.consultation, now()).deadline_met is True


def test_answers_for_loads_responses_with_their_texts_in_one_query(
    world, make_comment, count_queries
):
    comments = [make_comment(world.consultation) for _ in range(3)]
    answer(world, world.consultation, comments[:2], 1)
    ids = [c.id for c in comments]
    db.session.expire_all()
    with count_queries() as counter:
        found = answers_for(ids)
        assert [t.reasons for t in found[ids[0]].texts] == ["Done."]
    assert counter.count == 1
    assert set(found) == set(ids[:2])
    assert answers_for([]) == {}


def test_partials_render_the_summary_and_the_answer(app, world, make_comment):
    from flask import render_template

    comment = make_comment(world.consultation)
    response = answer(world, world.consultation, [comment], 1)
    with app.test_request_context("/en/"):
        summary_html = render_template(
            "responses/_summary.html", summary=response_summary(world.consultation, now())
        )
        answer_html = render_template("responses/_answer.html", response=response)
    assert "1 of 1 comment answered" in summary_html
    assert "Responses are due by" in summary_html
    assert "adopted" in answer_html
    assert '<div class="prose" lang="en" dir="auto">Done.</div>' in answer_html


@pytest.mark.parametrize(
    ("lang", "count"),
    [
        ("en", "1 of 1 comment answered."),
        ("he", "הערות שקיבלו מענה: 1 מתוך 1."),
        ("lv", "Atbildēts uz 1 no 1 komentāra."),
        ("hu", "1 észrevételből 1 megválaszolva."),
    ],
)
def test_the_summary_is_separate_sentences_in_every_language(app, world, make_comment, lang, count):
    from flask import render_template

    answer(world, world.consultation, [make_comment(world.consultation)], 1)
    with app.test_request_context(f"/{lang}/"):
        html = render_template(
            "responses/_summary.html", summary=response_summary(world.consultation, now())
        )
    sentences = re.findall(r"<span>([^<]*)</span>", html)
    assert sentences[0] == count
    assert len(sentences) == 2 and sentences[1].endswith(".")
