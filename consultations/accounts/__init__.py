from flask import Blueprint

bp = Blueprint("accounts", __name__, url_prefix="/<lang:lang>")

from . import views  # noqa: E402,F401  (routes attach themselves to bp)
