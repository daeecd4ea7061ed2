"""The OpenAPI 3.1 document of the API, kept as data next to the code it describes.

Enumerations come from the models' own enums and the languages from the configuration,
so the document cannot drift from what the API sends. Tests validate the document and
check every endpoint's real answers against it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..comments.models import Stance
from ..config import SHIPPED_LANGUAGES
from ..consultation.models import Phase
from ..content import published_languages
from ..documents.models import OWNER_TYPES
from ..forum.models import MemberRole, Sector
from ..plans.models import (
    OGP_VALUES,
    POLICY_AREAS,
    AssessedCompletion,
    Completion,
    MilestoneStatus,
    OpenedGovernment,
    PlanStatus,
    PotentialForResults,
    PotentialImpact,
)
from ..proposals.models import Outcome as ProposalOutcome
from ..responses.models import Outcome
from .http import DEFAULT_PER_PAGE, MAX_ID, MAX_KEY_LENGTH, MAX_PAGE, MAX_PER_PAGE

STRING = {"type": "string"}
TEXT_OR_NULL = {"type": ["string", "null"]}
INTEGER = {"type": "integer"}
ID = {"type": "integer", "minimum": 1}
URL = {"type": "string", "format": "uri"}
MOMENT = {"type": "string", "format": "date-time"}
MOMENT_OR_NULL = {"type": ["string", "null"], "format": "date-time"}
DAY = {"type": "string", "format": "date"}
DAY_OR_NULL = {"type": ["string", "null"], "format": "date"}
BOOLEAN_OR_NULL = {"type": ["boolean", "null"]}
TRANSLATED = {"$ref": "#/components/schemas/Translated"}


def _enum(values, nullable: bool = False) -> dict:
    values = [getattr(value, "value", value) for value in values]
    if nullable:
        return {"type": ["string", "null"], "enum": [*values, None]}
    return {"type": "string", "enum": values}


def _object(about: str, /, **properties) -> dict:
    """A closed object whose every property is always present (null where it has no value)."""
    return {
        "type": "object",
        "description": about,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _described(schema: dict, description: str) -> dict:
    return {**schema, "description": description}


SCHEMAS = {
    "Translated": {
        "type": "object",
        "description": "A text in every language of the site (and in any language it no "
        "longer offers but still holds texts in); null where that language has no text. The "
        "API never fills a missing language from another one.",
        "properties": {lang: TEXT_OR_NULL for lang in SHIPPED_LANGUAGES},
        "required": [],  # the languages listed, filled in by document()
        "additionalProperties": False,
    },
    "Error": _object(
        "What went wrong.",
        error=_object(
            "The HTTP status and a message in English.",
            status={"type": "integer", "minimum": 400, "maximum": 599},
            message=STRING,
        ),
    ),
    "Meta": _object(
        "Where this page is in the whole list.",
        page={"type": "integer", "minimum": 1},
        per_page={"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
        total={"type": "integer", "minimum": 0, "description": "Records matching the filters."},
        pages={"type": "integer", "minimum": 1},
    ),
    "Links": {
        "type": "object",
        "description": "The same pages as the Link header.",
        "properties": {rel: URL for rel in ("first", "prev", "next", "last")},
        "required": ["first", "last"],
        "additionalProperties": False,
    },
    "Index": _object(
        "Where each resource lives.",
        openapi=URL,
        resources={"type": "object", "additionalProperties": URL},
    ),
    "Plan": _object(
        "A national action plan.",
        id=ID,
        slug=_described(STRING, "The plan's address name; its key in this API and on the site."),
        url=URL,
        country=_described(STRING, "ISO 3166-1 alpha-2 code."),
        number={"type": "integer", "description": "1 for the country's first plan, and so on."},
        status=_enum(PlanStatus),
        period_start=DAY,
        period_end=DAY,
        coordinating_agency=_described(STRING, "The coordinating agency's slug."),
        title=TRANSLATED,
        summary=TRANSLATED,
        refreshes=_described(
            {"type": "array", "items": {"$ref": "#/components/schemas/PlanRefresh"}},
            "The times the adopted plan was refreshed (e.g. at its mid-term review), newest first.",
        ),
        created_at=MOMENT,
        updated_at=_described(MOMENT, "The last change to the plan or its texts."),
    ),
    "PlanRefresh": _object(
        "A refresh of an adopted plan, with its note.",
        refreshed_on=DAY,
        note=TRANSLATED,
    ),
    "Agency": _object(
        "A government body that leads commitments.",
        id=ID,
        slug=STRING,
        url=URL,
        name=TRANSLATED,
        country=_described(TEXT_OR_NULL, "ISO 3166-1 alpha-2 code; null where not known."),
        contact_email=_described(TEXT_OR_NULL, "Public contact e-mail address."),
        phone=_described(TEXT_OR_NULL, "Public telephone number."),
        website=_described(TEXT_OR_NULL, "The agency's website."),
        postal_address=_described(TEXT_OR_NULL, "Postal address, lines separated by newlines."),
        created_at=MOMENT,
        updated_at=MOMENT,
    ),
    "Milestone": _object(
        "A verifiable deliverable of a commitment.",
        id=ID,
        position={"type": "integer", "minimum": 1},
        start_date=DAY_OR_NULL,
        due_date=DAY,
        status=_enum(MilestoneStatus),
        completed_on=DAY_OR_NULL,
        deliverable=TRANSLATED,
    ),
    "Commitment": _object(
        "A commitment of an action plan. Its status and percent complete are derived from "
        "its latest published progress update (null when it has none).",
        id=ID,
        reference=_described(STRING, "OGP-style reference, e.g. IL0024."),
        url=URL,
        plan=_described(STRING, "The plan's slug."),
        lead_agency=_described(STRING, "The lead agency's slug."),
        source_language=_described(_enum(SHIPPED_LANGUAGES), "The language it was written in."),
        start_date=DAY_OR_NULL,
        end_date=DAY_OR_NULL,
        ogp_values={"type": "array", "items": _enum(OGP_VALUES), "uniqueItems": True},
        schedule_note=_described(
            TEXT_OR_NULL, "What the plan writes instead of a date, e.g. “Permanent activity”."
        ),
        policy_area=_described(
            _enum(POLICY_AREAS, nullable=True), "OGP's policy area, by its English key."
        ),
        contact_person=_described(TEXT_OR_NULL, "Who answers for the commitment."),
        budget={
            "oneOf": [
                {"type": "null"},
                _object(
                    "The commitment's budget.",
                    amount=_described(
                        {"type": "string", "pattern": "^[0-9]+\\.[0-9]{2}$"},
                        "A decimal amount, written as a string to keep its cents exact.",
                    ),
                    currency=_described(
                        {"type": "string", "pattern": "^[A-Z]{3}$"}, "ISO 4217 currency code."
                    ),
                    source=_described(TEXT_OR_NULL, "Where the money comes from."),
                ),
            ]
        },
        irm_design=_object(
            "What the Independent Reporting Mechanism recorded about the design; null "
            "where not known.",
            verifiable=BOOLEAN_OR_NULL,
            relevant=_described(BOOLEAN_OR_NULL, "Relevant to OGP values."),
            potential_for_results=_enum(PotentialForResults, nullable=True),
            potential_impact=_described(
                _enum(PotentialImpact, nullable=True), "The older scale, for plans before 2021."
            ),
            promising=BOOLEAN_OR_NULL,
            starred=BOOLEAN_OR_NULL,
        ),
        title=TRANSLATED,
        problem=TRANSLATED,
        objective=TRANSLATED,
        description=TRANSLATED,
        other_actors=TRANSLATED,
        status=_enum(Completion, nullable=True),
        percent_complete={"type": ["integer", "null"], "minimum": 0, "maximum": 100},
        last_update_at=_described(MOMENT_OR_NULL, "When the latest progress update came out."),
        next_milestone_due=_described(DAY_OR_NULL, "The earliest due date still open."),
        stale={"type": "boolean", "description": "No progress reported for too long."},
        milestones={"type": "array", "items": {"$ref": "#/components/schemas/Milestone"}},
        created_at=MOMENT,
        updated_at=_described(
            MOMENT,
            "The last change to the commitment, its texts, milestones, updates or assessments.",
        ),
    ),
    "MilestoneState": _object(
        "A milestone's state as one progress update reported it.",
        milestone_id={"type": ["integer", "null"]},
        status=TEXT_OR_NULL,
        completed_on=TEXT_OR_NULL,
    ),
    "ProgressUpdate": _object(
        "A coordinator's published progress report. Never edited: a correction is a new "
        "update whose `corrects` names the one it corrects.",
        id=ID,
        url=URL,
        commitment=_described(STRING, "The commitment's reference."),
        author_name=STRING,
        agency=_described(TEXT_OR_NULL, "The slug of the agency it was published for."),
        organisation=_described(
            TEXT_OR_NULL,
            "The organisation's name as written, for older updates whose agency is not "
            "known; null where `agency` names it.",
        ),
        status=_enum(Completion),
        percent_complete={"type": "integer", "minimum": 0, "maximum": 100},
        milestone_states={
            "type": "array",
            "items": {"$ref": "#/components/schemas/MilestoneState"},
        },
        evidence={"type": "array", "items": URL},
        narrative=TRANSLATED,
        corrects={"type": ["integer", "null"]},
        published_at=_described(
            MOMENT,
            "The moment the update reports on; an update recorded later for an earlier day "
            "(backdated) is ordered by it.",
        ),
        recorded_at=_described(MOMENT, "When the update was recorded on the site."),
        updated_at=_described(MOMENT, "Equal to recorded_at: updates never change."),
    ),
    "Assessment": _object(
        "A civil-society monitor's independent assessment; immutable like progress updates.",
        id=ID,
        url=URL,
        commitment=STRING,
        author_name=STRING,
        organisation=STRING,
        milestone=_described(
            {"type": ["integer", "null"]},
            "The id of the milestone assessed; null when the whole commitment is.",
        ),
        completion=_enum(AssessedCompletion),
        opened_government=_described(
            _enum(OpenedGovernment, nullable=True), "Null for a milestone's assessment."
        ),
        evidence={"type": "array", "items": URL},
        narrative=TRANSLATED,
        corrects={"type": ["integer", "null"]},
        published_at=MOMENT,
        updated_at=MOMENT,
    ),
    "Section": _object(
        "One part of the draft, in its current wording.",
        id=ID,
        anchor=_described(STRING, "Stable across edits and reordering."),
        position={"type": "integer"},
        heading=TRANSLATED,
        body=TRANSLATED,
    ),
    "Consultation": _object(
        "A draft opened for public comment. Its phase follows from the clock and the responses.",
        id=ID,
        slug=STRING,
        url=URL,
        plan=STRING,
        commitment=_described(TEXT_OR_NULL, "The draft commitment's reference, if on one."),
        agency=STRING,
        phase=_enum(Phase),
        opens_at=MOMENT,
        closes_at=MOMENT,
        response_deadline=MOMENT,
        responses_completed_at=MOMENT_OR_NULL,
        title=TRANSLATED,
        introduction=TRANSLATED,
        sections={"type": "array", "items": {"$ref": "#/components/schemas/Section"}},
        revisions_url=URL,
        created_at=MOMENT,
        updated_at=_described(
            MOMENT, "The last change to it, its texts or sections, or its opening or closing."
        ),
    ),
    "SectionRevision": _object(
        "A wording of a section in one language, replaced after the consultation opened.",
        id=ID,
        section=_described(STRING, "The section's anchor."),
        language=_enum(SHIPPED_LANGUAGES),
        heading=TEXT_OR_NULL,
        body=STRING,
        written_at=MOMENT,
        replaced_at=MOMENT,
    ),
    "Comment": _object(
        "A visible comment. Hidden, held and removed comments never appear; authors are "
        "given by display name only.",
        id=ID,
        url=URL,
        consultation=STRING,
        section=_described(TEXT_OR_NULL, "The section's anchor; null for the whole draft."),
        parent_id=_described(
            {"type": ["integer", "null"]},
            "The comment it replies to (which may itself not be visible).",
        ),
        depth={"type": "integer", "minimum": 0},
        author_name=_described(TEXT_OR_NULL, "Display name; null for a deleted account."),
        language=STRING,
        stance=_enum(Stance, nullable=True),
        body_text=STRING,
        body_html=_described(STRING, "Sanitized HTML."),
        created_at=MOMENT,
        edited_at=MOMENT_OR_NULL,
        updated_at=MOMENT,
    ),
    "Response": _object(
        "A reasoned response to comments or to a whole section.",
        id=ID,
        url=URL,
        consultation=STRING,
        section=TEXT_OR_NULL,
        outcome=_enum(Outcome),
        reasons=TRANSLATED,
        comments={
            "type": "array",
            "items": ID,
            "description": "Ids of the visible comments it answers.",
        },
        published_at=MOMENT,
        updated_at=MOMENT,
    ),
    "AuditEvent": _object(
        "A public entry of the hash-chained audit log, with the fields the audit page shows.",
        id=ID,
        url=URL,
        occurred_at=MOMENT,
        actor_name=_described(TEXT_OR_NULL, "Null when the system acted."),
        action=_described(STRING, "e.g. commitment.update, update.publish, comment.hide."),
        target_type=STRING,
        target_id=_described(STRING, "The target's slug, reference or id."),
        changed_fields={"type": "array", "items": STRING, "maxItems": 8},
        more_fields_changed={"type": "boolean", "description": "More than 8 fields changed."},
        hash=_described(STRING, "SHA-256 of the event, chained to prev_hash."),
        prev_hash=STRING,
    ),
    "StandardsCheck": _object(
        "OGP's minimum requirements for co-creation, checked from the data when asked.",
        plan=_described(STRING, "The plan's address name."),
        url=_described(URL, "The check's page."),
        checked_at=MOMENT,
        requirements={
            "type": "array",
            "items": _object(
                "One requirement and what the data says of it.",
                key=_described(STRING, "A stable name of the requirement."),
                title=STRING,
                status={"type": "string", "enum": ["met", "not_met", "not_yet_due"]},
                detail=_described(STRING, "Why it is not met, when it is not."),
                evidence={"type": "array", "items": URL},
            ),
        },
    ),
    "Document": _object(
        "A file attached to a public record. Never changed: a correction is a new document. "
        "Check a download against `sha256`.",
        id=ID,
        url=URL,
        page_url=_described(URL, "The document's page."),
        download_url=_described(URL, "The file itself, with the stored media type."),
        owner_type=_enum(OWNER_TYPES),
        owner_id=_described(
            ID, "The id of the plan, progress update, assessment, comment or forum meeting."
        ),
        title=TRANSLATED,
        original_name=STRING,
        media_type=STRING,
        extension=STRING,
        size={"type": "integer", "minimum": 1},
        sha256={"type": "string", "pattern": "^[0-9a-f]{64}$"},
        uploaded_at=MOMENT,
        updated_at=_described(MOMENT, "Equal to uploaded_at: documents never change."),
    ),
    "Forum": _object(
        "A country's multi-stakeholder forum, where government and civil society meet.",
        id=ID,
        country=_described(STRING, "ISO 3166-1 alpha-2 code; the forum's key in this API."),
        url=URL,
        members_url=URL,
        meetings_url=URL,
        rules_url=URL,
        join_html=_described(TEXT_OR_NULL, "How to join, as sanitized HTML."),
        join_language=TEXT_OR_NULL,
        rules_version=_described(
            {"type": ["integer", "null"]}, "The current version of the rules of participation."
        ),
        rules_first_published_at=_described(
            MOMENT_OR_NULL, "When the rules of participation were first published."
        ),
        rules_published_at=_described(MOMENT_OR_NULL, "When the current version was published."),
        created_at=MOMENT,
        updated_at=MOMENT,
    ),
    "ForumMember": _object(
        "One stretch of a membership: a change ends it (ended_on) and starts another that "
        "replaces it (replaces_id).",
        id=ID,
        name=_described(STRING, "A person's name, or a seat's."),
        is_seat={"type": "boolean"},
        organisation=TEXT_OR_NULL,
        sector=_enum(Sector),
        role=_enum(MemberRole),
        term_start=DAY,
        term_end=DAY_OR_NULL,
        ended_on=_described(DAY_OR_NULL, "The day this row stopped being current."),
        replaces_id={"type": ["integer", "null"], "minimum": 1},
        created_at=MOMENT,
        updated_at=_described(MOMENT, "When the row was recorded."),
    ),
    "ForumMeeting": _object(
        "A forum meeting: its agenda is published before it, its minutes after.",
        id=ID,
        held_at=MOMENT,
        place=TEXT_OR_NULL,
        online={"type": "boolean"},
        language=_described(STRING, "The language of its agenda and minutes."),
        agenda_html=TEXT_OR_NULL,
        agenda_published_at=MOMENT_OR_NULL,
        minutes_html=TEXT_OR_NULL,
        decisions_html=TEXT_OR_NULL,
        minutes_published_at=MOMENT_OR_NULL,
        created_at=MOMENT,
        updated_at=_described(MOMENT, "The latest publication (minutes, agenda) or creation."),
    ),
    "ForumRules": _object(
        "One published version of a forum's rules of participation.",
        version={"type": "integer", "minimum": 1},
        language=STRING,
        body_html=STRING,
        published_at=MOMENT,
        updated_at=MOMENT,
    ),
}

SCHEMAS["Gap"] = _object(
    "A commitment whose latest self-reported status and latest independent assessment differ.",
    commitment=_described(STRING, "The commitment's reference."),
    url=URL,
    title=TRANSLATED,
    lead_agency=_described(STRING, "The lead agency's slug."),
    reported=_enum(Completion),
    reported_at=MOMENT,
    assessed=_enum(AssessedCompletion),
    assessed_at=MOMENT,
    kind=_enum(("lower", "higher", "no_evidence", "withdrawn")),
    distance=_described(
        {"type": ["integer", "null"], "minimum": 1, "maximum": 3},
        "Steps apart on the scale not started, limited, substantial, complete; null when "
        "one claim is off it (withdrawn, no evidence).",
    ),
    since=_described(MOMENT, "When the later of the two claims was published."),
    stale=_described({"type": "boolean"}, "No progress update for too long."),
    milestone_overdue=_described({"type": "boolean"}, "A milestone is past due, not complete."),
)
SCHEMAS["SelfAssessmentReport"] = _object(
    "A plan's published self-assessment report; frozen: a correction is a new report.",
    id=ID,
    url=URL,
    page=_described(URL, "The report's public page (in English; other languages by prefix)."),
    plan=_described(STRING, "The plan's slug."),
    period=_enum(("mid_term", "end_of_term")),
    languages={"type": "array", "items": STRING, "description": "Languages written in."},
    replaces={"type": ["integer", "null"], "description": "The report this one corrects."},
    replaced_by={"type": ["integer", "null"], "description": "The report that corrects it."},
    introduction_html=TRANSLATED,
    process_html=TRANSLATED,
    conclusions_html=TRANSLATED,
    figures={
        "type": "object",
        "description": "The figures gathered from the records and frozen at publication: "
        "participation, and per commitment its status history, milestones, evidence, "
        "assessments and any disagreement.",
    },
    published_at=MOMENT,
    updated_at=_described(MOMENT, "Equal to published_at: published reports never change."),
)

# Proposals from the public (api/proposals.py).
SCHEMAS.update(
    {
        "ProposalAnswer": _object(
            "The government's reasoned answer, published with the plan's other answers.",
            outcome=_enum(ProposalOutcome),
            commitment=_described(TEXT_OR_NULL, "The commitment it shaped (reference), if any."),
            merged_into={"type": ["integer", "null"], "minimum": 1},
            reasons=STRING,
            language=STRING,
            published_at=MOMENT,
        ),
        "Proposal": _object(
            "A commitment proposed by a member of the public during a plan's proposals stage. "
            "Hidden proposals never appear.",
            id=ID,
            url=URL,
            plan=_described(STRING, "The plan's slug."),
            title=STRING,
            problem=STRING,
            solution=STRING,
            language=STRING,
            author_name=STRING,
            organisation=_described(TEXT_OR_NULL, "The registered organisation it speaks for."),
            lead_agency=_described(TEXT_OR_NULL, "The suggested lead agency's slug."),
            ogp_values={"type": "array", "items": _enum(OGP_VALUES)},
            supporters={"type": "integer", "minimum": 0},
            answer={
                "oneOf": [{"$ref": "#/components/schemas/ProposalAnswer"}, {"type": "null"}],
                "description": "Null until the plan's answers are published.",
            },
            created_at=MOMENT,
            updated_at=_described(MOMENT, "Its creation, or the publication of its answer."),
        ),
    }
)


LISTED = {
    "Gap": "GapList",
    "SelfAssessmentReport": "SelfAssessmentReportList",
    "Plan": "PlanList",
    "Agency": "AgencyList",
    "Commitment": "CommitmentList",
    "ProgressUpdate": "ProgressUpdateList",
    "Assessment": "AssessmentList",
    "Consultation": "ConsultationList",
    "SectionRevision": "SectionRevisionList",
    "Comment": "CommentList",
    "Response": "ResponseList",
    "AuditEvent": "AuditEventList",
    "Document": "DocumentList",
    "Proposal": "ProposalList",
    "Forum": "ForumList",
    "ForumMember": "ForumMemberList",
    "ForumMeeting": "ForumMeetingList",
    "ForumRules": "ForumRulesList",
}
for _item, _list in LISTED.items():
    SCHEMAS[_list] = _object(
        f"One page of {_item} records.",
        data={"type": "array", "items": {"$ref": f"#/components/schemas/{_item}"}},
        meta={"$ref": "#/components/schemas/Meta"},
        links={"$ref": "#/components/schemas/Links"},
    )


NUMBER_OR_NULL = {"type": ["number", "null"]}
COUNT = {"type": "integer", "minimum": 0}
COUNT_OR_NULL = {"type": ["integer", "null"], "minimum": 0}
SCHEMAS["QualityMonth"] = _object(
    "One month's service-quality figures. A closed month's figures are kept when the month "
    "ends and do not change afterwards; null where there is no data.",
    month={"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$", "description": "YYYY-MM."},
    status=_described(
        _enum(("kept", "not_kept", "current")),
        "kept: a closed month's kept figures; not_kept: a closed month not computed yet (every "
        "figure null); current: this month so far.",
    ),
    median_days=_described(
        NUMBER_OR_NULL,
        "Median days from closing to the first response, "
        "over the first responses published in the month.",
    ),
    first_responses=COUNT_OR_NULL,
    answered_on_time=_described(
        COUNT_OR_NULL,
        "Visible comments answered on or before the "
        "response deadline, of consultations whose deadline fell in "
        "the month.",
    ),
    answers_due=_described(COUNT_OR_NULL, "Visible comments of those consultations."),
    share_on_time={"type": ["number", "null"], "minimum": 0, "maximum": 1},
    satisfaction=_described(NUMBER_OR_NULL, "Average satisfaction, 1 to 5."),
    satisfaction_answers=COUNT_OR_NULL,
    ease=_described(NUMBER_OR_NULL, "Average ease of taking part, 1 to 5."),
    ease_answers=COUNT_OR_NULL,
    commitments_fresh=_described(
        COUNT_OR_NULL,
        "Commitments of plans being implemented with "
        "a progress update in the 90 days before the month's end.",
    ),
    commitments_reporting=COUNT_OR_NULL,
    freshness={"type": ["number", "null"], "minimum": 0, "maximum": 1},
    comments=_described(COUNT_OR_NULL, "Visible comments written in the month."),
    participants=_described(COUNT_OR_NULL, "Distinct people who wrote them."),
    new_accounts=_described(COUNT_OR_NULL, "Accounts opened in the month (whole site only)."),
    proposals=_described(COUNT_OR_NULL, "Proposals from the public received in the month."),
)
SCHEMAS["QualitySeries"] = _object(
    "The last twelve months of one body, oldest first, and the published service standards.",
    scope=_object(
        "Whose figures: the whole site, a country (its ISO code) or an agency (its slug).",
        kind=_enum(("site", "country", "agency")),
        key=TEXT_OR_NULL,
    ),
    standards=_object(
        "The service standards the months are compared with.",
        median_days={"type": "number"},
        on_time_share={"type": "number", "minimum": 0, "maximum": 1},
        satisfaction={"type": "number"},
        fresh_share={"type": "number", "minimum": 0, "maximum": 1},
    ),
    data={"type": "array", "items": {"$ref": "#/components/schemas/QualityMonth"}},
)


def _query(name: str, schema: dict, description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


PARAMETERS = {
    "page": _query(
        "page",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
        "Which page (from 1); past the last page the list is empty.",
    ),
    "per_page": _query(
        "per_page",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE},
        "Records per page.",
    ),
    "updated_since": _query(
        "updated_since",
        MOMENT,
        "Only records whose updated_at is at or after this ISO 8601 moment (a date alone "
        "means its midnight; no offset means UTC). Anything else is a 400 error.",
    ),
}

# Control characters other than tab and line breaks are refused with 400 at the site's edge.
TEXT = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$"
FILTER = {"type": "string", "maxLength": MAX_KEY_LENGTH, "pattern": TEXT}
FILTERS = {
    "plan": _query("plan", FILTER, "Only records of the plan with this slug."),
    "agency": _query("agency", FILTER, "Only commitments led by the agency with this slug."),
    "commitment": _query("commitment", FILTER, "Only records of this commitment (reference)."),
    "consultation": _query("consultation", FILTER, "Only records of this consultation (slug)."),
    "target_type": _query(
        "target_type", FILTER, "Only events about this kind of thing (plan, commitment, …)."
    ),
    "target_id": _query(
        "target_id", FILTER, "Only events about the thing with this slug, reference or id."
    ),
    "owner_type": _query(
        "owner_type", FILTER, "Only documents of this kind of record (plan, comment, …)."
    ),
}

HEADERS = {
    "Link": {
        "description": "RFC 8288 links to the first, previous, next and last pages.",
        "required": True,
        "schema": STRING,
    },
    "X-Total-Count": {
        "description": "How many records match, on every page.",
        "required": True,
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    },
}


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


RESPONSES = {
    "BadRequest": _error("A query parameter is not valid; the message says which."),
    "NotFound": _error("No such record."),
    "TooManyRequests": _error("Too many requests from this address; wait a minute."),
    "ServerError": _error("An error on the server."),
}
ERRORS = {
    "400": {"$ref": "#/components/responses/BadRequest"},
    "429": {"$ref": "#/components/responses/TooManyRequests"},
    "500": {"$ref": "#/components/responses/ServerError"},
}


def _ok(schema: str, description: str, headers: dict | None = None) -> dict:
    answer = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }
    if headers:
        answer["headers"] = headers
    return answer


def _list(tag: str, schema: str, summary: str, filters: tuple[str, ...] = ()) -> dict:
    parameters = [{"$ref": f"#/components/parameters/{name}"} for name in PARAMETERS]
    parameters += [{"$ref": f"#/components/parameters/{name}"} for name in filters]
    return {
        "get": {
            "tags": [tag],
            "summary": summary,
            "operationId": f"list{schema}s",
            "parameters": parameters,
            "responses": {
                "200": _ok(f"{schema}List", "One page of the list.", HEADERS),
                "304": {"description": "Not modified since the ETag given in If-None-Match."},
                **ERRORS,
            },
        }
    }


def _detail(tag: str, schema: str, summary: str, key: str, key_schema: dict) -> dict:
    return {
        "get": {
            "tags": [tag],
            "summary": summary,
            "operationId": f"get{schema}",
            "parameters": [{"name": key, "in": "path", "required": True, "schema": key_schema}],
            "responses": {
                "200": _ok(schema, "The record."),
                "304": {"description": "Not modified since the ETag given in If-None-Match."},
                "404": {"$ref": "#/components/responses/NotFound"},
                **ERRORS,
            },
        }
    }


KEY = {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH, "pattern": TEXT}
NUMBER = {"type": "integer", "minimum": 1, "maximum": MAX_ID}

PATHS = {
    "/": {
        "get": {
            "tags": ["API"],
            "summary": "Where each resource lives",
            "operationId": "index",
            "responses": {"200": _ok("Index", "Links to the resources."), **ERRORS},
        }
    },
    "/openapi.json": {
        "get": {
            "tags": ["API"],
            "summary": "This document",
            "operationId": "openapi",
            "responses": {
                "200": {
                    "description": "The OpenAPI 3.1 document.",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                **ERRORS,
            },
        }
    },
    "/plans": _list("Plans", "Plan", "Action plans"),
    "/plans/{slug}": _detail("Plans", "Plan", "One action plan", "slug", KEY),
    "/plans/{slug}/standards": _detail(
        "Plans", "StandardsCheck", "The co-creation standards check of one plan", "slug", KEY
    ),
    "/agencies": _list("Agencies", "Agency", "Agencies"),
    "/agencies/{slug}": _detail("Agencies", "Agency", "One agency", "slug", KEY),
    "/commitments": _list(
        "Commitments",
        "Commitment",
        "Commitments with milestones and derived status",
        ("plan", "agency"),
    ),
    "/commitments/{reference}": _detail(
        "Commitments", "Commitment", "One commitment", "reference", KEY
    ),
    "/progress-updates": _list(
        "Commitments", "ProgressUpdate", "Published progress updates", ("commitment",)
    ),
    "/progress-updates/{update_id}": _detail(
        "Commitments", "ProgressUpdate", "One progress update", "update_id", NUMBER
    ),
    "/assessments": _list("Commitments", "Assessment", "Independent assessments", ("commitment",)),
    "/assessments/{assessment_id}": _detail(
        "Commitments", "Assessment", "One assessment", "assessment_id", NUMBER
    ),
    "/consultations": _list(
        "Consultations", "Consultation", "Consultations with their sections", ("plan",)
    ),
    "/consultations/{slug}": _detail(
        "Consultations", "Consultation", "One consultation", "slug", KEY
    ),
    "/comments": _list("Consultations", "Comment", "Visible comments", ("consultation",)),
    "/comments/{comment_id}": _detail(
        "Consultations", "Comment", "One visible comment", "comment_id", NUMBER
    ),
    "/responses": _list("Consultations", "Response", "Reasoned responses", ("consultation",)),
    "/responses/{response_id}": _detail(
        "Consultations", "Response", "One reasoned response", "response_id", NUMBER
    ),
    "/audit-events": _list(
        "Audit log",
        "AuditEvent",
        "The public audit log, oldest first",
        ("target_type", "target_id"),
    ),
    "/audit-events/{event_id}": _detail(
        "Audit log", "AuditEvent", "One audit event", "event_id", NUMBER
    ),
    "/documents": _list("Documents", "Document", "Documents of public records", ("owner_type",)),
    "/proposals": _list("Plans", "Proposal", "Proposals from the public", ("plan",)),
    "/proposals/{proposal_id}": _detail("Plans", "Proposal", "One proposal", "proposal_id", NUMBER),
    "/documents/{document_id}": _detail(
        "Documents", "Document", "One document", "document_id", NUMBER
    ),
}

PATHS["/quality"] = {
    "get": {
        "tags": ["Service quality"],
        "summary": "Service quality month by month",
        "operationId": "getQuality",
        "parameters": [
            _query("country", FILTER, "Only the agencies of this country (ISO code)."),
            _query(
                "agency",
                FILTER,
                "Only this agency (its slug); with `country`, it must be of that country.",
            ),
        ],
        "responses": {
            "200": _ok("QualitySeries", "The series."),
            "304": {"description": "Not modified since the ETag given in If-None-Match."},
            "404": {"$ref": "#/components/responses/NotFound"},
            **ERRORS,
        },
    }
}
PATHS["/self-assessment-reports"] = _list(
    "Plans", "SelfAssessmentReport", "Published self-assessment reports", ("plan",)
)
PATHS["/self-assessment-reports/{report_id}"] = _detail(
    "Plans", "SelfAssessmentReport", "One published self-assessment report", "report_id", NUMBER
)
gaps = _list("Plans", "Gap", "Where a plan's self-reports and assessments disagree")
gaps["get"]["parameters"] = [
    {"name": "slug", "in": "path", "required": True, "schema": KEY},
    *(p for p in gaps["get"]["parameters"] if p["$ref"] != "#/components/parameters/updated_since"),
]
gaps["get"]["responses"]["404"] = {"$ref": "#/components/responses/NotFound"}
PATHS["/plans/{slug}/gaps"] = gaps

revisions = _list("Consultations", "SectionRevision", "Earlier wordings of the sections")
revisions["get"]["parameters"].insert(
    0, {"name": "slug", "in": "path", "required": True, "schema": KEY}
)
revisions["get"]["responses"]["404"] = {"$ref": "#/components/responses/NotFound"}
PATHS["/consultations/{slug}/revisions"] = revisions

PATHS["/forums"] = _list("Forums", "Forum", "Multi-stakeholder forums")
PATHS["/forums/{country}"] = _detail("Forums", "Forum", "One country's forum", "country", KEY)
for _path, _schema, _summary in (
    ("members", "ForumMember", "Every membership of a forum, ended ones included"),
    ("meetings", "ForumMeeting", "A forum's meetings"),
    ("rules", "ForumRules", "Every version of a forum's rules of participation"),
):
    _listing = _list("Forums", _schema, _summary)
    _listing["get"]["parameters"].insert(
        0, {"name": "country", "in": "path", "required": True, "schema": KEY}
    )
    _listing["get"]["responses"]["404"] = {"$ref": "#/components/responses/NotFound"}
    PATHS[f"/forums/{{country}}/{_path}"] = _listing

DESCRIPTION = """\
The public data of this open-government platform, read-only and free to reuse.

* Every list is paginated with `page` and `per_page` (at most {max}), says its total in
  `X-Total-Count` and in `meta`, and links the first, previous, next and last pages in an
  RFC 8288 `Link` header. Lists are ordered by id, oldest record first.
* `updated_since` returns what changed at or after a moment, for keeping a copy in step.
  Each record's `updated_at` is its last change; hidden comments simply disappear.
* Translatable fields are objects with every language ({langs}) and null where a
  language has no text.
* Errors are JSON: `{{"error": {{"status": 404, "message": "…"}}}}`.
* Any origin may call it (CORS); answers may be cached for a minute and carry an ETag.
"""


def document(languages: Sequence[str] | None = None) -> dict:
    """The whole OpenAPI 3.1 document; the languages listed are by default this deployment's."""
    languages = published_languages() if languages is None else languages
    translated = {**SCHEMAS["Translated"], "required": list(languages)}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Consultations open data API",
            "version": "1.0.0",
            "description": DESCRIPTION.format(max=MAX_PER_PAGE, langs=", ".join(languages)),
        },
        "servers": [{"url": "/api/v1"}],
        "tags": [
            {"name": name}
            for name in (
                "API",
                "Plans",
                "Agencies",
                "Commitments",
                "Consultations",
                "Audit log",
                "Documents",
                "Service quality",
                "Forums",
            )
        ],
        "paths": PATHS,
        "components": {
            "schemas": {**SCHEMAS, "Translated": translated},
            "parameters": {**PARAMETERS, **FILTERS},
            "responses": RESPONSES,
        },
    }
