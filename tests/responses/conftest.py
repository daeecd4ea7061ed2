"""A consultation with its coordinator, people in every role, and a way to answer comments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from consultations.consultation.models import Consultation


@dataclass
class World:
    consultation: Consultation
    users: dict

    @property
    def coordinator(self):
        return self.users["coordinator"]


def reasons(text: str = "We rewrote the section as you suggested.", lang: str = "en") -> dict:
    return {lang: {"reasons": text}}


@pytest.fixture
def world(make_agency, make_user, make_consultation) -> World:
    """A consultation that closed ten days ago; its response deadline is in twenty days."""
    agency, other = make_agency(), make_agency()
    consultation = make_consultation(
        agency=agency, opens_in=timedelta(days=-24), lasts=timedelta(days=14), response_days=30
    )
    users = {
        "coordinator": make_user("Noa Levi", roles=("coordinator",), agency=agency),
        "other_coordinator": make_user(roles=("coordinator",), agency=other),
        "citizen": make_user("Jānis Bērziņš"),
        "moderator": make_user(roles=("moderator",)),
        "monitor": make_user(roles=("monitor",)),
        "admin": make_user(roles=("admin",)),
    }
    return World(consultation, users)
