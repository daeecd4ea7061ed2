"""Search helpers: find through the index as the page does."""

from __future__ import annotations

import pytest

from consultations.search.index import search
from consultations.search.text import parse_query


@pytest.fixture
def find(app_ctx):
    """`find(q, lang="en", kind="")` -> [(kind, object_id, locale)] of the first page."""

    def run(q: str, lang: str = "en", kind: str = "", page: int = 1):
        results = search(parse_query(q), lang, kind, page)
        return [(hit.kind, hit.object_id, hit.locale) for hit in results.items]

    return run


@pytest.fixture
def commitment_with(make_plan, make_commitment):
    """A commitment with these texts, e.g. commitment_with(he={"title": ...})."""
    plan = make_plan()

    def make(**texts):
        return make_commitment(plan, texts=texts)

    return make
