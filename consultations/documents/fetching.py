"""Fetching a page on the public web for an archived copy, and nothing else.

The address comes from whoever published the evidence, so the fetch must never reach the
machines behind the site (server-side request forgery): the host name is resolved here,
every address it resolves to must be a public one, and the connection goes to the address
that was checked, so a second lookup cannot answer differently. Redirects are followed by
hand, each new address checked the same way. Only http and https; no cookies, no
credentials, no address with a user name in it; strict limits on time and size.
`ARCHIVE_ALLOWED_HOSTS` names hosts (or addresses) let through although not public — for
tests that serve pages from this machine, never for production.
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import socket
import ssl
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from flask import current_app

from .checks import CHUNK

MAX_REDIRECTS = 5
USER_AGENT = "Consultations evidence archive"


class FetchRefused(Exception):
    """The address may not be fetched, or its answer could not be kept; `reason` says why
    in a few plain English words (for the operator's log and the archive's record)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Fetched:
    """A page's body in a temporary file, and what the server said about it."""

    path: Path
    final_url: str
    status: int
    content_type: str
    size: int
    sha256: str


def _allowed_hosts() -> set[str]:
    raw = current_app.config.get("ARCHIVE_ALLOWED_HOSTS", "")
    return {host.strip().lower() for host in raw.split(",") if host.strip()}


def public_address(address: str) -> bool:
    """Whether an IP address is on the public internet: not loopback, private, link-local
    (which holds cloud metadata services), multicast, reserved or unspecified."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> str:
    """One checked address of `host`; refused when any address it has is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchRefused("the host name does not resolve") from error
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchRefused("the host name does not resolve")
    allowed = _allowed_hosts()
    if host.lower() in allowed:
        return addresses[0]
    for address in addresses:
        if address not in allowed and not public_address(address):
            raise FetchRefused("the address is not on the public internet")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address already checked, whatever the name would resolve to now."""

    def __init__(self, host: str, address: str, port: int, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


def _target(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path with query) of an address we may fetch."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused("only http and https addresses are fetched")
    if parts.username is not None or parts.password is not None:
        raise FetchRefused("addresses with credentials are not fetched")
    try:
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise FetchRefused("the address is malformed") from error
    if not host:
        raise FetchRefused("the address is malformed")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, host, port, path


def fetch(url: str) -> Fetched:
    """GET `url` (following redirects, each checked) into a temporary file."""
    config = current_app.config
    timeout = float(config["ARCHIVE_TIMEOUT_SECONDS"])
    limit = config["ARCHIVE_MAX_MB"] * 1024 * 1024
    deadline = time.monotonic() + timeout * 3  # connect, wait and read, however it is split
    for _hop in range(MAX_REDIRECTS + 1):
        scheme, host, port, path = _target(url)
        address = resolve(host, port)
        kind = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        connection = kind(host, address, port, timeout)
        try:
            connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise FetchRefused("a redirect without a destination")
                url = urljoin(url, location)
                continue
            return _keep(response, url, limit, deadline)
        except (OSError, http.client.HTTPException) as error:
            raise FetchRefused("no answer") from error
        finally:
            connection.close()
    raise FetchRefused("too many redirects")


def _keep(response: http.client.HTTPResponse, url: str, limit: int, deadline: float) -> Fetched:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchRefused("the page is larger than the archive keeps")
    digest, size = hashlib.sha256(), 0
    handle = tempfile.NamedTemporaryFile(prefix="archive-", delete=False)  # noqa: SIM115
    path = Path(handle.name)
    try:
        with handle:
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise FetchRefused("the page is larger than the archive keeps")
                if time.monotonic() > deadline:
                    raise FetchRefused("the page took too long to arrive")
                digest.update(chunk)
                handle.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    content_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
    return Fetched(path, url, response.status, content_type[:100], size, digest.hexdigest())
