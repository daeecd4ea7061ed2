"""SQL statements built once per app, and again when what they embed changes."""

from __future__ import annotations

from consultations.statements import built_once


def test_a_statement_is_built_once_and_again_when_what_it_embeds_changes(make_app):
    built = []

    def build():
        built.append(len(built))
        return f"statement {len(built)}"

    with make_app().app_context():
        assert built_once("page", build, "monday") == "statement 1"
        assert built_once("page", build, "monday") == "statement 1"
        assert built_once("page", build, "tuesday") == "statement 2"  # a new day
        assert built_once("other page", build) == "statement 3"
    assert len(built) == 3


def test_every_app_builds_its_own(make_app):
    with make_app().app_context():
        first = built_once("page", object)
    with make_app().app_context():
        second = built_once("page", object)
        assert built_once("page", object) is second
    assert first is not second
