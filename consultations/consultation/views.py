"""Public consultation pages: the list, one consultation with its draft and comments."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("consultation", __name__, url_prefix="/<lang:lang>")
