"""A forum for Israel (and one for Latvia), and a person in every role around it."""

from __future__ import annotations

import pytest

from consultations.accounts.models import Role, RoleGrant
from consultations.extensions import db
from consultations.forum.models import Forum


@pytest.fixture
def make_forum(app_ctx):
    def make(country: str = "IL") -> Forum:
        forum = Forum(country=country, join_html="", join_language="en")
        db.session.add(forum)
        db.session.commit()
        return forum

    return make


@pytest.fixture
def people(make_user, make_agency):
    """Everyone the forum's permissions tell apart, by the name the tests use."""
    israeli, latvian = make_agency(country="IL"), make_agency(country="LV")

    def secretariat(agency):
        user = make_user()
        user.roles.append(RoleGrant(role=Role.FORUM_SECRETARIAT, agency=agency))
        db.session.commit()
        return user

    return {
        "secretariat": secretariat(israeli),
        "other_secretariat": secretariat(latvian),
        "coordinator": make_user(roles=("coordinator",), agency=israeli),
        "citizen": make_user(),
        "monitor": make_user(roles=("monitor",)),
        "moderator": make_user(roles=("moderator",)),
        "admin": make_user(roles=("admin",)),
        "anonymous": None,
    }


@pytest.fixture
def forum(make_forum):
    make_forum("LV")
    return make_forum("IL")


@pytest.fixture
def local_storage(app, tmp_path):
    """Documents stored in a folder of this test's own."""
    from consultations.documents.storage import LocalStorage

    previous = app.extensions["documents_storage"]
    app.extensions["documents_storage"] = LocalStorage(tmp_path / "documents")
    yield app.extensions["documents_storage"]
    app.extensions["documents_storage"] = previous
