"""The staff member's "what needs me today" page."""

from __future__ import annotations

from flask import Blueprint, g, render_template
from flask_login import current_user, login_required

from .. import permissions
from ..clock import now
from ..permissions import require
from .items import ITEMS_PER_SOURCE, collect_groups

bp = Blueprint("today", __name__, url_prefix="/<lang:lang>/staff")


@bp.get("")
@login_required
def index():
    """Everything that needs the signed-in staff member, grouped, each linked to its page."""
    require(permissions.can_access_staff(current_user))
    groups = collect_groups(current_user, now())
    g.staff_items = sum(len(group.items) for group in groups)  # the menu's count, known
    return render_template("today/index.html", groups=groups, limit=ITEMS_PER_SOURCE)
