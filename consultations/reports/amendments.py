"""The amendments a self-assessment report lists."""

from __future__ import annotations

from ..plans.models import ActionPlan


def plan_amendments(plan: ActionPlan) -> list[dict]:
    """The plan's amendments of commitments and milestones after adoption, oldest first:
    [{"reference": "IL0024", "published_at": iso, "reasons": {locale: text},
      "summary": {locale: text}}].

    Fed by plan amendments (the amendment records of commitments and milestones); until
    those records exist every plan has none.
    """
    return []
