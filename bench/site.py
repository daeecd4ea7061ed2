"""What the benchmark asks the site's database, run as `python -m bench.site <question>`.

sessions PATH COUNT   sign COUNT citizens in through the real login form
addresses PATH COUNT  draw COUNT page addresses (every language, realistic proportions)
last-page             the number of the big consultation's last page of comments
posted RUN            how many comments of benchmark run RUN are stored, and how many texts
document MB           store a MB-megabyte PDF as a document of the first plan; print its id
"""

from __future__ import annotations

import io
import random
import re
import sys
from urllib.parse import quote

from sqlalchemy import func, select

from consultations import create_app
from consultations.accounts.models import User
from consultations.benchmark.data import BENCH_PASSWORD
from consultations.comments.models import Comment
from consultations.consultation.models import Consultation
from consultations.consultation.queries import PER_PAGE
from consultations.extensions import db
from consultations.plans.models import ActionPlan, Commitment, CommitmentText

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


# How often readers ask for each kind of page: commitments and consultations the most.
MIX = {
    "commitment": 30,
    "consultation": 15,
    "consultation page": 10,  # a random page of the big consultation's comments
    "plan": 10,
    "home": 10,
    "search": 15,
    "API list": 10,
}


def write_addresses(path: str, count: int, seed: int = 2026) -> None:
    """Write "<kind>\t<path>" lines: `count` draws over every language, repeats kept so that
    each kind comes up as often as MIX says; print how many addresses are distinct."""
    app = create_app()
    chance = random.Random(seed)
    with app.app_context():
        languages = app.config["LANGUAGES"]
        references = db.session.scalars(select(Commitment.reference)).all()
        slugs = db.session.scalars(select(Consultation.slug)).all()
        plans = db.session.scalars(select(ActionPlan.slug)).all()
        titles = db.session.execute(select(CommitmentText.locale, CommitmentText.title)).all()
    words: dict[str, list[str]] = {}
    for locale, title in titles:
        words.setdefault(locale, []).extend(w.strip(".,:;") for w in title.split() if len(w) > 4)
    pages = last_page()
    draw = {
        "commitment": lambda lang: f"/{lang}/commitments/{chance.choice(references)}",
        "consultation": lambda lang: f"/{lang}/consultations/{chance.choice(slugs)}",
        "consultation page": lambda lang: (
            f"/{lang}/consultations/bench-consultation-1?page={chance.randint(1, pages)}"
        ),
        "plan": lambda lang: f"/{lang}/plans/{chance.choice(plans)}",
        "home": lambda lang: f"/{lang}/",
        "search": lambda lang: (
            f"/{lang}/search?q={quote(chance.choice(words.get(lang) or words['en']))}"
        ),
        "API list": lambda _lang: f"/api/v1/commitments?page={chance.randint(1, 20)}",
    }
    kinds = list(MIX)
    lines = [
        f"{kind}\t{draw[kind](chance.choice(languages))}"
        for kind in chance.choices(kinds, [MIX[kind] for kind in kinds], k=count)
    ]
    with open(path, "w", encoding="utf-8") as addresses:
        addresses.write("\n".join(lines) + "\n")
    print(len(set(lines)))


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


class _GeneratedPdf(io.RawIOBase):
    """A PDF signature followed by `size` bytes of padding, made as it is read."""

    def __init__(self, size: int):
        self.head, self.left = b"%PDF-1.4\n", size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = (self.head + b"0" * len(buffer))[: min(len(buffer), self.left)]
        self.head = b""
        buffer[: len(chunk)] = chunk
        self.left -= len(chunk)
        return len(chunk)


def store_document(megabytes: int) -> int:
    """Attach a generated PDF to the first plan as its national coordinator would."""
    from consultations.documents import services

    app = create_app({"UPLOAD_MAX_MB": megabytes + 1})
    with app.app_context():
        plan = db.session.get(ActionPlan, 1)
        coordinator = db.session.get(User, 1)  # bench-data: user n coordinates agency n
        received = services.receive(
            _GeneratedPdf(megabytes * 1024 * 1024), f"plan-{megabytes}mb.pdf"
        )
        document = services.upload_documents(coordinator, "plan", plan, [received], {})[0]
        services.discard(received.path)
        return document.id


if __name__ == "__main__":
    question, *arguments = sys.argv[1:]
    if question == "sessions":
        write_sessions(arguments[0], int(arguments[1]))
    elif question == "addresses":
        write_addresses(arguments[0], int(arguments[1]))
    elif question == "last-page":
        print(last_page())
    elif question == "posted":
        print(*posted(arguments[0]))
    elif question == "document":
        print(store_document(int(arguments[0])))
