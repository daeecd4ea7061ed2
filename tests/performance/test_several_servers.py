"""Two app servers (separate processes, separate ports) on one PostgreSQL database and one
Redis, as behind a load balancer: what one writes, the other shows on its next anonymous
page, though each keeps pages in its own memory; rate limits count across both.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator

import pytest
from performance.client import COMMENTS_PATH, SLUG, comment_fields, get, post
from performance.server import Server
from sqlalchemy import func, select

from consultations.accounts.models import Role, RoleGrant, User
from consultations.comments.models import Comment
from consultations.extensions import db
from consultations.moderation.services import hide_comment

PAGE = f"/en/consultations/{SLUG}?order=newest"  # a new comment is on its first page
COMMENT_LIMIT = 4  # per person per minute, for the test of limits across servers


@pytest.fixture(scope="module")
def redis_url(site) -> Iterator[str]:
    if site.dialect != "postgresql":
        pytest.skip("several servers share PostgreSQL and Redis; SQLite is a file on one machine")
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    redis.terminate()
    redis.wait(timeout=10)


@pytest.fixture(scope="module")
def servers(site, redis_url, tmp_path_factory) -> Iterator[tuple[Server, Server]]:
    env = dict(
        site.env,
        RATELIMIT_STORAGE_URI=redis_url,
        PAGE_CACHE_SECONDS="300",  # kept pages: only a changed table may renew them
        COMMENT_RATE_LIMIT=f"{COMMENT_LIMIT} per minute",
    )
    shared = dataclasses.replace(site, env=env)
    folder = tmp_path_factory.mktemp("servers")
    first = Server(shared, folder / "first.log", workers=2).start()
    second = Server(shared, folder / "second.log", workers=2).start()
    yield first, second
    first.stop()
    second.stop()


def _page(server: Server) -> str:
    status, body = get(server.port, PAGE)
    assert status == 200
    return body


def _post(server: Server, person, body: str) -> int:
    return post(server.port, COMMENTS_PATH, person.cookie, comment_fields(person.token, body))


def test_a_comment_posted_through_one_is_on_the_others_next_anonymous_page(site, servers):
    first, second = servers
    for _ in range(3):  # every worker of the second server keeps the page
        _page(second)
    text = f"Shared across servers {uuid.uuid4().hex[:8]}"
    assert _post(first, site.people[-1], text) == 302
    assert text in _page(second)
    assert text in _page(first)


def test_a_hidden_comment_disappears_from_both(site, servers):
    first, second = servers
    text = f"Soon hidden {uuid.uuid4().hex[:8]}"
    assert _post(first, site.people[-2], text) == 302
    for _ in range(3):
        assert text in _page(first)
        assert text in _page(second)
    with site.app.app_context():
        moderator = db.session.scalar(select(User).where(User.id == site.people[-3].id))
        db.session.add(RoleGrant(user_id=moderator.id, role=Role.MODERATOR))
        db.session.commit()
        comment = db.session.scalar(select(Comment).where(Comment.body_text == text))
        hide_comment(moderator, comment, "respect")
        db.session.remove()
    for _ in range(3):
        assert text not in _page(first)
        assert text not in _page(second)


def test_rate_limits_count_across_both(site, servers):
    first, second = servers
    person = site.people[-4]
    statuses = [
        _post(server, person, f"Limit {number} {uuid.uuid4().hex[:8]}")
        for number, server in enumerate([first, second] * COMMENT_LIMIT)
    ]
    assert statuses[:COMMENT_LIMIT] == [302] * COMMENT_LIMIT
    assert set(statuses[COMMENT_LIMIT:]) == {429}


def test_mail_is_sent_once_when_every_server_runs_the_sender(site, servers):
    from performance.server import GUNICORN

    from consultations.clock import now
    from consultations.mail.models import OutboxMail

    from helpers import ROOT

    with site.app.app_context():
        waiting_before = db.session.scalar(select(func.count()).where(OutboxMail.sent_at.is_(None)))
        db.session.add_all(
            OutboxMail(
                recipient=f"reader{number}@example.org",
                subject="Once",
                body="Sent once.\n",
                language="en",
                next_attempt_at=now(),
                attempts=0,
            )
            for number in range(40)
        )
        db.session.commit()
        db.session.remove()
    flask = str(GUNICORN.parent / "flask")
    senders = [
        subprocess.Popen(
            [flask, "--app", "app", "send-mail", "--limit", "10000"],  # all that wait
            cwd=ROOT,
            env=servers[0].site.env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _server in servers
    ]
    outputs = [sender.communicate(timeout=120)[0] for sender in senders]
    sent = [int(re.search(r"sent (\d+)", output).group(1)) for output in outputs]
    assert sum(sent) == 40 + waiting_before  # a hidden comment's author was told too
    with site.app.app_context():
        waiting = db.session.scalars(
            select(OutboxMail.id).where(OutboxMail.subject == "Once", OutboxMail.sent_at.is_(None))
        ).all()
        assert waiting == []
        assert (
            db.session.scalar(
                select(func.max(OutboxMail.attempts)).where(OutboxMail.subject == "Once")
            )
            == 1
        )
        db.session.remove()
