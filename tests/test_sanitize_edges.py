"""The sanitizer's edges that the main table does not reach: mixed blocks, the linkifier's own
address pattern, joiners and marks inside addresses, addresses without a valid host or
port, and plain text back from the markup."""

from __future__ import annotations

import pytest

from consultations.sanitize import comment_html, plain_text


def test_a_block_that_changes_from_paragraph_to_list_and_back_keeps_its_order():
    assert comment_html("Intro line\n- one\n- two\nAfter") == (
        "<p>Intro line</p><ul><li>one</li><li>two</li></ul><p>After</p>"
    )
    assert comment_html("1. first\n2) second\n* bullet") == (
        "<ol><li>first</li><li>second</li></ol><ul><li>bullet</li></ul>"
    )


def test_only_addresses_with_a_scheme_or_www_become_links():
    html = comment_html("see example.com or www.example.org now")
    assert html == (
        '<p>see example.com or <a href="http://www.example.org" rel="nofollow ugc noopener">'
        "www.example.org</a> now</p>"
    )


@pytest.mark.parametrize(
    "text",
    [
        "https://exa\u200dmple.org/x",  # zero-width joiner
        "https://exa\u200cmple.org/x",  # zero-width non-joiner
        "https://example.org/a\u200eb",  # left-to-right mark
        "https://example.org/a\u200fb",  # right-to-left mark
        "https://exam\u00adple.org/",  # soft hyphen
        "https://example.org/\u061cx",  # Arabic letter mark
    ],
)
def test_an_address_with_a_kept_invisible_character_is_not_linked(text):
    html = comment_html(text)
    assert "<a" not in html
    assert text in html  # the characters themselves stay: scripts and emoji need them


@pytest.mark.parametrize(
    "text",
    [
        "see http://:8080/x now",  # a port but no host
        "see http:///x now",  # no host at all
        "see http://example.org:99999/ now",  # a port out of range
        "see http://example.org:abc/ now",  # a port that is no number
        # An empty port leaves its colon in a foreign host, which is then no domain name.
        "see https://bücher.example:/x now",
    ],
)
def test_an_address_without_a_valid_host_or_port_stays_plain_text(text):
    assert comment_html(text) == f"<p>{text}</p>"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Salt &amp; pepper & <b>", "Salt &amp; pepper & <b>"),
        ("1. one\n2. two\n\nAfter", "one\ntwo\n\nAfter"),
        ("- one\n- two\n\nAfter", "one\ntwo\n\nAfter"),
        ("Intro line\n- one\n- two\nAfter", "Intro line\n\none\ntwo\n\nAfter"),
        ("First\nsecond\n\n\n\nThird", "First\nsecond\n\nThird"),
    ],
)
def test_plain_text_gives_back_exactly_what_was_typed(text, words):
    assert plain_text(comment_html(text)) == words
