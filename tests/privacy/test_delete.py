"""Delete my account: personal data erased at once, comments kept or removed, all or nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from consultations.accounts import services as accounts
from consultations.accounts.models import Role, RoleGrant, User
from consultations.audit.models import AuditEvent
from consultations.audit.services import verify_chain
from consultations.clock import as_utc
from consultations.comments.models import Comment, CommentState, Flag
from consultations.errors import FieldRejected
from consultations.extensions import db
from consultations.follows.models import Follow
from consultations.mail.services import queue_mail
from consultations.privacy import services
from consultations.satisfaction.models import SatisfactionAnswer

from helpers import PASSWORD, login

PAGE = "/en/account/delete"
EMAIL = "dana@example.org"
NAME = "Dana Cohen"


@pytest.fixture
def world(make_user, make_consultation, make_comment, add_flag, add_answer, add_follow):
    consultation = make_consultation(slug="open-data", titles={"en": "Open data law"})
    dana = make_user(name=NAME, email=EMAIL)
    other = make_user(name="Omer Levi", email="omer@example.org")
    mine = make_comment(consultation, "First thought of Dana", dana)
    lonely = make_comment(consultation, "Second thought of Dana", dana)
    reply = make_comment(consultation, "Omer answers Dana", other, parent=mine)
    flag = add_flag(dana, reply)
    answer = add_answer(dana, consultation)
    add_follow(dana, consultation)
    queue_mail(EMAIL, "verify_email", "en", name=NAME, verify_url="http://localhost/x")
    db.session.commit()
    return dana, other, mine, lonely, reply, flag, answer, consultation


def delete(client, comments="keep", password=PASSWORD):
    return client.post(PAGE, data={"comments": comments, "password": password})


def test_page_explains_and_asks_for_choice_and_password(client, world):
    login(client, world[0])
    html = client.get(PAGE).get_data(as_text=True)
    assert "What happens" in html
    assert 'type="radio" value="keep"' in html
    assert 'name="password"' in html


@pytest.mark.parametrize("choice", ["keep", "remove"])
def test_deletion_erases_personal_data_at_once(client, world, choice):
    dana, _other, mine, lonely, reply, flag, answer, _c = world
    user_id = dana.id
    login(client, dana)
    response = delete(client, choice)
    assert response.status_code == 302
    db.session.expire_all()
    user = db.session.get(User, user_id)
    assert user.deleted_at is not None
    assert EMAIL not in user.email and user.display_name != NAME
    assert user.password_hash == "!"
    assert user.roles == []
    assert db.session.scalar(db.select(Follow).where(Follow.user_id == user_id)) is None
    assert db.session.get(Flag, flag.id).user_id is None
    assert db.session.get(Flag, flag.id).note == ""
    kept_answer = db.session.get(SatisfactionAnswer, answer.id)
    assert kept_answer.user_id is None and kept_answer.satisfaction == 4
    assert kept_answer.remark == ""
    assert db.session.scalar(db.select(Comment).where(Comment.author_id == user_id)) is None
    from consultations.mail.models import OutboxMail

    assert db.session.scalar(db.select(OutboxMail).where(OutboxMail.recipient == EMAIL)) is None
    first = db.session.get(Comment, mine.id)
    if choice == "keep":
        assert first.state == CommentState.VISIBLE and first.body_text == "First thought of Dana"
    else:
        assert (
            first.state == CommentState.REMOVED and first.body_text == "" and first.body_html == ""
        )
        assert db.session.get(Comment, lonely.id).state == CommentState.REMOVED
    # Others' replies are untouched and still hang under the (placeholder) comment.
    assert db.session.get(Comment, reply.id).body_text == "Omer answers Dana"
    assert db.session.get(Comment, reply.id).parent_id == mine.id
    # The person is logged out.
    assert client.get("/en/account").status_code == 302


def test_kept_comments_show_deleted_account_on_the_consultation_page(client, world):
    login(client, world[0])
    delete(client, "keep")
    html = client.get("/en/consultations/open-data").get_data(as_text=True)
    assert "First thought of Dana" in html
    assert "Deleted account" in html
    assert NAME not in html


def test_removed_comments_leave_a_placeholder_where_others_replied(client, world):
    login(client, world[0])
    delete(client, "remove")
    html = client.get("/en/consultations/open-data").get_data(as_text=True)
    assert "First thought of Dana" not in html and "Second thought of Dana" not in html
    assert "This comment was removed by its author." in html
    assert "Omer answers Dana" in html
    assert NAME not in html


def test_login_fails_afterwards_and_the_address_can_register_again(client, world):
    login(client, world[0])
    delete(client, "keep")
    assert accounts.authenticate(EMAIL, PASSWORD) is None
    response = login(client, world[0].__class__(email=EMAIL))
    assert response.status_code == 422
    again = accounts.register(NAME, EMAIL, "another-sturdy-passphrase-77", "en")
    assert again is not None and again.email == EMAIL and again.display_name == NAME


def test_old_session_cookie_no_longer_works(app, world):
    first, second = app.test_client(), app.test_client()
    login(first, world[0])
    login(second, world[0])
    delete(first, "keep")
    assert second.get("/en/account").status_code == 302


def test_deletion_is_audited_without_personal_data(client, world):
    dana = world[0]
    login(client, dana)
    delete(client, "remove")
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "account.delete"))
    assert event.target_type == "user" and event.target_id == str(dana.id)
    assert event.after["comments"] == "remove" and event.after["comment_count"] == 2
    every = db.session.scalars(db.select(AuditEvent)).all()
    recorded = json.dumps(
        [[e.actor_name, e.before, e.after, e.target_id] for e in every], ensure_ascii=False
    )
    assert "Dana" not in recorded and EMAIL not in recorded
    assert verify_chain() is None


def test_wrong_password_changes_nothing(client, world):
    login(client, world[0])
    response = delete(client, "keep", password="not the password")
    assert response.status_code == 422
    assert "The password is not correct." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, world[0].id).deleted_at is None


def test_no_choice_is_asked_for(client, world):
    login(client, world[0])
    response = client.post(PAGE, data={"password": PASSWORD})
    assert response.status_code == 422
    assert "Choose what happens to your comments." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, world[0].id).deleted_at is None


def test_visitor_is_sent_to_log_in(client):
    assert client.get(PAGE).status_code == 302
    assert client.post(PAGE, data={"comments": "keep", "password": PASSWORD}).status_code == 302


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_staff_cannot_delete_while_holding_a_role(client, make_user, make_agency, role):
    user = make_user(roles=(role,), agency=make_agency())
    login(client, user)
    page = client.get(PAGE)
    assert "You hold a staff role." in page.get_data(as_text=True)
    assert 'name="password"' not in page.get_data(as_text=True)
    response = delete(client, "keep")
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(User, user.id).deleted_at is None
    with pytest.raises(services.DeletionRefused, match="^You hold a staff role") as refused:
        services.delete_account(db.session.get(User, user.id), PASSWORD, "keep")
    assert (
        refused.value.message
        == str(refused.value)
        == (
            "You hold a staff role. Ask an administrator to withdraw your roles first; "
            "then you can delete your account."
        )
    )


def test_former_staff_can_delete_and_the_audit_chain_holds(client, make_user):
    admin = make_user(roles=("admin",))
    former = make_user(roles=("moderator",))
    from consultations.admin.services import revoke_role

    revoke_role(admin, former.roles[0])
    login(client, former)
    assert delete(client, "keep").status_code == 302
    assert db.session.scalar(db.select(RoleGrant).where(RoleGrant.user_id == former.id)) is None
    assert verify_chain() is None
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "account.delete"))
    assert event.after["comment_count"] == 0  # they wrote none
    # Only the leaver's own grants go: the administrator keeps theirs.
    assert db.session.scalar(db.select(RoleGrant).where(RoleGrant.user_id == admin.id))


def test_a_failure_midway_leaves_everything_as_it_was(world, monkeypatch):
    dana, _other, mine, _lonely, _reply, flag, _answer, _c = world

    def broken(_user):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.follows_hook, "erase", broken)
    with pytest.raises(RuntimeError):
        services.delete_account(dana, PASSWORD, "remove")
    db.session.expire_all()
    user = db.session.get(User, dana.id)
    assert user.email == EMAIL and user.deleted_at is None
    comment = db.session.get(Comment, mine.id)
    assert comment.author_id == dana.id and comment.body_text == "First thought of Dana"
    assert db.session.get(Flag, flag.id).user_id == dana.id
    assert (
        db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "account.delete"))
        is None
    )


def test_moderation_queue_shows_a_deleted_account(app, world, make_user):
    dana, other, mine, *_rest = world
    moderator = make_user(roles=("moderator",))
    db.session.get(Comment, mine.id).flag_count = 2
    db.session.commit()
    services.delete_account(dana, PASSWORD, "keep")
    client = app.test_client()
    login(client, moderator)
    html = client.get("/en/moderation").get_data(as_text=True)
    assert "Comment by a deleted account" in html
    assert NAME not in html and EMAIL not in html


def test_a_deleted_account_has_a_safe_public_name(world):
    dana = world[0]
    assert dana.public_name == NAME
    services.delete_account(dana, PASSWORD, "keep")
    assert dana.public_name == "Deleted account" and dana.display_name == "Deleted account"
    assert dana.is_active is False


def test_the_tombstone_and_the_audit_record_hold_nothing_of_the_person(app, world, monkeypatch):
    """Every column that could identify or reach the person is reset, to known values."""
    dana, *_rest, flag, answer, _c = world
    mine, lonely = world[2], world[3]
    moment = datetime(2026, 5, 6, 7, 8, 9, tzinfo=UTC)
    dana.last_login_at = dana.suspended_at = moment
    old_token = dana.session_token
    db.session.commit()
    monkeypatch.setitem(app.config, "DEFAULT_LANGUAGE", "hu")
    services.delete_account(dana, PASSWORD, "remove", moment=moment)
    db.session.expire_all()
    user = db.session.get(User, dana.id)
    assert (user.email, user.name_key) == (
        f"deleted-{dana.id}@deleted.invalid",
        f"deleted account {dana.id}",
    )
    assert user.session_token not in (old_token, "", None)
    assert user.language == "hu"  # the site's, not the person's
    assert user.email_verified_at is user.last_login_at is user.suspended_at is None
    assert user.notification_frequency == "never"
    assert as_utc(user.deleted_at) == moment
    removed = db.session.get(Comment, lonely.id)
    assert removed.fingerprint == f"removed:{lonely.id}" and removed.author_id is None
    assert db.session.get(Comment, mine.id).fingerprint == f"removed:{mine.id}"
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "account.delete"))
    assert (event.actor_id, event.actor_name) == (dana.id, "Deleted account")
    assert event.public is False
    assert event.after == {
        "comments": "remove",
        "comment_count": 2,
        "flags": 1,
        "survey_answers": 1,
        "roles": 0,
        "files": 0,
        "proposal_comments": 0,
    }


def test_each_refusal_names_its_field_and_says_why(world):
    dana = world[0]
    with pytest.raises(FieldRejected) as no_choice:
        services.delete_account(dana, PASSWORD, "maybe")
    assert (no_choice.value.field, no_choice.value.message) == (
        "comments",
        "Choose what happens to your comments.",
    )
    with pytest.raises(FieldRejected) as wrong:
        services.delete_account(dana, "not the password", "keep")
    assert (wrong.value.field, wrong.value.message) == ("password", "The password is not correct.")
