"""Fixtures: one app and schema per run, emptied after every test; factories return callables."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from argon2 import PasswordHasher
from flask import g, request_started

from consultations import create_app
from consultations.accounts import passwords
from consultations.accounts.models import Role, RoleGrant, User
from consultations.accounts.rules import name_key
from consultations.agencies.models import Agency, AgencyText
from consultations.clock import now
from consultations.extensions import db

from helpers import PASSWORD, QueryCounter, settings_for

# argon2id at RFC 9106's parameters costs 0.1-0.3 s a hash or check, on purpose; the suite
# logs in thousands of times. Its tests hash with the same algorithm at the lowest cost, so
# hours of key stretching do not decide how long CI takes; the production parameters are
# checked in a process of their own (tests/accounts/test_passwords.py).
passwords._HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
passwords.DUMMY_HASH = passwords.hash_password("not-a-real-0")
_PASSWORD_HASH = passwords.hash_password(PASSWORD)


def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


def _fresh_globals(_sender, **_extra) -> None:
    # Requests made inside `app_ctx` share its app context; empty `g` at the start of each,
    # as a server would, so one request's signed-in person never leaks into the next.
    for key in list(g):
        g.pop(key)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    documents = tmp_path_factory.mktemp("documents")
    app = create_app(settings_for(database_url(tmp_path_factory), STORAGE_URL=str(documents)))
    request_started.connect(_fresh_globals, app)
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_database(request):
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    if "page_cache" in app.extensions:  # a test may have changed settings, as a restart would
        app.extensions["page_cache"].clear()
    if "fragments" in app.extensions:
        app.extensions["fragments"].clear()
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_agency(app_ctx) -> Callable[..., Agency]:
    counter = iter(range(1, 1_000_000))

    def make(slug: str | None = None, country: str | None = "IL", **names: str) -> Agency:
        number = next(counter)
        agency = Agency(slug=slug or f"agency-{number}", country=country)
        for lang, name in (names or {"en": f"Agency {number}"}).items():
            agency.texts.append(AgencyText(locale=lang, name=name))
        db.session.add(agency)
        db.session.commit()
        return agency

    return make


@pytest.fixture
def make_user(app_ctx) -> Callable[..., User]:
    counter = iter(range(1, 1_000_000))

    def make(
        name: str | None = None,
        email: str | None = None,
        roles: tuple = (),
        verified: bool = True,
        language: str = "en",
        agency: Agency | None = None,
    ) -> User:
        number = next(counter)
        name = name or f"Person {number}"
        user = User(
            email=email or f"person{number}@example.org",
            display_name=name,
            name_key=name_key(name),
            password_hash=_PASSWORD_HASH,
            language=language,
            terms_accepted_at=now(),
            email_verified_at=now() if verified else None,
        )
        for role in roles:
            role = Role(role)
            user.roles.append(
                RoleGrant(
                    role=role,
                    agency=agency if role == Role.COORDINATOR else None,
                    organisation="Watchdog" if role == Role.MONITOR else None,
                )
            )
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def count_queries(app):
    def counter(cold: bool = True) -> QueryCounter:
        # Pages load only the records whose fragments are not kept (fragments.kept_already):
        # counted with none kept, the most a page ever sends, whatever came before.
        if cold and "fragments" in app.extensions:
            app.extensions["fragments"].clear()
        return QueryCounter(db.engine)

    return counter


# Accountability factories: rows made directly, so a test sets any date it needs.


@pytest.fixture
def make_plan(app_ctx, make_agency):
    from datetime import date

    from consultations.plans.models import ActionPlan, ActionPlanText, PlanStatus

    counter = iter(range(1, 1_000_000))

    def make(
        slug: str | None = None,
        status: PlanStatus = PlanStatus.IMPLEMENTATION,
        country: str = "IL",
        period_start: date = date(2024, 1, 1),
        period_end: date = date(2027, 12, 31),
        agency: Agency | None = None,
        titles: dict[str, str] | None = None,
        summary: str = "",
    ) -> ActionPlan:
        number = next(counter)
        plan = ActionPlan(
            slug=slug or f"plan-{number}",
            country=country,
            number=number,
            period_start=period_start,
            period_end=period_end,
            status=status,
            coordinating_agency=agency or make_agency(),
        )
        for lang, title in (titles or {"en": f"Action plan {number}"}).items():
            plan.texts.append(ActionPlanText(locale=lang, title=title, summary=summary))
        db.session.add(plan)
        db.session.commit()
        return plan

    return make


@pytest.fixture
def make_commitment(app_ctx, make_agency):
    from datetime import date

    from consultations.plans.models import (
        Commitment,
        CommitmentText,
        Milestone,
        MilestoneStatus,
        MilestoneText,
    )

    counter = iter(range(1, 10_000))

    def make(
        plan,
        reference: str | None = None,
        agency: Agency | None = None,
        texts: dict[str, dict[str, str]] | None = None,
        values: tuple[str, ...] = (),
        start_date: date | None = None,
        end_date: date | None = None,
        milestones: tuple = (),
    ) -> Commitment:
        """`milestones`: (due_date, MilestoneStatus) or (due_date, status, completed_on) tuples."""
        number = next(counter)
        commitment = Commitment(
            reference=reference or f"{plan.country}{number:04d}",
            plan=plan,
            lead_agency=agency or plan.coordinating_agency,
            source_locale=next(iter(texts)) if texts else "en",
            start_date=start_date,
            end_date=end_date,
            **{value: True for value in values},
        )
        for lang, fields in (texts or {"en": {"title": f"Commitment {number}"}}).items():
            commitment.texts.append(CommitmentText(locale=lang, updated_at=now(), **fields))
        for position, (due, status, *completed) in enumerate(milestones, start=1):
            milestone = Milestone(
                position=position,
                due_date=due,
                status=MilestoneStatus(status),
                completed_on=completed[0] if completed else None,
            )
            milestone.texts.append(
                MilestoneText(locale="en", deliverable=f"Deliverable {position}", updated_at=now())
            )
            commitment.milestones.append(milestone)
        db.session.add(commitment)
        db.session.commit()
        return commitment

    return make


@pytest.fixture
def make_update(app_ctx):
    from consultations.plans.models import Completion, ProgressUpdate, ProgressUpdateText

    def make(
        commitment,
        status: str = "limited",
        percent: int = 30,
        published_at=None,
        narratives: dict[str, str] | None = None,
        evidence: tuple[str, ...] = (),
        corrects=None,
        author_name: str = "Noa Levi",
        organisation: str = "Government ICT Authority",
    ) -> ProgressUpdate:
        update = ProgressUpdate(
            commitment=commitment,
            author_name=author_name,
            organisation=organisation,
            status=Completion(status),
            percent_complete=percent,
            published_at=published_at or now(),
            corrects_id=corrects.id if corrects else None,
            milestone_states=[],
            evidence=list(evidence),
        )
        for lang, text in (narratives or {"en": "Work is under way."}).items():
            update.texts.append(ProgressUpdateText(locale=lang, narrative=text))
        db.session.add(update)
        db.session.commit()
        return update

    return make


@pytest.fixture
def make_assessment(app_ctx):
    from consultations.plans.models import (
        AssessedCompletion,
        Assessment,
        AssessmentText,
        OpenedGovernment,
    )

    def make(
        commitment,
        completion: str = "limited",
        opened_government: str = "marginal",
        published_at=None,
        narratives: dict[str, str] | None = None,
        evidence: tuple[str, ...] = (),
        corrects=None,
        author_name: str = "Kovács Eszter",
        organisation: str = "Watchdog",
    ) -> Assessment:
        assessment = Assessment(
            commitment=commitment,
            author_name=author_name,
            organisation=organisation,
            completion=AssessedCompletion(completion),
            opened_government=OpenedGovernment(opened_government),
            published_at=published_at or now(),
            corrects_id=corrects.id if corrects else None,
            evidence=list(evidence),
        )
        for lang, text in (narratives or {"en": "We checked the evidence."}).items():
            assessment.texts.append(AssessmentText(locale=lang, narrative=text))
        db.session.add(assessment)
        db.session.commit()
        return assessment

    return make


@pytest.fixture
def make_consultation(app_ctx, make_plan):
    """A consultation written straight to the database, so tests can place it in any phase."""
    from datetime import timedelta

    from consultations.consultation.models import (
        Consultation,
        ConsultationText,
        Section,
        SectionText,
    )
    from consultations.plans.models import PlanStatus

    counter = iter(range(1, 1_000_000))

    def make(
        slug: str | None = None,
        plan=None,
        agency: Agency | None = None,
        commitment=None,
        opens_in: timedelta = timedelta(days=-1),
        lasts: timedelta = timedelta(days=14),
        response_days: int = 30,
        titles: dict[str, str] | None = None,
        sections: int = 2,
    ) -> Consultation:
        number = next(counter)
        plan = plan or make_plan(status=PlanStatus.CONSULTATION, agency=agency)
        opens = now() + opens_in
        consultation = Consultation(
            slug=slug or f"consultation-{number}",
            agency=agency or plan.coordinating_agency,
            plan=plan,
            commitment=commitment,
            opens_at=opens,
            closes_at=opens + lasts,
            response_deadline=opens + lasts + timedelta(days=response_days),
        )
        for lang, title in (titles or {"en": f"Consultation {number}"}).items():
            consultation.texts.append(
                ConsultationText(locale=lang, title=title, introduction="", updated_at=opens)
            )
        for position in range(1, sections + 1):
            section = Section(position=position, anchor=f"section-{position}")
            section.texts.append(
                SectionText(
                    locale="en",
                    heading=f"Section {position}",
                    body=f"Draft wording of section {position}.",
                    updated_at=opens,
                )
            )
            consultation.sections.append(section)
        db.session.add(consultation)
        db.session.commit()
        return consultation

    return make


@pytest.fixture
def make_comment(app_ctx, make_user):
    """A visible comment written straight to the database (no rate limits, any date)."""
    import hashlib

    from consultations import sanitize
    from consultations.comments.models import Comment, CommentState, Stance

    counter = iter(range(1, 10_000_000))

    def make(
        consultation,
        text: str | None = None,
        author: User | None = None,
        section=None,
        parent=None,
        stance: str | None = None,
        language: str = "en",
        created_at=None,
    ) -> Comment:
        number = next(counter)
        text = text or f"Comment number {number}."
        comment = Comment(
            consultation_id=consultation.id,
            section_id=section.id if section else (parent.section_id if parent else None),
            parent_id=parent.id if parent else None,
            depth=parent.depth + 1 if parent else 0,
            author_id=(author or make_user()).id,
            language=language,
            stance=Stance(stance) if stance else None,
            body_text=text,
            body_html=sanitize.comment_html(text),
            fingerprint=hashlib.sha256(f"{number}|{text}".encode()).hexdigest(),
            state=CommentState.VISIBLE,
            held=False,
            flag_count=0,
            created_at=created_at or now(),
        )
        db.session.add(comment)
        db.session.commit()
        return comment

    return make


@pytest.fixture
def make_app(tmp_path):
    """A separate app on its own SQLite file, for settings the shared app must not have."""
    from consultations.extensions import limiter

    # One Limiter object serves every app, and init_app overwrites its on/off switch.
    enabled = limiter.enabled
    apps = []

    def make(**settings):
        app = create_app(settings_for(f"sqlite:///{tmp_path / 'separate.sqlite3'}", **settings))
        with app.app_context():
            db.create_all()
        apps.append(app)
        return app

    yield make
    limiter.enabled = enabled
    for app in apps:
        with app.app_context():
            db.engine.dispose()
