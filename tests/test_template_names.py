"""Every name a template can read means one thing: the helpers and label tables that
packages give every template never share a name (one proposals' "outcome" table once hid
under the responses' one, and the proposal pages showed an empty outcome)."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import meta

# Flask and Flask-WTF put these in both the globals and a context processor, on purpose.
GIVEN_TWICE_BY_FLASK = {"g", "request", "session", "csrf_token", "csrf_meta_tag"}


def test_no_two_packages_give_templates_the_same_name(app):
    with app.test_request_context("/en/"):
        app.preprocess_request()
        given: dict[str, str] = {}
        for processor in app.template_context_processors[None]:
            for name in app.ensure_sync(processor)():
                assert name not in given, f"{name}: {processor.__name__} and {given[name]}"
                given[name] = processor.__name__
    shared = (set(given) & set(app.jinja_env.globals)) - GIVEN_TWICE_BY_FLASK
    assert shared == set(), f"both a global and a context value: {sorted(shared)}"


IMPORT = re.compile(r'{%-?\s*(?:from|import)\s+"([^"]+)"[^%]*?(with context)?\s*-?%}')


def _names_from_the_caller(app, name: str) -> set[str]:
    """Names a template reads that are neither its own nor every template's (the globals):
    a macro of it needs the importing page's context for them."""
    env = app.jinja_env
    source = env.loader.get_source(env, name)[0]
    assigned = set(re.findall(r"{%-?\s*set\s+(\w+)", source))  # meta misses sets in loops
    return meta.find_undeclared_variables(env.parse(source)) - set(env.globals) - assigned


def test_a_template_is_imported_with_context_exactly_when_it_reads_the_callers(app):
    # Imported with context, a template's module is made anew on every rendering (about
    # 0.1 ms each, four on a commitment page); imported plainly it is made once.
    templates = Path(app.root_path, app.template_folder)
    checked = 0
    for page in templates.rglob("*.html"):
        for imported, with_context in IMPORT.findall(page.read_text(encoding="utf-8")):
            needs = _names_from_the_caller(app, imported)
            where = f"{page.relative_to(templates)} imports {imported}"
            if with_context:
                assert needs, f"{where} with context, but it reads nothing of the caller's"
            else:
                assert not needs, f"{where} without context, but it reads {sorted(needs)}"
            checked += 1
    assert checked > 50
