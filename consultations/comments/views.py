"""Writing, replying to, editing and removing comments."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("comments", __name__, url_prefix="/<lang:lang>")
