"""Pages of a list: the number asked for in the query string, and the page itself.

Every HTML list reads its page number through `page_number()` and is cut by `paginate()`
(or, when the list is built in Python, `page_of()`), so a number of any size, zero,
negative or not a number at all gives a page that exists: the first for nonsense and the
last for a number past the end, never "Page 4,000 of 3,526" with nothing on it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from flask import request
from sqlalchemy import Select, func, select

from .extensions import db
from .statements import read_rows

# A page past this is past the end of any list; it keeps OFFSET inside a signed 64-bit
# integer for every page size.
MAX_PAGE = 2**31 - 1


@dataclass
class Page:
    """One page of a list, shaped like Flask-SQLAlchemy's pagination for `pager()`."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return math.ceil(self.total / self.per_page)

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def page_number(argument: str = "page") -> int:
    """The page the query string asks for: 1 for nonsense, at most MAX_PAGE."""
    raw = request.args.get(argument, "")
    if not (raw.isascii() and raw.isdigit()):
        return 1
    if len(raw) > len(str(MAX_PAGE)):  # no need to read a number of a thousand digits
        return MAX_PAGE
    return min(max(int(raw), 1), MAX_PAGE)


def last_page(page: int, total: int, per_page: int) -> int:
    """`page`, or the last page when it is past the end (page 1 of an empty list)."""
    return max(1, min(page, math.ceil(total / per_page)))


def paginate(
    stmt: Select,
    page: int,
    per_page: int,
    make: Callable = lambda row: row,
    past_the_end: bool = False,
    plain: bool = False,
) -> Page:
    """Count the rows of `stmt`, then read one page of them through `make`.

    A page past the end shows the last page, unless `past_the_end` (the API, whose clients
    expect an empty page there). `plain`: `stmt` reads columns, no ORM objects (`read_rows`)."""
    total = _count(stmt)
    page = min(max(page, 1), MAX_PAGE) if past_the_end else last_page(page, total, per_page)
    window = _window(stmt, page, per_page)
    rows = (read_rows(window) if plain else db.session.execute(window)).all()
    return Page([make(row) for row in rows], page, per_page, total)


def paginate_built(
    rows_of: Select,
    count_of: Select,
    parameters: dict,
    page: int,
    per_page: int,
    make: Callable = lambda row: row,
) -> Page:
    """`paginate` for statements built once (`statements.built_once`): `count_of` counts the
    rows, `rows_of` reads them with `limit` and `offset` bound, both as plain rows."""
    total = read_rows(count_of, parameters).scalar() or 0
    page = last_page(page, total, per_page)
    window = {"limit": per_page, "offset": (page - 1) * per_page}
    rows = read_rows(rows_of, {**parameters, **window})
    return Page([make(row) for row in rows], page, per_page, total)


def paginate_models(stmt: Select, per_page: int) -> Page:
    """The page the query string asks for of a `select(Model)`, as model objects."""
    total = _count(stmt)
    page = last_page(page_number(), total, per_page)
    items = db.session.scalars(_window(stmt, page, per_page)).unique().all()
    return Page(list(items), page, per_page, total)


def page_of(items: list, page: int, per_page: int) -> Page:
    """One page of a list already in memory."""
    page = last_page(page, len(items), per_page)
    start = (page - 1) * per_page
    return Page(items[start : start + per_page], page, per_page, len(items))


def _count(stmt: Select) -> int:
    counted = select(func.count()).select_from(stmt.order_by(None).subquery())
    return read_rows(counted).scalar() or 0


def _window(stmt: Select, page: int, per_page: int) -> Select:
    return stmt.limit(per_page).offset((page - 1) * per_page)
