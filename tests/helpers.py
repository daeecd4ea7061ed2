"""Helpers the tests share: settings, logging in, reading the outbox, counting queries."""

from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy import event

from consultations.accounts.models import User
from consultations.config import _database_url, parse_languages
from consultations.extensions import db
from consultations.mail.models import OutboxMail

ROOT = Path(__file__).parent.parent
PASSWORD = "sturdy-lantern-orchard-42"
# The languages the tests' app offers: the LANGUAGES setting, read as a deployment reads it.
LANGUAGES = parse_languages(os.environ.get("LANGUAGES", ""))


def settings_for(url: str, **extra) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": _database_url(url),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "MAIL_BACKEND": "log",
        "PUBLIC_URL": "http://localhost",
        # Tests fill in the registration form faster than people (its own tests set this).
        "REGISTRATION_MIN_SECONDS": 0,
        **extra,
    }


def login(client, user: User, password: str = PASSWORD, remember: bool = False, lang: str = "en"):
    """Log in through the real form and return the response."""
    return client.post(
        f"/{lang}/login",
        data={"email": user.email, "password": password, "remember": "y" if remember else ""},
    )


def page_without_csrf_token(text: str, email: str = "") -> str:
    """The page without its form token (it carries the current second) and with `email` as X."""
    text = re.sub(r'name="csrf_token" value="[^"]*"', "", text)
    return text.replace(email, "X") if email else text


def outbox(recipient: str | None = None) -> list[OutboxMail]:
    query = db.select(OutboxMail).order_by(OutboxMail.id)
    if recipient:
        query = query.where(OutboxMail.recipient == recipient)
    return list(db.session.scalars(query))


def link_in(mail: OutboxMail) -> str:
    """The path of the first link in a mail (its host is the configured public address)."""
    match = re.search(r"http://localhost(/\S+)", mail.body)
    assert match, mail.body
    return match.group(1)


class QueryCounter:
    """Counts the SQL statements a block of code sends."""

    def __init__(self, engine):
        self.engine = engine
        self.count = 0

    def _count(self, *_args):
        self.count += 1

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *_exc):
        event.remove(self.engine, "before_cursor_execute", self._count)


def add_account(email: str, name: str = "Test Person", admin: bool = False) -> User:
    """A verified account made through the account services, on any app (in its context)."""
    from consultations.accounts import services, tokens
    from consultations.admin.services import bootstrap_admin

    services.register(name, email, PASSWORD, "en")
    user = services.verify_email(tokens.verification_token(services.find_by_email(email)))
    if admin:
        bootstrap_admin(user)
    return user


def add_included_proposal(plan, commitment, author, state, answer: dict, **values):
    """A proposal in `state` by `author`, answered (`answer`: reasons, author_name) as included
    in `commitment`; `values` are its texts and the rest of its columns."""
    from datetime import timedelta

    from consultations.clock import now
    from consultations.proposals.models import Outcome, Proposal, ProposalAnswer

    proposal = Proposal(
        plan_id=plan.id,
        author_id=author.id,
        author_name=author.display_name,
        organisation="",
        state=state,
        **{"created_at": now() - timedelta(days=2), **values},
    )
    db.session.add(proposal)
    db.session.flush()
    db.session.add(
        ProposalAnswer(
            proposal_id=proposal.id,
            outcome=Outcome.INCLUDED,
            commitment_id=commitment.id,
            language="en",
            written_at=now(),
            published_at=now(),
            **answer,
        )
    )
    return proposal
