"""The live standards check of one plan."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..clock import now
from ..plans.queries import get_plan_or_404
from .facts import plan_facts
from .labels import STATUS
from .rules import check

bp = Blueprint("standards", __name__, url_prefix="/<lang:lang>")


@bp.get("/plans/<slug>/standards")
def plan(slug: str):
    """Each of OGP's minimum requirements for co-creation: met, not met or not yet due."""
    plan = get_plan_or_404(slug)
    moment = now()
    findings = check(plan_facts(plan, moment), moment.date())
    return render_template(
        "standards/plan.html", plan=plan, findings=findings, standard_status_label=STATUS
    )
