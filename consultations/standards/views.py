"""The live standards check of one plan."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..clock import now
from ..pagination import page_number
from ..plans.queries import get_plan_or_404
from .facts import plan_facts
from .labels import STATUS
from .rules import check
from .summary import plan_lines

bp = Blueprint("standards", __name__, url_prefix="/<lang:lang>")


@bp.get("/quality/co-creation")
def plans():
    """Every plan's standards check in one line, a page of plans at a time."""
    return render_template("standards/plans.html", lines=plan_lines(page_number("plans")))


@bp.get("/plans/<slug>/standards")
def plan(slug: str):
    """Each of OGP's minimum requirements for co-creation: met, not met or not yet due."""
    plan = get_plan_or_404(slug)
    moment = now()
    findings = check(plan_facts(plan, moment), moment.date())
    return render_template(
        "standards/plan.html", plan=plan, findings=findings, standard_status_label=STATUS
    )
