"""The public audit log: every public staff change, newest first, with its place in the chain."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from ..clock import as_utc
from ..pagination import paginate_models
from . import bp
from .forms import TARGET_TYPES, AuditFilterForm
from .labels import field_label
from .models import AuditEvent
from .services import list_public_events

PER_PAGE = 50
MAX_CHANGES = 8

# What each recorded action means, in the reader's language; unknown actions show their code.
ACTION_LABELS = {
    "plan.create": _l("Created the action plan"),
    "plan.update": _l("Changed the action plan"),
    "plan.import": _l("Imported commitments into the action plan"),
    "commitment.create": _l("Drafted the commitment"),
    "commitment.update": _l("Changed the commitment"),
    "milestone.create": _l("Added a milestone to the commitment"),
    "milestone.update": _l("Changed a milestone of the commitment"),
    "update.publish": _l("Published a progress update"),
    "update.import": _l("Imported a progress update"),
    "commitment.amend": _l("Amended the adopted commitment"),
    "plan.refresh": _l("Marked the action plan as refreshed"),
    "assessment.publish": _l("Published an independent assessment"),
    "assessment.import": _l("Imported an independent assessment"),
    "self_assessment.draft": _l("Started a self-assessment report of the plan"),
    "self_assessment.write": _l("Wrote the narrative of a self-assessment report"),
    "self_assessment.publish": _l("Published a self-assessment report of the plan"),
    "agency.create": _l("Added the agency"),
    "agency.update": _l("Changed the agency"),
    "consultation.create": _l("Opened a draft to public consultation"),
    "consultation.update": _l("Changed the consultation"),
    "section.create": _l("Added a section to the draft"),
    "section.update": _l("Changed a section of the draft"),
    "response.publish": _l("Published a reasoned response"),
    "response.update": _l("Changed a reasoned response"),
    "responses.complete": _l("Declared the reasoned responses complete"),
    "comment.hide": _l("Hid a comment under a participation rule"),
    "comment.restore": _l("Restored a hidden comment"),
    "comment.dismiss": _l("Reviewed a flagged comment and kept it visible"),
    "proposal.hide": _l("Hid a proposal from the public"),
    "proposal.restore": _l("Showed a hidden proposal again"),
    "proposal.dismiss": _l("Reviewed a flagged proposal and kept it visible"),
    "proposal_comment.hide": _l("Hid a comment on a proposal under a participation rule"),
    "proposal_comment.restore": _l("Restored a hidden comment on a proposal"),
    "proposal_comment.dismiss": _l("Reviewed a flagged comment on a proposal and kept it visible"),
}

# The public page of each kind of target, and the name its identifier goes by there.
TARGET_PAGES = {
    "plan": ("plans.detail", "slug"),
    "commitment": ("plans.commitment", "reference"),
    "agency": ("plans.agency", "slug"),
    "consultation": ("consultation.detail", "slug"),
}


@bp.get("/audit")
def index():
    """The public audit log, newest first, optionally about one kind of thing or one thing."""
    form = AuditFilterForm(request.args)
    target_type, target_id = form.filters()
    page = paginate_models(list_public_events(target_type, target_id), PER_PAGE)
    return render_template(
        "audit/index.html", form=form, page=page, filtered=bool(target_type or target_id)
    )


@bp.context_processor
def audit_helpers() -> dict:
    return {
        "action_label": ACTION_LABELS,
        "target_type_label": TARGET_TYPES,
        "target_url": target_url,
        "changes": changes,
        "field_label": field_label,
        "iso_moment": iso_moment,
    }


def target_url(event: AuditEvent) -> str | None:
    """The public page of the event's target, when the site has one."""
    page = TARGET_PAGES.get(event.target_type)
    if page is None or page[0] not in current_app.view_functions:
        return None
    endpoint, argument = page
    return url_for(endpoint, **{argument: event.target_id})


def changes(event: AuditEvent) -> tuple[list[str], bool]:
    """The top-level fields that differ between before and after (all of them for a new
    record), at most MAX_CHANGES, and whether there were more."""
    before, after = event.before or {}, event.after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return [], False
    keys = [key for key in {**before, **after} if before.get(key) != after.get(key)]
    return [str(key) for key in keys[:MAX_CHANGES]], len(keys) > MAX_CHANGES


def iso_moment(moment: datetime) -> str:
    return as_utc(moment).isoformat(timespec="seconds")
