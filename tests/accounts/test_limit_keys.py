"""Whom a sign-in, registration or reset attempt counts against."""

from __future__ import annotations

import pytest

from consultations.accounts import limits


@pytest.mark.parametrize(
    ("email", "key"),
    [
        (" Dana@Example.ORG ", "account:dana@example.org"),
        ("dana@example.org", "account:dana@example.org"),
        ("", "ip:198.51.100.7"),
        ("   ", "ip:198.51.100.7"),
    ],
)
def test_attempts_count_against_the_address_typed_or_else_the_ip(app, email, key):
    address = {"REMOTE_ADDR": "198.51.100.7"}
    form = {"email": email}
    with app.test_request_context("/en/login", method="POST", data=form, environ_base=address):
        assert limits.account_key() == key


def test_a_form_without_an_address_counts_against_the_ip(app):
    with app.test_request_context(
        "/en/login", method="POST", data={}, environ_base={"REMOTE_ADDR": "198.51.100.8"}
    ):
        assert limits.account_key() == "ip:198.51.100.8"


def test_the_limits_per_address_and_per_account():
    assert limits.PER_IP == "20 per minute;200 per day"
    assert limits.PER_ACCOUNT == "5 per minute;30 per hour"
