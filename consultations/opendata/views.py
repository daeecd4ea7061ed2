"""Pages of opendata: the files at language-free addresses, and the page explaining them."""

from __future__ import annotations

from babel.lists import format_list
from flask import Blueprint, abort, current_app, redirect, render_template, url_for
from flask_babel import get_locale

from ..clock import now
from ..content import published_languages
from ..i18n import preferred_language
from ..plans.labels import language_label
from . import files
from .schema import LICENSE, datapackage
from .tables import BY_NAME, TABLES

bp = Blueprint("opendata", __name__)


@bp.get("/<lang:lang>/data")
def index():
    """What each open-data file holds, the data package, the license, the API and the feeds."""
    public = current_app.config["PUBLIC_URL"].rstrip("/")
    return render_template(
        "opendata/index.html",
        tables=TABLES,
        license=LICENSE,
        today=now().date(),
        package_url=public + url_for("opendata.package"),
        page_url=public + url_for("opendata.index"),
        column_languages=format_list(
            [f"_{code} ({language_label(code)})" for code in published_languages()],
            locale=get_locale(),
        ),
    )


@bp.get("/data")
@bp.get("/data/")
def root():
    """The language-free address of the open-data page sends readers to their language's."""
    return redirect(url_for("opendata.index", lang=preferred_language()))


@bp.get("/data/<name>.csv")
def table(name: str):
    """One open-data file, written from the live database."""
    chosen = BY_NAME.get(name) or abort(404)
    return files.serve(files.write_csv(chosen), "text/csv", chosen.filename)


@bp.get("/data/datapackage.json")
def package():
    """The Frictionless data package describing every file."""
    written = files.write_json(datapackage(TABLES))
    return files.serve(written, "application/json", "datapackage.json", "inline")
