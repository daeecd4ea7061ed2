"""Records as the JSON objects the OpenAPI document describes.

Translatable fields come in every language, with null where a language has no text:
the data never falls back silently. Comments carry display names only, never e-mail.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from urllib.parse import urljoin

from flask import current_app, request, url_for

from ..audit.models import AuditEvent
from ..audit.views import changes
from ..clock import as_utc
from ..comments.models import Comment
from ..consultation.models import Consultation, SectionRevision
from ..content import published_languages
from ..documents.models import Document
from ..plans.models import ActionPlan, Assessment, ProgressUpdate, ogp_values_of
from ..plans.staleness import CommitmentRow
from ..responses.models import Response


def moment(value: datetime | None) -> str | None:
    """RFC 3339 in UTC, e.g. 2026-11-30T09:15:00.123456Z."""
    if value is None:
        return None
    return as_utc(value).isoformat().replace("+00:00", "Z")


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def translated(
    rows: Iterable, field: str, languages: tuple[str, ...] | None = None
) -> dict[str, str | None]:
    """The field in every listed language; null where it has no (or an empty) text.
    `languages`: published_languages(), passed by a caller that translates many fields (a
    page of 25 commitments has 250), since asking for them goes through the request."""
    by_locale = {row.locale: getattr(row, field) or None for row in rows}
    return {lang: by_locale.get(lang) for lang in languages or published_languages()}


def _url(endpoint: str, **values) -> str:
    return url_for(endpoint, _external=True, **values)


def plan(record: ActionPlan, updated_at: datetime) -> dict:
    return {
        "id": record.id,
        "slug": record.slug,
        "url": _url("api.plan", slug=record.slug),
        "country": record.country,
        "number": record.number,
        "status": record.status.value,
        "period_start": day(record.period_start),
        "period_end": day(record.period_end),
        "coordinating_agency": record.coordinating_agency.slug,
        "title": translated(record.texts, "title"),
        "summary": translated(record.texts, "summary"),
        "refreshes": [
            {"refreshed_on": day(item.refreshed_on), "note": translated(item.texts, "note")}
            for item in record.refreshes
        ],
        "created_at": moment(record.created_at),
        "updated_at": moment(updated_at),
    }


def agency(record, updated_at: datetime) -> dict:
    return {
        "id": record.id,
        "slug": record.slug,
        "url": _url("api.agency", slug=record.slug),
        "name": translated(record.texts, "name"),
        "country": record.country,
        "contact_email": record.contact_email or None,
        "phone": record.phone or None,
        "website": record.website or None,
        "postal_address": record.postal_address or None,
        "created_at": moment(record.created_at),
        "updated_at": moment(updated_at),
    }


def commitment(row: CommitmentRow, updated_at: datetime, contents) -> dict:
    """`row.commitment`: a row of the commitment's columns with its plan's and lead agency's
    address names; `contents`: its text rows and milestones (api.queries.CommitmentContents)."""
    record = row.commitment
    texts = contents.texts
    languages = published_languages()
    return {
        "id": record.id,
        "reference": record.reference,
        "url": _url("api.commitment", reference=record.reference),
        "plan": record.plan_slug,
        "lead_agency": record.lead_agency_slug,
        "source_language": record.source_locale,
        "start_date": day(record.start_date),
        "end_date": day(record.end_date),
        "ogp_values": ogp_values_of(record),
        "schedule_note": record.schedule_note or None,
        "policy_area": record.policy_area,
        "contact_person": record.contact_person or None,
        "budget": _budget(record),
        "irm_design": {
            "verifiable": record.verifiable,
            "relevant": record.relevant,
            "potential_for_results": _value(record.potential_for_results),
            "potential_impact": _value(record.potential_impact),
            "promising": record.promising,
            "starred": record.starred,
        },
        "title": translated(texts, "title", languages),
        "problem": translated(texts, "problem", languages),
        "objective": translated(texts, "objective", languages),
        "description": translated(texts, "description", languages),
        "other_actors": translated(texts, "other_actors", languages),
        "status": row.status.value if row.status else None,
        "percent_complete": row.percent,
        "last_update_at": moment(row.updated_at),
        "next_milestone_due": day(row.next_due),
        "stale": row.stale,
        "milestones": [
            {
                "id": milestone.id,
                "position": milestone.position,
                "start_date": day(milestone.start_date),
                "due_date": day(milestone.due_date),
                "status": milestone.status.value,
                "completed_on": day(milestone.completed_on),
                "deliverable": translated(deliverables, "deliverable", languages),
            }
            for milestone, deliverables in contents.milestones
        ],
        "created_at": moment(record.created_at),
        "updated_at": moment(updated_at),
    }


def _value(member) -> str | None:
    return member.value if member is not None else None


def _budget(record) -> dict | None:
    if record.budget_amount is None:
        return None
    return {
        "amount": str(record.budget_amount),
        "currency": record.budget_currency,
        "source": record.budget_source or None,
    }


def _milestone_state(state: dict) -> dict:
    return {
        "milestone_id": state.get("milestone_id"),
        "status": state.get("status"),
        "completed_on": state.get("completed_on") or None,
    }


def progress_update(record: ProgressUpdate, reference: str) -> dict:
    return {
        "id": record.id,
        "url": _url("api.progress_update", update_id=record.id),
        "commitment": reference,
        "author_name": record.author_name,
        "agency": record.agency.slug if record.agency else None,
        "organisation": record.organisation or None,
        "status": record.status.value,
        "percent_complete": record.percent_complete,
        "milestone_states": [_milestone_state(state) for state in record.milestone_states or []],
        "evidence": list(record.evidence or []),
        "narrative": translated(record.texts, "narrative"),
        "corrects": record.corrects_id,
        "published_at": moment(record.published_at),
        "recorded_at": moment(record.recorded_at or record.published_at),
        "updated_at": moment(record.recorded_at or record.published_at),
    }


def assessment(record: Assessment, reference: str) -> dict:
    return {
        "id": record.id,
        "url": _url("api.assessment", assessment_id=record.id),
        "commitment": reference,
        "author_name": record.author_name,
        "organisation": record.organisation,
        "milestone": record.milestone_id,
        "completion": record.completion.value,
        "opened_government": _value(record.opened_government),
        "evidence": list(record.evidence or []),
        "narrative": translated(record.texts, "narrative"),
        "corrects": record.corrects_id,
        "published_at": moment(record.published_at),
        "updated_at": moment(record.published_at),
    }


def consultation(
    record: Consultation, updated_at: datetime, reference: str | None, now: datetime
) -> dict:
    languages = published_languages()
    return {
        "id": record.id,
        "slug": record.slug,
        "url": _url("api.consultation", slug=record.slug),
        "plan": record.plan.slug,
        "commitment": reference,
        "agency": record.agency.slug,
        "phase": record.phase(now).value,
        "opens_at": moment(record.opens_at),
        "closes_at": moment(record.closes_at),
        "response_deadline": moment(record.response_deadline),
        "responses_completed_at": moment(record.responses_completed_at),
        "title": translated(record.texts, "title", languages),
        "introduction": translated(record.texts, "introduction", languages),
        "sections": [
            {
                "id": section.id,
                "anchor": section.anchor,
                "position": section.position,
                "heading": translated(section.texts, "heading", languages),
                "body": translated(section.texts, "body", languages),
            }
            for section in record.sections
        ],
        "revisions_url": _url("api.revisions", slug=record.slug),
        "created_at": moment(record.created_at),
        "updated_at": moment(updated_at),
    }


def revision(record: SectionRevision, anchor: str) -> dict:
    return {
        "id": record.id,
        "section": anchor,
        "language": record.locale,
        "heading": record.heading or None,
        "body": record.body,
        "written_at": moment(record.written_at),
        "replaced_at": moment(record.replaced_at),
    }


def _author_name(record: Comment) -> str | None:
    """The public display name only; null where the site shows "Deleted account"."""
    author = record.author
    if author is None or getattr(author, "deleted_at", None) is not None:
        return None
    return author.display_name


def comment(record: Comment, slug: str, anchor: str | None, updated_at: datetime) -> dict:
    return {
        "id": record.id,
        "url": _url("api.comment", comment_id=record.id),
        "consultation": slug,
        "section": anchor,
        "parent_id": record.parent_id,
        "depth": record.depth,
        "author_name": _author_name(record),
        "language": record.language,
        "stance": record.stance.value if record.stance else None,
        "body_text": record.body_text,
        "body_html": record.body_html,
        "created_at": moment(record.created_at),
        "edited_at": moment(record.edited_at),
        "updated_at": moment(updated_at),
    }


def response(
    record: Response, slug: str, anchor: str | None, updated_at: datetime, comments: list[int]
) -> dict:
    return {
        "id": record.id,
        "url": _url("api.response", response_id=record.id),
        "consultation": slug,
        "section": anchor,
        "outcome": record.outcome.value,
        "reasons": translated(record.texts, "reasons"),
        "comments": comments,
        "published_at": moment(record.published_at),
        "updated_at": moment(updated_at),
    }


def audit_event(record: AuditEvent) -> dict:
    """The fields the public audit page shows: never the recorded before and after values."""
    fields, more = changes(record)
    return {
        "id": record.id,
        "url": _url("api.audit_event", event_id=record.id),
        "occurred_at": moment(record.occurred_at),
        "actor_name": record.actor_name if record.actor_id else None,
        "action": record.action,
        "target_type": record.target_type,
        "target_id": record.target_id,
        "changed_fields": fields,
        "more_fields_changed": more,
        "hash": record.hash,
        "prev_hash": record.prev_hash,
    }


def document(record: Document) -> dict:
    return {
        "id": record.id,
        "url": _url("api.document", document_id=record.id),
        "page_url": _url(
            "documents.detail",
            document_id=record.id,
            lang=current_app.config["DEFAULT_LANGUAGE"],
        ),
        "download_url": _url("documents.download", document_id=record.id),
        "owner_type": record.owner_type,
        "owner_id": record.owner_id,
        "title": translated(record.texts, "title"),
        "original_name": record.original_name,
        "media_type": record.media_type,
        "extension": record.extension,
        "size": record.size,
        "sha256": record.sha256,
        "uploaded_at": moment(record.uploaded_at),
        "updated_at": moment(record.uploaded_at),
    }


def standards(plan: ActionPlan, checked: datetime, findings) -> dict:
    """The standards check of one plan: each requirement's status and its evidence."""
    return {
        "plan": plan.slug,
        "url": _url("standards.plan", slug=plan.slug, lang=current_app.config["DEFAULT_LANGUAGE"]),
        "checked_at": moment(checked),
        "requirements": [
            {
                "key": rule.key,
                "title": str(rule.title),
                "status": finding.status.value,
                "detail": finding.detail,
                "evidence": [urljoin(request.host_url, address) for _, address in finding.evidence],
            }
            for rule, finding in findings
        ],
    }
