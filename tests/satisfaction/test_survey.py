"""The satisfaction survey: offered once after a first comment, answered or declined."""

from __future__ import annotations

import pytest

from consultations.errors import FieldRejected, PermissionDenied
from consultations.extensions import db
from consultations.satisfaction import services
from consultations.satisfaction.models import SatisfactionAnswer

from helpers import login

PAGE = "/en/consultations/open-data"
SURVEY = "/en/consultations/open-data/survey"
QUESTION = "How satisfied are you with taking part in this consultation?"


@pytest.fixture
def consultation(make_consultation):
    return make_consultation(slug="open-data")


@pytest.fixture
def citizen(client, make_user):
    user = make_user()
    login(client, user)
    return user


def answers() -> list[SatisfactionAnswer]:
    return list(db.session.scalars(db.select(SatisfactionAnswer)))


def html(response) -> str:
    return response.get_data(as_text=True)


def test_not_offered_before_taking_part(client, consultation, citizen):
    assert QUESTION not in html(client.get(PAGE))


def test_not_offered_to_visitors(client, consultation, make_comment):
    make_comment(consultation)
    assert QUESTION not in html(client.get(PAGE))


def test_offered_after_the_first_comment_with_labelled_scales(client, consultation, citizen):
    client.post(PAGE + "/comments", data={"body": "My first comment.", "language": "en"})
    page = html(client.get(PAGE))
    assert '<aside class="survey" id="survey"' in page
    assert f"<legend>{QUESTION}</legend>" in page
    assert "<legend>How easy was it to take part?</legend>" in page
    assert '<label for="satisfaction-0">1 <span class="scale-end">very dissatisfied</span>' in page
    assert '<label for="ease-4">5 <span class="scale-end">very easy</span>' in page
    assert ">No, thanks</button>" in page


def test_answering_records_it_once_and_the_survey_goes_away(
    client, consultation, citizen, make_comment
):
    make_comment(consultation, author=citizen)
    response = client.post(
        SURVEY, data={"satisfaction": "4", "ease": "5", "remark": "Clear and quick."}
    )
    assert response.status_code == 302
    [answer] = answers()
    assert (answer.satisfaction, answer.ease, answer.remark, answer.declined) == (
        4,
        5,
        "Clear and quick.",
        False,
    )
    assert (answer.user_id, answer.consultation_id) == (citizen.id, consultation.id)
    page = html(client.get(PAGE))
    assert "Thank you for your answers." in page and QUESTION not in page
    again = client.post(SURVEY, data={"satisfaction": "1", "ease": "1"})
    assert again.status_code == 302
    assert "You have already answered the survey" in html(client.get(PAGE))
    assert len(answers()) == 1


def test_no_thanks_records_a_decline_and_is_not_asked_again(
    client, consultation, citizen, make_comment
):
    make_comment(consultation, author=citizen)
    response = client.post(SURVEY, data={"decline": "1"})
    assert response.status_code == 302
    [answer] = answers()
    assert answer.declined and answer.satisfaction is None
    page = html(client.get(PAGE))
    assert "We will not ask you about this consultation again." in page
    assert QUESTION not in page


def test_offered_again_for_another_consultation(
    client, consultation, citizen, make_comment, make_consultation
):
    other = make_consultation(slug="other")
    make_comment(consultation, author=citizen)
    make_comment(other, author=citizen)
    client.post(SURVEY, data={"decline": "1"})
    assert QUESTION in html(client.get("/en/consultations/other"))


@pytest.mark.parametrize("score", ["0", "6", "", "many"])
def test_invalid_score_is_refused_with_the_answers_kept(
    client, consultation, citizen, make_comment, score
):
    make_comment(consultation, author=citizen)
    response = client.post(SURVEY, data={"satisfaction": score, "ease": "3", "remark": "Keep me."})
    page = html(response)
    assert response.status_code == 422
    assert "Choose a number from 1 to 5." in page
    assert "Keep me.</textarea>" in page
    assert 'checked id="ease-2"' in page
    assert answers() == []


def test_too_long_remark_is_refused(client, consultation, citizen, make_comment):
    make_comment(consultation, author=citizen)
    response = client.post(SURVEY, data={"satisfaction": "3", "ease": "3", "remark": "x" * 1001})
    assert response.status_code == 422
    assert "Please keep your remark to 1000 characters or fewer." in html(response)
    assert answers() == []


def test_people_who_did_not_comment_cannot_answer(client, consultation, citizen):
    response = client.post(SURVEY, data={"satisfaction": "3", "ease": "3"})
    assert response.status_code == 403 and answers() == []


# The services, as the demo loader and other callers use them ---------------------------


def test_services_validate_and_record_once(consultation, make_user, make_comment):
    person = make_user()
    make_comment(consultation, author=person)
    with pytest.raises(FieldRejected) as rejected:
        services.answer_survey(person, consultation, 7, 3, "")
    assert rejected.value.field == "satisfaction"
    with pytest.raises(FieldRejected) as rejected:
        services.answer_survey(person, consultation, 3, 3, "x" * 1001)
    assert rejected.value.field == "remark"
    services.answer_survey(person, consultation, 5, 4, "  Fine.  ")
    assert [(a.satisfaction, a.ease, a.remark) for a in answers()] == [(5, 4, "Fine.")]
    with pytest.raises(services.SurveyAlreadyAnswered):
        services.decline_survey(person, consultation)
    assert not services.survey_offered(person, consultation)


def test_services_refuse_people_who_did_not_take_part(consultation, make_user):
    with pytest.raises(PermissionDenied):
        services.decline_survey(make_user(), consultation)
    assert answers() == []
