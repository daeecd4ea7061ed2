"""A small world for the staff worklist: one plan being implemented, coordinated by a body of
its own, with work for the coordinator of agency A; agency B's coordinator covers none of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

import pytest

from consultations.extensions import db
from consultations.plans.models import PlanStatus

# Mid-morning in the tests' time zone (UTC): every boundary below is counted in days from it.
MOMENT = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
TODAY = MOMENT.date()


def at(day_offset: int, hour: int = 12, minute: int = 0) -> datetime:
    """A moment `day_offset` days from TODAY, at that time of day."""
    return datetime.combine(TODAY + timedelta(days=day_offset), time(hour, minute), UTC)


@dataclass
class World:
    agency: object
    other_agency: object
    plan: object
    coordinator: object
    other_coordinator: object
    moderator: object
    admin: object
    monitor: object
    citizen: object


@pytest.fixture
def world(make_agency, make_plan, make_user):
    agency = make_agency("agency-a")
    other = make_agency("agency-b")
    plan = make_plan(status=PlanStatus.IMPLEMENTATION, agency=make_agency("coordinating-body"))
    return World(
        agency=agency,
        other_agency=other,
        plan=plan,
        coordinator=make_user("Noa Coordinator", roles=("coordinator",), agency=agency),
        other_coordinator=make_user("Dan Elsewhere", roles=("coordinator",), agency=other),
        moderator=make_user("Mira Moderator", roles=("moderator",)),
        admin=make_user("Ada Admin", roles=("admin",)),
        monitor=make_user("Maya Monitor", roles=("monitor",)),
        citizen=make_user("Cai Citizen"),
    )


@pytest.fixture
def waiting_consultation(world, make_consultation, make_comment):
    """A consultation of agency A, closed, its response deadline `days` away, with
    `unanswered` comments waiting."""

    def make(deadline: datetime, unanswered: int = 2, agency=None, title: str = "Open data law"):
        consultation = make_consultation(
            plan=world.plan,
            agency=agency or world.agency,
            opens_in=timedelta(days=-40),
            lasts=timedelta(days=10),
            titles={"en": title, "he": "חוק המידע הפתוח"},
        )
        consultation.response_deadline = deadline
        db.session.commit()
        for _number in range(unanswered):
            make_comment(consultation)
        return consultation

    return make


@pytest.fixture
def held_comment(world, make_consultation, make_comment):
    """A comment held for review since `held_at`."""

    def make(held_at: datetime):
        consultation = make_consultation(plan=world.plan, agency=world.agency)
        comment = make_comment(consultation)
        comment.held, comment.held_at, comment.flag_count = True, held_at, 3
        db.session.commit()
        return comment

    return make
