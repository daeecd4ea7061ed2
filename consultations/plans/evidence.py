"""Evidence links: only http and https addresses, checked before anything is written."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from flask_babel import gettext as _

from ..bidi import ltr

MAX_LINKS = 20
MAX_LENGTH = 2000


def parse_links(raw: str) -> tuple[list[str], list[str]]:
    """Split one address per line; return (links, problems)."""
    links, problems = [], []
    for number, line in enumerate((raw or "").splitlines(), start=1):
        url = line.strip()
        if not url:
            continue
        problem = link_problem(url)
        if problem:
            problems.append(_("Line %(line)d: %(problem)s", line=number, problem=problem))
        else:
            links.append(url)
    if len(links) > MAX_LINKS:
        problems.append(_("Give at most %(max)d evidence links.", max=MAX_LINKS))
    return links, problems


def link_problem(url: str) -> str | None:
    if len(url) > MAX_LENGTH:
        return _("This address is too long.")
    if any(unicodedata.category(char)[0] in "CZ" for char in url):
        return _("An address cannot contain spaces or invisible characters.")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return _(
            "Only web addresses starting with %(http)s or %(https)s are accepted.",
            http=ltr("http://"),
            https=ltr("https://"),
        )
    return None
