"""Service quality: how fast and how well the government answers, published."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..clock import now
from ..i18n import current_language
from ..pagination import page_number
from .queries import service_quality

bp = Blueprint("quality", __name__, url_prefix="/<lang:lang>")


@bp.get("/quality")
def index():
    """Response times, answers by the deadline, satisfaction and fresh progress updates."""
    number = page_number()
    quality = service_quality(now(), number, current_language())
    return render_template("quality/index.html", quality=quality)
