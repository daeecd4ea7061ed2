"""Fill an empty database with national-scale data through bulk inserts.

The rows follow the rules the services enforce — verified accounts with unique name keys,
sanitized comment HTML with the services' fingerprint (one per author, consultation and
text), replies at most three levels deep and inside their consultation's open window,
progress updates in published order — but skip the per-row ORM work, so 200,000 comments
take seconds, not hours. Identifiers are assigned here, so replies can name their parents.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import func, insert, select, text

from .. import sanitize
from ..accounts.models import Role, RoleGrant, User
from ..accounts.passwords import hash_password
from ..accounts.rules import name_key
from ..agencies.models import Agency, AgencyText
from ..clock import now
from ..comments.models import Comment, CommentState, Stance
from ..comments.services import comment_fingerprint
from ..consultation.models import Consultation, ConsultationText, Section, SectionText
from ..extensions import db
from ..plans.latest import refresh as refresh_latest_updates
from ..plans.models import (
    ActionPlan,
    ActionPlanText,
    Commitment,
    CommitmentText,
    Completion,
    Milestone,
    MilestoneStatus,
    MilestoneText,
    PlanStatus,
    ProgressUpdate,
    ProgressUpdateText,
)
from ..search.documents import rebuild as rebuild_search_index
from .texts import CONSULTATION_TITLES, SECTION_HEADINGS, TITLES, paragraph

# The benchmark's texts are written in these, whatever the deployment offers: texts in a
# language it does not offer stay stored and searchable, as after turning one off.
LANGUAGES = ("he", "lv", "hu", "en")
COUNTRIES = (("IL", "he"), ("LV", "lv"), ("HU", "hu"))
BATCH = 5000
TEXT_POOL = 997  # distinct comment texts per language, sanitized once each
BENCH_PASSWORD = "bench-password-not-for-production"


@dataclass(frozen=True)
class Scale:
    plans: int = 3
    commitments: int = 1_000
    milestones_each: int = 5
    updates_each: int = 20
    consultations: int = 200
    sections_each: int = 5
    comments: int = 200_000
    big_consultation_comments: int = 100_000
    users: int = 50_000
    agencies: int = 20

    @classmethod
    def fraction(cls, factor: float) -> Scale:
        """The full scale times `factor` (at least one of everything)."""
        full = cls()

        def part(value: int) -> int:
            return max(1, round(value * factor))

        return cls(
            plans=full.plans,
            commitments=max(full.plans, part(full.commitments)),
            milestones_each=full.milestones_each,
            updates_each=full.updates_each,
            consultations=max(2, part(full.consultations)),
            sections_each=full.sections_each,
            comments=max(4, part(full.comments)),
            big_consultation_comments=max(2, part(full.big_consultation_comments)),
            users=max(4, part(full.users)),
            agencies=min(full.agencies, max(full.plans, part(full.agencies))),
        )


class DatabaseNotEmpty(Exception):
    """Benchmark data goes only into an empty database, never beside real content."""


def fill(scale: Scale, seed: int = 2026) -> Iterator[str]:
    """Write every table in `scale`; yield a line per table as it is done."""
    if db.session.scalar(select(func.count()).select_from(User)):
        raise DatabaseNotEmpty()
    builder = _Builder(scale, random.Random(seed), now())
    yield from builder.run()


class _Builder:
    def __init__(self, scale: Scale, chance: random.Random, moment: datetime):
        self.scale = scale
        self.chance = chance
        self.moment = moment
        self.today = moment.date()

    def run(self) -> Iterator[str]:
        yield self._users()
        yield self._agencies()
        yield self._plans_and_commitments()
        yield self._milestones()
        yield self._progress_updates()
        yield self._consultations()
        yield self._comments()
        # Bulk inserts pass by the session hook that keeps the search index in step.
        counts = rebuild_search_index(db.session.connection())
        yield f"search documents: {sum(counts.values())}"
        _advance_sequences()
        db.session.commit()
        yield _analyze()

    # People ---------------------------------------------------------------------------

    def _users(self) -> str:
        password_hash = hash_password(BENCH_PASSWORD)
        stamp = self.moment - timedelta(days=400)
        # The first account per agency coordinates it; everyone else is a citizen.
        self.coordinators = list(range(1, self.scale.agencies + 1))
        rows = (
            {
                "id": number,
                "email": f"reader{number}@bench.example.org",
                "display_name": f"Reader {number}",
                "name_key": name_key(f"Reader {number}"),
                "password_hash": password_hash,
                "language": LANGUAGES[number % len(LANGUAGES)],
                "email_verified_at": stamp,
                "terms_accepted_at": stamp,
                "created_at": stamp,
                "session_token": f"bench-{number}",
            }
            for number in range(1, self.scale.users + 1)
        )
        _insert_all(User, rows)
        return f"users: {self.scale.users}"

    def _agencies(self) -> str:
        stamp = self.moment - timedelta(days=400)
        numbers = range(1, self.scale.agencies + 1)
        _insert_all(
            Agency, ({"id": n, "slug": f"agency-{n}", "created_at": stamp} for n in numbers)
        )
        _insert_all(
            AgencyText,
            (
                {
                    "agency_id": n,
                    "locale": lang,
                    "name": f"{_AGENCY[lang]} {n}",
                    "updated_at": stamp,
                }
                for n in numbers
                for lang in LANGUAGES
            ),
        )
        _insert_all(
            RoleGrant,
            (
                {"user_id": n, "role": Role.COORDINATOR, "agency_id": n, "granted_at": stamp}
                for n in numbers
            ),
        )
        return f"agencies: {self.scale.agencies}, each with a coordinator"

    # Plans ----------------------------------------------------------------------------

    def _plans_and_commitments(self) -> str:
        stamp = self.moment - timedelta(days=300)
        start = date(self.today.year - 1, 1, 1)
        plans = []
        for number, (country, language) in enumerate(COUNTRIES[: self.scale.plans], start=1):
            plans.append((number, country, language))
        _insert_all(
            ActionPlan,
            (
                {
                    "id": number,
                    "slug": f"bench-{country.lower()}",
                    "country": country,
                    "number": 9,
                    "period_start": start,
                    "period_end": start.replace(year=start.year + 4),
                    "status": PlanStatus.IMPLEMENTATION,
                    "coordinating_agency_id": number,
                    "created_at": stamp,
                }
                for number, country, _language in plans
            ),
        )
        _insert_all(
            ActionPlanText,
            (
                {
                    "plan_id": number,
                    "locale": lang,
                    "title": f"{country} — {TITLES[lang] % {'number': number}}",
                    "summary": paragraph(lang, number),
                    "updated_at": stamp,
                }
                for number, country, _language in plans
                for lang in LANGUAGES
            ),
        )
        self.commitments = []  # (id, plan id, lead agency id)
        rows, texts = [], []
        for number in range(1, self.scale.commitments + 1):
            plan_id, country, language = plans[(number - 1) % len(plans)]
            agency = 1 + (number - 1) % self.scale.agencies
            self.commitments.append((number, plan_id, agency))
            rows.append(
                {
                    "id": number,
                    "reference": f"{country}{number:04d}",
                    "plan_id": plan_id,
                    "lead_agency_id": agency,
                    "source_locale": language,
                    "start_date": start,
                    "end_date": start.replace(year=start.year + 3),
                    "access_to_information": number % 2 == 0,
                    "civic_participation": number % 3 == 0,
                    "public_accountability": number % 5 == 0,
                    "technology": number % 7 == 0,
                    "created_at": stamp,
                }
            )
            for lang in {language, "en"}:
                texts.append(
                    {
                        "commitment_id": number,
                        "locale": lang,
                        "title": TITLES[lang] % {"number": number},
                        "problem": paragraph(lang, number, 2),
                        "objective": paragraph(lang, number + 1, 2),
                        "description": paragraph(lang, number + 2, 4),
                        "other_actors": "",
                        "updated_at": stamp,
                    }
                )
        _insert_all(Commitment, rows)
        _insert_all(CommitmentText, texts)
        return f"plans: {len(plans)}, commitments: {len(rows)}"

    def _milestones(self) -> str:
        each = self.scale.milestones_each
        rows, texts = [], []
        for commitment_id, _plan, _agency in self.commitments:
            for position in range(each):
                number = (commitment_id - 1) * each + position + 1
                due = self.today + timedelta(days=90 * position - 180)
                done = due < self.today and number % 3 != 0
                rows.append(
                    {
                        "id": number,
                        "commitment_id": commitment_id,
                        "position": position,
                        "start_date": due - timedelta(days=120),
                        "due_date": due,
                        "status": MilestoneStatus.COMPLETE if done else MilestoneStatus.IN_PROGRESS,
                        "completed_on": due if done else None,
                    }
                )
                texts.append(
                    {
                        "milestone_id": number,
                        "locale": "en",
                        "deliverable": paragraph("en", number, 1),
                        "updated_at": self.moment,
                    }
                )
        _insert_all(Milestone, rows)
        _insert_all(MilestoneText, texts)
        return f"milestones: {len(rows)}"

    def _progress_updates(self) -> str:
        each = self.scale.updates_each
        first = self.moment - timedelta(days=each * 15)

        def rows() -> Iterator[dict]:
            for commitment_id, _plan, agency in self.commitments:
                for step in range(each):
                    percent = min(100, (step + 1) * 100 // each)
                    yield {
                        "id": (commitment_id - 1) * each + step + 1,
                        "commitment_id": commitment_id,
                        "author_id": agency,
                        "author_name": f"Reader {agency}",
                        "organisation": f"{_AGENCY['en']} {agency}",
                        "status": _completion(percent),
                        "percent_complete": percent,
                        "published_at": first + timedelta(days=15 * step, minutes=commitment_id),
                        "milestone_states": [],
                        "evidence": [],
                    }

        def texts() -> Iterator[dict]:
            for commitment_id, _plan, _agency in self.commitments:
                for step in range(each):
                    number = (commitment_id - 1) * each + step + 1
                    yield {
                        "update_id": number,
                        "locale": "en",
                        "narrative": paragraph("en", number, 3),
                    }

        _insert_all(ProgressUpdate, rows())
        _insert_all(ProgressUpdateText, texts())
        refresh_latest_updates(db.session.connection())  # what the ORM hook keeps per write
        return f"progress updates: {len(self.commitments) * each}"

    # Consultations --------------------------------------------------------------------

    def _consultations(self) -> str:
        deadline_days = current_app.config["RESPONSE_DAYS"]
        self.consultations = []  # (id, opens_at, last moment a comment can have)
        rows, texts, sections, section_texts = [], [], [], []
        for number in range(1, self.scale.consultations + 1):
            commitment_id, plan_id, agency = self.commitments[(number - 1) % len(self.commitments)]
            # The first consultation is the national one that draws half of all comments; it
            # is open, as are a quarter of the rest; the others closed in the past year.
            if number == 1 or number % 4 == 0:
                opens = self.moment - timedelta(days=30)
                closes = self.moment + timedelta(days=30)
            else:
                closes = self.moment - timedelta(days=number % 300 + 1)
                opens = closes - timedelta(days=45)
            self.consultations.append((number, opens, min(closes, self.moment)))
            rows.append(
                {
                    "id": number,
                    "slug": f"bench-consultation-{number}",
                    "agency_id": agency,
                    "plan_id": plan_id,
                    "commitment_id": None if number == 1 else commitment_id,
                    "opens_at": opens,
                    "closes_at": closes,
                    "response_deadline": closes + timedelta(days=deadline_days),
                    "created_at": opens - timedelta(days=7),
                }
            )
            for lang in LANGUAGES:
                texts.append(
                    {
                        "consultation_id": number,
                        "locale": lang,
                        "title": CONSULTATION_TITLES[lang] % {"number": number},
                        "introduction": paragraph(lang, number, 3),
                        "updated_at": opens,
                    }
                )
            for position in range(self.scale.sections_each):
                section_id = (number - 1) * self.scale.sections_each + position + 1
                sections.append(
                    {
                        "id": section_id,
                        "consultation_id": number,
                        "position": position,
                        "anchor": f"section-{position + 1}",
                    }
                )
                for lang in LANGUAGES:
                    section_texts.append(
                        {
                            "section_id": section_id,
                            "locale": lang,
                            "heading": SECTION_HEADINGS[lang] % {"number": position + 1},
                            "body": paragraph(lang, section_id, 5),
                            "updated_at": opens,
                        }
                    )
        _insert_all(Consultation, rows)
        _insert_all(ConsultationText, texts)
        _insert_all(Section, sections)
        _insert_all(SectionText, section_texts)
        return f"consultations: {len(rows)}, sections: {len(sections)}"

    def _comments(self) -> str:
        pool = {
            lang: [
                (text, sanitize.comment_html(text))
                for text in (paragraph(lang, seed, 2) + f" ({seed})" for seed in range(TEXT_POOL))
            ]
            for lang in LANGUAGES
        }
        big = self.scale.big_consultation_comments
        rest = self.scale.comments - big
        others = self.consultations[1:] or self.consultations
        plan = [(self.consultations[0], big)] + [
            (consultation, rest // len(others) + (1 if index < rest % len(others) else 0))
            for index, consultation in enumerate(others)
        ]
        citizens = range(self.scale.agencies + 1, self.scale.users + 1) or range(1, 2)
        counter = iter(range(1, self.scale.comments + 1))
        seen: set[tuple[int, int, str]] = set()
        chance = self.chance

        def rows() -> Iterator[dict]:
            for (consultation_id, opens, last), count in plan:
                window = max((last - opens).total_seconds(), 1.0)
                step = window / (count + 1)
                recent: list[tuple[int, int, int | None]] = []  # (id, depth, section id)
                for position in range(count):
                    comment_id = next(counter)
                    author = citizens[(comment_id * 7919) % len(citizens)]
                    lang = LANGUAGES[author % len(LANGUAGES)]
                    parent = None
                    if recent and chance.random() < 0.3:
                        candidate = recent[chance.randrange(len(recent))]
                        if candidate[1] < current_app.config["COMMENT_MAX_DEPTH"]:
                            parent = candidate
                    if parent:
                        section = parent[2]  # a reply is on its parent's section
                    elif chance.random() < 0.8:
                        first_section = (consultation_id - 1) * self.scale.sections_each + 1
                        section = first_section + chance.randrange(self.scale.sections_each)
                    else:
                        section = None
                    choice = comment_id % TEXT_POOL
                    while True:
                        body_text, body_html = pool[lang][choice]
                        fingerprint = comment_fingerprint(body_text)
                        if (consultation_id, author, fingerprint) not in seen:
                            break
                        choice = (choice + 1) % TEXT_POOL
                    seen.add((consultation_id, author, fingerprint))
                    depth = parent[1] + 1 if parent else 0
                    recent.append((comment_id, depth, section))
                    if len(recent) > 200:
                        recent.pop(0)
                    yield {
                        "id": comment_id,
                        "consultation_id": consultation_id,
                        "section_id": section,
                        "parent_id": parent[0] if parent else None,
                        "depth": depth,
                        "author_id": author,
                        "language": lang,
                        "stance": _STANCES[comment_id % len(_STANCES)],
                        "body_text": body_text,
                        "body_html": body_html,
                        "fingerprint": fingerprint,
                        "state": CommentState.VISIBLE,
                        "held": False,
                        "flag_count": 0,
                        "created_at": opens + timedelta(seconds=step * (position + 1)),
                    }

        _insert_all(Comment, rows())
        return f"comments: {self.scale.comments} ({big} on bench-consultation-1)"


_AGENCY = {"he": "משרד", "lv": "Ministrija", "hu": "Minisztérium", "en": "Ministry"}
_STANCES = (Stance.SUPPORT, None, Stance.OPPOSE, Stance.NEUTRAL, Stance.SUPPORT)


def _completion(percent: int) -> Completion:
    if percent >= 100:
        return Completion.COMPLETE
    if percent >= 50:
        return Completion.SUBSTANTIAL
    return Completion.LIMITED if percent else Completion.NOT_STARTED


def _insert_all(model, rows) -> None:
    """Insert `rows` in batches; SQLAlchemy sends each batch as multi-row INSERTs."""
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            db.session.execute(insert(model), batch)
            batch = []
    if batch:
        db.session.execute(insert(model), batch)


def _analyze() -> str:
    """PostgreSQL plans from statistics, which a bulk load leaves stale until autovacuum
    comes by; gather them now, as an operator would after an import."""
    if db.engine.dialect.name != "postgresql":
        return "statistics: SQLite plans without them"
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    return "statistics: ANALYZE done"


def _advance_sequences() -> None:
    """Identifiers were given here; PostgreSQL's sequences must continue after them."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        column = table.c.get("id")
        if column is None or not column.autoincrement or not column.primary_key:
            continue
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )
