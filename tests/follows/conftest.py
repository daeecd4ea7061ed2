"""A small world for follow-and-notify tests: a plan being implemented, one of its
commitments, an open consultation, the staff who publish, and followers in four languages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from consultations.follows import services
from consultations.plans.models import PlanStatus


@dataclass
class World:
    plan: object
    commitment: object
    other: object  # another commitment of the plan
    consultation: object
    coordinator: object
    monitor: object
    moderator: object


@pytest.fixture
def world(make_plan, make_commitment, make_consultation, make_user, make_agency):
    agency = make_agency()
    plan = make_plan(
        status=PlanStatus.IMPLEMENTATION,
        agency=agency,
        titles={
            "en": "Fifth plan",
            "he": "התוכנית החמישית",
            "lv": "Piektais plāns",
            "hu": "Ötödik terv",
        },
    )
    commitment = make_commitment(
        plan,
        reference="IL0024",
        texts={
            "en": {"title": "Open budgets"},
            "he": {"title": "תקציב פתוח"},
            "lv": {"title": "Atvērti budžeti"},
            "hu": {"title": "Nyílt költségvetés"},
        },
    )
    other = make_commitment(plan, reference="IL0025")
    consultation = make_consultation(
        slug="open-data",
        plan=plan,
        titles={"en": "Open data law", "hu": "Nyílt adat törvény"},
        opens_in=timedelta(days=-1),
        lasts=timedelta(days=10),
    )
    return World(
        plan=plan,
        commitment=commitment,
        other=other,
        consultation=consultation,
        coordinator=make_user(roles=("coordinator",), agency=agency),
        monitor=make_user(roles=("monitor",)),
        moderator=make_user(roles=("moderator",)),
    )


@pytest.fixture
def follower(make_user):
    """A person following `target`, with a language and a frequency (immediate by default)."""

    def make(target, language="en", frequency="immediate", **extra):
        user = make_user(language=language, **extra)
        user.notification_frequency = frequency
        if target is not None:
            services.follow(user, target) if user.is_verified else _force_follow(user, target)
        return user

    return make


def _force_follow(user, target):
    """Follows made before an account lost its confirmed address (or was suspended)."""
    from consultations.extensions import db
    from consultations.follows.models import Follow

    db.session.add(
        Follow(user_id=user.id, target_type=services.kind_of(target), target_id=target.id)
    )
    db.session.commit()
