"""Template helpers that build many addresses on one page."""

import pytest
from flask import url_for

from consultations.templating import row_url


@pytest.mark.parametrize(
    ("endpoint", "name", "value"),
    [
        ("plans.commitment", "reference", "IL0001"),
        ("plans.agency", "slug", "ministry-of-justice"),
        ("comments.reply", "comment_id", 7),
        ("comments.reply", "comment_id", 7_391_586_204_193),
        ("plans.agency", "slug", "שקיפות"),  # needs quoting: url_for itself
        ("plans.agency", "slug", "a b/c"),
    ],
)
def test_row_addresses_are_what_url_for_builds(app, endpoint, name, value):
    for lang in ("en", "he"):
        with app.test_request_context(f"/{lang}/"):
            app.preprocess_request()
            first = row_url(endpoint, name, value)
            again = row_url(endpoint, name, value)
            assert first == again == url_for(endpoint, **{name: value})
            assert first.startswith(f"/{lang}/")
