"""A server killed in the middle of writes leaves nothing half-written, and starts again.

A trigger the test adds to the database makes every write of a comment's search document
pause, so each comment and each account deletion in flight spends most of its time inside
its transaction: after the comment row (or the erasure's bulk updates) and before the
commit. One gunicorn worker is then killed with SIGKILL, and later the whole server, while
comments and account deletions are in flight.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from performance import integrity
from performance.client import COMMENTS_PATH, CUT_OFF, SLUG, comment_fields, get, post
from performance.server import Server
from sqlalchemy import func, select, text

from consultations.accounts.models import User
from consultations.audit.models import AuditEvent
from consultations.comments.models import Comment, CommentState
from consultations.extensions import db

from helpers import PASSWORD, ROOT

PAUSE_SECONDS = 0.15
COMMENTERS = range(28, 36)  # indexes into site.people; the concurrency tests use 0..27
LEAVERS = range(40, 52)
MAX_COMMENTS_EACH = 8  # within the per-account limit of 10 a minute
SQLITE_PAD_ROWS = 1200  # the pause on SQLite: a cross join of this table with itself

SLOW_DOWN = {
    "sqlite": (
        "CREATE TABLE perf_pad (n INTEGER)",
        "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c "
        f"WHERE n < {SQLITE_PAD_ROWS}) INSERT INTO perf_pad SELECT n FROM c",
        "CREATE TRIGGER perf_pause AFTER INSERT ON search_documents WHEN new.kind = 'comment' "
        "BEGIN SELECT count(*) FROM perf_pad a, perf_pad b WHERE a.n + b.n < 0; END",
    ),
    "postgresql": (
        "CREATE FUNCTION perf_pause() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN PERFORM pg_sleep({PAUSE_SECONDS}); RETURN NULL; END $$",
        "CREATE TRIGGER perf_pause AFTER INSERT ON search_documents FOR EACH ROW "
        "WHEN (new.kind = 'comment') EXECUTE FUNCTION perf_pause()",
    ),
}
SPEED_UP = {
    "sqlite": ("DROP TRIGGER perf_pause", "DROP TABLE perf_pad"),
    "postgresql": ("DROP TRIGGER perf_pause ON search_documents", "DROP FUNCTION perf_pause()"),
}


def _execute(site, statements) -> None:
    with site.app.app_context():
        for statement in statements[site.dialect]:
            db.session.execute(text(statement))
        db.session.commit()
        db.session.remove()


class Traffic:
    """Comments and account deletions sent from threads until told to stop."""

    def __init__(self, port: int, run: str):
        self.port, self.run = port, run
        self.stop = threading.Event()
        self.comments: list[tuple[str, int]] = []  # (text, status)
        self.deletions: list[tuple[int, str, int]] = []  # (person id, choice, status)
        self.threads: list[threading.Thread] = []

    def start(self, commenters, leavers) -> None:
        for person in commenters:
            self.threads.append(threading.Thread(target=self._comment, args=(person,)))
        half = len(leavers) // 2
        for group in (leavers[:half], leavers[half:]):
            self.threads.append(threading.Thread(target=self._leave, args=(group,)))
        for thread in self.threads:
            thread.start()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def _comment(self, person) -> None:
        for number in range(MAX_COMMENTS_EACH):
            if self.stop.is_set():
                return
            body = f"{self.run} by {person.id} number {number}: please publish the evidence"
            status = post(
                self.port, COMMENTS_PATH, person.cookie, comment_fields(person.token, body)
            )
            self.comments.append((body, status))

    def _leave(self, people) -> None:
        for position, person in enumerate(people):
            if self.stop.is_set():
                return
            choice = "keep" if position % 2 else "remove"
            fields = {"csrf_token": person.token, "comments": choice, "password": PASSWORD}
            status = post(self.port, "/en/account/delete", person.cookie, fields)
            self.deletions.append((person.id, choice, status))


def _post_before(site, server, people, run: str) -> dict[int, list[str]]:
    """Two comments by each of `people`, before anything is killed."""
    texts = {}
    for person in people:
        texts[person.id] = []
        for number in range(2):
            body = f"{run} earlier by {person.id} number {number}: a fair draft"
            fields = comment_fields(person.token, body)
            assert post(server.port, COMMENTS_PATH, person.cookie, fields) == 302
            texts[person.id].append(body)
    return texts


def test_killed_workers_leave_nothing_half_written(site, tmp_path):
    run = f"fault-{uuid.uuid4().hex[:8]}"
    commenters = [site.people[index] for index in COMMENTERS]
    leavers = [site.people[index] for index in LEAVERS]
    log = tmp_path / "gunicorn.log"
    server = Server(site, log, workers=2, threads=1).start()
    try:
        earlier = _post_before(site, server, leavers, run)
        _execute(site, SLOW_DOWN)
        traffic = Traffic(server.port, run)
        traffic.start(commenters, leavers)
        time.sleep(1.0)
        server.kill_worker()  # gunicorn's master starts another one
        time.sleep(2.0)
        server.kill()  # the master and every worker at once
        traffic.finish()
    finally:
        server.kill()
        _execute(site, SPEED_UP)

    answered = [status for _body, status in traffic.comments] + [
        status for *_who, status in traffic.deletions
    ]
    assert set(answered) <= {302, CUT_OFF}, f"answers other than success or cut off: {answered}"
    assert CUT_OFF in answered, "no request was in flight when the server was killed"
    assert 302 in answered, "nothing was written before the kill"

    with site.app.app_context():
        stored = integrity.stored_texts(run)
        for body, status in traffic.comments:
            expected = {1} if status == 302 else {0, 1}  # cut off: written or not, never twice
            assert stored[body] in expected, f"{body!r} is stored {stored[body]} times"
        assert integrity.problems() == []
        _check_deletions(traffic.deletions, leavers, earlier)

    audit = subprocess.run(
        [str(Path(sys.executable).parent / "flask"), "--app", "app", "audit", "verify"],
        cwd=ROOT,
        env=site.env,
        capture_output=True,
        text=True,
    )
    assert audit.returncode == 0, audit.stdout + audit.stderr

    restarted = Server(site, log, workers=2, threads=1).start()
    try:
        status, page = get(restarted.port, f"/en/consultations/{SLUG}")
        assert status == 200 and "Load test" in page
        person = site.people[-1]
        body = f"{run} after the restart: still open"
        fields = comment_fields(person.token, body)
        assert post(restarted.port, COMMENTS_PATH, person.cookie, fields) == 302
    finally:
        restarted.stop()
    with site.app.app_context():
        assert integrity.stored_texts(body)[body] == 1


def _check_deletions(deletions, leavers, earlier) -> None:
    """Each person who asked to leave is either wholly erased or wholly still there."""
    outcome = {person_id: (choice, status) for person_id, choice, status in deletions}
    for person in leavers:
        user = db.session.get(User, person.id)
        authored = db.session.scalar(
            select(func.count()).select_from(Comment).where(Comment.author_id == person.id)
        )
        events = db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "account.delete", AuditEvent.target_id == str(person.id))
        )
        choice, status = outcome.get(person.id, (None, None))
        if user.deleted_at is None:
            assert status != 302, f"{person.email} was told the account is deleted"
            assert user.email == person.email and authored == 2 and events == 0
            continue
        assert user.email.endswith("@deleted.invalid") and authored == 0 and events == 1
        texts = set(earlier[person.id])
        kept = db.session.scalars(select(Comment).where(Comment.body_text.in_(texts))).all()
        if choice == "keep":
            assert len(kept) == 2 and all(c.state == CommentState.VISIBLE for c in kept)
        else:
            assert kept == [], "a removed comment kept its text"
