"""Reasoned responses by coordinators, and the consultation report with its CSV."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("responses", __name__, url_prefix="/<lang:lang>")
