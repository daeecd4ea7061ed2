"""What each reader sees of comments in every state, on every surface where a comment can
appear: the consultation page, the API, the feeds, the open-data file and search.

Every role signs in (anonymous, citizen, the author, coordinator, monitor, moderator, admin)
and reads every surface; only a visible comment's text is public, a held comment's text is
shown to moderators on the page only, hidden and removed texts to nobody."""

from __future__ import annotations

import pytest

from consultations.clock import now
from consultations.comments.models import CommentState
from consultations.extensions import db

from helpers import login

ROLES = ("anonymous", "citizen", "author", "coordinator", "monitor", "moderator", "admin")
TEXTS = {
    "visible": "Plainly visible kingfisher remark.",
    "held": "Heldback heron remark.",
    "hidden": "Hiddenaway harrier remark.",
    "removed": "Removedentirely robin remark.",
}
SEARCH_WORDS = {"visible": "kingfisher", "held": "heron", "hidden": "harrier", "removed": "robin"}


@pytest.fixture
def world(make_agency, make_consultation, make_comment, make_user):
    agency = make_agency()
    consultation = make_consultation(slug="rivers", agency=agency)
    author = make_user(name="Author Person")
    comments = {state: make_comment(consultation, text, author) for state, text in TEXTS.items()}
    comments["held"].held = True
    comments["hidden"].state, comments["hidden"].hidden_at = CommentState.HIDDEN, now()
    comments["hidden"].hidden_rule = "spam"
    comments["removed"].state = CommentState.REMOVED
    db.session.commit()
    people = {
        "citizen": make_user(name="Citizen Person"),
        "author": author,
        "coordinator": make_user(roles=("coordinator",), agency=agency),
        "monitor": make_user(roles=("monitor",)),
        "moderator": make_user(roles=("moderator",)),
        "admin": make_user(roles=("admin",)),
    }
    return consultation, people


def reader(app, people, role):
    client = app.test_client()
    if role != "anonymous":
        assert login(client, people[role]).status_code == 302
    return client


def shown(text: str) -> set[str]:
    return {state for state, marker in TEXTS.items() if marker in text}


def surfaces(consultation) -> dict[str, str]:
    return {
        "api list": "/api/v1/comments",
        "api of the consultation": f"/api/v1/comments?consultation={consultation.slug}",
        "site feed": "/en/feeds/site.atom",
        "consultation feed": f"/en/consultations/{consultation.slug}/feed.atom",
        "open data": "/data/comments.csv",
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_consultation_page_shows_held_text_to_moderators_only(app, world, role):
    consultation, people = world
    response = reader(app, people, role).get(f"/en/consultations/{consultation.slug}")
    assert response.status_code == 200
    expected = {"visible", "held"} if role == "moderator" else {"visible"}
    assert shown(response.get_data(as_text=True)) == expected


@pytest.mark.parametrize("role", ROLES)
def test_every_other_surface_shows_only_visible_comments_whoever_reads(app, world, role):
    consultation, people = world
    client = reader(app, people, role)
    for name, path in surfaces(consultation).items():
        response = client.get(path)
        assert response.status_code == 200, name
        assert shown(response.get_data(as_text=True)) <= {"visible"}, name
    api = client.get(f"/api/v1/comments?consultation={consultation.slug}").get_data(as_text=True)
    assert shown(api) == {"visible"}
    assert shown(client.get("/data/comments.csv").get_data(as_text=True)) == {"visible"}


@pytest.mark.parametrize("role", ROLES)
def test_search_finds_only_visible_comments_whoever_searches(app, world, role):
    consultation, people = world
    client = reader(app, people, role)
    ids = {state: comment.id for state, comment in _comments(consultation).items()}
    for state, word in SEARCH_WORDS.items():
        page = client.get(f"/en/search?q={word}")
        assert page.status_code == 200
        found = f"/en/search/go/comment/{ids[state]}" in page.get_data(as_text=True)
        assert found is (state == "visible"), state


@pytest.mark.parametrize("role", ROLES)
def test_a_comment_that_is_not_public_is_not_found_by_its_number(app, world, role):
    consultation, people = world
    client = reader(app, people, role)
    ids = {state: comment.id for state, comment in _comments(consultation).items()}
    for state, comment_id in ids.items():
        response = client.get(f"/api/v1/comments/{comment_id}")
        assert (response.status_code == 200) is (state == "visible"), state


def _comments(consultation):
    from consultations.comments.models import Comment

    rows = db.session.scalars(
        db.select(Comment).where(Comment.consultation_id == consultation.id)
    ).all()
    return {state: row for row in rows for state, text in TEXTS.items() if row.body_text == text}
