"""The coordinator's responses page: who may use it, what it publishes, how it refuses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consultations.audit.models import AuditEvent
from consultations.extensions import db
from consultations.responses import services
from consultations.responses.models import AnsweredComment, Response, ResponseText

from helpers import login


def client_for(app, user):
    client = app.test_client()
    if user is not None:
        assert login(client, user).status_code == 302
    return client


def written() -> tuple[int, ...]:
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Response, ResponseText, AnsweredComment, AuditEvent)
    )


def url(consultation, rest: str = "", lang: str = "en") -> str:
    return f"/{lang}/staff/consultations/{consultation.slug}/responses{rest}"


def form(*comments, **extra) -> dict:
    return {
        "comments": [str(c.id) for c in comments],
        "outcome": "partly_adopted",
        "reasons_en": "We merged the two sections.",
        "whole_section": "",
        **extra,
    }


@pytest.mark.parametrize(
    "role", ["other_coordinator", "citizen", "moderator", "monitor", "admin", None]
)
def test_only_the_consultations_coordinator_may_answer(app, world, make_comment, role):
    comment = make_comment(world.consultation)
    client = client_for(app, world.users[role] if role else None)
    before = written()
    status = 403 if role else 302  # a visitor is sent to log in
    assert client.get(url(world.consultation)).status_code == status
    assert client.post(url(world.consultation), data=form(comment)).status_code == status
    assert client.post(url(world.consultation, "/complete")).status_code == status
    assert written() == before


def test_nobody_answers_a_consultation_that_has_not_opened(app, world, make_consultation):
    upcoming = make_consultation(agency=world.consultation.agency, opens_in=timedelta(days=2))
    assert client_for(app, world.coordinator).get(url(upcoming)).status_code == 403


def test_coordinator_sees_waiting_comments_and_publishes_a_response(app, world, make_comment):
    consultation = world.consultation
    first, second = consultation.sections
    waiting = make_comment(consultation, "Please add a budget line.", section=first)
    other = make_comment(consultation, "Say more about schools.", section=second, language="lv")
    client = client_for(app, world.coordinator)

    page = client.get(url(consultation)).get_data(as_text=True)
    assert "2 comments wait for a response." in page
    assert f'value="{waiting.id}"' in page and f'value="{other.id}"' in page
    assert '<div class="comment-body" id="comment-' in page
    assert 'lang="lv" dir="auto"' in page
    assert "0 of 2 comments answered" in page

    filtered = client.get(url(consultation, "?section=section-2")).get_data(as_text=True)
    assert f'value="{other.id}"' in filtered and f'value="{waiting.id}"' not in filtered

    response = client.post(url(consultation), data=form(waiting))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The response to 1 comment is published." in page
    assert "1 comment waits for a response." in page
    assert "We merged the two sections." in page
    assert "partly adopted" in page
    assert "1 of 2 comments answered" in page


def test_answering_a_whole_section(app, world, make_comment):
    consultation = world.consultation
    first = consultation.sections[0]
    on_first = [make_comment(consultation, section=first) for _ in range(3)]
    general = make_comment(consultation)
    client = client_for(app, world.coordinator)
    response = client.post(url(consultation), data=form(general, whole_section="section-1"))
    assert response.status_code == 302
    answered = set(db.session.scalars(select(AnsweredComment.comment_id)))
    assert answered == {c.id for c in on_first}


def test_bad_input_comes_back_with_what_was_typed_and_writes_nothing(app, world, make_comment):
    comment = make_comment(world.consultation)
    client = client_for(app, world.coordinator)
    before = written()
    response = client.post(
        url(world.consultation),
        data=form(comment, outcome="", reasons_en="", reasons_he="נימוק בעברית <b>"),
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Choose what became of the comments." in page
    assert "נימוק בעברית &lt;b&gt;</textarea>" in page
    assert f'value="{comment.id}" id="answer-{comment.id}"' in page
    assert "checked" in page.split(f'id="answer-{comment.id}"')[1].split(">")[0]

    response = client.post(url(world.consultation), data=form(reasons_en=" "))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Tick at least one comment, or choose a whole section." in page
    assert "Write the reasons in at least one language." in page
    assert written() == before


def test_a_comment_answered_meanwhile_is_refused_with_a_message(app, world, make_comment):
    comment = make_comment(world.consultation)
    services.publish_response(
        world.coordinator,
        world.consultation,
        outcome="adopted",
        texts={"en": {"reasons": "Yes."}},
        comment_ids=[comment.id],
    )
    before = written()
    response = client_for(app, world.coordinator).post(url(world.consultation), data=form(comment))
    assert response.status_code == 422
    assert "One of the chosen comments is already answered." in response.get_data(as_text=True)
    assert written() == before


def test_declaring_the_responses_complete(app, world, make_consultation, make_comment):
    client = client_for(app, world.coordinator)
    open_one = make_consultation(agency=world.consultation.agency)
    page = client.get(url(open_one)).get_data(as_text=True)
    assert "This becomes possible once the consultation has closed." in page
    response = client.post(url(open_one, "/complete"))
    assert response.status_code == 422
    assert open_one.responses_completed_at is None

    comment = make_comment(world.consultation)
    response = client.post(url(world.consultation, "/complete"))
    assert response.status_code == 422
    assert "1 comment still waits for a response." in response.get_data(as_text=True)

    client.post(url(world.consultation), data=form(comment))
    response = client.post(url(world.consultation, "/complete"))
    assert response.status_code == 302
    page = client.get(url(world.consultation)).get_data(as_text=True)
    assert "The responses are declared complete." in page
    assert "The responses were declared complete on" in page
    assert db.session.get(type(world.consultation), world.consultation.id).responses_completed_at


def test_correcting_a_response(app, world, make_comment):
    comment = make_comment(world.consultation)
    response = services.publish_response(
        world.coordinator,
        world.consultation,
        outcome="adopted",
        texts={"en": {"reasons": "Yes."}},
        comment_ids=[comment.id],
    )
    edit_url = url(world.consultation, f"/{response.id}")
    assert client_for(app, world.users["other_coordinator"]).get(edit_url).status_code == 403
    client = client_for(app, world.coordinator)
    assert '<input checked id="outcome-0" name="outcome"' in client.get(edit_url).get_data(
        as_text=True
    )
    bad = client.post(edit_url, data={"outcome": "not_adopted", "reasons_en": ""})
    assert bad.status_code == 422
    done = client.post(edit_url, data={"outcome": "not_adopted", "reasons_hu": "Mégsem."})
    assert done.status_code == 302
    db.session.refresh(response)
    assert response.outcome.value == "not_adopted"
    assert response.updated_at is not None
    assert client.get(url(world.consultation, "/999999")).status_code == 404


def test_manage_page_queries_do_not_grow_with_comments_or_responses(
    app, world, make_comment, count_queries
):
    consultation = world.consultation
    client = client_for(app, world.coordinator)

    def add(number: int) -> None:
        for n in range(number):
            answered = make_comment(consultation, section=consultation.sections[n % 2])
            make_comment(consultation, parent=answered)
            services.publish_response(
                world.coordinator,
                consultation,
                outcome="adopted",
                texts={"en": {"reasons": "Yes."}, "he": {"reasons": "כן."}},
                comment_ids=[answered.id],
            )

    def queries() -> int:
        client.get(url(consultation))
        with count_queries() as counter:
            assert client.get(url(consultation)).status_code == 200
        return counter.count

    add(2)
    small = queries()
    add(30)
    assert queries() == small


def test_held_comments_show_no_text_to_the_coordinator(app, world, make_comment):
    comment = make_comment(world.consultation, "Flagged words here.")
    comment.held = True
    db.session.commit()
    page = client_for(app, world.coordinator).get(url(world.consultation)).get_data(as_text=True)
    assert "Awaiting moderator review" in page
    assert "Flagged words here." not in page
    assert f'value="{comment.id}"' in page


@pytest.mark.parametrize("lang", ["he", "hu"])
def test_missing_reasons_are_shown_on_the_field_of_the_pages_language(
    app, world, make_comment, lang
):
    comment = make_comment(world.consultation)
    client = client_for(app, world.coordinator)
    response = client.post(url(world.consultation, lang=lang), data=form(comment, reasons_en=""))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert f'href="#reasons_{lang}"' in summary and 'href="#reasons_en"' not in summary
