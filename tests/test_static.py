"""Stylesheets use logical properties only, so right-to-left pages need no overrides."""

from __future__ import annotations

import re

import pytest

from helpers import ROOT

STATIC = ROOT / "static"

# A declaration: what follows "{" or ";" up to the next ";" or brace (selectors never do).
DECLARATION = re.compile(r"(?<=[{;])\s*(-?[\w-]+)\s*:\s*([^;{}]*)")
PHYSICAL_NAME = re.compile(r"(?:^|-)(?:left|right)(?:-|$)", re.I)
SIDE_VALUED = {"text-align", "text-align-last", "float", "clear", "caption-side"}
PHYSICAL_VALUE = re.compile(r"\b(?:left|right)\b", re.I)
COMMENT = re.compile(r"/\*.*?\*/", re.S)


def physical_sides(css: str) -> list[tuple[int, str]]:
    """Each (line number, declaration) in `css` that names a physical left or right."""
    css = COMMENT.sub(lambda comment: "\n" * comment.group(0).count("\n"), css)
    found = []
    for match in DECLARATION.finditer(css):
        name, value = match.group(1).lower(), match.group(2)
        if PHYSICAL_NAME.search(name) or (name in SIDE_VALUED and PHYSICAL_VALUE.search(value)):
            line = css.count("\n", 0, match.start(1)) + 1
            found.append((line, f"{name}: {value.strip()}"))
    return found


def stylesheets():
    return sorted(STATIC.rglob("*.css"))


def test_there_is_a_stylesheet_to_check():
    assert (STATIC / "css" / "main.css") in stylesheets()


@pytest.mark.parametrize("path", stylesheets(), ids=lambda path: str(path.relative_to(STATIC)))
def test_stylesheet_uses_no_physical_left_or_right(path):
    found = physical_sides(path.read_text(encoding="utf-8"))
    assert not found, "use logical properties (inline-start/end, text-align: start):\n" + "\n".join(
        f"  {path.relative_to(ROOT)}:{number}: {declaration}" for number, declaration in found
    )


@pytest.mark.parametrize(
    "css",
    [
        ".a { margin-left: 1rem }",
        ".a { padding-right: 0 }",
        ".a { left: 0 }",
        ".a {\n  right: 2px;\n}",
        ".a { border-left: 1px solid }",
        ".a { border-top-right-radius: 3px }",
        ".a { text-align: left }",
        ".a { float: right }",
        ".a { clear: left }",
        ".a { scroll-margin-left: 1rem }",
    ],
)
def test_checker_catches_physical_sides(css):
    assert physical_sides(css)


@pytest.mark.parametrize(
    "css",
    [
        ".a { margin-inline-start: 1rem }",
        ".a { inset-inline-end: 0 }",
        ".a { text-align: start }",
        ".a { float: inline-end }",
        ".flip-in-rtl { transform: scaleX(-1) }",
        "/* margin-left would break Hebrew */ .a { border-inline-start: 1px solid }",
        ".align-left-icon { color: red }",
        "a[href$='.left'] { color: red }",
        ".pull-left:hover { color: red }",
        ".a { content: 'left: 0' }",
    ],
)
def test_checker_accepts_logical_properties(css):
    assert not physical_sides(css)
