"""A plain HTTP client for the load and fault tests: one connection per request, no retries.

Module-level functions only, so a process pool can run them (they are pickled by name).
"""

from __future__ import annotations

import http.client
import threading
import time
from urllib.parse import urlencode

SLUG = "load-test-consultation"
COMMENTS_PATH = f"/en/consultations/{SLUG}/comments"
CUT_OFF = 0  # the status recorded when the server never answered (connection lost)
# The browser people signed in with: Flask-Login marks a session no longer fresh when it
# comes back from another browser, and deleting an account asks for a fresh one.
USER_AGENT = "Consultations load test"


def post(port: int, path: str, cookie: str, fields: dict[str, str], timeout: float = 60) -> int:
    """POST a form as a signed-in person; the status, or CUT_OFF if no answer came."""
    return post_to(port, path, cookie, fields, timeout)[0]


def post_to(
    port: int, path: str, cookie: str, fields: dict[str, str], timeout: float = 60
) -> tuple[int, str]:
    """POST a form as a signed-in person; the status and where it sends them (CUT_OFF and
    "" if no answer came)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(
            "POST",
            path,
            body=urlencode(fields),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "User-Agent": USER_AGENT,
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location", "")
    except (ConnectionError, http.client.HTTPException, TimeoutError, OSError):
        return CUT_OFF, ""
    finally:
        connection.close()


def get(port: int, path: str, timeout: float = 30) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def comment_fields(token: str, body: str, section: str = "") -> dict[str, str]:
    """The comment form as the consultation page sends it (the honeypot left empty)."""
    return {
        "csrf_token": token,
        "body": body,
        "section": section,
        "stance": "",
        "language": "en",
        "website": "",
    }


def post_comments(
    port: int, path: str, jobs: list[tuple[str, str, str, str]]
) -> list[tuple[str, int]]:
    """Post each (cookie, token, text, section anchor) in turn; [(text, status)]."""
    return [
        (body, post(port, path, cookie, comment_fields(token, body, section)))
        for cookie, token, body, section in jobs
    ]


def post_twice_at_once(
    port: int, path: str, jobs: list[tuple[str, str, str]]
) -> list[tuple[str, int, int]]:
    """Send each (cookie, token, text) twice at the same moment, as a double click does."""
    answers = []
    for cookie, token, body in jobs:
        barrier = threading.Barrier(2)
        statuses: list[int] = []

        def send(cookie=cookie, token=token, body=body, barrier=barrier, statuses=statuses):
            barrier.wait()
            statuses.append(post(port, path, cookie, comment_fields(token, body)))

        threads = [threading.Thread(target=send) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        answers.append((body, *statuses))
        time.sleep(0)
    return answers
