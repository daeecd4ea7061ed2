"""The one sanitizer: plain text in, light and safe HTML out, whatever people type."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from consultations import sanitize
from consultations.sanitize import LINK_REL, clean_bidi, comment_html, plain_text

from helpers import ROOT

ALLOWED = {"p", "br", "em", "strong", "ul", "ol", "li", "a"}

# What attackers send; none of it may become markup, a script or a link to anything but http(s).
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    "<body onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    "<!--<script>alert(1)--><script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<details open ontoggle=alert(1)>",
    "<form action=javascript:alert(1)><button>go</button></form>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<base href=javascript:/a/-alert(1)///////>",
    "vbscript:msgbox(1)",
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/<script>alert(1)</script>",
    "<a href='https://example.org'>**bold** link</a>",
    "*<script>*alert(1)*</script>*",
    "- <b>item</b>\n- <i onclick=x>two</i>",
    '<a href="mailto:me@example.org">write</a>',
    "<!--[if IE]><script>alert(1)</script><![endif]-->",
]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.comments.append(data)


def parse(markup: str) -> _Collector:
    collector = _Collector()
    collector.feed(markup)
    collector.close()
    return collector


def assert_only_allowed_markup(markup: str) -> None:
    """The allowed tags without attributes, links only over http(s), no comment."""
    parsed = parse(markup)
    assert {tag for tag, _attrs in parsed.tags} <= ALLOWED
    for tag, attrs in parsed.tags:
        if tag == "a":
            assert set(attrs) <= {"href", "rel"}
            assert re.match(r"https?://", attrs.get("href", "http://"), re.IGNORECASE)
        else:
            assert attrs == {}
    assert parsed.comments == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_payload_becomes_markup_or_a_dangerous_link(payload):
    markup = comment_html(payload)
    assert_only_allowed_markup(markup)
    for tag, attrs in parse(markup).tags:
        if tag == "a":
            assert set(attrs) == {"href", "rel"}
            assert attrs["rel"] == LINK_REL
    lowered = markup.lower()
    for needle in ("<script", "<img", "<svg", "<iframe", "<body", 'href="javascript', "<!--"):
        assert needle not in lowered


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_the_final_clean_alone_would_still_stop_every_payload(monkeypatch, payload):
    """Were the escaping and the link rule lost (in a change of library, say), the strict
    clean at the end still lets no other tag, comment or scheme through."""
    monkeypatch.setattr(sanitize, "html", SimpleNamespace(escape=str, unescape=html.unescape))
    monkeypatch.setattr(sanitize, "_link_rule", lambda attrs, new: attrs)
    assert_only_allowed_markup(comment_html(payload))


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_what_people_typed_is_shown_as_text(payload):
    """Markup someone typed is displayed literally, not dropped: nothing they wrote is lost."""
    shown = "".join(parse(comment_html(payload)).text)
    visible = re.sub(r"\*+|^- ", "", payload, flags=re.MULTILINE).replace("\n", "")
    for word in re.findall(r"[a-z]{4,}", visible.lower()):
        if word not in {"https", "http"}:
            assert word in shown.lower(), word


def test_paragraphs_line_breaks_and_lists():
    html = comment_html("First line\nsecond line\n\n- one\n- two\n\n1. first\n2. second")
    assert html == (
        "<p>First line<br>second line</p>"
        "<ul><li>one</li><li>two</li></ul>"
        "<ol><li>first</li><li>second</li></ol>"
    )


def test_emphasis_and_strong():
    assert comment_html("This is *really* **important**") == (
        "<p>This is <em>really</em> <strong>important</strong></p>"
    )


def test_arithmetic_asterisks_stay_text():
    assert comment_html("2 * 3 * 4 = 24") == "<p>2 * 3 * 4 = 24</p>"


def test_web_addresses_become_safe_links():
    html = comment_html("See https://data.gov.il/dataset?id=1&x=2.")
    assert html == (
        '<p>See <a href="https://data.gov.il/dataset?id=1&amp;x=2" '
        f'rel="{LINK_REL}">https://data.gov.il/dataset?id=1&amp;x=2</a>.</p>'
    )


def test_www_addresses_link_over_http():
    tags = parse(comment_html("www.example.org is the site")).tags
    assert tags[1] == ("a", {"href": "http://www.example.org", "rel": LINK_REL})


def test_addresses_with_credentials_are_not_linked():
    assert "<a " not in comment_html("https://bank.example@evil.example/")


@pytest.mark.parametrize("text", ["https://exa\u200bmple.org/", "https://a.org/\u00a0b\u202e"])
def test_a_link_goes_exactly_where_it_says(text):
    """Invisible characters cannot make the address shown differ from the one followed."""
    tags = parse(comment_html(text)).tags
    shown = parse(comment_html(text)).text
    links = [attrs["href"] for tag, attrs in tags if tag == "a"]
    assert links and links[0] in "".join(shown)
    assert all(char.isprintable() and not char.isspace() for char in links[0])


def link_of(text: str) -> tuple[str, str]:
    """The href of the first link in `text`'s rendering, and the words it shows."""
    html = comment_html(text)
    match = re.search(r'<a href="([^"]*)" rel="[^"]*">([^<]*)</a>', html)
    assert match, html
    return match.group(1), match.group(2)


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("Log in at https://p\u0430ypal.com/login now", "xn--pypal-4ve.com"),  # Cyrillic а
        ("www.ex\u0430mple.org.", "www.xn--exmple-4nf.org"),
        ("https://\u0430\u0440\u0440\u04cf\u0435.com/", "xn--80ak6aa92e.com"),  # all Cyrillic
        ("https://m\u00fcnchen.de:8080/rathaus", "xn--mnchen-3ya.de:8080"),
        ("https://\u05d3\u05d5\u05d2\u05de\u05d4.\u05e7\u05d5\u05dd/", "xn--6dbbec0c.xn--9dbq2a"),
    ],
)
def test_hosts_with_letters_outside_ascii_are_shown_in_punycode(text, host):
    """A look-alike letter cannot make an address pass for a well-known one."""
    href, shown = link_of(text)
    assert f"//{host}" in href or href == f"http://{host}"
    assert shown.startswith((f"https://{host}", host))
    assert href.isascii() and shown.split("/", 3)[2 if "//" in shown else 0].isascii()


def test_the_rest_of_a_look_alike_address_is_kept():
    href, shown = link_of("https://p\u0430ypal.com/\u05d3\u05e3?a=1&b=2")
    assert href == "https://xn--pypal-4ve.com/\u05d3\u05e3?a=1&amp;b=2"
    assert shown == "https://xn--pypal-4ve.com/\u05d3\u05e3?a=1&amp;b=2"


def test_ascii_addresses_are_unchanged():
    assert link_of("https://paypal.com/login") == (
        "https://paypal.com/login",
        "https://paypal.com/login",
    )


@pytest.mark.parametrize(
    "text", ["https://\u043f\u0440\u0438..\u0440\u0444/", "https://\u00e4-.de"]
)
def test_an_address_that_is_no_valid_domain_stays_plain_text(text):
    html = comment_html(f"See {text} please")
    assert "<a " not in html and html.startswith("<p>See https://")


def test_email_addresses_are_not_linked():
    assert "<a " not in comment_html("write to someone@example.org")


def test_bidi_controls_cannot_reorder_the_page():
    text = "abc \u202eevil\u202c \u2066x\u2069 \u200f"
    html = comment_html(text)
    for control in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert control not in html
    # A right-to-left mark only affects its own paragraph; Hebrew punctuation needs it.
    assert "\u200f" in html
    assert clean_bidi("a\u202eb\u2067c") == "abc"


def test_invisible_and_control_characters_are_removed():
    assert comment_html("a\u200bb\x00c\ufeffd\x07") == "<p>abcd</p>"


def test_hebrew_and_mixed_text_survive():
    text = "אני תומך בסעיף 3 של IL0024 — מצוין!"
    assert comment_html(text) == f"<p>{text}</p>"


def test_long_input_renders_in_linear_time():
    """Patterns must not backtrack: a hostile comment of stars and letters renders at once."""
    import time

    started = time.perf_counter()
    comment_html(("*a " * 2000) + ("**" * 2000) + "http://" + "a" * 4000)
    assert time.perf_counter() - started < 2


def test_plain_text_gives_back_the_words():
    html = comment_html("Hello *there*\nfriend\n\n- one\n- two\n\nSee https://example.org")
    assert plain_text(html) == "Hello there\nfriend\n\none\ntwo\n\nSee https://example.org"


def test_only_the_sanitizer_imports_bleach():
    importers = [
        path.relative_to(ROOT).as_posix()
        for path in Path(ROOT, "consultations").rglob("*.py")
        if re.search(r"^\s*(import bleach|from bleach)", path.read_text(), re.MULTILINE)
    ]
    assert importers == ["consultations/sanitize.py"]
