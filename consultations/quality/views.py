"""Service quality: how fast and how well the government answers, published."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("quality", __name__, url_prefix="/<lang:lang>")
