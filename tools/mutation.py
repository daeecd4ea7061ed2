"""Mutation testing of the critical modules with mutmut, one worker process at a time.

    .venv/bin/python tools/mutation.py                  # every module, most critical first
    .venv/bin/python tools/mutation.py permissions      # one module (or several)
    .venv/bin/python tools/mutation.py --ci             # CI's sample, compared with the record
    .venv/bin/python tools/mutation.py --record ...     # also write the scores to the record
    .venv/bin/python tools/mutation.py --again audit    # only the recorded survivors, again

Each module is mutated alone, in a fresh copy of the tree in mutants/, against only the
test files that cover it. The score is killed (or timed out) mutants over all mutants, so a
mutant no test reaches counts as a survivor. docs/mutation-scores.json holds the recorded
scores; --ci fails when a module's score falls below its recorded one. --again reruns only
the survivors of the recorded run (the other mutants were killed then, and added tests do
not bring them back), which is quick after writing the tests that kill them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "docs" / "mutation-scores.json"
MUTANTS = ROOT / "mutants"
# What the copied tree needs besides the package and tests/ (mutmut copies those itself).
ALSO_COPY = ["app.py", "templates", "static", "translations"]
# Fixed file order and the random-order plugin off, so a mutant's verdict is repeatable.
PYTEST_ARGS = ["-p", "no:randomly", "-p", "no:cacheprovider", "-x", "-q"]
KILLED = {"killed", "timeout", "segfault"}
NOT_COUNTED = {"skipped", "caught by type check"}


@dataclass(frozen=True)
class Module:
    """Files mutated together and the test files that should kill their mutants."""

    files: tuple[str, ...]
    tests: tuple[str, ...]


# Most critical first: the order a full run takes.
MODULES: dict[str, Module] = {
    "permissions": Module(
        ("consultations/permissions.py",),
        (
            "tests/test_permissions.py",
            "tests/test_permissions_visibility.py",
            "tests/test_permissions_cycle.py",
        ),
    ),
    "sanitize": Module(
        ("consultations/sanitize.py",),
        ("tests/test_sanitize.py", "tests/test_sanitize_edges.py", "tests/test_sanitize_exact.py"),
    ),
    "audit": Module(
        ("consultations/audit/models.py", "consultations/audit/services.py"),
        ("tests/audit",),
    ),
    "accounts-tokens": Module(
        (
            "consultations/accounts/tokens.py",
            "consultations/accounts/limits.py",
            "consultations/follows/tokens.py",
        ),
        (
            "tests/accounts/test_signed_links.py",
            "tests/accounts/test_limit_keys.py",
            "tests/accounts/test_password_reset.py",
        ),
    ),
    "pagecache": Module(
        ("consultations/pagecache.py", "consultations/versions.py"),
        (
            "tests/test_pagecache.py",
            "tests/test_pagecache_signed_in.py",
            "tests/test_pagecache_rules.py",
        ),
    ),
    # The counters' own tests, without those about pages, query counts and bench-data,
    # which take most of the time and kill nothing the others do not.
    "counters": Module(
        ("consultations/consultation/counters.py",),
        (
            "tests/consultation/test_counter_paths.py",
            *(
                f"tests/consultation/test_counters.py::test_{name}"
                for name in (
                    "new_comments_and_replies_count_on_the_consultation_and_their_section",
                    "edits_leave_the_counters_alone",
                    "author_removal_keeps_a_thread_listed_only_while_a_reply_hangs_under_it",
                    "hiding_restoring_and_holding_move_the_visible_count",
                    "account_deletion_recounts_what_its_bulk_updates_touched",
                    "rows_written_straight_to_the_database_are_counted",
                    "recount_repairs_drifted_counters",
                    "every_page_from_either_end_shows_what_offset_paging_shows",
                    "page_of_a_comment_counted_from_the_newest_end",
                )
            ),
        ),
    ),
    "latest": Module(
        ("consultations/plans/latest.py", "consultations/plans/progress.py"),
        (
            "tests/plans/test_latest_update.py",
            "tests/plans/test_progress_rules.py",
            "tests/test_date_boundaries.py",
        ),
    ),
    # The stale flag, the next milestone due, a plan's overdue counts, agencies' freshness:
    # their boundary days, and what the pages show, without the query-count test.
    "staleness": Module(
        ("consultations/plans/staleness.py",),
        (
            "tests/plans/test_staleness.py",
            "tests/test_date_boundaries.py",
            *(
                f"tests/plans/test_public_pages.py::test_{name}"
                for name in (
                    "status_and_percent_come_from_the_latest_published_update",
                    "same_publication_time_takes_the_higher_id",
                    "plan_summary_counts_by_status_and_states_the_schedule",
                    "overdue_milestone_is_marked_in_text",
                    "stale_badge_appears_after_the_configured_days_and_not_before",
                    "without_updates_staleness_counts_from_the_start",
                    "agency_page_lists_its_commitments_and_how_many_are_up_to_date",
                    "agencies_page_lists_every_agency_with_country_contact_and_freshness",
                )
            ),
            "tests/staff/test_sources.py::test_commitment_going_stale_on_the_fourteenth_day_is_listed",
        ),
    ),
    # What the public sees of co-creation: the published timeline, proposals neither hidden
    # nor held, published answers (the demo's and the query-count tests kill nothing more).
    "publication": Module(
        ("consultations/proposals/models.py", "consultations/proposals/publication.py"),
        (
            "tests/proposals/test_publication.py",
            "tests/proposals/test_api.py",
            "tests/proposals/test_cycle.py",
            "tests/proposals/test_comments.py",
            "tests/proposals/test_roles.py",
            "tests/feeds/test_timeline_feed.py",
            "tests/repository/test_repository.py",
        ),
    ),
    "moderation": Module(("consultations/moderation/*.py",), ("tests/moderation",)),
    "privacy": Module(
        ("consultations/privacy/services.py",),
        (
            "tests/privacy",
            "tests/documents/test_deleted_accounts.py",
            "tests/test_date_boundaries.py",
        ),
    ),
    "csv": Module(
        ("consultations/opendata/files.py", "consultations/responses/report.py"),
        (
            "tests/opendata/test_files.py",
            "tests/responses/test_report.py",
            "tests/test_csv_formula_guard.py",
        ),
    ),
    # What the public is told about a plan's co-creation, and what the server may fetch.
    "standards": Module(("consultations/standards/rules.py",), ("tests/standards",)),
    "fetching": Module(
        ("consultations/documents/fetching.py",), ("tests/documents/test_archive.py",)
    ),
}
# CI's sample: the signed links and sign-in limits, quick and security-critical: about five
# minutes on a shared machine (docs/testing.md), well under ten on CI's two cores.
CI_SAMPLE = ("accounts-tokens",)


def worker(name: str, mutants: list[str]) -> None:
    """Run mutmut on one module, in this process (mutmut forks one child per mutant)."""
    import mutmut.configuration as configuration

    module = MODULES[name]
    base = configuration._load_config()
    base.source_paths = [Path("consultations")]
    base.resolved_mutated_source_paths = [MUTANTS / "consultations"]
    base.only_mutate = list(module.files)
    base.also_copy = [Path(path) for path in ALSO_COPY] + base.also_copy
    base.pytest_add_cli_args = PYTEST_ARGS
    base.pytest_add_cli_args_test_selection = [
        t for t in module.tests if (ROOT / t.split("::")[0]).exists()
    ]
    base.use_git_change_detection = False
    configuration._config = base

    from mutmut.__main__ import cli

    cli(["run", "--max-children", "1", *mutants], standalone_mode=True)


def verdicts() -> dict[str, str]:
    """Every mutant of the last run and its status."""
    from mutmut.stats import status_by_exit_code

    found: dict[str, str] = {}
    for meta in MUTANTS.rglob("*.meta"):
        data = json.loads(meta.read_text())
        for mutant, code in data.get("exit_code_by_key", {}).items():
            found[mutant] = status_by_exit_code[code]
    return found


def change(mutant: str) -> list[str]:
    """The lines a mutant changed, as mutmut shows them."""
    shown = subprocess.run(
        [str(Path(sys.executable).parent / "mutmut"), "show", mutant],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return [
        line
        for line in shown.splitlines()
        if line[:1] in "-+" and line[:3] not in ("---", "+++") and line.strip() not in "-+"
    ]


def measure(name: str, again: dict | None = None) -> dict:
    """Mutate one module and return its score and survivors; with `again` (the recorded
    result), run only its survivors and count the rest as killed, as they were then."""
    shutil.rmtree(MUTANTS, ignore_errors=True)
    started = time.monotonic()
    only = list(again["survivors"]) if again else []
    command = [sys.executable, __file__, "--worker", name, *only]
    subprocess.run(command, cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
    found = verdicts()
    if again:
        if len(found) != again["mutants"] or not set(only) <= set(found):
            raise SystemExit(f"{name}: the module changed since the recorded run; run it whole")
        found = {m: s if m in only else "killed" for m, s in found.items()}
    counted = {m: s for m, s in found.items() if s not in NOT_COUNTED}
    killed = sum(1 for s in counted.values() if s in KILLED)
    return {
        "mutants": len(counted),
        "killed": killed,
        "score": round(100 * killed / len(counted), 1) if counted else None,
        "survivors": {m: change(m) for m, s in sorted(counted.items()) if s not in KILLED},
        "seconds": round(time.monotonic() - started),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"any of: {', '.join(MODULES)}")
    parser.add_argument("--ci", action="store_true", help="CI's sample, checked against record")
    parser.add_argument("--record", action="store_true", help="write the scores to the record")
    parser.add_argument("--again", action="store_true", help="rerun only recorded survivors")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.modules)
        return 0
    names = list(CI_SAMPLE) if args.ci else (args.modules or list(MODULES))
    unknown = [name for name in names if name not in MODULES]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; known: {', '.join(MODULES)}")
    record = json.loads(RECORD.read_text()) if RECORD.exists() else {"modules": {}}
    failed = []
    for name in names:
        previous = record["modules"].get(name)
        result = measure(name, previous if args.again and previous else None)
        recorded = previous["score"] if previous else None
        print(
            f"{name:16} {result['killed']:4}/{result['mutants']:<4} killed  "
            f"score {result['score']}%  (recorded {recorded}%)  {result['seconds']}s"
        )
        for mutant, lines in result["survivors"].items():
            print(f"    survived: {mutant}")
            for line in lines:
                print(f"        {line}")
        if result["score"] is None or (recorded is not None and result["score"] < recorded):
            failed.append(name)
        if args.record:
            record["modules"][name] = {
                "score": result["score"],
                "killed": result["killed"],
                "mutants": result["mutants"],
                "survivors": sorted(result["survivors"]),
                "date": datetime.now(UTC).date().isoformat(),
                "tool": f"mutmut {version('mutmut')}",
                "command": f".venv/bin/python tools/mutation.py {name}",
            }
    if args.record:  # merged into the file as it is now, so runs of other modules stay
        latest = json.loads(RECORD.read_text()) if RECORD.exists() else {"modules": {}}
        latest["modules"].update({name: record["modules"][name] for name in names})
        RECORD.write_text(json.dumps(latest, indent=2, ensure_ascii=False) + "\n")
    if args.ci and failed:
        print(f"Mutation score fell below the record: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
