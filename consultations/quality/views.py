"""Service quality: how fast and how well the government answers, published."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from ..agencies.countries import is_country
from ..clock import now
from ..i18n import current_language
from ..pagination import page_number
from .queries import service_quality

bp = Blueprint("quality", __name__, url_prefix="/<lang:lang>")


@bp.get("/quality")
def index():
    """Response times, answers by the deadline, satisfaction and fresh progress updates."""
    quality = service_quality(now(), page_number(), current_language())
    return render_template("quality/index.html", quality=quality, country=None)


@bp.get("/quality/<country>")
def country(country: str):
    """The same measures for the agencies of one country."""
    code = country.upper()
    if country != code.lower() or not is_country(code):
        abort(404)
    quality = service_quality(now(), page_number(), current_language(), country=code)
    return render_template("quality/index.html", quality=quality, country=code)
