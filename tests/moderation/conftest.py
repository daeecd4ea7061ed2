"""A small world for moderation tests: an open consultation, a comment, people in each role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from consultations.accounts.models import User
from consultations.comments.models import Comment
from consultations.consultation.models import Consultation

from helpers import login


@dataclass
class World:
    consultation: Consultation
    author: User
    comment: Comment
    citizen: User
    moderator: User


@pytest.fixture
def world(make_consultation, make_comment, make_user) -> World:
    consultation = make_consultation(slug="open-data")
    author = make_user(name="Kovács Anna", language="hu")
    comment = make_comment(consultation, text="You are all fools.", author=author)
    return World(
        consultation=consultation,
        author=author,
        comment=comment,
        citizen=make_user(name="Citizen Kane"),
        moderator=make_user(name="Mira Moderator", roles=("moderator",)),
    )


@pytest.fixture
def client_for(app):
    """A fresh browser, logged in as `user` when one is given."""

    def make(user: User | None = None):
        client = app.test_client()
        if user is not None:
            assert login(client, user).status_code == 302
        return client

    return make
