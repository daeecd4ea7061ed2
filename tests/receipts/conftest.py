"""A consultation that closed ten days ago, its coordinator and moderator, and a way to
write comments through the comment service (so they get their receipts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from consultations.clock import as_utc
from consultations.comments import services as comments
from consultations.consultation.models import Consultation


@dataclass
class World:
    consultation: Consultation
    coordinator: object
    moderator: object
    make_user: object

    def comment(self, author, text: str, hours: int = 1, **where):
        """A comment written while the consultation was open, `hours` after it opened."""
        moment = as_utc(self.consultation.opens_at) + timedelta(hours=hours)
        return comments.add_comment(
            author, self.consultation, text, language=author.language, moment=moment, **where
        )


@pytest.fixture
def world(make_agency, make_user, make_consultation) -> World:
    agency = make_agency()
    consultation = make_consultation(
        slug="open-data",
        agency=agency,
        opens_in=timedelta(days=-24),
        lasts=timedelta(days=14),
        response_days=30,
        titles={"en": "Open data law", "he": "חוק המידע הפתוח"},
    )
    return World(
        consultation,
        make_user("Noa Levi", roles=("coordinator",), agency=agency),
        make_user("Moshe Mod", roles=("moderator",)),
        make_user,
    )
