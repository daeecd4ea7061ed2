"""What needs a staff member today: one registry of item sources, read by the /staff page,
its badge in the navigation and the daily staff digest alike.

A source is a function `(user, moment) -> list[Item]` registered with `@staff_source(key,
heading)`; it returns nothing for people it does not concern. A feature adds its own kind of
work with that one decorator (see `sources.py` for the built-in ones). A source may also give
`rows`, the same rows as a statement, so the badge counts it inside one shared query.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, g
from sqlalchemy import Select, func, select

from ..accounts.models import User
from ..extensions import db
from ..i18n import force_locale

# A source lists at most this many items (most urgent first), and the badge counts as many.
ITEMS_PER_SOURCE = 50


@dataclass
class Item:
    """One line: what needs doing, in the reader's language, and the page where it is done."""

    text: str
    endpoint: str
    values: dict = field(default_factory=dict)
    # Already late (a missed deadline, an overdue milestone): shown first and marked.
    late: bool = False


Collect = Callable[[User, datetime], list[Item]]
Rows = Callable[[User, datetime], Select | None]


@dataclass(frozen=True)
class Source:
    key: str
    heading: object  # a lazy string, translated when shown
    collect: Collect
    rows: Rows | None = None


SOURCES: list[Source] = []


def staff_source(key: str, heading, rows: Rows | None = None):
    """Register a source of work items under `heading` (a lazy string), in display order."""

    def register(collect: Collect) -> Collect:
        SOURCES[:] = [source for source in SOURCES if source.key != key]
        SOURCES.append(Source(key, heading, collect, rows))
        return collect

    return register


@dataclass
class Group:
    source: Source
    items: list[Item]


def collect_groups(user: User, moment: datetime) -> list[Group]:
    """Every source's items for `user`, leaving out the sources with nothing to say."""
    groups = []
    for source in SOURCES:
        items = source.collect(user, moment)
        if items:
            groups.append(Group(source, items[:ITEMS_PER_SOURCE]))
    return groups


def count_items(user: User, moment: datetime) -> int:
    """How many items `user` has: the sources with `rows` counted in one query together."""
    counted = []
    total = 0
    for source in SOURCES:
        if source.rows is None:
            total += min(len(source.collect(user, moment)), ITEMS_PER_SOURCE)
            continue
        statement = source.rows(user, moment)
        if statement is not None:
            window = statement.limit(ITEMS_PER_SOURCE).subquery()
            counted.append(select(func.count()).select_from(window).scalar_subquery())
    if counted:
        total += sum(db.session.execute(select(*counted)).one())
    return total


def badge_count(user: User, moment: datetime) -> int:
    """`count_items`, once per request (the navigation of every staff page shows it)."""
    if "staff_items" not in g:
        g.staff_items = count_items(user, moment)
    return g.staff_items


# The clock of the sources: days in the site's time zone.


def site_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or "UTC")


def local_day(moment: datetime) -> date:
    return moment.astimezone(site_zone()).date()


def day_start(day: date) -> datetime:
    """The first moment of `day` in the site's time zone."""
    return datetime.combine(day, time.min, site_zone())


def day_end(day: date) -> datetime:
    """The first moment after `day`."""
    return day_start(day + timedelta(days=1))


def reading(lang: str):
    """Translate strings, dates and numbers in `lang` (a mail outside any request)."""
    return force_locale(lang)
