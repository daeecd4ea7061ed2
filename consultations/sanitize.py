"""Turning what people type into safe HTML: the only module that imports bleach.

Comments are written as plain text, never HTML. We escape everything first and only then
add the little formatting we generate ourselves, so no user markup can survive; bleach's
linkifier finds web addresses and a strict `bleach.clean` is the last line of defence.

bleach has made its final release. Everything it does for us is in this file, so replacing
it (for example with nh3) means changing this module and nothing else.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import urlsplit

import bleach
import idna
from bleach.linkifier import Linker

ALLOWED_TAGS = frozenset({"p", "br", "em", "strong", "ul", "ol", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": ["href", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https"})
LINK_REL = "nofollow ugc noopener"

# Explicit embeddings, overrides and isolates: unbalanced, they reorder the page after them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Controls and invisible characters no plain-text comment needs. ZWNJ/ZWJ (U+200C/D),
# LRM/RLM/ALM and the soft hyphen stay: Persian, Indic scripts, emoji sequences,
# right-to-left punctuation and hyphenation depend on them, and they cannot leak past
# the paragraph. Links containing any of them are refused (see _link_rule).
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2060-\u2064\ufeff]")
_BULLET = re.compile(r"[-*] ")
_NUMBERED = re.compile(r"\d{1,9}[.)] ")
# Each pattern starts only at an asterisk and cannot cross another one: linear time.
_STRONG = re.compile(r"(?<![\w*])\*\*([^\s*](?:[^*]*[^\s*])?)\*\*(?![\w*])")
_EMPHASIS = re.compile(r"(?<![\w*])\*([^\s*](?:[^*]*[^\s*])?)\*(?![\w*])")
# Runs over escaped text: an address ends at a space, a tag or an escaped <, > or ";
# bleach's linkifier then gives back a trailing ".", "," or unbalanced ")".
_URL_CHAR = r"(?:[^\s<>&]|&(?!quot;|lt;|gt;))"
_URL = re.compile(rf"(?<![\w@/.])(?:https?://|www\.){_URL_CHAR}*[^\s<>&.,;:!?]", re.IGNORECASE)


def clean_bidi(text: str) -> str:
    """Remove bidi embedding, override and isolate controls, so text cannot reorder its page."""
    return _BIDI_CONTROLS.sub("", text)


def comment_html(text: str) -> str:
    """Render a plain-text comment as safe HTML with paragraphs, lists, emphasis and links."""
    text = _INVISIBLE.sub("", clean_bidi("\n".join(text.splitlines())))
    blocks = re.split(r"\n[^\S\n]*\n\s*", html.escape(text.strip()))
    markup = "".join(_block_html(block.split("\n")) for block in blocks if block.strip())
    # Linker's defaults matter too: e-mail addresses are never linked, no tag is skipped.
    linker = Linker(callbacks=[_link_rule], url_re=_URL)
    return bleach.clean(
        linker.linkify(markup),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )


def _block_html(lines: list[str]) -> str:
    """Group one blank-line-separated block into paragraphs and lists, in order."""
    out: list[str] = []
    kind, items = "", []
    for line in [*(line.strip() for line in lines), ""]:
        marker = _BULLET.match(line) or _NUMBERED.match(line)
        line_kind = ("ul" if marker.re is _BULLET else "ol") if marker else "p" if line else ""
        if line_kind != kind and items:
            if kind == "p":
                out.append(f"<p>{'<br>'.join(items)}</p>")
            else:
                out.append(f"<{kind}>{''.join(f'<li>{i}</li>' for i in items)}</{kind}>")
            items = []
        kind = line_kind
        if line:
            items.append(_inline_html(line[marker.end() :] if marker else line))
    return "".join(out)


def _inline_html(line: str) -> str:
    """Turn **strong** and *emphasis* in one escaped line into tags."""
    line = _STRONG.sub(r"<strong>\1</strong>", line)
    return _EMPHASIS.sub(r"<em>\1</em>", line)


def _link_rule(attrs: dict, new: bool = False) -> dict | None:
    """Keep a link only to an http(s) host with nothing hidden in it; mark it as user content."""
    href = html.unescape(attrs[(None, "href")])  # the linkifier always gives both
    shown = html.unescape(attrs["_text"])
    try:  # a port that is no number, or out of range, raises only when read
        url = urlsplit(href)
        host, port = url.hostname, url.port
    except ValueError:
        return None
    if url.scheme.lower() not in ALLOWED_PROTOCOLS or not host or "@" in url.netloc:
        return None
    # Invisible or bidi characters could make the address shown differ from the one followed.
    if any(unicodedata.category(char)[0] in "CZ" for char in href + shown):
        return None
    link = attrs[(None, "href")]
    typed_host = url.netloc.rsplit(":", 1)[0] if port else url.netloc
    if not typed_host.isascii():
        ascii_host = _punycode(typed_host)
        if ascii_host is None or typed_host not in link or typed_host not in shown:
            return None  # not a valid address: it stays plain text
        link = link.replace(typed_host, ascii_host, 1)
        shown = shown.replace(typed_host, ascii_host, 1)
    return {(None, "href"): link, (None, "rel"): LINK_REL, "_text": shown}


def _punycode(host: str) -> str | None:
    """The host's ASCII (IDNA) form, or None when it is no valid domain name.

    Every host with a letter outside ASCII is shown this way, in the link and in its text:
    a Cyrillic "а" in "pаypal.com" then reads "xn--pypal-4ve.com" and cannot pass for the
    real address. Genuine domains in one script (Hebrew, Cyrillic, Greek) are shown this way
    too: telling them apart from imitations needs registry knowledge we do not have.
    """
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        return None


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.parts.append({"p": "\n\n", "ul": "\n\n", "ol": "\n\n", "li": "\n"}.get(tag, ""))

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(html: str) -> str:
    """Give back the words of rendered comment HTML, for search and CSV exports."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return re.sub(r"\n{3,}", "\n\n", "".join(parser.parts)).strip()
