"""Flagging a comment: once per person, with a rule; enough flags hold it for review."""

from __future__ import annotations

import pytest
from moderation.world import flags, fresh

from consultations.clock import now
from consultations.comments.models import CommentState, Flag
from consultations.errors import FieldRejected, PermissionDenied
from consultations.extensions import db
from consultations.moderation import services
from consultations.moderation.views import FLAG_RATE_LIMIT

from helpers import login

FLAG_LIMIT = int(FLAG_RATE_LIMIT.split()[0])  # per minute


def flag_url(world) -> str:
    return f"/en/comments/{world.comment.id}/flag"


def test_flag_page_shows_the_comment_and_the_rules(world, client_for):
    page = client_for(world.citizen).get(flag_url(world)).get_data(as_text=True)
    assert "You are all fools." in page
    assert "Respect other people" in page and "No hate speech" in page
    assert 'value="respect"' in page and 'value="lawful"' in page


def test_citizen_flags_a_comment_and_is_sent_back_to_it(world, client_for):
    client = client_for(world.citizen)
    response = client.post(flag_url(world), data={"reason": "respect", "note": "An insult."})
    assert response.status_code == 302
    assert response.location.endswith(f"/en/consultations/open-data#comment-{world.comment.id}")
    # The thank-you shows on the next page; flagging again is not offered.
    page = client.get(flag_url(world)).get_data(as_text=True)
    assert "Thank you. The moderators will review this comment." in page
    assert "You have already flagged this comment." in page
    assert 'name="reason"' not in page
    assert fresh(world.comment).flag_count == 1 and flags() == 1


def test_flagging_twice_says_so_and_changes_nothing(world, client_for):
    client = client_for(world.citizen)
    client.post(flag_url(world), data={"reason": "respect"})
    response = client.post(flag_url(world), data={"reason": "spam"})
    assert response.status_code == 422
    assert "You have already flagged this comment." in response.get_data(as_text=True)
    assert fresh(world.comment).flag_count == 1 and flags() == 1


def test_second_flag_through_the_service_is_refused(world):
    services.flag_comment(world.citizen, world.comment, "respect")
    with pytest.raises(services.AlreadyFlagged) as refused:
        services.flag_comment(world.citizen, world.comment, "hate", "again")
    assert (refused.value.field, refused.value.message) == (
        "reason",
        "You have already flagged this comment.",
    )
    assert fresh(world.comment).flag_count == 1 and flags() == 1


def test_comment_is_held_when_flags_reach_the_threshold(world, make_user):
    for _number in range(2):
        services.flag_comment(make_user(), world.comment, "respect")
    assert fresh(world.comment).flag_count == 2 and not world.comment.held
    services.flag_comment(make_user(), world.comment, "hate")
    comment = fresh(world.comment)
    assert comment.flag_count == 3 and comment.held
    assert comment.state == CommentState.VISIBLE  # held for review, still on the page


def test_the_threshold_comes_from_the_configuration(app, world, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "FLAG_HOLD_THRESHOLD", 1)
    services.flag_comment(make_user(), world.comment, "spam")
    assert fresh(world.comment).held


@pytest.mark.parametrize("who", ["author", "unverified", "suspended"])
def test_author_unverified_and_suspended_people_cannot_flag(world, client_for, make_user, who):
    user = {"author": world.author, "unverified": make_user(verified=False)}.get(who) or make_user()
    client = client_for(user)
    if who == "suspended":
        user.suspended_at = now()
        db.session.commit()
    assert client.get(flag_url(world)).status_code == 403
    assert client.post(flag_url(world), data={"reason": "spam"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.flag_comment(user, world.comment, "spam")
    assert flags() == 0 and fresh(world.comment).flag_count == 0


def test_visitors_are_asked_to_log_in(world, client_for):
    for response in (
        client_for().get(flag_url(world)),
        client_for().post(flag_url(world), data={"reason": "spam"}),
    ):
        assert response.status_code == 302 and "/en/login" in response.location
    assert flags() == 0


def test_a_hidden_comment_cannot_be_flagged(world, client_for):
    services.hide_comment(world.moderator, world.comment, "respect")  # no note to the author
    assert fresh(world.comment).hidden_note == ""
    assert client_for(world.citizen).get(flag_url(world)).status_code == 403


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": "rudeness"}, "Choose one of the participation rules."),
        ({}, "Choose the rule this comment breaks."),
        ({"reason": "spam", "note": "x" * 1001}, "Field cannot be longer than 1000 characters."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_kept(world, client_for, data, message):
    response = client_for(world.citizen).post(flag_url(world), data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    if data.get("note"):
        assert data["note"] in page  # what the person wrote comes back
    assert flags() == 0 and fresh(world.comment).flag_count == 0


def test_flagging_is_rate_limited_per_account(make_app, make_user, make_consultation, make_comment):
    limited = make_app(RATELIMIT_ENABLED=True)
    with limited.app_context():
        consultation = make_consultation()
        comments = [make_comment(consultation) for _ in range(FLAG_LIMIT + 1)]
        citizen = make_user()
        client = limited.test_client()
        login(client, citizen)
        statuses = [
            client.post(f"/en/comments/{c.id}/flag", data={"reason": "spam"}).status_code
            for c in comments
        ]
        assert statuses == [302] * FLAG_LIMIT + [429]
        assert flags() == FLAG_LIMIT
        # Another person is not held back by the first one's flags.
        other = limited.test_client()
        login(other, make_user())
        response = other.post(f"/en/comments/{comments[0].id}/flag", data={"reason": "spam"})
        assert response.status_code == 302
        db.session.remove()


def test_an_anonymous_flag_is_sent_to_sign_in_with_limits_on(
    make_app, make_consultation, make_comment
):
    """The limit's key for a visitor who is not signed in is their address, not an error."""
    limited = make_app(RATELIMIT_ENABLED=True)
    with limited.app_context():
        comment = make_comment(make_consultation())
        response = limited.test_client().post(
            f"/en/comments/{comment.id}/flag", data={"reason": "spam"}
        )
        assert response.status_code == 302 and "/login" in response.location
        assert flags() == 0
        db.session.remove()


def test_the_service_refuses_an_unknown_reason_at_the_reason_field(world):
    with pytest.raises(FieldRejected) as refused:
        services.flag_comment(world.citizen, world.comment, "rudeness")
    assert (refused.value.field, refused.value.message) == (
        "reason",
        "Choose one of the participation rules.",
    )
    assert flags() == 0


def test_a_flag_given_without_a_note_keeps_none(world):
    """As the demo loader flags: the review page must not show a note nobody wrote."""
    services.flag_comment(world.citizen, world.comment, "spam")
    assert db.session.scalars(db.select(Flag.note)).one() == ""


def test_two_clicks_arriving_together_count_one_flag(world, monkeypatch):
    """The second click's check runs before the first's row is written: the unique key
    refuses the row, and the person is told they have flagged already."""
    services.flag_comment(world.citizen, world.comment, "spam")
    monkeypatch.setattr(services, "has_flagged", lambda *_args: False)
    with pytest.raises(services.AlreadyFlagged) as refused:
        services.flag_comment(world.citizen, fresh(world.comment), "spam")
    assert refused.value.message == "You have already flagged this comment."
    assert fresh(world.comment).flag_count == 1 and flags() == 1
