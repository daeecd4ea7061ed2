"""The browser gate's fixtures: a live demo site, one Chromium, one logged-in context per role.

The live server has its own app and database (a SQLite file, or its own schema in the
TEST_DATABASE_URL database), so the suite's per-test clean-up never empties it.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from browser.pages import LANGUAGES
from browser.tools import CHROMIUM, CHROMIUM_ARGS, require_tools
from sqlalchemy import func, select, text
from werkzeug.serving import make_server

from consultations import create_app
from consultations.accounts import tokens
from consultations.accounts.models import User
from consultations.agencies.models import Agency
from consultations.comments.models import Comment, CommentState
from consultations.config import first_choice
from consultations.consultation.models import Consultation
from consultations.demo import DEMO_PASSWORD, load_demo
from consultations.documents import services as documents
from consultations.extensions import db
from consultations.follows.tokens import unsubscribe_token
from consultations.forum.models import Meeting
from consultations.plans.models import Assessment, Commitment, Milestone, ProgressUpdate
from consultations.receipts.models import Receipt
from consultations.reports.models import SelfAssessmentReport
from consultations.responses.models import AnsweredComment, Response

from helpers import settings_for

POSTGRES_SCHEMA = "browser_tests"
DESKTOP = {"width": 1280, "height": 800}

# The demo account each `role` in pages.py logs in as.
ACCOUNTS = {
    "admin": "admin@example.org",
    "coordinator": "coordinator@example.org",
    "monitor": "monitor@example.org",
    "moderator": "moderator@example.org",
    "citizen": "citizen@example.org",
    "secretariat": "mazkirut@example.org",
}


# Each role logs in once and visits its pages for as long as the run takes.
LONG_SESSIONS = {"REAUTH_MINUTES": 24 * 60, "STAFF_IDLE_MINUTES": 24 * 60}


def _settings(tmp_path_factory) -> dict:
    url = os.environ.get("TEST_DATABASE_URL")
    languages = {
        "LANGUAGES": LANGUAGES,
        "DEFAULT_LANGUAGE": first_choice(LANGUAGES),
    }
    if not url:
        path = tmp_path_factory.mktemp("browser-db") / "browser.sqlite3"
        return settings_for(f"sqlite:///{path}", **languages, **LONG_SESSIONS)
    # Its own schema, so the rest of the suite can empty and drop its tables meanwhile.
    options = {
        "pool_pre_ping": True,
        "connect_args": {"options": f"-csearch_path={POSTGRES_SCHEMA}"},
    }
    return settings_for(url, SQLALCHEMY_ENGINE_OPTIONS=options, **languages, **LONG_SESSIONS)


@dataclass(frozen=True)
class LiveServer:
    base_url: str
    ids: dict[str, object]  # what pages.py paths may name: coordinator_id, update_id, …
    app: object  # the live site's Flask app, to read its outbox and database


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    """The demo site, served on a free port of 127.0.0.1 from a background thread."""
    settings = {**_settings(tmp_path_factory), "STORAGE_URL": str(tmp_path_factory.mktemp("docs"))}
    app = create_app(settings)
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text(f"DROP SCHEMA IF EXISTS {POSTGRES_SCHEMA} CASCADE"))
                connection.execute(text(f"CREATE SCHEMA {POSTGRES_SCHEMA}"))
        db.create_all()
        for _line in load_demo():
            pass
        ids = {
            "coordinator_id": _user("coordinator@example.org").id,
            "agency_id": db.session.scalar(select(Agency.id).where(Agency.slug == "ict-authority")),
            "reset_token": tokens.reset_token(_user("citizen@example.org")),
            "milestone_id": _first(Milestone, "IL9030"),
            "update_id": _first(ProgressUpdate, "IL9024"),
            "assessment_id": _first(Assessment, "HU9006"),
            "citizen_id": _user("citizen@example.org").id,
            "unsubscribe_token": unsubscribe_token(_user("citizen@example.org").id),
            **_comment_ids(),
            **_receipt_references(),
            "document_id": _evidence_document(),
            "report_id": db.session.scalar(select(SelfAssessmentReport.id).limit(1)),
            **_proposal_ids(),
            # The demo forum's latest meeting: the one with minutes, attendance and a document.
            "meeting_id": db.session.scalar(select(func.max(Meeting.id))),
        }
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}", ids, app)
    server.shutdown()
    thread.join()
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text(f"DROP SCHEMA IF EXISTS {POSTGRES_SCHEMA} CASCADE"))
        else:
            db.drop_all()
        db.engine.dispose()


def _proposal_ids() -> dict[str, int]:
    """The Israeli draft's first proposal (answered) and its latest (awaiting an answer)."""
    from consultations.proposals.models import Proposal, ProposalComment

    ids = db.session.scalars(select(Proposal.id).order_by(Proposal.id)).all()
    comment_id = db.session.scalar(select(func.min(ProposalComment.id)))
    references = dict(
        db.session.execute(
            select(Receipt.subject_id, Receipt.reference).where(
                Receipt.subject_type == "proposal", Receipt.subject_id.in_((ids[0], ids[-1]))
            )
        ).all()
    )
    return {
        "proposal_id": ids[0],
        "open_proposal_id": ids[-1],
        "answered_proposal_reference": references[ids[0]],
        "open_proposal_reference": references[ids[-1]],
        "proposal_comment_id": comment_id,
        "proposal_comment_reference": db.session.scalar(
            select(Receipt.reference).where(
                Receipt.subject_type == "proposal_comment", Receipt.subject_id == comment_id
            )
        ),
    }


def _evidence_document() -> int:
    """A file attached to IL9024's first update, for the document page."""
    update = db.session.get(ProgressUpdate, _first(ProgressUpdate, "IL9024"))
    author = db.session.get(User, update.author_id) if update.author_id else None
    author = author or _user("coordinator@example.org")
    update.author_id = author.id
    content = "Ceturkšņa pārskats,2026\nRīga,12\n".encode()
    received = documents.receive(io.BytesIO(content), "pārskats.csv")
    document = documents.attach([received], "progress_update", update, author)[0]
    db.session.commit()
    return document.id


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def _comment_ids() -> dict[str, int]:
    """Comments of the open demo consultation the comment and moderation pages act on."""
    citizen = _user("citizen@example.org")
    on_open = (
        select(Comment.id)
        .join(Consultation, Comment.consultation_id == Consultation.id)
        .where(Consultation.slug == "il-2026-2029-draft")
        .order_by(Comment.id)
    )
    others = on_open.where(
        Comment.author_id != citizen.id,
        Comment.state == CommentState.VISIBLE,
        Comment.depth == 0,
        Comment.held.is_(False),
    )
    return {
        "comment_id": db.session.scalars(others).first(),
        "flaggable_comment_id": db.session.scalars(others).first(),
        "own_comment_id": db.session.scalars(
            on_open.where(Comment.author_id == citizen.id)
        ).first(),
        "response_id": db.session.scalars(select(Response.id).order_by(Response.id)).first(),
        "hidden_comment_id": db.session.scalars(
            on_open.where(Comment.state == CommentState.HIDDEN)
        ).first(),
    }


def _receipt_references() -> dict[str, str]:
    """Reference numbers of demo comments in each stage, for the track pages."""
    numbered = select(Receipt.reference).join(Comment, Comment.id == Receipt.subject_id)
    numbered = numbered.where(Receipt.subject_type == "comment").order_by(Comment.id)
    answered = select(AnsweredComment.comment_id)
    visible = numbered.where(Comment.state == CommentState.VISIBLE)
    return {
        "published_reference": db.session.scalars(
            visible.where(Comment.held.is_(False), Comment.id.not_in(answered))
        ).first(),
        "held_reference": db.session.scalars(visible.where(Comment.held.is_(True))).first(),
        "answered_reference": db.session.scalars(visible.where(Comment.id.in_(answered))).first(),
        "hidden_reference": db.session.scalars(
            numbered.where(Comment.state == CommentState.HIDDEN)
        ).first(),
    }


def _first(model, reference: str) -> int:
    """The id of the first milestone, update or assessment of a demo commitment."""
    statement = (
        select(model.id)
        .join(Commitment, model.commitment_id == Commitment.id)
        .where(Commitment.reference == reference)
        .order_by(model.id)
    )
    found = db.session.scalars(statement).first()
    assert found is not None, f"the demo has no {model.__name__} for {reference}"
    return found


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole run (Playwright never downloads one)."""
    require_tools("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def context_for(browser, live_server) -> Iterator[Callable]:
    """A browser context per role (None: not logged in), made once and reused.

    bypass_csp lets the tests inject axe-core: the site's CSP forbids inline scripts.
    """
    contexts = {}

    def get(role: str | None):
        if role not in contexts:
            context = browser.new_context(bypass_csp=True, base_url=live_server.base_url)
            if role:
                response = context.request.post(
                    "/en/login", form={"email": ACCOUNTS[role], "password": DEMO_PASSWORD}
                )
                assert response.ok and "Log out" in response.text(), f"could not log in as {role}"
            contexts[role] = context
        return contexts[role]

    yield get
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="session")
def open_page(context_for, live_server) -> Callable:
    """Open a registered page in its role's tab, POSTing its form if it has one.

    One tab per role is reused for every visit: opening a tab costs more than a page.
    """
    tabs = {}

    def open_(page_spec, lang: str, viewport: dict | None = None):
        if page_spec.role not in tabs:
            tabs[page_spec.role] = context_for(page_spec.role).new_page()
        tab = tabs[page_spec.role]
        tab.set_viewport_size(viewport or DESKTOP)
        url = page_spec.url(live_server.base_url, lang, live_server.ids)
        if page_spec.files:
            # The upload is posted with the tab's cookies; the tab then shows that answer.
            answer = context_for(page_spec.role).request.post(url, multipart=page_spec.multipart())
            tab.route(url, lambda route: route.fulfill(response=answer), times=1)
        elif page_spec.form is not None:
            body = urlencode(page_spec.form)

            def post(route):
                headers = {
                    **route.request.headers,
                    "content-type": "application/x-www-form-urlencoded",
                }
                route.continue_(method="POST", post_data=body, headers=headers)

            tab.route(url, post, times=1)
        response = tab.goto(url)
        if page_spec.form is not None or page_spec.files:
            tab.unroute(url)
        assert response is not None and response.status == page_spec.status, (
            f"{url} answered {response and response.status}, expected {page_spec.status}"
        )
        return tab

    return open_


@pytest.fixture(scope="session")
def fetch_html(context_for, live_server) -> Callable:
    """The HTML the server sends for a registered page, with its role's cookies."""

    def fetch(page_spec, lang: str) -> str:
        context = context_for(page_spec.role)
        url = page_spec.url(live_server.base_url, lang, live_server.ids)
        if page_spec.files:
            response = context.request.post(url, multipart=page_spec.multipart())
        elif page_spec.form is not None:
            response = context.request.post(url, form=page_spec.form)
        else:
            response = context.request.get(url)
        assert response.status == page_spec.status, (
            f"{url} answered {response.status}, expected {page_spec.status}"
        )
        return response.text()

    return fetch
