"""The monthly series as the API and its OpenAPI document describe it."""

from __future__ import annotations

from .monthly import MonthFigures
from .records import MonthPoint
from .standards import Standards

NUMBERS = (
    "median_days",
    "first_responses",
    "answered_on_time",
    "answers_due",
    "share_on_time",
    "satisfaction",
    "satisfaction_answers",
    "ease",
    "ease_answers",
    "commitments_fresh",
    "commitments_reporting",
    "freshness",
    "comments",
    "participants",
    "new_accounts",
    "proposals",
)


def _status(point: MonthPoint) -> str:
    if point.live:
        return "current"
    return "kept" if point.figures is not None else "not_kept"


def month(point: MonthPoint) -> dict:
    figures = point.figures or MonthFigures()
    values = {name: getattr(figures, name) for name in NUMBERS}
    if point.figures is None:
        values = dict.fromkeys(NUMBERS)
    for name in ("share_on_time", "freshness"):
        if values[name] is not None:
            values[name] = round(values[name], 4)
    return {"month": f"{point.month:%Y-%m}", "status": _status(point), **values}


def standards(found: Standards) -> dict:
    return {
        "median_days": found.median_days,
        "on_time_share": found.on_time_share,
        "satisfaction": found.satisfaction,
        "fresh_share": found.fresh_share,
    }
