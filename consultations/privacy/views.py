"""Pages of privacy."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("privacy", __name__, url_prefix="/<lang:lang>")
