"""The exact HTML a comment becomes: every formatting rule pinned to its output, so a
one-character change in the renderer shows up as a failing line here."""

from __future__ import annotations

import pytest

from consultations.sanitize import comment_html, plain_text

LINK = 'rel="nofollow ugc noopener"'


@pytest.mark.parametrize(
    ("typed", "rendered"),
    [
        ("First line\nsecond line", "<p>First line<br>second line</p>"),
        # Windows line ends and blank lines holding only spaces still separate paragraphs.
        ("a\r\n\r\nb", "<p>a</p><p>b</p>"),
        ("a\n  \t\nb", "<p>a</p><p>b</p>"),
        ("  \n\nonly\n\n  ", "<p>only</p>"),
        ("- one\n- two\nafter", "<ul><li>one</li><li>two</li></ul><p>after</p>"),
        (
            "* star\n1. first\n2) second",
            "<ul><li>star</li></ul><ol><li>first</li><li>second</li></ol>",
        ),
        ("text\n- item\n\n3. x", "<p>text</p><ul><li>item</li></ul><ol><li>x</li></ol>"),
        (
            "**bold** and *em* and **not bold ** and a*b*c",
            "<p><strong>bold</strong> and <em>em</em> and **not bold ** and a*b*c</p>",
        ),
        ("***both***", "<p>***both***</p>"),
        ("<b>hi</b> & co", "<p>&lt;b&gt;hi&lt;/b&gt; &amp; co</p>"),
    ],
)
def test_formatting(typed, rendered):
    assert comment_html(typed) == rendered


@pytest.mark.parametrize(
    ("typed", "rendered"),
    [
        # An e-mail address is never turned into a link (nor exposed as mailto:).
        ("write to me@example.org please", "<p>write to me@example.org please</p>"),
        # The scheme is case-insensitive, and kept as typed.
        (
            "HTTPS://EXAMPLE.ORG/Path",
            f'<p><a href="HTTPS://EXAMPLE.ORG/Path" {LINK}>HTTPS://EXAMPLE.ORG/Path</a></p>',
        ),
        # A user name before the host could hide the real host: no link.
        ("see http://user@evil.example/x", "<p>see http://user@evil.example/x</p>"),
        # The host in its ASCII form, port kept; only the host is rewritten, not the path.
        (
            "go https://bücher.example:8080/x now",
            f'<p>go <a href="https://xn--bcher-kva.example:8080/x" {LINK}>'
            "https://xn--bcher-kva.example:8080/x</a> now</p>",
        ),
        (
            "https://bücher.example/bücher.example",
            f'<p><a href="https://xn--bcher-kva.example/bücher.example" {LINK}>'
            "https://xn--bcher-kva.example/bücher.example</a></p>",
        ),
        # Capitals in a foreign host are folded (UTS #46) before the ASCII form is made.
        (
            "see https://BÜCHER.Example/x",
            f'<p>see <a href="https://xn--bcher-kva.example/x" {LINK}>'
            "https://xn--bcher-kva.example/x</a></p>",
        ),
        # A direction mark inside an address could make it read differently: no link.
        ("x https://example.org/\u200fpath y", "<p>x https://example.org/\u200fpath y</p>"),
        # The sentence's full stop is not part of the address.
        (
            "www.example.org/a.",
            f'<p><a href="http://www.example.org/a" {LINK}>www.example.org/a</a>.</p>',
        ),
        ("ftp://example.org/x", "<p>ftp://example.org/x</p>"),
    ],
)
def test_links(typed, rendered):
    assert comment_html(typed) == rendered


def test_plain_text_gives_back_the_words_and_their_breaks():
    rendered = comment_html("Title line\nnext\n\n- one\n- two\n\n1. first\n\nlast")
    assert plain_text(rendered) == "Title line\nnext\n\none\ntwo\n\nfirst\n\nlast"
