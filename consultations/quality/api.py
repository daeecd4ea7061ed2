"""The /api/v1/quality answer: one body's monthly series and the standards it is held to."""

from __future__ import annotations

from sqlalchemy import select
from werkzeug.exceptions import NotFound

from ..agencies.countries import is_country
from ..agencies.models import Agency
from ..api.http import InvalidParameter
from ..clock import now
from ..extensions import db
from . import serialize
from .models import AGENCY, COUNTRY
from .monthly import SITE_SCOPE
from .records import series
from .standards import current_standards


def _scope(country: str, agency: str) -> tuple[tuple[str, str], str | None]:
    if country and agency:
        raise InvalidParameter("Give 'country' or 'agency', not both.")
    if country:
        code = country.upper()
        if not is_country(code):
            raise NotFound()
        return (COUNTRY, code), code
    if agency:
        found = db.session.scalar(select(Agency.id).where(Agency.slug == agency))
        if found is None:
            raise NotFound()
        return (AGENCY, str(found)), agency
    return SITE_SCOPE, None


def quality_series(country: str, agency: str) -> dict:
    """Twelve months, oldest first; closed months as kept, the current one counted so far."""
    scope, key = _scope(country, agency)
    return {
        "scope": {"kind": scope[0], "key": key},
        "standards": serialize.standards(current_standards()),
        "data": [serialize.month(point) for point in series(scope, now())],
    }
