"""E-mail to a comment's author: the receipt in their language, and the reasoned response,
once, unless they turned it off."""

from __future__ import annotations

import re

from sqlalchemy import select

from consultations.extensions import db
from consultations.follows.models import EventKind, Notification
from consultations.mail.services import send_pending
from consultations.moderation import services as moderation
from consultations.receipts import mailing
from consultations.receipts.services import reference_for
from consultations.responses import services as responses

from helpers import link_in, login, outbox

REASONS = {
    "en": {"reasons": "The budget will be published every quarter."},
    "he": {"reasons": "התקציב יפורסם מדי רבעון."},
}


def answer(world, *comments, outcome="partly_adopted"):
    return responses.publish_response(
        world.coordinator,
        world.consultation,
        outcome=outcome,
        texts=REASONS,
        comment_ids=[comment.id for comment in comments],
    )


def test_the_author_is_mailed_the_reference_and_what_happens_next(world):
    author = world.make_user("Dana Cohen", email="dana@example.org")
    comment = world.comment(author, "Publish the budget.")
    reference = reference_for("comment", comment.id)
    [mail] = outbox("dana@example.org")
    assert mail.language == "en"
    assert mail.subject == f"Your comment is received: reference {reference}"
    assert "Hello Dana Cohen," in mail.body
    assert "Thank you for your comment on the consultation “Open data law”." in mail.body
    assert f"Your reference number: {reference}" in mail.body
    closes = world.consultation.closes_at.strftime("%Y")
    assert "The consultation closes on" in mail.body and closes in mail.body
    assert "We will e-mail you when the response to your comment is published." in mail.body
    assert link_in(mail) == f"/en/track/{reference}"


def test_the_receipt_speaks_the_authors_language(world):
    author = world.make_user("דנה כהן", email="dana@example.org", language="he")
    comment = world.comment(author, "לפרסם את התקציב.")
    reference = reference_for("comment", comment.id)
    [mail] = outbox("dana@example.org")
    assert mail.language == "he"
    assert reference in mail.subject
    assert "Your comment is received" not in mail.subject
    assert "חוק המידע הפתוח" in mail.body
    assert "What happens next" not in mail.body
    assert "דצמ" in mail.body or "נוב" in mail.body  # the closing date, in Hebrew
    assert f"/he/track/{reference}" in mail.body


def test_the_receipt_does_not_promise_a_response_mail_to_someone_who_turned_it_off(world):
    author = world.make_user(email="dana@example.org")
    author.response_mail = False
    db.session.commit()
    world.comment(author, "Publish the budget.")
    [mail] = outbox("dana@example.org")
    assert "We will e-mail you when the response" not in mail.body


def test_the_author_is_mailed_the_outcome_and_reasons_in_their_language(world):
    english = world.make_user("Dana Cohen", email="dana@example.org")
    hebrew = world.make_user("Avi", email="avi@example.org", language="he")
    first = world.comment(english, "Publish the budget.")
    second = world.comment(hebrew, "לפרסם את התקציב.", hours=2)
    answer(world, first, second)
    [_receipt, mail] = outbox("dana@example.org")
    reference = reference_for("comment", first.id)
    assert mail.subject == f"Your comment has its reasoned response: reference {reference}"
    assert "Outcome: partly adopted" in mail.body
    assert "The budget will be published every quarter." in mail.body
    assert f"/en/consultations/open-data#comment-{first.id}" in mail.body
    assert f"/en/track/{reference}" in mail.body
    assert "/en/account#response-mail" in mail.body
    [_receipt, mail] = outbox("avi@example.org")
    assert mail.language == "he"
    assert "התקציב יפורסם מדי רבעון." in mail.body
    assert "partly adopted" not in mail.body and "Outcome" not in mail.body


def test_publishing_twice_mails_each_author_once(world):
    author = world.make_user(email="dana@example.org")
    comment = world.comment(author, "Publish the budget.")
    response = answer(world, comment)
    # The publishing step runs again (a retried job, a second worker): nothing new is queued.
    assert mailing.response_published(response, [comment]) == 0
    db.session.commit()
    assert len(outbox("dana@example.org")) == 2  # the receipt and one response
    [notice] = db.session.scalars(
        select(Notification).where(Notification.kind == EventKind.ANSWERED)
    ).all()
    assert notice.object_id == comment.id and notice.user_id == author.id
    assert send_pending().sent == 2
    assert send_pending().sent == 0  # and the outbox sends each message once


def test_no_response_mail_for_an_author_who_turned_it_off(world):
    author = world.make_user(email="dana@example.org")
    author.response_mail = False
    db.session.commit()
    comment = world.comment(author, "Publish the budget.")
    answer(world, comment)
    assert [mail.subject for mail in outbox("dana@example.org")] == [
        f"Your comment is received: reference {reference_for('comment', comment.id)}"
    ]


def test_the_account_page_turns_response_mail_off_and_on(client, make_user):
    person = make_user("Dana Cohen", email="dana@example.org")
    login(client, person)
    html = client.get("/en/account").get_data(as_text=True)
    box = re.search(r'<input[^>]*id="response_mail"[^>]*>', html).group(0)
    assert "checked" in box  # on by default
    assert "E-mail me the reasoned response to each of my comments" in html
    saved = client.post("/en/account", data={"display_name": "Dana Cohen", "language": "en"})
    assert saved.status_code == 302
    db.session.refresh(person)
    assert person.response_mail is False
    client.post(
        "/en/account", data={"display_name": "Dana Cohen", "language": "en", "response_mail": "y"}
    )
    db.session.refresh(person)
    assert person.response_mail is True


def test_hiding_still_sends_the_statement_of_reasons(world):
    author = world.make_user(email="dana@example.org")
    comment = world.comment(author, "Publish the budget.")
    moderation.hide_comment(world.moderator, comment, "on_topic", "")
    subjects = [mail.subject for mail in outbox("dana@example.org")]
    assert subjects[-1] == "Your comment was hidden"
