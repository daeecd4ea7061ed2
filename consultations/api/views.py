"""The public, read-only JSON API: every list paginated, every record in every language."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, jsonify, request, url_for
from werkzeug.exceptions import HTTPException, NotFound

from ..clock import now
from ..extensions import limiter
from ..fragments import kept_results, pin_versions
from ..plans.models import Assessment, ProgressUpdate
from ..reports import api as report_api
from ..standards.facts import plan_facts
from ..standards.rules import check
from . import forum as forum_api
from . import proposals, queries, serialize
from .http import (
    check_id,
    check_key,
    finish,
    http_error,
    listing,
    text_arg,
    window,
)
from .openapi import document

bp = Blueprint("api", __name__, url_prefix="/api/v1")
bp.after_request(finish)
bp.register_error_handler(HTTPException, http_error)
# Per address; generous for harvesting a page a second, and a deployment may change it.
limiter.limit(lambda: current_app.config["API_RATE_LIMIT"])(bp)


def _found(row):
    if row is None:
        raise NotFound()
    return row


@bp.get("/")
def index():
    """Where each resource lives, and the OpenAPI document describing them."""
    names = (
        "plans",
        "commitments",
        "progress_updates",
        "assessments",
        "agencies",
        "consultations",
        "comments",
        "responses",
        "audit_events",
        "documents",
        "quality",
        "self_assessment_reports",
        "proposals",
        "forums",
    )
    return jsonify(
        openapi=url_for("api.openapi", _external=True),
        resources={name: url_for(f"api.{name}", _external=True) for name in names},
    )


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 document of this API."""
    return jsonify(document())


@bp.get("/plans")
def plans():
    """Action plans, oldest record first."""
    page = queries.list_plans(window())
    return listing(page, [serialize.plan(*row) for row in page.items])


@bp.get("/plans/<slug>")
def plan(slug: str):
    """One action plan by its address name."""
    return jsonify(serialize.plan(*_found(queries.get_plan(check_key(slug)))))


@bp.get("/plans/<slug>/standards")
def plan_standards(slug: str):
    """OGP's minimum requirements for co-creation, checked now for one plan."""
    plan = _found(queries.get_plan(check_key(slug)))[0]
    moment = now()
    findings = check(plan_facts(plan, moment), moment.date())
    return jsonify(serialize.standards(plan, moment, findings))


@bp.get("/agencies")
def agencies():
    """Government agencies."""
    page = queries.list_agencies(window())
    return listing(page, [serialize.agency(*row) for row in page.items])


@bp.get("/agencies/<slug>")
def agency(slug: str):
    """One agency by its address name."""
    return jsonify(serialize.agency(*_found(queries.get_agency(check_key(slug)))))


@bp.get("/commitments")
def commitments():
    """Commitments with milestones and the status derived from their latest update."""
    today = now().date()
    pin_versions()  # before the ids: a record kept is stamped with the versions read here
    page = queries.list_commitments(
        window(), today, plan=text_arg("plan"), agency=text_arg("agency")
    )
    return listing(page, _serialized_commitments(page.items, today))


def _serialized_commitments(ids: list[int], today: date) -> list[dict]:
    """The page's commitments as the API shows them, each kept in the worker until a table
    it is read from changes (or the day does: progress is derived from it); only those not
    kept are read and serialized (a page of 25: four statements, some 700 rows and 250
    translated fields). Kept by address too: each item names its own full URL."""
    host = request.host_url

    def serialize_missing(keys: list[tuple]) -> dict[tuple, dict]:
        rows = queries.commitments_by_id([key[0] for key in keys], today)
        return {
            (row.commitment.id, today, host): serialize.commitment(row, *rest)
            for row, *rest in rows
        }

    kept = kept_results(
        "API commitment", [(ident, today, host) for ident in ids], serialize_missing
    )
    # A commitment removed between the ids and its row is left out, as the next page would.
    return [kept[key] for key in ((ident, today, host) for ident in ids) if key in kept]


@bp.get("/commitments/<reference>")
def commitment(reference: str):
    """One commitment by its reference, e.g. IL0024."""
    row = _found(queries.get_commitment(check_key(reference), now().date()))
    return jsonify(serialize.commitment(*row))


@bp.get("/progress-updates")
def progress_updates():
    """Published progress updates, optionally of one commitment."""
    page = queries.list_records(ProgressUpdate, window(), text_arg("commitment"))
    return listing(page, [serialize.progress_update(*row) for row in page.items])


@bp.get("/progress-updates/<int:update_id>")
def progress_update(update_id: int):
    """One progress update."""
    row = _found(queries.get_record(ProgressUpdate, check_id(update_id)))
    return jsonify(serialize.progress_update(*row))


@bp.get("/assessments")
def assessments():
    """Published independent assessments, optionally of one commitment."""
    page = queries.list_records(Assessment, window(), text_arg("commitment"))
    return listing(page, [serialize.assessment(*row) for row in page.items])


@bp.get("/assessments/<int:assessment_id>")
def assessment(assessment_id: int):
    """One assessment."""
    row = _found(queries.get_record(Assessment, check_id(assessment_id)))
    return jsonify(serialize.assessment(*row))


@bp.get("/consultations")
def consultations():
    """Consultations with their sections, optionally of one plan."""
    moment = now()
    page = queries.list_consultations(window(), moment, plan=text_arg("plan"))
    return listing(page, [serialize.consultation(*row, moment) for row in page.items])


@bp.get("/consultations/<slug>")
def consultation(slug: str):
    """One consultation with its sections."""
    moment = now()
    row = _found(queries.get_consultation(check_key(slug), moment))
    return jsonify(serialize.consultation(*row, moment))


@bp.get("/consultations/<slug>/revisions")
def revisions(slug: str):
    """Earlier wordings of the consultation's sections, replaced after it opened."""
    consultation_id = _found(queries.find_consultation_id(check_key(slug)))
    page = queries.list_revisions(consultation_id, window())
    return listing(page, [serialize.revision(*row) for row in page.items])


@bp.get("/comments")
def comments():
    """Visible comments, optionally on one consultation; hidden and held ones never appear."""
    page = queries.list_comments(window(), text_arg("consultation"))
    return listing(page, [serialize.comment(*row) for row in page.items])


@bp.get("/comments/<int:comment_id>")
def comment(comment_id: int):
    """One visible comment."""
    return jsonify(serialize.comment(*_found(queries.get_comment(check_id(comment_id)))))


@bp.get("/responses")
def responses():
    """Reasoned responses with the visible comments they answer."""
    page = queries.list_responses(window(), text_arg("consultation"))
    return listing(page, [serialize.response(*row) for row in page.items])


@bp.get("/responses/<int:response_id>")
def response(response_id: int):
    """One reasoned response."""
    return jsonify(serialize.response(*_found(queries.get_response(check_id(response_id)))))


@bp.get("/audit-events")
def audit_events():
    """Public audit events, oldest first, optionally about one kind of thing or one thing."""
    page = queries.list_audit_events(window(), text_arg("target_type"), text_arg("target_id"))
    return listing(page, [serialize.audit_event(event) for event in page.items])


@bp.get("/audit-events/<int:event_id>")
def audit_event(event_id: int):
    """One public audit event."""
    return jsonify(serialize.audit_event(_found(queries.get_audit_event(check_id(event_id)))))


@bp.get("/documents")
def documents():
    """Documents attached to public records, optionally of one kind of record."""
    page = queries.list_documents(window(), text_arg("owner_type"))
    return listing(page, [serialize.document(record) for record in page.items])


@bp.get("/documents/<int:document_id>", endpoint="document")
def one_document(document_id: int):
    """One document: its metadata, download address and SHA-256."""
    return jsonify(serialize.document(_found(queries.get_document(check_id(document_id)))))


@bp.get("/quality")
def quality():
    """The service-quality series of the last twelve months: the site, a country or an agency."""
    from ..quality.api import quality_series

    return jsonify(quality_series(text_arg("country"), text_arg("agency")))


@bp.get("/plans/<slug>/gaps")
def plan_gaps(slug: str):
    """A plan's commitments whose latest self-report and latest assessment disagree."""
    page = _found(report_api.list_gaps(check_key(slug), window(), now().date()))
    return listing(page, [report_api.gap(row) for row in page.items])


@bp.get("/self-assessment-reports")
def self_assessment_reports():
    """Published self-assessment reports, optionally of one plan."""
    page = report_api.list_reports(window(), text_arg("plan"))
    return listing(page, [report_api.report(*row) for row in page.items])


@bp.get("/self-assessment-reports/<int:report_id>")
def self_assessment_report(report_id: int):
    """One published self-assessment report, with the figures frozen at publication."""
    row = _found(report_api.get_report(check_id(report_id)))
    return jsonify(report_api.report(*row))


@bp.get("/proposals", endpoint="proposals")
def proposals_():
    """Visible proposals from the public, optionally of one plan, with published answers."""
    page = proposals.list_proposals(window(), text_arg("plan"))
    return listing(page, [proposals.proposal(*row) for row in page.items])


@bp.get("/proposals/<int:proposal_id>")
def proposal(proposal_id: int):
    """One visible proposal."""
    return jsonify(proposals.proposal(*_found(proposals.get_proposal(check_id(proposal_id)))))


@bp.get("/forums")
def forums():
    """Multi-stakeholder forums, one per country."""
    page = forum_api.list_forums(window())
    return listing(page, [forum_api.forum(*row) for row in page.items])


@bp.get("/forums/<country>")
def forum(country: str):
    """One country's forum, with when its rules were published."""
    return jsonify(forum_api.forum(*forum_api.get_forum(check_key(country))))


@bp.get("/forums/<country>/members")
def forum_members(country: str):
    """Every membership of a forum, ended ones included: a change ends one and starts another."""
    page = forum_api.list_members(forum_api.forum_id(check_key(country)), window())
    return listing(page, [forum_api.member(record) for record in page.items])


@bp.get("/forums/<country>/meetings")
def forum_meetings(country: str):
    """A forum's meetings, with their agendas and minutes once published."""
    page = forum_api.list_meetings(forum_api.forum_id(check_key(country)), window())
    return listing(page, [forum_api.meeting(*row) for row in page.items])


@bp.get("/forums/<country>/rules")
def forum_rules(country: str):
    """Every published version of a forum's rules of participation."""
    page = forum_api.list_rules(forum_api.forum_id(check_key(country)), window())
    return listing(page, [forum_api.rules(record) for record in page.items])
