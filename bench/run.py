"""The benchmark: national-scale data, gunicorn with 2 workers, wrk, and the budgets.

    .venv/bin/python bench/run.py                      # SQLite, full scale, the mix
    .venv/bin/python bench/run.py --database postgresql://postgres@127.0.0.1:5432/bench
    .venv/bin/python bench/run.py --quick              # a small scale and short runs
    .venv/bin/python bench/run.py --mode single        # one address at a time
    .venv/bin/python bench/run.py --mode uploads       # reads beside 10 MB uploads; downloads

It fills a fresh database with `flask bench-data` and starts the site under gunicorn.

The mix (the default) draws thousands of page addresses in every configured language, in
the proportions readers ask for them (bench/site.py MIX: commitment and consultation pages
most), and drives them with wrk (Debian's package `wrk`) through bench/mix.lua: each kind of
page alone, rendered anew, at 4 connections; then the whole mix at 16 connections as
anonymous readers and as signed-in people, with pages kept and rendered anew, each against
the minimal route (/livez) of the same run; last, the mixes go on for `--soak-seconds`
(10 minutes) and each worker's resident memory is read. The single mode drives one address
per endpoint at 4 and 16 connections and posts comments as many signed-in people. The uploads
mode reads the mix beside 10 MB uploads and watches the workers' memory during downloads of
large files (bench/uploads.py).

Both print tables with requests per second, p50 and p99 and whether each budget passes;
`--markdown FILE` also appends them, with the date and the machine, for docs/performance.md.
The load generator shares the machine, so only numbers of one run compare with each other.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

if __package__:
    from . import uploads
else:
    import uploads  # run as a script: bench/ is on the path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
READ_PAGES = {
    "minimal route (/livez)": "/livez",
    "home": "/en/",
    "plan page": "/en/plans/bench-il",
    "commitment page": "/en/commitments/IL0001",
    "consultation, page 1": "/en/consultations/bench-consultation-1",
    "consultation, last page": "/en/consultations/bench-consultation-1?page={last_page}",
    "API list": "/api/v1/commitments",
    "search": "/en/search?q=transparency",
    "Atom feed": "/en/feeds/site.atom",
}
BUDGET_P50_MS = 15
BUDGET_P99_MS = 60
BUDGET_SHARE_OF_MINIMAL = 0.20
BUDGET_LAST_PAGE_FACTOR = 1.5
BUDGET_POSTS_PER_SECOND = 100
POST_CONNECTIONS = 8
# The mix: each kind alone at 4 connections, the mixes at 16, shares of /livez.
MIX_KINDS = ("commitment", "consultation", "consultation page", "plan", "home", "search")
MIX_KINDS += ("API list",)
BUDGET_ANONYMOUS_SHARE = 0.20
BUDGET_SIGNED_IN_SHARE = 0.15
SIGNED_IN_PEOPLE = 200
BUDGET_WORKER_MB = 300


@dataclass
class Run:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    output: str


def main() -> int:
    options = _arguments()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        database = options.database or f"sqlite:///{folder}/bench.sqlite3"
        env = _environment(database, folder, options.page_cache_seconds)
        _prepare_database(database, env, options.scale)
        if options.mode == "single":
            with _serving(env, folder) as base:
                results = _measure(base, env, folder, options)
            table = _table(results, options, database)
        elif options.mode == "uploads":
            results = _measure_files(env, folder, options)
            table = _files_table(results, options, database)
        else:
            results = _measure_mix(env, folder, options)
            table = _mix_table(results, options, database)
    print(table)
    if options.markdown:
        stamp = f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {_machine()}."
        with Path(options.markdown).open("a", encoding="utf-8") as markdown:
            markdown.write(f"\n{stamp}\n\n{table}\n")
    return 0 if all(passed for _, _, passed in results["budgets"]) else 1


def _machine() -> str:
    return (
        f"{platform.node()}, {os.cpu_count()} CPUs, {platform.python_implementation()} "
        f"{platform.python_version()}"
    )


@contextmanager
def _serving(env: dict[str, str], folder: str):
    """gunicorn with 2 workers on a free port, for the length of the block."""
    with _server(env, folder) as (base, _process):
        yield base


@contextmanager
def _server(env: dict[str, str], folder: str):
    """The same, also giving the gunicorn master's process (its children are the workers)."""
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}", "app:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(folder) / "gunicorn.log", "a"),  # noqa: SIM115
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base)
        yield base, server
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="DATABASE_URL (default: a new SQLite file)")
    parser.add_argument("--scale", default="1.0", help="fraction of the national scale")
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--markdown", help="also append the tables to this file")
    parser.add_argument("--mode", choices=("mix", "single", "uploads"), default="mix")
    parser.add_argument(
        "--upload-interval",
        type=float,
        default=0.0,
        help="uploads mode: seconds between the end of an upload and the next (0: back to back)",
    )
    parser.add_argument("--addresses", type=int, default=6000, help="addresses drawn")
    parser.add_argument(
        "--soak-seconds",
        type=int,
        default=600,
        help="how long the mixes run before each worker's memory is read (0: not read)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="scale 0.02, 3 s runs, 2,000 addresses: to try it"
    )
    parser.add_argument(
        "--page-cache-seconds",
        default="60",
        help="PAGE_CACHE_SECONDS for the site; 0 measures every page rendered anew",
    )
    options = parser.parse_args()
    if options.quick:
        options.scale, options.seconds, options.addresses = "0.02", 3, 2000
        options.soak_seconds = min(options.soak_seconds, 10)
    return options


def _environment(database: str, folder: str, page_cache_seconds: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database,
        # Random for each run: production settings refuse a key written down anywhere.
        SECRET_KEY=secrets.token_urlsafe(48),
        CONSULTATIONS_ENV="production",
        PUBLIC_URL="http://127.0.0.1",
        # Every request comes from one address here; in production they come from many.
        COMMENT_IP_RATE_LIMIT="1000000 per minute",
        API_RATE_LIMIT="1000000 per minute",
        RATELIMIT_STORAGE_URI=os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        RATELIMIT_PER_WORKER=os.environ.get("RATELIMIT_PER_WORKER", "1"),
        PAGE_CACHE_SECONDS=page_cache_seconds,
        STORAGE_URL=str(Path(folder) / "documents"),
    )
    return env


def _prepare_database(database: str, env: dict[str, str], scale: str) -> None:
    if database.startswith("postgresql"):
        _reset_postgresql(database)
        _flask(env, "db", "upgrade")
    started = time.monotonic()
    _flask(env, "bench-data", "--scale", scale)
    print(f"bench-data: {time.monotonic() - started:.0f} s", file=sys.stderr)


def _reset_postgresql(database: str) -> None:
    import psycopg

    with psycopg.connect(database.replace("postgresql+psycopg", "postgresql")) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


def _flask(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "flask"), "--app", "app", *args], cwd=ROOT, env=env, check=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(base: str) -> None:
    for _ in range(100):
        try:
            with urllib.request.urlopen(base + "/livez", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start; see its log")


def _measure(base: str, env: dict[str, str], folder: str, options) -> dict:
    last_page = _last_page(env)
    rows = {}
    for name, path in READ_PAGES.items():
        url = base + path.format(last_page=last_page)
        _wrk(url, 2, 2)  # warm both workers
        rows[name] = (_wrk(url, 4, options.seconds), _wrk(url, 16, options.seconds))
    posting = _post_comments(base, env, folder, options.seconds)
    return {"rows": rows, "posting": posting, "budgets": _budgets(rows, posting)}


def _wrk(url: str, connections: int, seconds: int, script: str | None = None, env=None) -> Run:
    command = ["wrk", "--latency", "-t", "2", "-c", str(connections), "-d", f"{seconds}s"]
    if script:
        command += ["-s", script]
    result = subprocess.run(command + [url], capture_output=True, text=True, env=env)
    if result.returncode:
        raise SystemExit(f"wrk failed on {url}:\n{result.stdout}{result.stderr}")
    out = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", out))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return Run(rate, _percentile(out, "50"), _percentile(out, "99"), errors, out)


def _percentile(out: str, which: str) -> float:
    value, unit = re.search(rf"^\s+{which}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _last_page(env: dict[str, str]) -> int:
    return int(_site(env, "last-page"))


def _site(env: dict[str, str], *question: str) -> str:
    """Ask bench/site.py, in a process with the server's settings."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.site", *question],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    return result.stdout


def _post_comments(base: str, env: dict[str, str], folder: str, seconds: int) -> dict:
    """Post for `seconds` as 400 people, then count the comments in the database."""
    sessions = Path(folder) / "sessions.tsv"
    _site(env, "sessions", str(sessions), "400")
    run_id = f"bench{int(time.time())}"
    script_env = dict(
        os.environ,
        BENCH_SESSIONS=str(sessions),
        BENCH_RUN=run_id,
        BENCH_POST_PATH="/en/consultations/bench-consultation-1/comments",
    )
    run = _wrk(
        base + "/en/consultations/bench-consultation-1/comments",
        POST_CONNECTIONS,
        seconds,
        script=str(ROOT / "bench" / "post_comment.lua"),
        env=script_env,
    )
    accepted, refused = map(int, re.search(r"accepted=(\d+) refused=(\d+)", run.output).groups())
    rows, distinct = map(int, _site(env, "posted", run_id).split()[-2:])
    return {
        "run": run,
        "accepted": accepted,
        "refused": refused,
        "rows": rows,
        "distinct": distinct,
        "per_second": accepted / seconds,
    }


def _budgets(rows: dict, posting: dict) -> list[tuple[str, str, bool]]:
    budgets = []
    minimal = rows["minimal route (/livez)"][1].requests_per_second
    for name, (at4, at16) in rows.items():
        if name.startswith("minimal"):
            continue
        budgets.append(
            (
                f"{name}: p50 < {BUDGET_P50_MS} ms, p99 < {BUDGET_P99_MS} ms (4 connections)",
                f"{at4.p50_ms:.1f} / {at4.p99_ms:.1f} ms",
                at4.p50_ms < BUDGET_P50_MS and at4.p99_ms < BUDGET_P99_MS and not at4.errors,
            )
        )
        share = at16.requests_per_second / minimal
        budgets.append(
            (
                f"{name}: ≥ {BUDGET_SHARE_OF_MINIMAL:.0%} of the minimal route (16 connections)",
                f"{share:.0%}",
                share >= BUDGET_SHARE_OF_MINIMAL and not at16.errors,
            )
        )
    first = rows["consultation, page 1"][0].p50_ms
    last = rows["consultation, last page"][0].p50_ms
    budgets.append(
        (
            f"last page of the big consultation ≤ {BUDGET_LAST_PAGE_FACTOR}× page 1 (p50)",
            f"{last / first:.2f}×",
            last <= BUDGET_LAST_PAGE_FACTOR * first,
        )
    )
    budgets.append(
        (
            f"comment posting ≥ {BUDGET_POSTS_PER_SECOND}/s, no errors",
            f"{posting['per_second']:.0f}/s, {posting['refused']} refused",
            posting["per_second"] >= BUDGET_POSTS_PER_SECOND and posting["refused"] == 0,
        )
    )
    # wrk stops counting with requests still in flight, one at most per connection: those
    # may be stored without being counted, but nothing may be stored twice.
    in_flight = posting["rows"] - posting["accepted"]
    budgets.append(
        (
            "every accepted comment is in the database exactly once",
            f"{posting['accepted']} accepted, {posting['rows']} rows, {posting['distinct']} texts",
            posting["rows"] == posting["distinct"] and 0 <= in_flight <= POST_CONNECTIONS,
        )
    )
    return budgets


def _table(results: dict, options, database: str) -> str:
    kind = "PostgreSQL" if database.startswith("postgresql") else "SQLite"
    minimal = results["rows"]["minimal route (/livez)"][1].requests_per_second
    lines = [
        f"### {kind}, scale {options.scale}, gunicorn 2 workers, wrk {options.seconds} s per run,"
        f" pages kept {options.page_cache_seconds} s",
        "",
        "| endpoint | req/s (4) | p50 ms (4) | p99 ms (4) | req/s (16) | p99 ms (16) "
        "| share of minimal (16) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, (at4, at16) in results["rows"].items():
        lines.append(
            f"| {name} | {at4.requests_per_second:.0f} | {at4.p50_ms:.1f} | {at4.p99_ms:.1f} "
            f"| {at16.requests_per_second:.0f} | {at16.p99_ms:.1f} "
            f"| {at16.requests_per_second / minimal:.0%} |"
        )
    posting = results["posting"]["run"]
    lines.append(
        f"| comment posting ({POST_CONNECTIONS}) | {posting.requests_per_second:.0f} "
        f"| {posting.p50_ms:.1f} | {posting.p99_ms:.1f} | | | |"
    )
    return "\n".join(lines + _budget_table(results["budgets"]))


def _budget_table(budgets: list[tuple[str, str, bool]]) -> list[str]:
    lines = ["", "| budget | measured | result |", "| --- | --- | --- |"]
    for budget, measured, passed in budgets:
        lines.append(f"| {budget} | {measured} | {'pass' if passed else 'FAIL'} |")
    return lines


def _measure_mix(env: dict[str, str], folder: str, options) -> dict:
    """Each kind alone rendered anew (4 connections), then the mixes (16) kept and anew."""
    addresses = Path(folder) / "addresses.tsv"
    distinct = int(_site(env, "addresses", str(addresses), str(options.addresses)).split()[-1])
    sessions = Path(folder) / "sessions.tsv"
    _site(env, "sessions", str(sessions), str(SIGNED_IN_PEOPLE))
    script = str(ROOT / "bench" / "mix.lua")

    def mix(base, connections, kind="", signed_in=False, seconds=options.seconds) -> Run:
        script_env = dict(
            os.environ,
            BENCH_ADDRESSES=str(addresses),
            BENCH_KIND=kind,
            BENCH_SESSIONS=str(sessions) if signed_in else "",
        )
        return _wrk(base, connections, seconds, script=script, env=script_env)

    kinds, mixes, memory = {}, {}, {}
    for keeping in ("0", options.page_cache_seconds):
        with _server({**env, "PAGE_CACHE_SECONDS": keeping}, folder) as (base, server):
            _wrk(base + "/livez", 2, 2)  # warm both workers
            mix(base, 4)
            minimal = _wrk(base + "/livez", 16, options.seconds)
            if keeping == "0":
                kinds = {kind: mix(base, 4, kind) for kind in MIX_KINDS}
            kept = "rendered anew" if keeping == "0" else f"kept {keeping} s"
            mixes[kept] = {
                "minimal": minimal,
                "anonymous": mix(base, 16),
                "signed in": mix(base, 16, signed_in=True),
            }
            if keeping == options.page_cache_seconds and options.soak_seconds:
                # The default settings, kept pages included: what a worker holds on a long day.
                memory = _soak(base, server.pid, options.soak_seconds, mix)
    results = {"kinds": kinds, "mixes": mixes, "distinct": distinct, "memory": memory}
    results["budgets"] = _mix_budgets(results)
    return results


def _soak(base: str, master: int, seconds: int, mix) -> dict[int, float]:
    """Each worker's resident memory (MB) after `seconds` more of the mixes.

    Anonymous and signed-in readers take turns in runs of at most a minute, so the workers
    see every kind of page in every language for the whole time, as on a long day.
    """
    left, signed_in = seconds, False
    while left > 0:
        run_seconds = min(60, left)
        mix(base, 16, signed_in=signed_in, seconds=run_seconds)
        left -= run_seconds
        signed_in = not signed_in
    return {pid: uploads.memory_mb(pid, "VmRSS") for pid in uploads.worker_pids(master)}


def _failed(run: Run) -> int:
    found = re.search(r"failed=(\d+)", run.output)
    return run.errors + (int(found.group(1)) if found else 0)


def _mix_budgets(results: dict) -> list[tuple[str, str, bool]]:
    budgets = []
    for kind, run in results["kinds"].items():
        budgets.append(
            (
                f"{kind}: p50 < {BUDGET_P50_MS} ms, p99 < {BUDGET_P99_MS} ms (4, anew)",
                f"{run.p50_ms:.1f} / {run.p99_ms:.1f} ms",
                run.p50_ms < BUDGET_P50_MS and run.p99_ms < BUDGET_P99_MS and not _failed(run),
            )
        )
    for kept, runs in results["mixes"].items():
        minimal = runs["minimal"].requests_per_second
        for who, share in (
            ("anonymous", BUDGET_ANONYMOUS_SHARE),
            ("signed in", BUDGET_SIGNED_IN_SHARE),
        ):
            run = runs[who]
            measured = run.requests_per_second / minimal
            budgets.append(
                (
                    f"{who} mix, {kept}: at least {share:.0%} of /livez (16)",
                    f"{measured:.0%}",
                    measured >= share and not _failed(run),
                )
            )
    if results["memory"]:
        largest = max(results["memory"].values())
        budgets.append(
            (
                f"memory per worker after the mixes: under {BUDGET_WORKER_MB} MB",
                f"{largest:.0f} MB (largest of {len(results['memory'])})",
                largest < BUDGET_WORKER_MB,
            )
        )
    return budgets


def _mix_table(results: dict, options, database: str) -> str:
    kind = "PostgreSQL" if database.startswith("postgresql") else "SQLite"
    lines = [
        f"### The mix: {kind}, scale {options.scale}, gunicorn 2 workers, wrk {options.seconds} s"
        f" per run, {results['distinct']:,} distinct addresses in every language",
        "",
        "| page kind, rendered anew (4) | req/s | p50 ms | p99 ms | not 200 |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, run in results["kinds"].items():
        lines.append(
            f"| {name} | {run.requests_per_second:.0f} | {run.p50_ms:.1f} | {run.p99_ms:.1f} "
            f"| {_failed(run)} |"
        )
    lines += [
        "",
        "| mix (16) | req/s | p50 ms | p99 ms | share of /livez | not 200 |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kept, runs in results["mixes"].items():
        minimal = runs["minimal"].requests_per_second
        lines.append(f"| /livez ({kept}) | {minimal:.0f} | | | 100% | |")
        for who in ("anonymous", "signed in"):
            run = runs[who]
            lines.append(
                f"| {who}, {kept} | {run.requests_per_second:.0f} | {run.p50_ms:.1f} "
                f"| {run.p99_ms:.1f} | {run.requests_per_second / minimal:.0%} | {_failed(run)} |"
            )
    return "\n".join(lines + _budget_table(results["budgets"]))


def _measure_files(env: dict[str, str], folder: str, options) -> dict:
    """Read p99 in turns without and with 10 MB uploads, then the workers' memory while
    files of two sizes are downloaded. Pages are rendered anew, so that what is measured is
    the uploads' use of the workers and the machine, not the kept pages each new comment
    makes stale (as any comment would)."""
    addresses = Path(folder) / "addresses.tsv"
    _site(env, "addresses", str(addresses), str(options.addresses))
    sessions = Path(folder) / "sessions.tsv"
    _site(env, "sessions", str(sessions), str(uploads.UPLOADERS))
    script_env = dict(os.environ, BENCH_ADDRESSES=str(addresses), BENCH_KIND="", BENCH_SESSIONS="")
    anew = {**env, "PAGE_CACHE_SECONDS": "0"}
    with _serving(anew, folder) as base:

        def read() -> Run:
            run = _wrk(
                base, 4, options.seconds, script=str(ROOT / "bench" / "mix.lua"), env=script_env
            )
            return replace(run, errors=_failed(run))

        _wrk(base + "/livez", 2, 2)  # warm both workers
        read()
        measured = uploads.measure_uploads(base, sessions, options.upload_interval, read)
    documents = {
        size: int(_site(env, "document", str(size)).split()[-1])
        for size in uploads.DOWNLOAD_SIZES_MB
    }
    with _server(anew, folder) as (base, server):
        downloads = uploads.measure_downloads(base, server.pid, documents)
    return {
        "uploads": measured,
        "downloads": downloads,
        "budgets": uploads.budgets(measured, downloads),
    }


def _files_table(results: dict, options, database: str) -> str:
    kind = "PostgreSQL" if database.startswith("postgresql") else "SQLite"
    heading = (
        f"Uploads and downloads: {kind}, scale {options.scale}, gunicorn 2 workers, "
        f"wrk {options.seconds} s per turn"
    )
    lines = uploads.table(
        results["uploads"], results["downloads"], heading, options.upload_interval
    )
    return "\n".join(lines + _budget_table(results["budgets"]))


if __name__ == "__main__":
    raise SystemExit(main())
