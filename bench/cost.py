"""What a page costs in Python function calls and SQL statements, counted, not timed.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python -m bench.cost [--top N]

Renders each page kind twice to warm the workers' caches, then once more with the Flask test
client (`--cold`: with no kept fragments of comments and updates, as after a change) while
counting every Python function call (cProfile, in this process) and every SQL
statement sent. Counts do not depend on how busy the machine is, so they compare changes
exactly where wall-clock timings on a shared machine cannot. `--top N` prints the profile's
N heaviest lines (by own calls) for each page.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import event

# The page kinds of the benchmark, {last_page} and {middle_page} of the big consultation.
PAGES = {
    "home": "/en/",
    "plan": "/en/plans/bench-il",
    "commitment": "/en/commitments/IL0001",
    "consultation, page 1": "/en/consultations/bench-consultation-1",
    "consultation, middle page": "/en/consultations/bench-consultation-1?page={middle_page}",
    "consultation, last page": "/en/consultations/bench-consultation-1?page={last_page}",
    "search": "/en/search?q=transparency",
    "API list": "/api/v1/commitments",
}


@dataclass
class Cost:
    status: int
    calls: int
    statements: int
    profile: pstats.Stats | None = None


@contextmanager
def counting_statements(engine):
    """Count the SQL statements sent through `engine` while the block runs."""
    seen = [0]

    def count(*_args, **_kwargs):
        seen[0] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def measure(app, fetch: Callable[[], object], keep_profile: bool = False) -> Cost:
    """Call `fetch` (a test-client request) once, counting calls and statements."""
    from consultations.extensions import db

    with app.app_context():
        engine = db.engine
    profiler = cProfile.Profile()
    with counting_statements(engine) as statements:
        profiler.enable()
        response = fetch()
        profiler.disable()
    stats = pstats.Stats(profiler)
    return Cost(
        response.status_code,
        stats.total_calls,
        statements[0],
        stats if keep_profile else None,
    )


def page_cost(app, path: str, keep_profile: bool = False, client=None, cold: bool = False) -> Cost:
    """The cost of rendering `path` anew for an anonymous reader (warmed first), with
    the comments' and updates' fragments kept by the first rendering (or, `cold`, without)."""
    client = client or app.test_client()
    # Twice: the first request of a process makes SQLAlchemy set up the ORM, after which a
    # few statements get another cache key and are compiled once more, by the second.
    client.get(path)
    client.get(path)
    if "page_cache" in app.extensions:  # rendered anew, never a kept page
        app.extensions["page_cache"].clear()
    if cold and "fragments" in app.extensions:
        app.extensions["fragments"].clear()
    return measure(app, lambda: client.get(path), keep_profile)


def _top(stats: pstats.Stats, count: int) -> list[str]:
    rows = sorted(stats.stats.items(), key=lambda item: item[1][1], reverse=True)[:count]
    lines = []
    for (filename, line, name), (_primitive, calls, _own, cumulative, _callers) in rows:
        where = filename.rsplit("site-packages/", 1)[-1].rsplit("wt-perf/", 1)[-1]
        lines.append(f"    {calls:>7} {cumulative * 1000:8.1f} ms  {where}:{line}({name})")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=0, help="profile lines per page")
    parser.add_argument("--only", default="", help="only page kinds containing this")
    parser.add_argument("--cold", action="store_true", help="no kept fragments either")
    options = parser.parse_args()
    from bench.site import last_page
    from consultations import create_app

    last = last_page()
    app = create_app({"PAGE_CACHE_SECONDS": 0, "RATELIMIT_ENABLED": False})
    print(f"{'page':<28} {'status':>6} {'calls':>8} {'SQL':>4}")
    for name, path in PAGES.items():
        if options.only not in name:
            continue
        url = path.format(last_page=last, middle_page=max(1, last // 2))
        cost = page_cost(app, url, keep_profile=bool(options.top), cold=options.cold)
        print(f"{name:<28} {cost.status:>6} {cost.calls:>8} {cost.statements:>4}")
        if options.top:
            print("\n".join(_top(cost.profile, options.top)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
