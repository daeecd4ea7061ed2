"""The monthly measures, and bar charts of them drawn as plain SVG on the server.

Each chart is laid out here (numbers only); the template writes the SVG with a title, a
description and a data table beside it. Months run from the reading direction's start:
left to right in English, right to left in Hebrew and Arabic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from babel.dates import format_skeleton
from flask_babel import lazy_gettext as _l

from ..formatting import reading_locale
from .monthly import MonthFigures
from .records import MonthPoint
from .standards import Standards

WIDTH, HEIGHT = 360, 150
PLOT_TOP, PLOT_BOTTOM = 10, 120  # bars grow up from the bottom line; labels sit below it


@dataclass(frozen=True)
class Measure:
    """One monthly measure: how to read it, how to show it and its published target."""

    key: str
    label: object  # a lazy string
    value: Callable[[MonthFigures], float | int | None]
    kind: str  # "days", "share", "score" or "count": how the template formats a value
    target: Callable[[Standards], float] | None = None
    lower_is_better: bool = False
    site_only: bool = False

    def meets(self, value, standards: Standards) -> bool | None:
        """Whether a month's value meets the target (None: no target or no value)."""
        if self.target is None or value is None:
            return None
        target = self.target(standards)
        return value <= target if self.lower_is_better else value >= target


MEASURES = (
    Measure(
        "median_days",
        _l("Median days from closing to the first response"),
        lambda f: f.median_days,
        "days",
        lambda s: s.median_days,
        lower_is_better=True,
    ),
    Measure(
        "on_time",
        _l("Comments answered by the response deadline"),
        lambda f: f.share_on_time,
        "share",
        lambda s: s.on_time_share,
    ),
    Measure(
        "satisfaction",
        _l("Satisfaction"),
        lambda f: f.satisfaction,
        "score",
        lambda s: s.satisfaction,
    ),
    Measure("ease", _l("Ease of use"), lambda f: f.ease, "score"),
    Measure(
        "fresh",
        _l("Commitments with a recent progress update"),
        lambda f: f.freshness,
        "share",
        lambda s: s.fresh_share,
    ),
    Measure("comments", _l("Comments"), lambda f: f.comments, "count"),
    Measure("participants", _l("People who commented"), lambda f: f.participants, "count"),
    Measure("new_accounts", _l("New accounts"), lambda f: f.new_accounts, "count", site_only=True),
    # Proposals from the public are counted once that feature registers its counter
    # (monthly.PROPOSAL_COUNTERS); the chart is listed with the other participation ones.
    Measure("proposals", _l("Proposals received"), lambda f: f.proposals, "count"),
)
BY_KEY = {measure.key: measure for measure in MEASURES}


@dataclass(frozen=True)
class Bar:
    month: date
    label: str  # the month's short name, under the bar
    value: float | int | None
    meets: bool | None
    x: float
    y: float
    height: float
    live: bool


@dataclass(frozen=True)
class Chart:
    measure: Measure
    bars: list[Bar]
    target: float | None
    target_y: float | None
    bar_width: float
    rtl: bool
    width: int = WIDTH
    height: int = HEIGHT
    baseline: int = PLOT_BOTTOM

    @property
    def has_data(self) -> bool:
        return any(bar.value is not None for bar in self.bars)


def _scale(measure: Measure, values: list, target: float | None) -> float:
    if measure.kind == "share":
        return 1.0
    if measure.kind == "score":
        return 5.0
    return max([v for v in values if v is not None] + [target or 0, 1]) * 1.1


def month_label(month: date, skeleton: str = "MMM") -> str:
    """A month's name in the reader's language: "Oct" for a bar, "October 2026" (yMMMM)."""
    return format_skeleton(skeleton, month, locale=reading_locale())


def chart(measure: Measure, points: list[MonthPoint], standards: Standards, rtl: bool) -> Chart:
    """Lay out one bar per month, oldest at the reading start, and the target line."""
    values = [measure.value(p.figures) if p.figures is not None else None for p in points]
    target = measure.target(standards) if measure.target else None
    top = _scale(measure, values, target)
    slot = WIDTH / max(len(points), 1)
    width = slot * 0.7
    plot = PLOT_BOTTOM - PLOT_TOP
    bars = []
    for index, (point, value) in enumerate(zip(points, values, strict=True)):
        x = index * slot + (slot - width) / 2
        if rtl:
            x = WIDTH - x - width
        height = plot * (value or 0) / top
        bars.append(
            Bar(
                point.month,
                month_label(point.month),
                value,
                measure.meets(value, standards),
                round(x, 1),
                round(PLOT_BOTTOM - height, 1),
                round(height, 1),
                point.live,
            )
        )
    target_y = round(PLOT_BOTTOM - plot * target / top, 1) if target is not None else None
    return Chart(measure, bars, target, target_y, round(width, 1), rtl)


def charts(points: list[MonthPoint], standards: Standards, rtl: bool, site: bool) -> list[Chart]:
    """Every measure's chart for one body (the site-only ones for the whole site only)."""
    return [
        chart(measure, points, standards, rtl)
        for measure in MEASURES
        if site or not measure.site_only
    ]
