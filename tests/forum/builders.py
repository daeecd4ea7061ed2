"""Meetings and members made through the services, as the secretariat makes them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from consultations.clock import now
from consultations.forum import services


def days_ago(days: int) -> datetime:
    return now() - timedelta(days=days)


def held(forum, keeper, when: datetime, place: str = "Jerusalem"):
    return services.schedule_meeting(keeper, forum, when, place, False, "en")


def member(
    forum, keeper, name="Dana", sector="government", role="member", start=date(2024, 1, 1), end=None
):
    return services.add_member(
        keeper,
        forum,
        name=name,
        is_seat=False,
        organisation="Org",
        sector=sector,
        role=role,
        term_start=start,
        term_end=end,
    )
