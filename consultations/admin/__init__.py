from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/<lang:lang>/staff")

from . import views  # noqa: E402,F401
