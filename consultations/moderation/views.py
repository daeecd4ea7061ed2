"""Flags, the moderation queue, hiding and restoring comments, suspending accounts."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("moderation", __name__, url_prefix="/<lang:lang>")
