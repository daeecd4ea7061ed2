"""Schemathesis drives every operation of the OpenAPI document against a small app with data:
no server errors, and every answer as documented."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from consultations.api.openapi import document

from helpers import LANGUAGES

# The tests' app offers LANGUAGES and its data is in no other language.
schema = schemathesis.openapi.from_dict(document(LANGUAGES))


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_documented(case, app, world):
    case.call_and_validate(app=app)
