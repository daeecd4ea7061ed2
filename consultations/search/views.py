"""Pages of search."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request

from ..i18n import current_language
from ..pagination import page_number
from .forms import KIND_CHOICES, KIND_LABELS, SearchForm
from .index import search
from .places import comment_place, result_url, update_place
from .text import parse_query

bp = Blueprint("search", __name__, url_prefix="/<lang:lang>")


@bp.get("/search")
def index():
    """Search commitments, consultations, progress updates and comments in every language."""
    form = SearchForm(request.args)
    kind = form.chosen_kind()
    query = parse_query(form.q.data)
    form.q.data = query.text  # the box shows what was searched for, cleaned
    return render_template(
        "search/index.html",
        form=form,
        query=query,
        kind=kind,
        results=search(query, current_language(), kind, page_number()),
        kind_label=KIND_LABELS,
        kind_choices=KIND_CHOICES,
        result_url=result_url,
    )


@bp.get("/search/go/<kind>/<int:object_id>")
def go(kind: str, object_id: int):
    """Send the reader to a result's exact place on its paginated page."""
    if kind == "comment":
        return redirect(comment_place(object_id))
    if kind == "update":
        return redirect(update_place(object_id))
    abort(404)
