"""Archived copies of evidence links: taken once, shown beside the link, checked again later,
and never fetched from an address that is not on the public internet."""

from __future__ import annotations

import hashlib
import shutil
import ssl
import subprocess
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from consultations.clock import as_utc, now
from consultations.documents import archive, fetching
from consultations.documents.fetching import FetchRefused, fetch, public_address, resolve
from consultations.documents.models import Document
from consultations.extensions import db
from consultations.plans.models import PlanStatus

PAGE = b"<!doctype html><title>Budget 2025</title><p>Published figures.</p>"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Evidence(BaseHTTPRequestHandler):
    """A ministry's web site: pages, a PDF, redirects, and a switch that breaks it."""

    broken = False
    seen_headers: list[dict] = []
    seen_paths: list[str] = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        Evidence.seen_headers.append(dict(self.headers))
        Evidence.seen_paths.append(self.path)
        port = self.server.server_address[1]
        if Evidence.broken:
            return self._send(500, b"down", "text/plain")
        if self.path.startswith("/status/"):  # /status/307 redirects with that status
            return self._redirect("/budget", int(self.path.rsplit("/", 1)[1]))
        routes = {
            "/budget": lambda: self._send(200, PAGE, "text/html; charset=utf-8"),
            "/report.pdf": lambda: self._send(200, PDF, "application/octet-stream"),
            "/moved": lambda: self._redirect(f"http://127.0.0.1:{port}/budget"),
            "/to-private": lambda: self._redirect("http://10.20.30.40/admin"),
            "/to-loopback": lambda: self._redirect(f"http://127.0.0.2:{port}/budget"),
            "/to-metadata": lambda: self._redirect("http://169.254.169.254/latest/meta-data/"),
            "/big": lambda: self._send(200, b"x" * (2 * 1024 * 1024), "text/plain"),
            "/slow": self._slow,
            "/budget?year=2025": lambda: self._send(200, PAGE, "Text/HTML ; Charset=UTF-8"),
            "/loop": lambda: self._redirect("/loop"),
            "/nowhere": lambda: self._redirect(None),
            "/declared-big": lambda: self._send(200, b"", "text/plain", length=2 * 1024 * 1024),
            "/untyped": lambda: self._send(200, PAGE, None),
            "/long-type": lambda: self._send(200, PAGE, "text/" + "x" * 150 + "; charset=utf-8"),
            "/silent": self._silent,
            "/exactly-the-limit": lambda: self._send(200, b"x" * 1024 * 1024, "text/plain"),
            "/one-byte-more": lambda: self._send(200, b"x" * (1024 * 1024 + 1), "text/plain", ""),
            "/big-undeclared": lambda: self._send(200, b"x" * (2 * 1024 * 1024), "text/plain", ""),
        }
        routes.get(self.path, lambda: self._send(404, b"gone", "text/plain"))()

    def _send(self, status, body, content_type, length=None):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if length != "":  # "": the length is not told, the body ends when the line closes
            self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location, status=302):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _silent(self):
        time.sleep(2)  # longer than the fetch's timeout (1 s) before a word is said
        self._send(200, PAGE, "text/html")

    def _slow(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        for _ in range(20):
            time.sleep(0.2)
            self.wfile.write(b"still coming ")
            self.wfile.flush()

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Evidence)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Evidence.broken = False
    Evidence.seen_headers = []
    Evidence.seen_paths = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def allowed(app, local_storage):
    """The test's own web site is let through; nothing else on this machine is."""
    settings = {
        "ARCHIVE_ALLOWED_HOSTS": "127.0.0.1",
        "ARCHIVE_TIMEOUT_SECONDS": 1,
        "ARCHIVE_MAX_MB": 1,
    }
    previous = {key: app.config[key] for key in settings}
    app.config.update(settings)
    yield
    app.config.update(previous)


@pytest.fixture
def new_commitment(make_plan, make_commitment):
    plan = make_plan(status=PlanStatus.IMPLEMENTATION)
    return lambda: make_commitment(plan)


def _cite(new_commitment, make_update, *links):
    commitment = new_commitment()
    make_update(commitment, evidence=links)
    return commitment


def _stored(local_storage, document) -> bytes:
    with local_storage.open(document.storage_key) as handle:
        return handle.read()


def test_each_cited_link_gets_one_copy_shown_beside_it(
    client, allowed, site, local_storage, new_commitment, make_update
):
    commitment = _cite(new_commitment, make_update, f"{site}/budget", f"{site}/report.pdf")
    make_update(commitment, evidence=(f"{site}/budget",))  # cited twice: archived once

    run = archive.archive_evidence()

    assert sorted(run.archived) == [f"{site}/budget", f"{site}/report.pdf"]
    page_copy = archive.archives_for([f"{site}/budget"])[f"{site}/budget"]
    assert _stored(local_storage, page_copy.document) == PAGE
    assert (page_copy.document.media_type, page_copy.http_status) == ("text/html", 200)
    pdf_copy = archive.archives_for([f"{site}/report.pdf"])[f"{site}/report.pdf"]
    # Decided by the content, not by what the server claimed.
    assert pdf_copy.document.media_type == "application/pdf"

    html = client.get(f"/en/commitments/{commitment.reference}").get_data(as_text=True)
    assert html.count("Archived copy of") == 3  # one per citation
    assert page_copy.document.sha256[:16] in html
    assert "has not answered" not in html

    download = client.get(f"/documents/{page_copy.document.id}/file")
    assert download.data == PAGE
    # An archived page is never shown as a page of this site.
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert "sandbox" in download.headers["Content-Security-Policy"]

    again = archive.archive_evidence()
    assert again.archived == [] and again.answered == []  # nothing due yet
    assert db.session.scalar(select(func.count()).select_from(Document)) == 2


def test_a_redirect_is_followed_and_the_final_address_kept(
    allowed, site, local_storage, new_commitment, make_update
):
    _cite(new_commitment, make_update, f"{site}/moved")
    archive.archive_evidence()
    copy = archive.archives_for([f"{site}/moved"])[f"{site}/moved"]
    assert copy.final_url == f"{site}/budget"
    assert _stored(local_storage, copy.document) == PAGE


def test_the_fetch_sends_no_cookie_and_no_credentials(allowed, site, app_ctx):
    fetched = fetch(f"{site}/budget")
    fetched.path.unlink()
    (headers,) = Evidence.seen_headers
    names = {name.lower() for name in headers}
    assert "cookie" not in names and "authorization" not in names
    with pytest.raises(FetchRefused, match="credentials"):
        fetch(site.replace("http://", "http://user:secret@") + "/budget")
    assert len(Evidence.seen_headers) == 1


@pytest.mark.parametrize(
    "address, public",
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.5", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00:ec2::254", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("ff0e::1", False),  # multicast, though of global scope
        ("::ffff:8.8.8.8", True),
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
    ],
)
def test_only_public_addresses_count_as_public(address, public):
    assert public_address(address) is public


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/to-private", "public internet"),
        ("/to-loopback", "public internet"),
        ("/to-metadata", "public internet"),
        ("/big", "larger"),
        ("/slow", "too long"),
        ("/missing", "answered 404"),
    ],
)
def test_a_link_that_cannot_be_kept_gets_no_copy(
    allowed, site, local_storage, new_commitment, make_update, path, reason
):
    _cite(new_commitment, make_update, site + path)
    run = archive.archive_evidence()
    assert run.archived == []
    [(url, why)] = run.failed
    assert url == site + path and reason in why
    assert db.session.scalar(select(func.count()).select_from(Document)) == 0
    row = archive.archives_for([url])[url]
    assert row.document is None and row.failing_since is not None
    assert as_utc(row.next_check_at) > now()  # tried again tomorrow, not in a loop


def test_this_machine_is_refused_unless_allowed(app_ctx, site, local_storage):
    for url in (f"{site}/budget", "http://localhost/", "http://[::1]/", "file:///etc/passwd"):
        with pytest.raises(FetchRefused):
            fetch(url)
    assert Evidence.seen_headers == []  # nothing reached the server


def test_a_rechecked_link_that_stops_answering_keeps_its_copy(
    client, allowed, site, local_storage, new_commitment, make_update
):
    url = f"{site}/budget"
    commitment = _cite(new_commitment, make_update, url)
    archive.archive_evidence()

    Evidence.broken = True
    row = archive.archives_for([url])[url]
    row.next_check_at = now() - timedelta(seconds=1)
    db.session.commit()
    run = archive.archive_evidence()
    assert [failed for failed, _ in run.failed] == [url]

    html = client.get(f"/en/commitments/{commitment.reference}").get_data(as_text=True)
    assert "This link has not answered since" in html
    assert "Archived copy of" in html  # the evidence is still there
    row = archive.archives_for([url])[url]
    assert _stored(local_storage, row.document) == PAGE

    Evidence.broken = False
    row.next_check_at = now() - timedelta(seconds=1)
    db.session.commit()
    run = archive.archive_evidence()
    assert run.answered == [url]
    html = client.get(f"/en/commitments/{commitment.reference}").get_data(as_text=True)
    assert "has not answered" not in html


def test_the_command_reports_what_it_did(
    runner, allowed, site, local_storage, new_commitment, make_update
):
    _cite(new_commitment, make_update, f"{site}/budget", f"{site}/missing")
    result = runner.invoke(args=["archive-evidence"])
    assert result.exit_code == 0, result.output
    assert "Archived 1 new link(s)" in result.output
    assert f"Not archived: {site}/missing" in result.output
    verify = runner.invoke(args=["documents", "verify"])
    assert verify.exit_code == 0, verify.output


def test_the_commitment_page_reads_every_archive_in_one_query(
    client, allowed, site, local_storage, new_commitment, make_update, count_queries
):
    def queries_with(links: int) -> int:
        commitment = new_commitment()
        for number in range(links):
            make_update(commitment, evidence=(f"{site}/budget?n={number}",))
        archive.archive_evidence()
        with count_queries() as counted:
            client.get(f"/en/commitments/{commitment.reference}")
        return counted.count

    assert queries_with(1) == queries_with(6)


@pytest.mark.parametrize(
    ("path", "content_type"), [("/untyped", ""), ("/long-type", "text/" + "x" * 95)]
)
def test_the_content_type_is_kept_short_and_plain(allowed, site, app_ctx, path, content_type):
    fetched = fetch(site + path)
    fetched.path.unlink()
    assert fetched.content_type == content_type


def test_a_server_that_says_nothing_is_given_up_on_after_the_timeout(allowed, site, app_ctx):
    with pytest.raises(FetchRefused, match="no answer"):
        fetch(f"{site}/silent")


def test_the_connection_goes_to_the_address_checked_not_a_second_lookup(
    allowed, app_ctx, monkeypatch
):
    """A name that resolved to a public address once must not be looked up again at
    connection time (where it could answer 127.0.0.1): the checked address is dialled."""
    server = ThreadingHTTPServer(("127.0.0.2", 0), Evidence)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    monkeypatch.setattr(fetching, "resolve", lambda host, port: "127.0.0.2")
    try:
        fetched = fetch(f"http://evidence.example:{port}/budget")
        fetched.path.unlink()
    finally:
        server.shutdown()
        server.server_close()
    assert fetched.path.name.startswith("archive-") and fetched.size == len(PAGE)
    assert Evidence.seen_headers[-1]["Host"] == f"evidence.example:{port}"


def test_a_fetched_page_is_kept_byte_for_byte_with_what_the_server_said(allowed, site, app_ctx):
    fetched = fetch(f"{site}/budget?year=2025")
    try:
        assert fetched.path.read_bytes() == PAGE
        assert (fetched.final_url, fetched.status) == (f"{site}/budget?year=2025", 200)
        assert (fetched.content_type, fetched.size) == ("text/html", len(PAGE))
        assert fetched.sha256 == hashlib.sha256(PAGE).hexdigest()
    finally:
        fetched.path.unlink()
    assert Evidence.seen_paths == ["/budget?year=2025"]
    (headers,) = Evidence.seen_headers
    assert headers["User-Agent"] == "Consultations evidence archive"
    assert headers["Accept"] == "*/*"


@pytest.mark.parametrize("status", [301, 303, 307, 308])
def test_every_kind_of_redirect_is_followed(allowed, site, app_ctx, status):
    fetched = fetch(f"{site}/status/{status}")
    fetched.path.unlink()
    assert (fetched.final_url, fetched.path.name.startswith("archive-")) == (f"{site}/budget", True)


@pytest.mark.parametrize(
    ("path", "reason", "requests"),
    [
        ("/loop", "too many redirects", 6),  # the first request and five redirects
        ("/nowhere", "a redirect without a destination", 1),
        ("/declared-big", "the page is larger than the archive keeps", 1),
        ("/big-undeclared", "the page is larger than the archive keeps", 1),
        ("/one-byte-more", "the page is larger than the archive keeps", 1),
    ],
)
def test_a_page_that_cannot_be_kept_says_why(allowed, site, app_ctx, path, reason, requests):
    with pytest.raises(FetchRefused) as refused:
        fetch(site + path)
    assert refused.value.reason == reason == str(refused.value)
    assert len(Evidence.seen_paths) == requests


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/file", "only http and https addresses are fetched"),
        ("http://user@example.org/", "addresses with credentials are not fetched"),
        ("http://:secret@example.org/", "addresses with credentials are not fetched"),
        ("http://example.org:99999/", "the address is malformed"),
        ("http:///no-host", "the address is malformed"),
        ("http://no-such-host.invalid/", "the host name does not resolve"),
    ],
)
def test_an_address_that_may_not_be_fetched_says_why(app_ctx, url, reason):
    with pytest.raises(FetchRefused) as refused:
        fetch(url)
    assert refused.value.reason == reason


def test_the_allowed_hosts_setting_is_read_loosely_and_only_for_those_hosts(
    app, app_ctx, site, monkeypatch
):
    port = int(site.rsplit(":", 1)[1])
    monkeypatch.setitem(app.config, "ARCHIVE_ALLOWED_HOSTS", " LocalHost , ,")
    assert resolve("LOCALHOST", port) in ("127.0.0.1", "::1")
    with pytest.raises(FetchRefused) as refused:
        resolve("127.0.0.1", port)
    assert refused.value.reason == "the address is not on the public internet"
    monkeypatch.setitem(app.config, "ARCHIVE_ALLOWED_HOSTS", "127.0.0.1,::1")
    assert resolve("localhost", port) in ("127.0.0.1", "::1")  # by its addresses


def test_a_page_of_exactly_the_limit_is_kept(allowed, site, app_ctx):
    fetched = fetch(f"{site}/exactly-the-limit")
    fetched.path.unlink()
    assert fetched.size == 1024 * 1024  # ARCHIVE_MAX_MB


@pytest.mark.parametrize(("arrived", "kept"), [(3.0, True), (3.001, False)])
def test_a_page_is_kept_until_three_times_the_timeout_and_not_after(
    allowed, site, app_ctx, monkeypatch, arrived, kept
):
    """The deadline is three times ARCHIVE_TIMEOUT_SECONDS (1 here) after the fetch began."""
    clock = iter([0.0])
    monkeypatch.setattr(fetching, "time", SimpleNamespace(monotonic=lambda: next(clock, arrived)))
    if kept:
        fetch(f"{site}/budget").path.unlink()
    else:
        with pytest.raises(FetchRefused) as refused:
            fetch(f"{site}/budget")
        assert refused.value.reason == "the page took too long to arrive"


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://example.org", ("https", "example.org", 443, "/")),
        ("http://Example.org?q=1", ("http", "example.org", 80, "/?q=1")),
        ("https://example.org:8443/a/b?c=d&e", ("https", "example.org", 8443, "/a/b?c=d&e")),
    ],
)
def test_what_is_asked_of_which_server(url, target):
    assert fetching._target(url) == target


def test_an_https_address_is_only_fetched_over_tls(allowed, site, app_ctx):
    """The test's server speaks plain HTTP, so the TLS handshake fails: nothing is kept."""
    with pytest.raises(FetchRefused) as refused:
        fetch(site.replace("http://", "https://") + "/budget")
    assert refused.value.reason == "no answer"


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that gave up (as the tests make it) is no error of the server's


@pytest.fixture
def tls_site(tmp_path, monkeypatch):
    """The ministry's site over TLS on 127.0.0.2, with a certificate for evidence.example
    that the fetch trusts (through the standard SSL_CERT_FILE) and that names evidence.example."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make the test server's certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=evidence.example"]
        + ["-addext", "subjectAltName=DNS:evidence.example"],
        check=True,
        capture_output=True,
    )
    server = _QuietServer(("127.0.0.2", 0), Evidence)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(fetching, "resolve", lambda host, port: "127.0.0.2")
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    Evidence.seen_headers = []
    yield f"https://evidence.example:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_https_page_is_fetched_over_verified_tls_from_the_address_checked(
    allowed, tls_site, app_ctx
):
    fetched = fetch(f"{tls_site}/budget")
    try:
        assert fetched.path.read_bytes() == PAGE and fetched.status == 200
    finally:
        fetched.path.unlink()
    assert Evidence.seen_headers[-1]["Host"] == tls_site.removeprefix("https://")


def test_an_https_server_whose_certificate_is_not_trusted_is_refused(
    allowed, tls_site, app_ctx, monkeypatch, tmp_path
):
    other = tmp_path / "other.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-keyout", str(tmp_path / "other-key.pem"), "-out", str(other)]
        + ["-subj", "/CN=evidence.example"],
        check=True,
        capture_output=True,
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(other))
    with pytest.raises(FetchRefused) as refused:
        fetch(f"{tls_site}/budget")
    assert refused.value.reason == "no answer"
    assert Evidence.seen_headers == []  # no request was sent over an unverified line


def test_an_https_server_that_says_nothing_is_given_up_on_after_the_timeout(
    allowed, tls_site, app_ctx
):
    started = time.monotonic()
    with pytest.raises(FetchRefused, match="no answer"):
        fetch(f"{tls_site}/silent")
    assert time.monotonic() - started < 1.9  # the server answers after 2 s
