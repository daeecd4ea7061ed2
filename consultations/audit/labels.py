"""What the audit log calls each recorded field, in the reader's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# Keys of the snapshots the services record (see the *_snapshot functions), by meaning.
FIELD_LABELS = {
    "agency_id": _l("Agency"),
    "anchor": _l("Section address"),
    "assessment_id": _l("Independent assessment"),
    "closes_at": _l("Closes"),
    "comment_ids": _l("Comments answered"),
    "commitment": _l("Commitment"),
    "commitment_id": _l("Commitment"),
    "completed_on": _l("Completed on"),
    "completion": _l("Completion"),
    "coordinating_agency_id": _l("Coordinating agency"),
    # TRANSLATORS: the earlier record that a correction replaces.
    "corrects": _l("Corrects"),
    "country": _l("Country"),
    "due_date": _l("Due date"),
    "end_date": _l("End date"),
    "evidence": _l("Evidence"),
    "flag_count": _l("Number of flags"),
    "held": _l("Held for review"),
    "hidden_rule": _l("Participation rule"),
    "lead_agency_id": _l("Lead agency"),
    "milestones": _l("Milestones"),
    "names": _l("Names"),
    "narratives": _l("Narrative"),
    # TRANSLATORS: an action plan's number: 1 for a country's first national plan.
    "number": _l("Number"),
    "ogp_values": _l("OGP values"),
    "opened_government": _l("Did it open government?"),
    "opens_at": _l("Opens"),
    "organisation": _l("Organisation"),
    "outcome": _l("Outcome"),
    "percent": _l("Percent complete"),
    "period": _l("Period"),
    "plan": _l("Action plan"),
    "plan_id": _l("Action plan"),
    # TRANSLATORS: the place of a milestone or section in its list.
    "position": _l("Position"),
    "reference": _l("Reference"),
    "response_deadline": _l("Response deadline"),
    "response_id": _l("Reasoned response"),
    "responses_completed_at": _l("Responses declared complete"),
    "role": _l("Role"),
    "section_id": _l("Section"),
    "sections": _l("Sections"),
    "slug": _l("Address name"),
    "source_locale": _l("Original language"),
    "start_date": _l("Start date"),
    "state": _l("State"),
    "status": _l("Status"),
    "texts": _l("Texts"),
    "update_id": _l("Progress update"),
    "user_id": _l("Person"),
}


def field_label(key: str) -> str:
    """The field's translated label; a field without one is shown as words ("due_at" → "Due at")."""
    label = FIELD_LABELS.get(key)
    if label is not None:
        return str(label)
    words = key.removesuffix("_id").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else key
