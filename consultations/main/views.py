"""The home page, the published terms, privacy notice and accessibility statement, and the
health check."""

from flask import jsonify, render_template
from sqlalchemy import text

from ..clock import now
from ..consultation.queries import open_consultations
from ..extensions import db
from ..pagecache import never_kept
from . import bp

HOME_CONSULTATIONS = 3


@bp.get("/<lang:lang>/")
def home():
    """The front page: how it works, and the consultations open for comments now."""
    moment = now()
    return render_template(
        "main/home.html", open=open_consultations(HOME_CONSULTATIONS, moment), moment=moment
    )


@bp.get("/<lang:lang>/terms")
def terms():
    """The terms of use that people accept when they register."""
    return render_template("main/terms.html")


@bp.get("/<lang:lang>/privacy")
def privacy():
    """What personal data is kept, why and for how long."""
    return render_template("main/privacy.html")


@bp.get("/<lang:lang>/accessibility")
def accessibility():
    """The accessibility statement a public body must publish: status, gaps, feedback."""
    return render_template("main/accessibility.html")


@bp.get("/livez")
@never_kept
def livez():
    """Say the process answers, without touching the database; the benchmark's ceiling."""
    return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.get("/healthz")
@never_kept
def healthz():
    """Say whether the database answers; for load balancers and monitoring."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any failure to reach the database is the answer itself
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="reachable")
