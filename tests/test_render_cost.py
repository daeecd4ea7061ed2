"""What rendering each main page kind costs in Python function calls, at two data sizes.

Counted (cProfile, in this process), not timed: the count does not move with the machine's
load. A page shows a bounded number of rows, so the larger data may cost only a little more
(a few more page links, longer numbers), never in proportion to the rows stored.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bench.cost import page_cost
from consultations.benchmark.data import Scale, fill
from consultations.consultation.models import Consultation
from consultations.consultation.queries import PER_PAGE
from consultations.extensions import db

SMALL = Scale(
    plans=3,
    commitments=90,  # 30 a plan: more than a page of them
    milestones_each=2,
    updates_each=2,
    consultations=3,
    sections_each=2,
    comments=1_000,
    big_consultation_comments=900,
    users=60,
    agencies=3,
)
LARGE = Scale(
    plans=3,
    commitments=300,
    milestones_each=3,
    updates_each=6,
    consultations=12,
    sections_each=3,
    comments=6_000,
    big_consultation_comments=5_000,
    users=300,
    agencies=10,
)
PAGES = {
    "home": "/en/",
    "plan": "/en/plans/bench-il",
    "commitment": "/en/commitments/IL0001",
    "consultation, page 1": "/en/consultations/bench-consultation-1",
    "consultation, middle page": "/en/consultations/bench-consultation-1?page={middle}",
    "search": "/en/search?q=transparency",
    "API list": "/api/v1/commitments",
}
# The larger data may cost this much more: page links, digits, a few more facets.
FACTOR = 1.2
ALLOWANCE = 2_000
# Pages whose rows are kept fragments (comments, progress updates) cost almost exactly the
# same at both sizes (measured: under 3% more on SQLite and PostgreSQL).
KEPT_ROWS = {"commitment", "consultation, page 1", "consultation, middle page"}
KEPT_FACTOR = 1.05
KEPT_ALLOWANCE = 1_000


def _empty() -> None:
    db.session.remove()
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


def _costs(app, scale: Scale) -> dict[str, tuple[int, int]]:
    for _line in fill(scale):
        pass
    threads = db.session.scalar(
        select(Consultation.thread_count).where(Consultation.slug == "bench-consultation-1")
    )
    middle = max(2, threads // PER_PAGE // 2)
    costs = {}
    for name, path in PAGES.items():
        cost = page_cost(app, path.format(middle=middle))
        assert cost.status == 200, name
        costs[name] = (cost.calls, cost.statements)
    _empty()
    return costs


@pytest.fixture(scope="module")
def costs(app):
    with app.app_context():
        _empty()
        yield {"small": _costs(app, SMALL), "large": _costs(app, LARGE)}


@pytest.mark.parametrize("kind", PAGES)
def test_page_costs_no_more_with_more_rows_stored(costs, kind):
    small_calls, small_statements = costs["small"][kind]
    large_calls, large_statements = costs["large"][kind]
    assert large_calls <= small_calls * FACTOR + ALLOWANCE, (kind, small_calls, large_calls)
    assert large_statements == small_statements, kind
    if kind in KEPT_ROWS:
        assert large_calls <= small_calls * KEPT_FACTOR + KEPT_ALLOWANCE, (kind, large_calls)


def test_a_middle_page_of_comments_costs_what_the_first_does(costs):
    first_calls, first_statements = costs["large"]["consultation, page 1"]
    middle_calls, middle_statements = costs["large"]["consultation, middle page"]
    assert middle_statements <= first_statements
    assert middle_calls <= first_calls * FACTOR + ALLOWANCE
