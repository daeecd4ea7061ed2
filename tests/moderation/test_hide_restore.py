"""Hiding and restoring comments: audit, the author's e-mail, and refusals that change nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask_babel import force_locale
from moderation.world import audit_actions, flags, fresh

from consultations.audit.models import AuditEvent
from consultations.clock import as_utc
from consultations.comments.models import CommentState
from consultations.consultation.models import ConsultationText
from consultations.errors import FieldRejected, PermissionDenied
from consultations.extensions import db
from consultations.follows.models import Delivery, EventKind, Notification
from consultations.moderation import services
from consultations.moderation.rules import RULES

from helpers import outbox


def hide_url(world) -> str:
    return f"/en/moderation/comments/{world.comment.id}/hide"


def restore_url(world) -> str:
    return f"/en/moderation/comments/{world.comment.id}/restore"


def hide_data(world, rule="respect", note="Please argue with ideas, not people.") -> dict:
    prefix = f"hide-{world.comment.id}-"
    return {f"{prefix}rule": rule, f"{prefix}note": note}


def test_moderator_hides_a_comment_under_a_rule(world, client_for, make_user):
    services.flag_comment(make_user(), world.comment, "respect")
    client = client_for(world.moderator)
    response = client.post(hide_url(world), data=hide_data(world))
    assert response.status_code == 302 and response.location.endswith("/en/moderation")
    page = client.get("/en/moderation").get_data(as_text=True)
    assert "The comment is hidden and its author has been told why." in page
    comment = fresh(world.comment)
    assert comment.state == CommentState.HIDDEN and comment.hidden_rule == "respect"
    assert comment.hidden_note == "Please argue with ideas, not people."
    assert comment.hidden_at is not None and not comment.held and comment.flag_count == 0
    assert comment.body_text == "You are all fools."  # kept for moderators
    assert flags() == 1  # the flags stay on record


def test_hiding_and_restoring_are_in_the_public_audit_log_with_before_and_after(world):
    services.flag_comment(world.citizen, world.comment, "hate")
    services.hide_comment(world.moderator, world.comment, "hate", "Demeaning.")
    services.restore_comment(world.moderator, world.comment, " Read again. ")
    events = db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id)).all()
    recorded = [
        (e.actor_id, e.action, e.target_type, e.target_id, e.public, e.before, e.after)
        for e in events
    ]
    flagged = {"state": "visible", "held": False, "flag_count": 1, "hidden_rule": None}
    hidden = {"state": "hidden", "held": False, "flag_count": 0, "hidden_rule": "hate"}
    restored = {"state": "visible", "held": False, "flag_count": 0, "hidden_rule": None}
    target = ("comment", str(world.comment.id))
    assert recorded == [
        (world.moderator.id, "comment.hide", *target, True, flagged, hidden),
        (
            world.moderator.id,
            "comment.restore",
            *target,
            True,
            hidden,
            {**restored, "note": "Read again."},
        ),
    ]


def test_the_author_gets_one_mail_in_their_language_naming_the_rule(world):
    services.hide_comment(world.moderator, world.comment, "respect", "Mind your words.")
    mails = outbox()
    assert len(mails) == 1
    mail = mails[0]
    assert mail.recipient == world.author.email and mail.language == "hu"
    with force_locale("hu"):
        title = str(RULES["respect"][0])
    assert title in mail.body and "Mind your words." in mail.body
    assert "http://localhost/hu/rules#respect" in mail.body
    assert f"http://localhost/hu/consultations/open-data#comment-{world.comment.id}" in mail.body


def test_no_mail_when_the_author_account_is_gone(world):
    world.comment.author_id = None
    db.session.commit()
    services.hide_comment(world.moderator, fresh(world.comment), "spam", "")
    assert outbox() == []
    assert fresh(world.comment).state == CommentState.HIDDEN


@pytest.mark.parametrize(
    ("rule", "message"),
    [("rudeness", "Choose one of the participation rules."), ("", "Choose the rule")],
)
def test_invalid_rule_is_refused_and_nothing_changes(world, client_for, rule, message):
    response = client_for(world.moderator).post(hide_url(world), data=hide_data(world, rule=rule))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert "Please argue with ideas, not people." in page  # the note comes back
    assert fresh(world.comment).state == CommentState.VISIBLE
    assert audit_actions() == [] and outbox() == []


def test_service_refuses_an_unknown_rule(world):
    with pytest.raises(FieldRejected) as refused:
        services.hide_comment(world.moderator, world.comment, "rudeness", "")
    assert refused.value.field == "rule"
    assert refused.value.message == "Choose one of the participation rules."


@pytest.mark.parametrize("roles", [(), ("admin",), ("monitor",)])
def test_only_moderators_hide_and_restore(world, client_for, make_user, roles):
    client = client_for(make_user(roles=roles))
    assert client.post(hide_url(world), data=hide_data(world)).status_code == 403
    assert client.post(restore_url(world)).status_code == 403
    assert client.get(f"/en/moderation/comments/{world.comment.id}").status_code == 403
    with pytest.raises(PermissionDenied):
        services.hide_comment(make_user(roles=roles), world.comment, "spam", "")
    assert fresh(world.comment).state == CommentState.VISIBLE and audit_actions() == []


def test_moderator_restores_a_hidden_comment(world, client_for):
    services.hide_comment(world.moderator, world.comment, "spam", "Advert.")
    client = client_for(world.moderator)
    response = client.post(
        restore_url(world), data={f"restore-{world.comment.id}-note": "It was not an advert."}
    )
    assert response.status_code == 302 and response.location.endswith("/en/moderation?state=hidden")
    assert "The comment is visible again." in client.get(response.location).get_data(as_text=True)
    comment = fresh(world.comment)
    assert comment.state == CommentState.VISIBLE
    assert (comment.hidden_at, comment.hidden_rule, comment.hidden_note) == (None, None, None)
    assert audit_actions() == ["comment.hide", "comment.restore"]
    restored = db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert restored.after["note"] == "It was not an advert."


def test_keeping_a_flagged_comment_clears_its_flags_since_review(world, client_for, make_user):
    for _ in range(3):
        services.flag_comment(make_user(), world.comment, "spam")
    assert fresh(world.comment).held
    client = client_for(world.moderator)
    assert client.post(restore_url(world)).status_code == 302
    comment = fresh(world.comment)
    assert comment.state == CommentState.VISIBLE and not comment.held
    assert comment.flag_count == 0 and flags() == 3
    assert audit_actions() == ["comment.dismiss"]
    page = client.get("/en/moderation").get_data(as_text=True)
    assert "The comment stays visible and its flags are cleared." in page
    assert "You are all fools." not in page


def test_review_page_lists_every_flag_with_its_note(world, client_for, make_user):
    services.flag_comment(make_user(), world.comment, "privacy", "It names my neighbour.")
    services.flag_comment(make_user(), world.comment, "spam", "An advert.")
    page = client_for(world.moderator).get(f"/en/moderation/comments/{world.comment.id}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Protect personal data: 1" in text and "No advertising or spam: 1" in text
    assert text.index("An advert.") < text.index("It names my neighbour.")  # newest first
    assert f'href="/en/consultations/open-data#comment-{world.comment.id}"' in text


def test_a_removed_comment_cannot_be_hidden_or_restored(world, client_for):
    from consultations.comments.services import remove_comment

    remove_comment(world.author, world.comment)
    response = client_for(world.moderator).post(hide_url(world), data=hide_data(world))
    assert response.status_code == 422
    assert "Only a visible comment can be hidden." in response.get_data(as_text=True)
    with pytest.raises(FieldRejected) as refused:
        services.restore_comment(world.moderator, world.comment)
    assert (refused.value.field, refused.value.message) == (
        "note",
        "Its author removed this comment.",
    )
    assert audit_actions() == []


def test_public_audit_log_shows_hiding_but_not_suspensions_or_the_note(world, client):
    services.hide_comment(world.moderator, world.comment, "spam", "Private words to the author.")
    services.restore_comment(world.moderator, world.comment)  # without a note
    services.suspend_account(world.moderator, world.author, "Spam.")
    restored = db.session.scalars(db.select(AuditEvent).filter_by(action="comment.restore")).one()
    assert restored.after["note"] == ""
    page = client.get("/en/audit").get_data(as_text=True)
    # Labelled once the audit page knows these actions; until then it shows their codes.
    assert "Hid a comment" in page or "<code>comment.hide</code>" in page
    assert "Restored a hidden comment" in page or "<code>comment.restore</code>" in page
    assert "Private words to the author." not in page
    assert "user.suspend" not in page and "Spam." not in page  # recorded, not published


def test_the_mail_greets_the_author_and_names_the_consultation_and_the_rule(world):
    """Each line whole, as the author reads it: a changed name, title or rule shows."""
    from flask_babel import gettext

    services.hide_comment(world.moderator, world.comment, "respect", "")
    lines = outbox()[0].body.splitlines()
    with force_locale("hu"):
        greeting = gettext("Hello %(name)s,", name="Kovács Anna")
        sentence = gettext(
            "A moderator hid your comment on the consultation “%(title)s” because it breaks"
            " the participation rule “%(rule)s”.",
            title=world.consultation.text("title", "hu").text,
            rule=str(RULES["respect"][0]),
        )
        note_heading = gettext("The moderator's note:")
    assert greeting in lines and sentence in lines
    assert world.consultation.text("title", "hu").text  # a title to name
    assert note_heading not in lines  # no note given, no empty heading


def test_hiding_again_is_refused_at_the_rule_and_keeps_the_first_decision(world):
    services.hide_comment(world.moderator, world.comment, "spam", "Advert.")
    with pytest.raises(FieldRejected) as refused:
        services.hide_comment(world.moderator, world.comment, "respect", "")
    assert (refused.value.field, refused.value.message) == (
        "rule",
        "Only a visible comment can be hidden.",
    )
    assert fresh(world.comment).hidden_rule == "spam"
    assert audit_actions() == ["comment.hide"] and len(outbox()) == 1


def test_a_hiding_keeps_its_moment_and_its_mail_is_on_record_as_sent(world):
    """The moment given (the demo loader's, a test's) is the one moderators read in the hidden
    list; the author's mail is recorded as sent, so the notification round never sends it
    again."""
    moment = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    services.hide_comment(world.moderator, world.comment, "respect", "", moment=moment)
    assert as_utc(fresh(world.comment).hidden_at) == moment
    event = db.session.scalars(db.select(AuditEvent).filter_by(action="comment.hide")).one()
    (told,) = db.session.scalars(db.select(Notification)).all()
    assert (told.user_id, told.kind, told.object_id) == (
        world.author.id,
        EventKind.HIDDEN,
        event.id,
    )
    assert told.sent_at is not None and told.delivery == Delivery.MAIL


def test_the_mail_names_the_consultation_in_the_authors_language_not_the_moderators(
    world, client_for
):
    db.session.add(
        ConsultationText(
            consultation_id=world.consultation.id,
            locale="hu",
            title="Nyílt adatok",
            updated_at=world.consultation.texts[0].updated_at,
        )
    )
    db.session.commit()
    client_for(world.moderator).post(hide_url(world), data=hide_data(world))  # in English
    (mail,) = outbox()
    assert "Nyílt adatok" in mail.body
    assert world.consultation.text("title", "en").text not in mail.body
