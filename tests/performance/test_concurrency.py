"""Many people commenting at once, through gunicorn: every accepted comment is stored once."""

from __future__ import annotations

import uuid
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_context

from performance import integrity
from performance.client import COMMENTS_PATH, post_comments, post_twice_at_once
from sqlalchemy import text

from consultations.extensions import db

PROCESSES = 4
COMMENTS_EACH = 25
PEOPLE_EACH = 5  # 5 comments each: within the per-account limit of established accounts
ACCEPTED = {302, 303}  # the site redirects to the new comment
SECTIONS = ("", "section-1", "section-2")  # on the whole draft or on one of its sections


def _in_processes(function, *args_per_process):
    # Fresh interpreters (spawn): no connection or thread of the test is copied into them.
    with ProcessPoolExecutor(PROCESSES, mp_context=get_context("spawn")) as pool:
        return [answer for answers in pool.map(function, *args_per_process) for answer in answers]


def test_comments_from_four_processes_are_each_stored_exactly_once(site, server):
    run = f"hammer-{uuid.uuid4().hex[:8]}"
    jobs = []
    for process in range(PROCESSES):
        people = site.people[process * PEOPLE_EACH : (process + 1) * PEOPLE_EACH]
        jobs.append(
            [
                (
                    people[number % PEOPLE_EACH].cookie,
                    people[number % PEOPLE_EACH].token,
                    f"{run} process {process} comment {number}: the draft needs a clearer deadline",
                    SECTIONS[number % len(SECTIONS)],
                )
                for number in range(COMMENTS_EACH)
            ]
        )
    answers = _in_processes(
        post_comments, [server.port] * PROCESSES, [COMMENTS_PATH] * PROCESSES, jobs
    )

    statuses = Counter(status for _text, status in answers)
    assert not [s for s in statuses if s >= 500 or s == 0], f"errors: {statuses}"
    assert statuses == {302: PROCESSES * COMMENTS_EACH}, f"not every comment accepted: {statuses}"
    with site.app.app_context():
        stored = integrity.stored_texts(run)
        accepted = {body for body, status in answers if status in ACCEPTED}
        assert {body for body in accepted if stored[body] != 1} == set()
        assert sum(stored.values()) == len(accepted), "a comment was stored that nobody sent"
        assert integrity.problems() == []
        if db.engine.dialect.name == "sqlite":
            assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_the_same_comment_sent_twice_at_once_is_stored_once(site, server):
    run = f"double-{uuid.uuid4().hex[:8]}"
    people = site.people[PROCESSES * PEOPLE_EACH : PROCESSES * PEOPLE_EACH + 8]
    jobs = [
        [
            (person.cookie, person.token, f"{run} from {person.id} round {round_}: I agree")
            for round_ in range(3)
        ]
        for person in people
    ]
    with ThreadPoolExecutor(len(jobs)) as pool:
        answers = [
            answer
            for answers in pool.map(
                post_twice_at_once, [server.port] * len(jobs), [COMMENTS_PATH] * len(jobs), jobs
            )  # fmt: skip
            for answer in answers
        ]

    assert all(first == second == 302 for _body, first, second in answers), answers
    with site.app.app_context():
        stored = integrity.stored_texts(run)
        assert len(stored) == len(answers)
        assert set(stored.values()) == {1}, f"a double submission was stored twice: {stored}"
        assert integrity.problems() == []
