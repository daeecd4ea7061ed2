"""A real site for the load and fault tests: gunicorn in its own processes, production settings.

The database is a SQLite file in WAL mode, or, when TEST_DATABASE_URL is PostgreSQL, its own
schema in that database, so the rest of the suite can empty its tables meanwhile. The schema
is made with `db.create_all()` as everywhere in the tests; the server runs with
CONSULTATIONS_ENV=production (CSRF on, Secure cookies, every rate limit on), with only the
per-address comment limit raised, since every request here comes from 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import quote

import pytest
from performance.client import SLUG, USER_AGENT
from performance.server import Server
from sqlalchemy import text

from consultations import create_app
from consultations.accounts import passwords
from consultations.accounts.models import User
from consultations.accounts.rules import name_key
from consultations.agencies.models import Agency, AgencyText
from consultations.clock import now
from consultations.config import _database_url
from consultations.consultation.models import (
    Consultation,
    ConsultationText,
    Section,
    SectionText,
)
from consultations.extensions import db
from consultations.plans.models import ActionPlan, ActionPlanText, PlanStatus

from helpers import PASSWORD

POSTGRES_SCHEMA = "performance_tests"
# Random for each run: production settings refuse a key written down anywhere.
SECRET_KEY = secrets.token_urlsafe(48)
BASE = "https://127.0.0.1"  # the session cookie is Secure in production settings
PEOPLE = 60  # signed in once; each test module uses its own of them
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class Person:
    """A signed-in citizen as the server sees them: the Cookie header and a CSRF token."""

    id: int
    email: str
    cookie: str
    token: str


@dataclass
class Site:
    """The database the servers share, and the people signed in to it."""

    url: str  # DATABASE_URL as the server reads it
    env: dict[str, str]
    app: object  # an app on the same database, to read it from the test
    people: list[Person] = field(default_factory=list)

    @property
    def dialect(self) -> str:
        return "postgresql" if self.url.startswith("postgresql") else "sqlite"


def _database(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url or not url.startswith(("postgres://", "postgresql")):
        return f"sqlite:///{tmp_path_factory.mktemp('performance') / 'site.sqlite3'}"
    return f"{url}?options={quote(f'-csearch_path={POSTGRES_SCHEMA}')}"


def _reset_schema(app, drop_only: bool = False) -> None:
    with app.app_context(), db.engine.begin() as connection:
        if db.engine.dialect.name != "postgresql":
            return
        # The schema is not on the search path until it exists: name it in full.
        connection.execute(text(f"DROP SCHEMA IF EXISTS {POSTGRES_SCHEMA} CASCADE"))
        if not drop_only:
            connection.execute(text(f"CREATE SCHEMA {POSTGRES_SCHEMA}"))


def _seed(people: int) -> list[tuple[int, str]]:
    """An open consultation with two sections, and `people` verified citizens a month old."""
    moment = now()
    agency = Agency(slug="load-test-agency")
    agency.texts.append(AgencyText(locale="en", name="Load Test Agency"))
    plan = ActionPlan(
        slug="load-test-plan",
        country="IL",
        number=1,
        period_start=moment.date() - timedelta(days=365),
        period_end=moment.date() + timedelta(days=365),
        status=PlanStatus.CONSULTATION,
        coordinating_agency=agency,
    )
    plan.texts.append(ActionPlanText(locale="en", title="Load test plan", summary=""))
    opens = moment - timedelta(days=1)
    consultation = Consultation(
        slug=SLUG,
        agency=agency,
        plan=plan,
        opens_at=opens,
        closes_at=opens + timedelta(days=30),
        response_deadline=opens + timedelta(days=60),
    )
    consultation.texts.append(
        ConsultationText(locale="en", title="Load test", introduction="", updated_at=opens)
    )
    for position in (1, 2):
        section = Section(position=position, anchor=f"section-{position}")
        section.texts.append(
            SectionText(locale="en", heading=f"Section {position}", body="Draft.", updated_at=opens)
        )
        consultation.sections.append(section)
    db.session.add(consultation)
    # argon2id at the suite's low cost (tests/conftest.py): the test signs in many people,
    # and the servers check the password again when one deletes an account.
    password_hash = passwords.hash_password(PASSWORD)
    month_ago = moment - timedelta(days=30)  # established accounts: the usual comment limit
    users = []
    for number in range(1, people + 1):
        name = f"Load Tester {number}"
        users.append(
            User(
                email=f"load{number}@example.org",
                display_name=name,
                name_key=name_key(name),
                password_hash=password_hash,
                language="en",
                terms_accepted_at=month_ago,
                email_verified_at=month_ago,
                created_at=month_ago,
            )
        )
    db.session.add_all(users)
    db.session.commit()
    return [(user.id, user.email) for user in users]


def _sign_in(app, user_id: int, email: str) -> Person:
    """Log in through the real login form, as bench/site.py does, and keep the cookie."""
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = USER_AGENT  # the browser the server will see
    form = client.get("/en/login", base_url=BASE).get_data(as_text=True)
    answer = client.post(
        "/en/login",
        base_url=BASE,
        headers={"Referer": f"{BASE}/en/login"},
        data={"email": email, "password": PASSWORD, "csrf_token": TOKEN.search(form)[1]},
    )
    assert answer.status_code == 302, f"{email} could not log in"
    page = client.get(f"/en/consultations/{SLUG}", base_url=BASE).get_data(as_text=True)
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"], domain="127.0.0.1")
    return Person(user_id, email, f"{cookie.key}={cookie.value}", TOKEN.search(page)[1])


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Iterator[Site]:
    """A fresh database with one open consultation and PEOPLE signed-in citizens."""
    url = _database(tmp_path_factory)
    env = dict(
        os.environ,
        DATABASE_URL=url,
        SECRET_KEY=SECRET_KEY,
        CONSULTATIONS_ENV="production",
        AUTO_MIGRATE="0",  # the schema comes from create_all, as in every test
        MAIL_BACKEND="log",
        PUBLIC_URL="http://127.0.0.1",
        RATELIMIT_STORAGE_URI="memory://",
        RATELIMIT_PER_WORKER="1",  # one machine: each worker counting alone is accepted
        # Every request comes from one address here; in production they come from many.
        COMMENT_IP_RATE_LIMIT="100000 per minute",
        # People sign in once, when the site is made; a long suite must not outlive the
        # freshness that deleting an account asks for.
        REAUTH_MINUTES="1440",
    )
    env.pop("TEST_DATABASE_URL", None)
    # The test's own view of the same database, with the same secret, so the sessions it
    # signs in are valid on the server; only its login limit is off (it signs in many).
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": _database_url(url),
            "SECRET_KEY": SECRET_KEY,
            "PRODUCTION": True,
            "SESSION_COOKIE_SECURE": True,
            "REMEMBER_COOKIE_SECURE": True,
            "AUTO_MIGRATE": False,
            "RATELIMIT_ENABLED": False,
            "MAIL_BACKEND": "log",
        }
    )
    _reset_schema(app)
    with app.app_context():
        db.create_all()
        users = _seed(PEOPLE)
        db.session.remove()
    # Outside the app context: each request gets its own, as on a server.
    people = [_sign_in(app, user_id, email) for user_id, email in users]
    yield Site(url, env, app, people)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    _reset_schema(app, drop_only=True)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def server(site, tmp_path_factory) -> Iterator[Server]:
    """A server for one test module: 2 workers of one thread each, as gunicorn.conf.py runs
    them on a small 2-core machine."""
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    running = Server(site, log, workers=2).start()
    yield running
    running.stop()
