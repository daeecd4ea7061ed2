"""The moderation queue: moderators only, most-flagged first, reasons counted in one query."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consultations.accounts.models import User
from consultations.clock import now
from consultations.comments.models import Flag
from consultations.comments.services import remove_comment
from consultations.extensions import db
from consultations.moderation import services

QUEUE = "/en/moderation"


@pytest.mark.parametrize(
    "roles",
    [(), ("coordinator",), ("monitor",), ("admin",)],
    ids=lambda r: r[0] if r else "citizen",
)
def test_queue_is_for_moderators_only(world, client_for, make_user, make_agency, roles):
    user = make_user(roles=roles, agency=make_agency() if "coordinator" in roles else None)
    assert client_for(user).get(QUEUE).status_code == 403
    assert client_for(user).get(f"{QUEUE}?state=hidden").status_code == 403


def test_visitors_are_asked_to_log_in(world, client_for):
    response = client_for().get(QUEUE)
    assert response.status_code == 302 and "/en/login" in response.location


def test_moderator_sees_flagged_comments_with_reasons_and_counts(world, client_for, make_user):
    services.flag_comment(make_user(), world.comment, "respect", "Rude.")
    services.flag_comment(make_user(), world.comment, "respect")
    services.flag_comment(make_user(), world.comment, "hate")
    response = client_for(world.moderator).get(QUEUE)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "You are all fools." in page
    assert "Kovács Anna" in page and f"/en/moderation/users/{world.author.id}" in page
    assert "Consultation 1" in page or "open-data" in page
    assert "Flagged 3 times since the last review." in page
    assert "Respect other people: 2" in page and "No hate speech: 1" in page
    assert "held for review" in page
    assert "Hide the comment" in page and "Keep it visible and clear the flags" in page


def test_unflagged_comments_are_not_in_the_queue(world, client_for):
    page = client_for(world.moderator).get(QUEUE).get_data(as_text=True)
    assert "You are all fools." not in page
    assert "No comment is waiting for review." in page


def test_most_flagged_first_then_oldest(world, client_for, make_comment, make_user):
    old = now() - timedelta(days=3)
    once = make_comment(world.consultation, text="Flagged once, oldest.", created_at=old)
    thrice = make_comment(world.consultation, text="Flagged three times.")
    # Written after the newer one: its age, not its id, puts it first.
    twice_new = make_comment(world.consultation, text="Twice, newer.")
    twice_old = make_comment(world.consultation, text="Twice, older.", created_at=old)
    for comment, count in ((once, 1), (thrice, 3), (twice_new, 2), (twice_old, 2)):
        for _ in range(count):
            services.flag_comment(make_user(), comment, "spam")
    page = client_for(world.moderator).get(QUEUE).get_data(as_text=True)
    order = [
        page.index(text)
        for text in ("Flagged three times.", "Twice, older.", "Twice, newer.", "Flagged once")
    ]
    assert order == sorted(order)


def test_hidden_tab_lists_hidden_comments_newest_first_with_restore(
    world, client_for, make_comment
):
    earlier = make_comment(world.consultation, text="Hidden earlier.")
    services.hide_comment(world.moderator, earlier, "spam", "", moment=now() - timedelta(hours=2))
    services.hide_comment(world.moderator, world.comment, "respect", "Insults.")
    page = client_for(world.moderator).get(f"{QUEUE}?state=hidden").get_data(as_text=True)
    assert page.index("You are all fools.") < page.index("Hidden earlier.")
    assert "Restore the comment" in page and "Hide the comment" not in page
    assert "Respect other people" in page and "Insults." in page
    # Hidden comments are not in the flagged list.
    assert "You are all fools." not in client_for(world.moderator).get(QUEUE).get_data(as_text=True)


def test_queue_is_paginated(world, client_for, make_comment, make_user):
    flagger = make_user()
    for _number in range(21):
        services.flag_comment(flagger, make_comment(world.consultation), "spam")
    client = client_for(world.moderator)
    first = client.get(QUEUE).get_data(as_text=True)
    assert "21 comments to review." in first and 'rel="next"' in first
    second = client.get(f"{QUEUE}?page=2").get_data(as_text=True)
    assert second.count('class="comment-text"') == 1


def _fill(moderator_id, make_comment, make_user, make_consultation, size: int) -> None:
    flaggers = [make_user() for _ in range(3)]
    moderator = db.session.get(User, moderator_id)
    for number in range(size):
        consultation = make_consultation()
        comment = make_comment(consultation, author=make_user())
        reasons = ("spam", "hate", "respect")[: number % 3 + 1]
        for flagger, reason in zip(flaggers, reasons, strict=False):
            services.flag_comment(flagger, comment, reason)
        if number % 4 == 0:
            services.hide_comment(moderator, make_comment(consultation), "spam", "")


@pytest.mark.parametrize("state", ["flagged", "hidden"])
def test_queue_query_count_does_not_grow_with_the_data(
    world, client_for, count_queries, make_comment, make_user, make_consultation, state
):
    client = client_for(world.moderator)
    moderator_id = world.moderator.id

    def queries() -> int:
        db.session.remove()
        with count_queries() as counter:
            response = client.get(f"{QUEUE}?state={state}")
        assert response.status_code == 200
        return counter.count

    _fill(moderator_id, make_comment, make_user, make_consultation, 3)
    small = queries()
    _fill(moderator_id, make_comment, make_user, make_consultation, 24)
    assert queries() == small, small


def _reasons(page: str, *comments) -> list[str]:
    """The list of reasons shown under each of these comments in the queue."""
    parts = []
    for comment in comments:
        start = page.index('<ul class="reasons">', page.index(f'id="queued-{comment.id}"'))
        parts.append(page[start : page.index("</ul>", start)])
    return parts


def test_each_queued_comment_shows_its_own_reasons_most_given_first(
    world, client_for, make_comment, make_user
):
    other = make_comment(world.consultation, text="Buy my shoes.")
    for reason in ("hate", "spam", "spam"):
        services.flag_comment(make_user(), world.comment, reason)
    for reason in ("spam", "privacy"):
        services.flag_comment(make_user(), other, reason)
    page = client_for(world.moderator).get(QUEUE).get_data(as_text=True)
    first, second = _reasons(page, world.comment, other)
    # More often given first, though "hate" comes before "spam"; a tie goes by the rule's key.
    assert first.index("No advertising or spam: 2") < first.index("No hate speech: 1")
    assert "Protect personal data" not in first
    assert second.index("Protect personal data: 1") < second.index("No advertising or spam: 1")
    assert "No hate speech" not in second


def test_a_flag_under_a_rule_since_retired_shows_its_key(world, client_for, make_user):
    """Flags keep the key they were given; one no longer among the rules is still listed."""
    services.flag_comment(make_user(), world.comment, "spam")
    db.session.add(
        Flag(
            comment_id=world.comment.id,
            user_id=make_user().id,
            reason="advert",
            note="",
            created_at=now(),
        )
    )
    db.session.commit()
    page = client_for(world.moderator).get(QUEUE).get_data(as_text=True)
    (queued,) = _reasons(page, world.comment)
    assert "<li>advert: 1</li>" in queued and "<li>No advertising or spam: 1</li>" in queued


def test_a_flagged_comment_its_author_removed_leaves_the_queue(world, client_for, make_user):
    services.flag_comment(make_user(), world.comment, "respect")
    remove_comment(world.author, world.comment)
    page = client_for(world.moderator).get(QUEUE).get_data(as_text=True)
    assert "0 comments to review." in page and "No comment is waiting for review." in page
    assert f'id="queued-{world.comment.id}"' not in page


def test_comments_of_the_same_moment_keep_one_order_in_both_lists(
    world, client_for, make_comment, make_user
):
    """Pages of the queue must not repeat or skip a comment: a tie goes by the comment's id,
    the earlier written first among flagged ones, the later first among hidden ones."""
    moment = now() - timedelta(hours=1)
    flagged = [make_comment(world.consultation, created_at=moment) for _ in range(3)]
    for comment in flagged:
        services.flag_comment(make_user(), comment, "spam")
    client = client_for(world.moderator)
    page = client.get(QUEUE).get_data(as_text=True)
    positions = [page.index(f'id="queued-{comment.id}"') for comment in flagged]
    assert positions == sorted(positions)
    hidden = [make_comment(world.consultation) for _ in range(3)]
    for comment in hidden:
        services.hide_comment(world.moderator, comment, "spam", "", moment=moment)
    page = client.get(f"{QUEUE}?state=hidden").get_data(as_text=True)
    positions = [page.index(f'id="queued-{comment.id}"') for comment in reversed(hidden)]
    assert positions == sorted(positions)
