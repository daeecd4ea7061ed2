"""Files under load, for `bench/run.py --mode uploads`: two questions of issue 14.

Does uploading a 10 MB file slow the read pages measured at the same time? wrk reads the
anonymous mix of pages at 4 connections, in turns without and with uploads (back to back by
default, `--upload-interval` apart otherwise): one signed-in citizen after another posts a
comment with a 10 MB PDF attached through the real form (multipart, CSRF token, session
cookie), each file different so that each is stored anew. The p99 of the turns with uploads
may be at most 20% above the turns without.

Do downloads stream? A fresh server is warmed, then the same number of downloads of a 1 MB
and of a 100 MB stored file are made, two at a time; each worker's peak resident memory is
started anew from its memory at the time before each size (Linux's clear_refs) and read
after it (VmHWM). A buffered download would add the whole file to a worker's peak; a
streamed one adds a few chunks.
"""

from __future__ import annotations

import http.client
import secrets
import statistics
import threading
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

UPLOAD_MB = 10
BUDGET_P99_RISE = 0.20
TURNS = 2  # without, with, without, with: the machine's drift falls on both sides
COMMENTS_PATH = "/en/consultations/bench-consultation-1/comments"
UPLOADERS = 50  # signed-in people who take turns to upload (10 comments a minute each)
DOWNLOAD_SIZES_MB = (1, 100)
DOWNLOADS_PER_SIZE = 6
BUDGET_PEAK_GROWTH_MB = 8


@dataclass
class Uploads:
    """What the uploader did while it ran."""

    accepted: int = 0
    refused: int = 0
    seconds: list[float] = field(default_factory=list)


def _pdf(megabytes: int) -> tuple[bytes, bytes]:
    """The start and the rest of a PDF of `megabytes` MB; a unique line goes between."""
    head = b"%PDF-1.4\n% benchmark upload "
    tail = b"\n" + b"0" * (megabytes * 1024 * 1024 - 100) + b"\n%%EOF\n"
    return head, tail


def _multipart(token: str, head: bytes, tail: bytes) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    fields = {
        "csrf_token": token,
        "body": f"A position paper from the benchmark, {boundary}.",
        "section": "",
        "stance": "",
        "language": "en",
        "website": "",
    }
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
        f'filename="position-paper.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
    )
    body = b"".join(parts) + head + boundary.encode() + tail + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def _upload_until(
    stop: threading.Event, base: str, sessions: Path, interval: float, done: Uploads
) -> None:
    people = [line.split("\t") for line in sessions.read_text().splitlines() if line]
    head, tail = _pdf(UPLOAD_MB)
    address = urlsplit(base)
    turn = 0
    while not stop.is_set():
        cookie, token = people[turn % len(people)]
        turn += 1
        body, content_type = _multipart(token, head, tail)
        started = time.monotonic()
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        try:
            connection.request(
                "POST",
                COMMENTS_PATH,
                body=body,
                headers={"Content-Type": content_type, "Cookie": cookie},
            )
            status = connection.getresponse().status
        finally:
            connection.close()
        if status in (302, 303):
            done.accepted += 1
            done.seconds.append(time.monotonic() - started)
        else:
            done.refused += 1
        stop.wait(interval)


def measure_uploads(base: str, sessions: Path, interval: float, read: Callable) -> dict:
    """Read p99 in turns without and with uploads; `read()` runs wrk once and returns a Run."""
    without, with_uploads, done = [], [], Uploads()
    for _ in range(TURNS):
        without.append(read())
        stop = threading.Event()
        uploader = threading.Thread(
            target=_upload_until, args=(stop, base, sessions, interval, done)
        )
        uploader.start()
        try:
            with_uploads.append(read())
        finally:
            stop.set()
            uploader.join()
    return {"without": without, "with": with_uploads, "uploads": done}


def worker_pids(master: int) -> list[int]:
    """The gunicorn workers: the processes whose parent is the master."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def memory_mb(pid: int, field: str) -> float:
    """The process's resident memory now (VmRSS) or at its peak (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for process {pid}")


def reset_peak(pid: int) -> None:
    """Start the process's peak anew from its memory now (Linux: clear_refs 5)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def _download(url: str) -> int:
    received = 0
    with urllib.request.urlopen(url, timeout=120) as answer:
        while chunk := answer.read(256 * 1024):
            received += len(chunk)
    return received


def _downloads(url: str, count: int, megabytes: int) -> None:
    """`count` whole downloads of `url`, two at a time."""
    with ThreadPoolExecutor(2) as pool:
        sizes = list(pool.map(_download, [url] * count))
    if sizes != [megabytes * 1024 * 1024] * count:
        raise SystemExit(f"{url}: downloads were cut short ({sizes})")


def measure_downloads(base: str, master: int, documents: dict[int, int]) -> dict:
    """Each worker's peak memory before and after downloading files of each size."""
    workers = worker_pids(master)
    # Both workers serve a download once, so that what they load for the first one is in
    # their peak before anything is measured.
    smallest = DOWNLOAD_SIZES_MB[0]
    _downloads(f"{base}/documents/{documents[smallest]}/file", 4, smallest)
    rows = {}
    for megabytes, document_id in documents.items():
        for pid in workers:
            reset_peak(pid)
        before = {pid: memory_mb(pid, "VmRSS") for pid in workers}
        started = time.monotonic()
        _downloads(f"{base}/documents/{document_id}/file", DOWNLOADS_PER_SIZE, megabytes)
        seconds = time.monotonic() - started
        growth = max(memory_mb(pid, "VmHWM") - before[pid] for pid in workers)
        peak = max(memory_mb(pid, "VmHWM") for pid in workers)
        rows[megabytes] = {"seconds": seconds, "growth": growth, "peak": peak}
    return {"rows": rows, "workers": len(workers)}


def budgets(uploads: dict, downloads: dict) -> list[tuple[str, str, bool]]:
    quiet = statistics.mean(run.p99_ms for run in uploads["without"])
    busy = statistics.mean(run.p99_ms for run in uploads["with"])
    done = uploads["uploads"]
    small, large = (downloads["rows"][size] for size in DOWNLOAD_SIZES_MB)
    return [
        (
            f"read p99 with {UPLOAD_MB} MB uploads ≤ {1 + BUDGET_P99_RISE:.2f}× without",
            f"{busy:.1f} / {quiet:.1f} ms = {busy / quiet:.2f}×",
            busy <= (1 + BUDGET_P99_RISE) * quiet,
        ),
        (
            "every upload accepted",
            f"{done.accepted} accepted, {done.refused} refused",
            done.accepted > 0 and done.refused == 0,
        ),
        (
            f"a worker's peak memory grows by < {BUDGET_PEAK_GROWTH_MB} MB more for a "
            f"{DOWNLOAD_SIZES_MB[1]} MB download than for a {DOWNLOAD_SIZES_MB[0]} MB one",
            f"{large['growth']:.1f} MB against {small['growth']:.1f} MB",
            large["growth"] - small["growth"] < BUDGET_PEAK_GROWTH_MB,
        ),
    ]


def table(uploads: dict, downloads: dict, heading: str, interval: float) -> list[str]:
    pace = "back to back" if not interval else f"one every {interval:g} s after the last"
    lines = [
        f"### {heading}",
        "",
        f"Read pages: the anonymous mix rendered anew at 4 connections; uploads: {UPLOAD_MB} MB "
        f"PDFs attached to comments from one connection, {pace}.",
        "",
        "| turn | read req/s | read p50 ms | read p99 ms | read not 200 |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for number in range(len(uploads["without"])):
        for label in ("without", "with"):
            run = uploads[label][number]
            lines.append(
                f"| {number + 1}, {label} uploads | {run.requests_per_second:.0f} "
                f"| {run.p50_ms:.1f} | {run.p99_ms:.1f} | {run.errors} |"
            )
    done = uploads["uploads"]
    if done.seconds:
        lines += [
            "",
            f"{done.accepted} uploads accepted, each {statistics.median(done.seconds):.2f} s "
            f"at the median (sending, checking, storing and the redirect).",
        ]
    lines += [
        "",
        f"| download ({DOWNLOADS_PER_SIZE}, two at a time) | seconds | a worker's peak memory "
        "above its memory before | peak memory of a worker |",
        "| --- | ---: | ---: | ---: |",
    ]
    for megabytes, row in downloads["rows"].items():
        lines.append(
            f"| {megabytes} MB file | {row['seconds']:.1f} | {row['growth']:.1f} MB "
            f"| {row['peak']:.0f} MB |"
        )
    return lines
