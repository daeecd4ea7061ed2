"""The month table: closed months are computed once and read back, the current one is live.

A closed month's figures never change by themselves: data dated in that month that
arrives later (a late import, a restored comment) shows only after `--recompute`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, delete, func, or_, select

from ..clock import as_utc
from ..comments.models import Comment
from ..extensions import db
from .models import SITE, QualityMonth
from .monthly import (
    STORED,
    MonthFigures,
    Scope,
    compute_month,
    first_day,
    month_start,
    next_month,
)

HISTORY_MONTHS = 12  # months shown on the charts, the current one included


@dataclass
class MonthPoint:
    """One month of a series; `figures` is None for a closed month not recorded yet."""

    month: date
    figures: MonthFigures | None
    live: bool = False


def closed_months(moment: datetime, since: date) -> list[date]:
    """Every month from `since` up to the one before `moment`'s month."""
    months, month, current = [], first_day(since), first_day(moment)
    while month < current:
        months.append(month)
        month = next_month(month)
    return months


def _first_activity() -> date | None:
    """The month of the earliest comment: nothing before it has figures worth keeping."""
    earliest = db.session.scalar(select(func.min(Comment.created_at)))
    return first_day(as_utc(earliest)) if earliest else None


def _store(month: date, computed_at: datetime) -> int:
    """Compute `month` up to its end and keep every body's figures."""
    figures = compute_month(month, next_month_moment(month))
    for (kind, key), one in figures.items():
        db.session.add(
            QualityMonth(
                month=month,
                scope_kind=kind,
                scope=key,
                computed_at=computed_at,
                **{name: getattr(one, name) for name in STORED},
            )
        )
    return len(figures)


def record_missing_months(moment: datetime, since: date | None = None) -> list[date]:
    """Compute and keep every closed month not in the table yet; returns the months written."""
    since = since or _first_activity()
    if since is None:
        return []
    recorded = set(db.session.scalars(select(QualityMonth.month).distinct()))
    written = [m for m in closed_months(moment, since) if m not in recorded]
    for month in written:
        _store(month, moment)
    db.session.commit()
    return written


def recompute_month(month: date, moment: datetime) -> None:
    """Replace a closed month's figures after a correction of its data."""
    if first_day(month) >= first_day(moment):
        raise ValueError("only a closed month can be recomputed")
    db.session.execute(delete(QualityMonth).where(QualityMonth.month == month))
    _store(month, moment)
    db.session.commit()


def next_month_moment(month: date) -> datetime:
    return month_start(next_month(month))


def from_row(row: QualityMonth) -> MonthFigures:
    return MonthFigures(**{name: getattr(row, name) for name in STORED})


def recorded(month: date) -> dict[Scope, MonthFigures]:
    """Every body's kept figures for one closed month (one query)."""
    rows = db.session.scalars(select(QualityMonth).where(QualityMonth.month == month))
    return {(row.scope_kind, row.scope): from_row(row) for row in rows}


def month_figures(month: date, moment: datetime) -> dict[Scope, MonthFigures]:
    """A month's figures: kept ones for a closed month, live ones for the current month."""
    if month < first_day(moment):
        kept = recorded(month)
        if kept:
            return kept
    # The current month, or a closed one the command has not kept yet.
    return compute_month(month, moment)


def series(scope: Scope, moment: datetime, months: int = HISTORY_MONTHS) -> list[MonthPoint]:
    """The last `months` months of one body, oldest first: kept, then the live current one."""
    current = first_day(moment)
    wanted = [current]
    while len(wanted) < months:
        wanted.insert(0, _previous(wanted[0]))
    kind, key = scope
    rows = db.session.scalars(
        select(QualityMonth).where(
            or_(
                and_(QualityMonth.scope_kind == kind, QualityMonth.scope == key),
                QualityMonth.scope_kind == SITE,  # the site's row says the month is kept
            ),
            QualityMonth.month >= wanted[0],
            QualityMonth.month < current,
        )
    )
    kept: dict[date, MonthFigures] = {}
    for row in rows:
        if (row.scope_kind, row.scope) == scope:
            kept[row.month] = from_row(row)
        else:
            kept.setdefault(row.month, MonthFigures())
    points = [MonthPoint(month, kept.get(month)) for month in wanted[:-1]]
    live = compute_month(current, moment).get(scope, MonthFigures())
    return [*points, MonthPoint(current, live, live=True)]


def _previous(month: date) -> date:
    return date(month.year - 1, 12, 1) if month.month == 1 else date(month.year, month.month - 1, 1)
