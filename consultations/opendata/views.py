"""Pages of opendata."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("opendata", __name__)
