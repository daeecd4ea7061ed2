"""The public pages of a plan's repository."""

from __future__ import annotations

from flask import Blueprint, Response, render_template

from ..pagecache import never_kept
from ..pagination import page_number
from ..plans.queries import get_plan_or_404
from . import queries
from .download import chunks, write_zip
from .sources import by_kind

bp = Blueprint("repository", __name__, url_prefix="/<lang:lang>")


@bp.get("/plans/<slug>/repository")
def index(slug: str):
    """Every record of the plan's cycle, newest first, and when the latest was added."""
    plan = get_plan_or_404(slug)
    return render_template(
        "repository/index.html",
        plan=plan,
        page=queries.repository_page(plan, page_number()),
        last_updated=queries.last_updated(plan),
        kinds=by_kind(),
    )


@bp.get("/plans/<slug>/repository.zip")
@never_kept
def download(slug: str):
    """The whole repository as one ZIP: index.csv and every document."""
    plan = get_plan_or_404(slug)
    handle = write_zip(plan)
    return Response(
        chunks(handle),
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{plan.slug}-repository.zip"'},
    )
