"""The short satisfaction survey offered after taking part."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("satisfaction", __name__, url_prefix="/<lang:lang>")
