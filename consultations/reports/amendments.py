"""The amendments a self-assessment report lists: every revision of the plan's commitments
and milestones after adoption, with its reason, summarised in every language of the site."""

from __future__ import annotations

from babel.lists import format_list
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..clock import as_utc
from ..extensions import db
from ..i18n import force_locale, site_languages
from ..plans.amendment_models import Revision, RevisionKind
from ..plans.amendments import FIELD_LABELS, changes
from ..plans.models import ActionPlan, Commitment

KIND = {
    RevisionKind.AMENDED: _l("Commitment amended"),
    RevisionKind.MILESTONE_AMENDED: _l("Milestone amended"),
    RevisionKind.MILESTONE_ADDED: _l("Milestone added"),
    RevisionKind.MILESTONE_WITHDRAWN: _l("Milestone withdrawn"),
    RevisionKind.ADDED: _l("Commitment added at a refresh"),
}


def plan_amendments(plan: ActionPlan) -> list[dict]:
    """The plan's amendments of commitments and milestones after adoption, oldest first:
    [{"reference": "IL0024", "published_at": iso, "reasons": {locale: text},
      "summary": {locale: text}}] — the summary names the kind and the fields changed."""
    rows = db.session.execute(
        select(Revision, Commitment.reference)
        .join(Commitment, Commitment.id == Revision.commitment_id)
        .where(Commitment.plan_id == plan.id)
        .order_by(Revision.created_at, Revision.id)
        .options(selectinload(Revision.texts))
    ).all()
    languages = site_languages()
    amendments = []
    for revision, reference in rows:
        fields = list(dict.fromkeys(change.field for change in changes(revision)))
        amendments.append(
            {
                "reference": reference,
                "published_at": as_utc(revision.created_at).isoformat(),
                "reasons": {text.locale: text.reason for text in revision.texts},
                "summary": {lang: _summary(revision.kind, fields, lang) for lang in languages},
            }
        )
    return amendments


def _summary(kind: RevisionKind, fields: list[str], lang: str) -> str:
    with force_locale(lang):
        what = str(KIND[kind])
        if not fields or kind == RevisionKind.ADDED:
            return what
        named = format_list([str(FIELD_LABELS[field]) for field in fields], locale=lang)
        return f"{what}: {named}"
