"""The expectations survey before a first comment, and results split by respondent group."""

from __future__ import annotations

import pytest
from responses.pages import table

from consultations.clock import now
from consultations.extensions import db
from consultations.satisfaction.models import (
    ExpectationAnswer,
    ExpectedOutcome,
    ExpectedWait,
    Respondent,
    SatisfactionAnswer,
)
from consultations.satisfaction.results import MIN_GROUP_SIZE

from helpers import login

PAGE = "/en/consultations/open-data"
ANSWER = PAGE + "/expectations"
QUESTION = "What do you expect to happen with your comment? (optional)"


@pytest.fixture
def consultation(make_consultation):
    return make_consultation(slug="open-data")


@pytest.fixture
def citizen(client, make_user):
    user = make_user()
    login(client, user)
    return user


def kept() -> list[ExpectationAnswer]:
    return list(db.session.scalars(db.select(ExpectationAnswer)))


def test_offered_before_the_first_comment_and_works_without_script(client, consultation, citizen):
    page = client.get(PAGE).get_data(as_text=True)
    assert f"<legend>{QUESTION}</legend>" in page
    assert f'action="{ANSWER}#expectations"' in page and ">Skip these questions</button>" in page
    assert "<legend>Do you answer as a resident, for an organisation or for a business?" in page


def test_not_offered_to_visitors_or_after_a_first_comment(
    client, consultation, make_user, make_comment
):
    assert QUESTION not in client.get(PAGE).get_data(as_text=True)
    user = make_user()
    make_comment(consultation, author=user)
    login(client, user)
    assert QUESTION not in client.get(PAGE).get_data(as_text=True)


def test_answers_are_kept_once_per_account(client, consultation, citizen):
    data = {"outcome": "answered", "wait": "month", "respondent": "organisation", "send": "1"}
    response = client.post(ANSWER, data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith("#write")
    [answer] = kept()
    assert (answer.outcome, answer.wait) == (ExpectedOutcome.ANSWERED, ExpectedWait.MONTH)
    assert answer.respondent == Respondent.ORGANISATION and answer.user_id == citizen.id
    assert QUESTION not in client.get(PAGE).get_data(as_text=True)
    client.post(ANSWER, data=data)
    assert len(kept()) == 1


def test_every_question_may_be_left_empty(client, consultation, citizen):
    assert client.post(ANSWER, data={"send": "1"}).status_code == 302
    [answer] = kept()
    assert answer.outcome is None and answer.wait is None and not answer.declined


def test_skipping_is_kept_and_not_asked_again(client, consultation, citizen):
    assert client.post(ANSWER, data={"skip": "1"}).status_code == 302
    [answer] = kept()
    assert answer.declined and answer.outcome is None
    assert QUESTION not in client.get(PAGE).get_data(as_text=True)


def test_an_answer_that_is_not_offered_is_refused_and_nothing_kept(client, consultation, citizen):
    response = client.post(ANSWER, data={"outcome": "everything", "send": "1"})
    assert response.status_code == 422
    assert "Choose one of the answers, or leave it empty." in response.get_data(as_text=True)
    assert kept() == []


def test_the_satisfaction_survey_asks_in_whose_name(client, consultation, citizen):
    client.post(PAGE + "/comments", data={"body": "My first comment.", "language": "en"})
    data = {"satisfaction": "4", "ease": "5", "respondent": "business", "send": "1"}
    assert client.post(PAGE + "/survey", data=data).status_code == 302
    [answer] = db.session.scalars(db.select(SatisfactionAnswer))
    assert answer.respondent == Respondent.BUSINESS


def _expect(make_user, respondent, count, wait=ExpectedWait.WEEK):
    for _ in range(count):
        db.session.add(
            ExpectationAnswer(
                user_id=make_user().id,
                outcome=ExpectedOutcome.ANSWERED,
                wait=wait,
                respondent=respondent,
                declined=False,
                created_at=now(),
            )
        )
    db.session.commit()


def test_quality_shows_expectations_by_group_never_below_the_minimum(client, make_user):
    assert MIN_GROUP_SIZE == 5
    _expect(make_user, Respondent.RESIDENT, 5)
    _expect(make_user, Respondent.BUSINESS, 4, ExpectedWait.QUARTER)
    html = client.get("/en/quality").get_data(as_text=True)
    rows = table(html, "How long people expect to wait for a response")
    assert rows[0][:5] == [
        "Expected wait",
        "Everyone",
        "As a resident",
        "For an organisation",
        "For a business",
    ]
    by_wait = {row[0]: row[1:] for row in rows[1:]}
    # Everyone: 9 answers, 5 of them a week; residents: 5 of 5; businesses (4): withheld.
    assert by_wait["Within a week"][:4] == [
        "56%",
        "100%",
        "fewer than 5 answers",
        "fewer than 5 answers",
    ]
    assert by_wait["Within three months"][0] == "44%"
    _expect(make_user, Respondent.BUSINESS, 1, ExpectedWait.QUARTER)
    html = client.get("/en/quality").get_data(as_text=True)
    rows = {r[0]: r[1:] for r in table(html, "How long people expect to wait for a response")}
    assert rows["Within three months"][3] == "100%"  # five businesses now: shown
