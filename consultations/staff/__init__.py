"""What needs a staff member today: the /staff page, its count in the navigation, and the
daily staff digest (items.py holds the registry every part reads)."""

from flask import Flask
from flask_login import current_user

from .. import permissions
from ..clock import now


def init_staff(app: Flask) -> None:
    """The navigation's badge: how many items wait for the signed-in staff member."""
    from ..proposals import staff_items  # noqa: F401  (proposals awaiting an answer)
    from . import sources  # noqa: F401  (registers the built-in sources)
    from .items import badge_count

    def staff_item_count() -> int:
        if not permissions.can_access_staff(current_user):
            return 0
        return badge_count(current_user, now())

    app.jinja_env.globals["staff_item_count"] = staff_item_count
