"""Fixtures: one app and schema per run, emptied after every test; factories return callables."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from werkzeug.security import generate_password_hash

from consultations import create_app
from consultations.accounts.models import Role, RoleGrant, User
from consultations.accounts.rules import name_key
from consultations.agencies.models import Agency, AgencyText
from consultations.clock import now
from consultations.extensions import db
from helpers import PASSWORD, QueryCounter, settings_for

_PASSWORD_HASH = generate_password_hash(PASSWORD)


def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    app = create_app(settings_for(database_url(tmp_path_factory)))
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_database(request):
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_agency(app_ctx) -> Callable[..., Agency]:
    counter = iter(range(1, 1_000_000))

    def make(slug: str | None = None, **names: str) -> Agency:
        number = next(counter)
        agency = Agency(slug=slug or f"agency-{number}")
        for lang, name in (names or {"en": f"Agency {number}"}).items():
            agency.texts.append(AgencyText(locale=lang, name=name))
        db.session.add(agency)
        db.session.commit()
        return agency

    return make


@pytest.fixture
def make_user(app_ctx) -> Callable[..., User]:
    counter = iter(range(1, 1_000_000))

    def make(
        name: str | None = None,
        email: str | None = None,
        roles: tuple = (),
        verified: bool = True,
        language: str = "en",
        agency: Agency | None = None,
    ) -> User:
        number = next(counter)
        name = name or f"Person {number}"
        user = User(
            email=email or f"person{number}@example.org",
            display_name=name,
            name_key=name_key(name),
            password_hash=_PASSWORD_HASH,
            language=language,
            terms_accepted_at=now(),
            email_verified_at=now() if verified else None,
        )
        for role in roles:
            role = Role(role)
            user.roles.append(
                RoleGrant(
                    role=role,
                    agency=agency if role == Role.COORDINATOR else None,
                    organisation="Watchdog" if role == Role.MONITOR else None,
                )
            )
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def count_queries(app):
    def counter() -> QueryCounter:
        return QueryCounter(db.engine)

    return counter

