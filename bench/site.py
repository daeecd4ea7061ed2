"""What the benchmark asks the site's database, run as `python -m bench.site <question>`.

sessions PATH COUNT   sign COUNT citizens in through the real login form
last-page             the number of the big consultation's last page of comments
posted RUN            how many comments of benchmark run RUN are stored, and how many texts
"""

from __future__ import annotations

import re
import sys

from sqlalchemy import func, select

from consultations import create_app
from consultations.accounts.models import User
from consultations.benchmark.data import BENCH_PASSWORD
from consultations.comments.models import Comment
from consultations.consultation.queries import PER_PAGE
from consultations.extensions import db

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
BASE = "https://127.0.0.1"  # session cookies are Secure in production settings


def write_sessions(path: str, count: int) -> None:
    """Log in `count` benchmark citizens; write "<Cookie header>\\t<CSRF token>" lines."""
    # The same database and secret as the server, so its workers accept these sessions;
    # the login limit is off only in this process, which signs in hundreds at once.
    app = create_app({"RATELIMIT_ENABLED": False})
    with app.app_context():
        emails = db.session.scalars(
            select(User.email).where(~User.roles.any()).order_by(User.id.desc()).limit(count)
        ).all()
    lines = []
    for email in emails:
        client = app.test_client()
        form = client.get("/en/login", base_url=BASE).get_data(as_text=True)
        answer = client.post(
            "/en/login",
            base_url=BASE,
            headers={"Referer": f"{BASE}/en/login"},  # checked on HTTPS, as a browser sends it
            data={"email": email, "password": BENCH_PASSWORD, "csrf_token": TOKEN.search(form)[1]},
        )
        assert answer.status_code == 302, f"{email} could not log in"
        page = client.get("/en/consultations/bench-consultation-1", base_url=BASE)
        token = TOKEN.search(page.get_data(as_text=True))[1]
        cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"], domain="127.0.0.1")
        lines.append(f"{cookie.key}={cookie.value}\t{token}")
    with open(path, "w", encoding="utf-8") as sessions:
        sessions.write("\n".join(lines) + "\n")


def last_page() -> int:
    app = create_app()
    with app.app_context():
        top_level = db.session.scalar(
            select(func.count()).where(Comment.consultation_id == 1, Comment.parent_id.is_(None))
        )
    return max(1, -(-top_level // PER_PAGE))


def posted(run: str) -> tuple[int, int]:
    app = create_app()
    with app.app_context():
        mine = Comment.body_text.like(f"{run}-%")
        rows = db.session.scalar(select(func.count()).where(mine))
        texts = db.session.scalar(select(func.count(Comment.body_text.distinct())).where(mine))
    return rows, texts


if __name__ == "__main__":
    question, *arguments = sys.argv[1:]
    if question == "sessions":
        write_sessions(arguments[0], int(arguments[1]))
    elif question == "last-page":
        print(last_page())
    elif question == "posted":
        print(*posted(arguments[0]))
