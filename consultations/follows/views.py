"""Pages of follows."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("follows", __name__, url_prefix="/<lang:lang>")
