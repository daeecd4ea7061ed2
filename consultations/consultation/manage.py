"""Staff pages for coordinators: create a consultation, write and edit its sections."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("consultation_staff", __name__, url_prefix="/<lang:lang>/staff")
