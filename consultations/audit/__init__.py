"""The audit log: the hash-chained record of staff changes, and its public page."""

from flask import Blueprint

bp = Blueprint("audit", __name__, url_prefix="/<lang:lang>")

from . import views  # noqa: E402,F401
