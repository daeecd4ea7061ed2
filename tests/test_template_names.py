"""Every name a template can read means one thing: the helpers and label tables that
packages give every template never share a name (one proposals' "outcome" table once hid
under the responses' one, and the proposal pages showed an empty outcome)."""

from __future__ import annotations

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
