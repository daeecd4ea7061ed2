"""Suspending accounts: sessions end, posting stops, staff and oneself are out of reach."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from moderation.world import audit_actions, fresh

from consultations.audit.models import AuditEvent
from consultations.clock import now
from consultations.comments.services import add_comment
from consultations.errors import FieldRejected, PermissionDenied
from consultations.extensions import db
from consultations.moderation import services
from consultations.moderation.services import NOTE_MAX_LENGTH
from consultations.security_log import LOGGER_NAME


def user_url(user) -> str:
    return f"/en/moderation/users/{user.id}"


def test_user_page_shows_comments_and_flags_received(world, client_for, make_user):
    services.flag_comment(make_user(), world.comment, "respect")
    services.flag_comment(make_user(), world.comment, "hate")
    response = client_for(world.moderator).get(user_url(world.author))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Kovács Anna" in page and "You are all fools." in page
    assert "2 flags on this person&#39;s comments" in page or "2 flags on this person's" in page
    assert "Respect other people: 1" in page
    assert "Suspend the account" in page


@pytest.mark.parametrize("roles", [(), ("admin",), ("coordinator",)])
def test_user_page_is_for_moderators_only(world, client_for, make_user, make_agency, roles):
    user = make_user(roles=roles, agency=make_agency() if roles == ("coordinator",) else None)
    client = client_for(user)
    assert client.get(user_url(world.author)).status_code == 403
    response = client.post(user_url(world.author), data={"action": "suspend", "note": "x"})
    assert response.status_code == 403
    assert fresh(world.author).suspended_at is None


def test_suspending_ends_the_persons_sessions(world, client_for):
    author_browser = client_for(world.author)
    assert author_browser.get("/en/account").status_code == 200
    moderator = client_for(world.moderator)
    response = moderator.post(
        user_url(world.author), data={"action": "suspend", "note": "Repeated insults."}
    )
    assert response.status_code == 302
    page = moderator.get(response.location).get_data(as_text=True)
    told = ">The account is suspended: this person can no longer post, and is logged out.<"
    assert told in page and "Lift the suspension" in page
    assert fresh(world.author).suspended_at is not None
    # The author's browser is logged out on its next request.
    response = author_browser.get("/en/account")
    assert response.status_code == 302 and "/en/login" in response.location
    event = db.session.scalars(db.select(AuditEvent)).one()
    assert event.action == "user.suspend" and event.target_id == str(world.author.id)
    assert not event.public and event.after["note"] == "Repeated insults."


def test_a_suspended_person_can_no_longer_comment(world):
    services.suspend_account(world.moderator, world.author, "Repeated insults.")
    with pytest.raises(PermissionDenied):
        add_comment(world.author, world.consultation, "Let me back in.", language="en")


def test_suspending_needs_a_reason(world, client_for):
    response = client_for(world.moderator).post(
        user_url(world.author), data={"action": "suspend", "note": "  "}
    )
    assert response.status_code == 422
    assert "Write why you are doing this." in response.get_data(as_text=True)
    assert fresh(world.author).suspended_at is None and audit_actions() == []


def test_resending_the_suspend_form_does_not_lift_the_suspension(world, client_for):
    client = client_for(world.moderator)
    data = {"action": "suspend", "note": "Spam."}
    client.post(user_url(world.author), data=data)
    response = client.post(user_url(world.author), data=data)
    assert response.status_code == 422
    # Next to the reason, where the moderator is looking.
    assert 'id="note-error">This account is already suspended.<' in response.get_data(as_text=True)
    assert fresh(world.author).suspended_at is not None


def test_moderator_lifts_a_suspension(world, client_for):
    services.suspend_account(world.moderator, world.author, "Spam.")
    client = client_for(world.moderator)
    data = {"action": "unsuspend", "note": "Apologised."}
    response = client.post(user_url(world.author), data=data)
    assert response.status_code == 302
    told = ">The suspension is lifted: this person can take part again.<"
    assert told in client.get(response.location).get_data(as_text=True)
    assert fresh(world.author).suspended_at is None
    assert audit_actions() == ["user.suspend", "user.unsuspend"]
    lifted = db.session.scalars(db.select(AuditEvent).filter_by(action="user.unsuspend")).one()
    assert lifted.after["note"] == "Apologised."


@pytest.mark.parametrize("target", ["self", "moderator", "admin", "coordinator"])
def test_moderator_cannot_suspend_self_or_staff(world, client_for, make_user, make_agency, target):
    person = {
        "self": world.moderator,
        "moderator": make_user(roles=("moderator",)),
        "admin": make_user(roles=("admin",)),
        "coordinator": make_user(roles=("coordinator",), agency=make_agency()),
    }[target]
    client = client_for(world.moderator)
    page = client.get(user_url(person))
    assert page.status_code == 200 and "Suspend the account" not in page.get_data(as_text=True)
    response = client.post(user_url(person), data={"action": "suspend", "note": "No."})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.suspend_account(world.moderator, person, "No.")
    assert fresh(person).suspended_at is None and audit_actions() == []


def test_suspending_and_lifting_are_recorded_exactly_and_privately(world, caplog):
    """The audit rows and security-log lines a maintainer reads after an incident."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    try:
        services.suspend_account(world.moderator, world.author, "  Spam.  ")
        services.unsuspend_account(world.moderator, world.author)  # the note is optional
        services.suspend_account(world.moderator, world.author, "Spam again.")
        services.unsuspend_account(world.moderator, world.author, " Apologised. ")
    finally:
        logger.removeHandler(caplog.handler)
    mod, author = world.moderator.id, world.author.id
    events = db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id)).all()
    recorded = [
        (e.actor_id, e.action, e.target_type, e.target_id, e.public, e.before, e.after)
        for e in events
    ]
    suspend, lift = ("user.suspend", "user", str(author)), ("user.unsuspend", "user", str(author))
    assert recorded == [
        (mod, *suspend, False, {"suspended": False}, {"suspended": True, "note": "Spam."}),
        (mod, *lift, False, {"suspended": True}, {"suspended": False, "note": ""}),
        (mod, *suspend, False, {"suspended": False}, {"suspended": True, "note": "Spam again."}),
        (mod, *lift, False, {"suspended": True}, {"suspended": False, "note": "Apologised."}),
    ]
    logged = [json.loads(r.getMessage()) for r in caplog.records if r.name == LOGGER_NAME]
    assert [(e["event"], e["actor_id"], e["account_id"]) for e in logged] == [
        (name, mod, author) for name in ("account.suspended", "account.unsuspended") * 2
    ]
    services.suspend_account(world.moderator, world.author, "Once more.")
    with pytest.raises(FieldRejected) as refused:
        services.suspend_account(world.moderator, world.author, "Twice.")
    assert (refused.value.field, refused.value.message) == (
        "note",
        "This account is already suspended.",
    )
    services.unsuspend_account(world.moderator, world.author)
    with pytest.raises(FieldRejected) as refused:
        services.unsuspend_account(world.moderator, world.author, "Twice.")
    assert (refused.value.field, refused.value.message) == (
        "note",
        "This account is not suspended.",
    )
    with pytest.raises(FieldRejected) as refused:
        services.unsuspend_account(world.moderator, world.author, "x" * 1001)
    assert refused.value.field == "note"


def test_the_user_page_reads_flags_by_reason_hidden_comments_and_newest_first(
    world, make_user, make_comment
):
    earlier = now() - timedelta(days=1)
    second = make_comment(world.consultation, "Second.", world.author, created_at=earlier)
    hidden = make_comment(world.consultation, "Hidden.", world.author, created_at=earlier)
    theirs = make_comment(world.consultation, "Someone else's.", world.citizen)
    for comment, reason in [(world.comment, "spam"), (world.comment, "respect"), (second, "spam")]:
        services.flag_comment(make_user(), comment, reason)
    services.flag_comment(make_user(), second, "hate")
    for _ in range(3):
        services.flag_comment(make_user(), theirs, "hate")
    services.hide_comment(world.moderator, hidden, "spam")
    services.hide_comment(world.moderator, theirs, "hate")
    received = services.flags_received(world.author)
    by_reason = [("spam", 2), ("hate", 1), ("respect", 1)]  # most given first, then by key
    assert (received.total, received.by_reason, received.hidden) == (4, by_reason, 1)
    unflagged = services.flags_received(world.moderator)
    assert (unflagged.total, unflagged.by_reason, unflagged.hidden) == (0, [], 0)
    listed = db.session.scalars(services.list_user_comments(world.author)).all()
    assert listed == [world.comment, hidden, second]  # newest first; the same moment: last written


def test_the_service_refuses_a_suspension_without_a_reason_or_with_too_long_a_note(world):
    with pytest.raises(FieldRejected) as refused:
        services.suspend_account(world.moderator, world.author, "   ")
    assert (refused.value.field, refused.value.message) == ("note", "Write why you are doing this.")
    with pytest.raises(FieldRejected) as refused:
        services.suspend_account(world.moderator, world.author, "x" * (NOTE_MAX_LENGTH + 1))
    assert (refused.value.field, refused.value.message) == (
        "note",
        "A note can have at most 1000 characters.",
    )
    assert fresh(world.author).suspended_at is None
    services.suspend_account(world.moderator, world.author, "x" * NOTE_MAX_LENGTH)
    assert fresh(world.author).suspended_at is not None
