"""The /api/v1/quality answer: one body's monthly series and the standards it is held to."""

from __future__ import annotations

from sqlalchemy import select
from werkzeug.exceptions import NotFound

from ..agencies.countries import is_country
from ..agencies.models import Agency
from ..clock import now
from ..extensions import db
from . import serialize
from .models import AGENCY, COUNTRY
from .monthly import SITE_SCOPE
from .records import series
from .standards import current_standards


def _scope(country: str, agency: str) -> tuple[tuple[str, str], str | None]:
    """The body asked for; an agency given with a country must be of that country."""
    code = country.upper()
    if country and not is_country(code):
        raise NotFound()
    if agency:
        found = db.session.execute(
            select(Agency.id, Agency.country).where(Agency.slug == agency)
        ).first()
        if found is None or (country and found.country != code):
            raise NotFound()
        return (AGENCY, str(found.id)), agency
    if country:
        return (COUNTRY, code), code
    return SITE_SCOPE, None


def quality_series(country: str, agency: str) -> dict:
    """Twelve months, oldest first; closed months as kept, the current one counted so far."""
    scope, key = _scope(country, agency)
    return {
        "scope": {"kind": scope[0], "key": key},
        "standards": serialize.standards(current_standards()),
        "data": [serialize.month(point) for point in series(scope, now())],
    }
