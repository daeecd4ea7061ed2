"""Download my data: everything about the person, nothing about anyone else."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from consultations.audit.models import AuditEvent
from consultations.extensions import db
from consultations.privacy import services

from helpers import login

PAGE = "/en/account/data"


@pytest.fixture
def world(make_user, make_consultation, make_comment, add_flag, add_answer, add_follow):
    consultation = make_consultation(slug="open-data", titles={"en": "Open data law"})
    dana = make_user(name="Dana Cohen", email="dana@example.org", language="he")
    other = make_user(name="Omer Levi", email="omer@example.org")
    section = consultation.sections[0]
    mine = make_comment(consultation, "Publish the budget data — שקיפות", dana, section=section)
    theirs = make_comment(consultation, "Other person's words", other)
    reply = make_comment(consultation, "My reply", dana, parent=theirs, stance="support")
    add_flag(dana, theirs, note="Rude words")
    add_flag(other, mine, note="Other person's flag note")
    add_answer(dana, consultation, remark="Easy enough")
    add_answer(other, make_consultation(), remark="Other person's remark")
    add_follow(dana, consultation)
    add_follow(other, consultation)
    return dana, other, mine, reply, theirs, consultation


def download(client):
    return client.post(PAGE)


def test_page_explains_the_download(client, world):
    login(client, world[0])
    html = client.get(PAGE).get_data(as_text=True)
    assert "What the file contains" in html
    assert 'action="/en/account/data"' in html


def test_visitor_is_sent_to_log_in(client, world):
    assert client.post(PAGE).status_code == 302
    assert "/en/login" in client.get(PAGE).headers["Location"]


def test_download_is_an_uncached_utf8_json_attachment(client, world):
    login(client, world[0])
    response = download(client)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_data(as_text=True)
    assert "שקיפות" in body  # not escaped as \u05e9...
    assert "\\u05e9" not in body


def test_export_contains_everything_about_the_person(client, world):
    dana, _other, mine, reply, theirs, consultation = world
    login(client, dana)
    data = json.loads(download(client).get_data(as_text=True))
    profile = data["profile"]
    assert profile["email"] == "dana@example.org"
    assert profile["display_name"] == "Dana Cohen"
    assert profile["language"] == "he"
    assert profile["created_at"] and profile["email_verified_at"] and profile["last_login_at"]
    assert profile["roles"] == []
    assert "password_hash" not in profile and "session_token" not in profile
    assert [c["id"] for c in data["comments"]] == [mine.id, reply.id]
    first, second = data["comments"]
    assert first["text"] == "Publish the budget data — שקיפות"
    assert first["consultation"] == {"slug": "open-data", "title": "Open data law"}
    assert first["section"] == {"anchor": "section-1", "heading": "Section 1"}
    assert first["state"] == "visible" and first["edited_at"] is None
    assert second["stance"] == "support" and second["in_reply_to"] == theirs.id
    assert [(f["comment_id"], f["note"]) for f in data["flags"]] == [(theirs.id, "Rude words")]
    assert [(a["satisfaction"], a["remark"]) for a in data["satisfaction_answers"]] == [
        (4, "Easy enough")
    ]
    following = data["follows"]["follows"]
    assert [(f["type"], f["id"]) for f in following] == [("consultation", consultation.id)]


def test_export_holds_nothing_of_other_people(client, world):
    login(client, world[0])
    body = download(client).get_data(as_text=True)
    for foreign in ("Omer", "omer@example.org", "Other person's"):
        assert foreign not in body


def test_staff_roles_are_in_the_export(client, make_user, make_agency):
    coordinator = make_user(roles=("coordinator",), agency=make_agency(slug="ict"))
    login(client, coordinator)
    data = json.loads(download(client).get_data(as_text=True))
    assert data["profile"]["roles"][0]["role"] == "coordinator"
    assert data["profile"]["roles"][0]["agency"] == "ict"


def test_download_is_in_the_audit_log_without_personal_data(client, world):
    login(client, world[0])
    download(client)
    event = db.session.scalar(
        db.select(AuditEvent).where(AuditEvent.action == "personal_data.download")
    )
    assert event.target_id == str(world[0].id) and event.public is False
    assert (event.actor_id, event.actor_name) == (world[0].id, "account holder")
    assert event.target_type == "user"
    assert event.after == {"comments": 2, "flags": 1}
    recorded = json.dumps([event.actor_name, event.before, event.after], ensure_ascii=False)
    assert "Dana" not in recorded and "dana@" not in recorded


def test_query_count_does_not_grow_with_comments(
    client, make_user, make_consultation, make_comment, add_follow, count_queries
):
    person = make_user()
    consultations = [make_consultation() for _ in range(3)]
    add_follow(person, consultations[0])
    login(client, person)

    def measure() -> int:
        with count_queries() as counter:
            assert download(client).status_code == 200
        return counter.count

    make_comment(consultations[0], author=person, section=consultations[0].sections[0])
    few = measure()
    for number in range(40):
        make_comment(
            consultations[number % 3], author=person, section=consultations[number % 3].sections[1]
        )
    assert measure() == few


def test_every_exported_field_holds_its_value_in_a_fixed_format(
    world, make_consultation, make_comment, add_flag, add_answer
):
    """Each field by name, every time in UTC as YYYY-MM-DDTHH:MM:SSZ."""
    dana, _other, mine, _reply, _theirs, consultation = world
    moment = datetime(2026, 3, 4, 5, 6, 7, 890, tzinfo=UTC)
    mine.created_at = mine.edited_at = mine.hidden_at = moment
    mine.hidden_rule, mine.hidden_note = "insult", "Please keep it civil."
    flag = db.session.scalars(db.select(services.Flag)).first()
    answer = db.session.scalars(db.select(services.SatisfactionAnswer)).first()
    flag.created_at = answer.created_at = moment
    # Titles in the person's language (Hebrew), where there is one.
    consultation.texts.append(
        services.ConsultationText(locale="he", title="חוק המידע הפתוח", updated_at=moment)
    )
    consultation.sections[0].texts.append(
        services.SectionText(locale="he", heading="סעיף 1", body="", updated_at=moment)
    )
    db.session.commit()
    # A consultation the person only flagged in, and one they only answered the survey of.
    flagged = make_consultation(slug="budget", titles={"en": "Budget law"})
    add_flag(dana, make_comment(flagged, "Someone else's words", world[1]), reason="spam")
    add_answer(dana, make_consultation(slug="survey", titles={"en": "Survey law"}))
    data = services.personal_data(dana)
    title = {"slug": "open-data", "title": "חוק המידע הפתוח"}
    assert data["flags"].pop()["consultation"] == {"slug": "budget", "title": "Budget law"}
    survey = data["satisfaction_answers"].pop()["consultation"]
    assert survey == {"slug": "survey", "title": "Survey law"}
    assert (data["format"], data["version"]) == ("consultations-personal-data", 1)
    assert len(data["exported_at"]) == 20 and data["exported_at"].endswith("Z")
    assert data["comments"][0] == {
        "id": mine.id,
        "consultation_id": consultation.id,
        "in_reply_to": None,
        "language": "en",
        "stance": None,
        "state": "visible",
        "text": "Publish the budget data — שקיפות",
        "created_at": "2026-03-04T05:06:07Z",
        "edited_at": "2026-03-04T05:06:07Z",
        "hidden_at": "2026-03-04T05:06:07Z",
        "hidden_rule": "insult",
        "note_from_moderator": "Please keep it civil.",
        "consultation": title,
        "section": {"anchor": "section-1", "heading": "סעיף 1"},
    }
    assert data["comments"][1]["section"] is None
    assert data["flags"] == [
        {
            "id": flag.id,
            "comment_id": flag.comment_id,
            "consultation_id": consultation.id,
            "reason": "insult",
            "note": "Rude words",
            "created_at": "2026-03-04T05:06:07Z",
            "consultation": title,
        }
    ]
    assert data["satisfaction_answers"] == [
        {
            "id": answer.id,
            "consultation_id": consultation.id,
            "satisfaction": 4,
            "ease": 5,
            "remark": "Easy enough",
            "declined": False,
            "created_at": "2026-03-04T05:06:07Z",
            "consultation": title,
        }
    ]
    assert data["files"] == []
    assert data["profile"]["notification_frequency"] == dana.notification_frequency
    assert data["profile"]["created_at"].endswith("Z") and "name_key" not in data["profile"]
