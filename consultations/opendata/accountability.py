"""Open-data files of the accountability record: agencies, plans, commitments, milestones,
progress updates and independent assessments. One query each, ordered by primary key."""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select

from ..agencies.models import Agency, AgencyText
from ..content import published_languages
from ..plans.models import (
    POLICY_AREAS,
    ActionPlan,
    ActionPlanText,
    AssessedCompletion,
    Assessment,
    AssessmentText,
    Commitment,
    CommitmentText,
    Completion,
    DesignAssessment,
    DesignAssessmentText,
    Milestone,
    MilestoneStatus,
    MilestoneText,
    OpenedGovernment,
    PlanStatus,
    PotentialForResults,
    PotentialImpact,
    ProgressUpdate,
    ProgressUpdateText,
)
from .schema import (
    Column,
    Reference,
    Table,
    enum_column,
    id_column,
    localized,
    ref_column,
    required,
    with_texts,
)


def _latest(model, *columns, where=None):
    """The latest published record (highest published_at, then id) of each commitment."""
    ranked = select(
        model.commitment_id,
        *columns,
        model.published_at,
        func.row_number()
        .over(
            partition_by=model.commitment_id,
            order_by=(model.published_at.desc(), model.id.desc()),
        )
        .label("position"),
    )
    if where is not None:
        ranked = ranked.where(where)
    ranked = ranked.subquery()
    return select(ranked).where(ranked.c.position == 1).subquery()


# Agencies and action plans ------------------------------------------------------------------


def _agencies() -> Select:
    stmt = select(
        Agency.id,
        Agency.slug,
        Agency.country,
        Agency.contact_email,
        Agency.phone,
        Agency.website,
        Agency.postal_address,
    )
    return with_texts(stmt, AgencyText, "agency_id", Agency.id, ("name",)).order_by(Agency.id)


AGENCIES = Table(
    "agencies",
    _l("Agencies"),
    _l("Government bodies that lead commitments and run consultations; one row per agency."),
    _l(
        "Its id, its address name, its country, its contact details (e-mail, phone, website, "
        "postal address) and its name in each language."
    ),
    (
        id_column(),
        required(Column("slug", "string", "The agency's address name, as in its page's URL.")),
        Column(
            "country",
            "string",
            "ISO 3166-1 alpha-2 code of the agency's country; empty where not known.",
            constraints={"pattern": "[A-Z]{2}"},
        ),
        Column("contact_email", "string", "The agency's public contact e-mail address.", text=True),
        Column("phone", "string", "The agency's public telephone number.", text=True),
        Column("website", "string", "The agency's website.", text=True),
        Column("postal_address", "string", "The agency's postal address.", text=True),
        *localized("name", "name", "The agency's name."),
    ),
    _agencies,
)


def _plans() -> Select:
    stmt = select(
        ActionPlan.id,
        ActionPlan.slug,
        ActionPlan.country,
        ActionPlan.number,
        ActionPlan.period_start,
        ActionPlan.period_end,
        ActionPlan.status,
        ActionPlan.coordinating_agency_id,
    )
    stmt = with_texts(stmt, ActionPlanText, "plan_id", ActionPlan.id, ("title", "summary"))
    return stmt.order_by(ActionPlan.id)


PLANS = Table(
    "action-plans",
    _l("Action plans"),
    _l("National action plans; one row per plan."),
    _l(
        "Country, number, period, status, coordinating agency, and title and summary in each "
        "language."
    ),
    (
        id_column(),
        required(Column("slug", "string", "The plan's address name, as in its page's URL.")),
        required(
            Column(
                "country",
                "string",
                "ISO 3166-1 alpha-2 code of the country.",
                constraints={"pattern": "[A-Z]{2}"},
            )
        ),
        required(Column("number", "integer", "The plan's number in that country (1st, 2nd…).")),
        required(Column("period_start", "date", "First day of the plan's period.")),
        required(Column("period_end", "date", "Last day of the plan's period.")),
        enum_column("status", PlanStatus, "Where the plan stands."),
        ref_column("coordinating_agency_id", "agency that coordinates the plan (agencies.csv)"),
        *localized("title", "title", "The plan's title."),
        *localized("summary", "summary", "The plan's summary."),
    ),
    _plans,
    references=(Reference(("coordinating_agency_id",), "agencies"),),
)


# Commitments, in the columns of OGP's commitment sheet ------------------------------------


def _commitments() -> Select:
    update = _latest(ProgressUpdate, ProgressUpdate.status, ProgressUpdate.percent_complete)
    assessment = _latest(
        Assessment,
        Assessment.completion,
        Assessment.opened_government,
        where=Assessment.milestone_id.is_(None),
    )
    stmt = (
        select(
            Commitment.id,
            Commitment.plan_id,
            Commitment.lead_agency_id,
            Commitment.reference,
            ActionPlan.country,
            ActionPlan.number.label("plan_number"),
            Commitment.source_locale,
            Commitment.start_date,
            Commitment.end_date,
            Commitment.access_to_information,
            Commitment.civic_participation,
            Commitment.public_accountability,
            Commitment.technology,
            Commitment.verifiable,
            Commitment.relevant,
            Commitment.potential_for_results,
            Commitment.potential_impact,
            Commitment.promising,
            Commitment.starred,
            Commitment.policy_area,
            Commitment.contact_person,
            Commitment.budget_amount,
            Commitment.budget_currency,
            Commitment.budget_source,
            Commitment.schedule_note,
            assessment.c.completion,
            assessment.c.opened_government,
            update.c.status,
            update.c.percent_complete,
            update.c.published_at.label("updated_at"),
        )
        .join(ActionPlan, ActionPlan.id == Commitment.plan_id)
        .outerjoin(update, update.c.commitment_id == Commitment.id)
        .outerjoin(assessment, assessment.c.commitment_id == Commitment.id)
    )
    fields = ("title", "description", "problem", "objective", "other_actors")
    stmt = with_texts(stmt, CommitmentText, "commitment_id", Commitment.id, fields)
    stmt = with_texts(stmt, AgencyText, "agency_id", Commitment.lead_agency_id, ("name",))
    return stmt.order_by(Commitment.id)


def _lead_name(row) -> str | None:
    """The lead agency's name in the commitment's language, else in the first language it has."""
    names = [row.get(f"name_{lang}") for lang in (row["source_locale"], *published_languages())]
    return next((name for name in names if name), None)


def _commitment_url(row) -> str:
    lang = current_app.config["DEFAULT_LANGUAGE"]
    path = url_for("plans.commitment", lang=lang, reference=row["reference"])
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


def _value(name: str, source: str, what: str) -> Column:
    return required(
        Column(name, "boolean", f"1 if the commitment advances {what}, else 0.", source=source)
    )


def _design(name: str, source: str, what: str) -> Column:
    return Column(name, "boolean", f"1 if {what}, 0 if not; empty where not known.", source=source)


COMMITMENTS = Table(
    "commitments",
    _l("Commitments"),
    _l(
        "The commitments of every action plan; one row per commitment. Columns are named like "
        "the Open Government Partnership's commitment sheet, so the file can be read next to "
        "OGP's own data and imported into another copy of this platform."
    ),
    _l(
        "Reference, title, full text, problem and objective in each language, lead "
        "institution, other actors, dates, OGP values (1 or 0), the latest independent "
        "assessment, and the status and percent complete from the latest progress update."
    ),
    (
        id_column(),
        ref_column("plan_id", "action plan (action-plans.csv)"),
        ref_column("lead_agency_id", "lead agency (agencies.csv)"),
        required(
            Column(
                "Commitment Unique Identifier",
                "string",
                "OGP reference: the country code and a 4-digit number, such as IL0024.",
                source="reference",
                constraints={"pattern": "[A-Z]{2}[0-9]{4}", "unique": True},
            )
        ),
        required(Column("Country/Locality", "string", "ISO country code.", source="country")),
        required(
            Column("Action Plan Number", "integer", "The plan's number.", source="plan_number")
        ),
        *localized("Commitment Title", "title", "The commitment's title."),
        *localized("Full Text", "description", "What the commitment is: its description."),
        *localized("Problem Addressed", "problem", "The public problem it addresses."),
        *localized("Objective", "objective", "How it helps solve the problem."),
        Column(
            "Lead Institution",
            "string",
            "The lead agency's name in the commitment's own language (all its names are in "
            "agencies.csv).",
            value=_lead_name,
            text=True,
        ),
        *localized("Supporting Institution(s)", "other_actors", "Other actors involved."),
        required(
            Column(
                "Language",
                "string",
                "The language the commitment was written in; the others are translations.",
                source="source_locale",
            )
        ),
        Column("Start Date", "date", "When the commitment starts.", source="start_date"),
        Column("End Date", "date", "When the commitment ends.", source="end_date"),
        Column(
            "Schedule Note",
            "string",
            "What the plan writes instead of a date, e.g. 'Permanent activity'.",
            source="schedule_note",
            text=True,
        ),
        _value("OGP Value Access To Information", "access_to_information", "access to information"),
        _value("OGP Value Civic Participation", "civic_participation", "civic participation"),
        _value("OGP Value Public Accountability", "public_accountability", "public accountability"),
        _value("OGP Value Technology", "technology", "technology and innovation"),
        Column(
            "Policy Area",
            "string",
            "OGP's policy area, by its English key; empty where not given.",
            source="policy_area",
            constraints={"enum": list(POLICY_AREAS)},
        ),
        Column(
            "Contact Person", "string", "Who answers for it.", source="contact_person", text=True
        ),
        Column(
            "Budget Amount",
            "number",
            "Its budget, in the currency of the next column; empty where not given.",
            source="budget_amount",
            constraints={"minimum": 0},
        ),
        Column(
            "Budget Currency",
            "string",
            "ISO 4217 code of the budget's currency.",
            source="budget_currency",
            constraints={"pattern": "[A-Z]{3}"},
        ),
        Column(
            "Budget Source",
            "string",
            "Where the money comes from.",
            source="budget_source",
            text=True,
        ),
        _design("Verifiable", "verifiable", "the IRM found it verifiable"),
        _design("Relevant To OGP Values", "relevant", "the IRM found it relevant to OGP values"),
        enum_column(
            "Potential For Results",
            PotentialForResults,
            "The IRM's potential for results (plans from 2021); empty where not known.",
            optional=True,
            source="potential_for_results",
        ),
        enum_column(
            "Potential Impact",
            PotentialImpact,
            "The IRM's potential impact (older plans); empty where not known.",
            optional=True,
            source="potential_impact",
        ),
        _design("Promising", "promising", "the IRM marked it promising"),
        _design("Starred", "starred", "the IRM starred it (plans 2015-2020)"),
        required(
            Column(
                "URL",
                "string",
                "The commitment's public page.",
                value=_commitment_url,
                constraints={"pattern": "https?://.+"},
            )
        ),
        enum_column(
            "Completion (Progress Report)",
            AssessedCompletion,
            "Completion on the IRM scale according to the latest independent assessment "
            "(assessments.csv); empty if none.",
            optional=True,
            source="completion",
        ),
        enum_column(
            "Did It Open Government (Overall)",
            OpenedGovernment,
            "'Did it open government?' according to the latest independent assessment; "
            "empty if none.",
            optional=True,
            source="opened_government",
        ),
        enum_column(
            "Status",
            Completion,
            "Status the government reported in its latest progress update "
            "(progress-updates.csv); empty if it has not reported yet.",
            optional=True,
            source="status",
        ),
        Column(
            "Percent Complete",
            "integer",
            "Percent complete reported in the latest progress update.",
            source="percent_complete",
            constraints={"minimum": 0, "maximum": 100},
        ),
        Column(
            "Last Progress Update",
            "datetime",
            "When the latest progress update was published (UTC).",
            source="updated_at",
        ),
    ),
    _commitments,
    references=(
        Reference(("plan_id",), "action-plans"),
        Reference(("lead_agency_id",), "agencies"),
    ),
)


_REFERENCE = required(
    Column(
        "Commitment Unique Identifier",
        "string",
        "The commitment's OGP reference, as in commitments.csv: the key the CSV import "
        "reads, so this file imports back with it.",
        source="reference",
        constraints={"pattern": "[A-Z]{2}[0-9]{4}"},
    )
)


def _milestones() -> Select:
    stmt = select(
        Milestone.id,
        Milestone.commitment_id,
        Commitment.reference,
        Milestone.position,
        Milestone.start_date,
        Milestone.due_date,
        Milestone.status,
        Milestone.completed_on,
    )
    stmt = stmt.join(Commitment, Commitment.id == Milestone.commitment_id)
    stmt = with_texts(stmt, MilestoneText, "milestone_id", Milestone.id, ("deliverable",))
    return stmt.order_by(Milestone.id)


MILESTONES = Table(
    "milestones",
    _l("Milestones"),
    _l("The verifiable deliverables of each commitment; one row per milestone."),
    _l(
        "Commitment, position, start and due dates, current status, completion date, and the "
        "deliverable in each language."
    ),
    (
        id_column(),
        ref_column("commitment_id", "commitment (commitments.csv)"),
        _REFERENCE,
        required(Column("position", "integer", "Its place in the commitment's list.")),
        Column("start_date", "date", "When work on it starts."),
        required(Column("due_date", "date", "When it is due.")),
        enum_column(
            "status", MilestoneStatus, "Its current status, kept by the latest progress update."
        ),
        Column("completed_on", "date", "When it was completed."),
        *localized("deliverable", "deliverable", "The deliverable."),
    ),
    _milestones,
    references=(Reference(("commitment_id",), "commitments"),),
)


# Progress updates and assessments ---------------------------------------------------------

_EVIDENCE = Column(
    "evidence",
    "array",
    "Links to the evidence, as a JSON array of URLs.",
    constraints={"required": True},
)
_AUTHOR_NAME = required(
    Column("author_name", "string", "The name of the person who published it.", text=True)
)
_ORGANISATION = required(
    Column("organisation", "string", "The organisation they published it for.", text=True)
)
_UPDATE_ORGANISATION = Column(
    "organisation",
    "string",
    "The organisation's name as written, for older updates whose agency is not known; "
    "empty where agency_id names it.",
    text=True,
)


def _updates() -> Select:
    stmt = select(
        ProgressUpdate.id,
        ProgressUpdate.commitment_id,
        Commitment.reference,
        ProgressUpdate.corrects_id,
        ProgressUpdate.published_at,
        ProgressUpdate.recorded_at,
        ProgressUpdate.author_name,
        ProgressUpdate.agency_id,
        ProgressUpdate.organisation,
        ProgressUpdate.status,
        ProgressUpdate.percent_complete,
        ProgressUpdate.milestone_states,
        ProgressUpdate.evidence,
    )
    stmt = stmt.join(Commitment, Commitment.id == ProgressUpdate.commitment_id)
    stmt = with_texts(stmt, ProgressUpdateText, "update_id", ProgressUpdate.id, ("narrative",))
    return stmt.order_by(ProgressUpdate.id)


UPDATES = Table(
    "progress-updates",
    _l("Progress updates"),
    _l(
        "What the government reported about each commitment; one row per published update. "
        "Updates are never edited: a correction is a new row that names the one it corrects."
    ),
    _l(
        "Commitment, the update it corrects, publication time, author and agency, "
        "status, percent complete, milestone states, evidence links, and the narrative in "
        "each language."
    ),
    (
        id_column(),
        ref_column("commitment_id", "commitment (commitments.csv)"),
        _REFERENCE,
        Column("corrects_id", "integer", "The id of the update this one corrects, if any."),
        required(
            Column(
                "published_at",
                "datetime",
                "The moment the update reports on (UTC): when it was published, or the "
                "earlier day a backdated update is for.",
            )
        ),
        Column(
            "recorded_at",
            "datetime",
            "When it was written on the platform (UTC); later than published_at for a "
            "backdated update.",
        ),
        _AUTHOR_NAME,
        ref_column("agency_id", "agency it was published for (agencies.csv)", optional=True),
        _UPDATE_ORGANISATION,
        enum_column("status", Completion, "The reported status on the IRM completion scale."),
        required(
            Column(
                "percent_complete",
                "integer",
                "The reported percent complete.",
                constraints={"minimum": 0, "maximum": 100},
            )
        ),
        Column(
            "milestone_states",
            "array",
            "The milestone states it reported, as a JSON array of objects with milestone_id "
            "(milestones.csv), status and completed_on.",
            constraints={"required": True},
        ),
        _EVIDENCE,
        *localized("narrative", "narrative", "What was done and what is next."),
    ),
    _updates,
    references=(
        Reference(("commitment_id",), "commitments"),
        Reference(("agency_id",), "agencies"),
        Reference(("corrects_id",), ""),
    ),
)


def _assessments() -> Select:
    stmt = select(
        Assessment.id,
        Assessment.commitment_id,
        Commitment.reference,
        Assessment.milestone_id,
        Assessment.corrects_id,
        Assessment.published_at,
        Assessment.author_name,
        Assessment.organisation,
        Assessment.completion,
        Assessment.opened_government,
        Assessment.evidence,
    )
    stmt = stmt.join(Commitment, Commitment.id == Assessment.commitment_id)
    stmt = with_texts(stmt, AssessmentText, "assessment_id", Assessment.id, ("narrative",))
    return stmt.order_by(Assessment.id)


ASSESSMENTS = Table(
    "assessments",
    _l("Independent assessments"),
    _l(
        "What civil-society monitors found about each commitment; one row per published "
        "assessment. A correction is a new row that names the one it corrects."
    ),
    _l(
        "Commitment, the assessment it corrects, publication time, author and organisation, "
        "completion, “did it open government?”, evidence links, and the narrative in each "
        "language."
    ),
    (
        id_column(),
        ref_column("commitment_id", "commitment (commitments.csv)"),
        _REFERENCE,
        ref_column(
            "milestone_id",
            "milestone assessed (milestones.csv); empty when the whole commitment is",
            optional=True,
        ),
        Column("corrects_id", "integer", "The id of the assessment this one corrects, if any."),
        required(Column("published_at", "datetime", "When it was published (UTC).")),
        _AUTHOR_NAME,
        _ORGANISATION,
        enum_column("completion", AssessedCompletion, "Completion on the IRM scale."),
        enum_column(
            "opened_government",
            OpenedGovernment,
            "Did it open government? Empty for a milestone's assessment.",
            optional=True,
        ),
        _EVIDENCE,
        *localized("narrative", "narrative", "The monitor's findings."),
    ),
    _assessments,
    references=(
        Reference(("commitment_id",), "commitments"),
        Reference(("milestone_id",), "milestones"),
        Reference(("corrects_id",), ""),
    ),
)


def _design_assessments() -> Select:
    stmt = select(
        DesignAssessment.id,
        DesignAssessment.commitment_id,
        DesignAssessment.published_at,
        DesignAssessment.author_name,
        DesignAssessment.organisation,
        DesignAssessment.verifiable,
        DesignAssessment.relevant,
        DesignAssessment.potential_for_results,
        DesignAssessment.promising,
        DesignAssessment.evidence,
    )
    stmt = with_texts(
        stmt, DesignAssessmentText, "assessment_id", DesignAssessment.id, ("narrative",)
    )
    return stmt.order_by(DesignAssessment.id)


DESIGN_ASSESSMENTS = Table(
    "design-assessments",
    _l("Design assessments"),
    _l(
        "What civil-society monitors found about each commitment's design before the plan "
        "was adopted; one row per published design assessment."
    ),
    _l(
        "Commitment, publication time, author and organisation, whether it is verifiable and "
        "relevant to OGP values, its potential for results, whether it is promising, "
        "evidence links, and the narrative in each language."
    ),
    (
        id_column(),
        ref_column("commitment_id", "commitment (commitments.csv)"),
        required(Column("published_at", "datetime", "When it was published (UTC).")),
        _AUTHOR_NAME,
        _ORGANISATION,
        required(Column("verifiable", "boolean", "1 if verifiable, else 0.")),
        required(Column("relevant", "boolean", "1 if relevant to OGP values, else 0.")),
        enum_column("potential_for_results", PotentialForResults, "Potential for results."),
        required(Column("promising", "boolean", "1 if promising, else 0.")),
        _EVIDENCE,
        *localized("narrative", "narrative", "The monitor's findings."),
    ),
    _design_assessments,
    references=(Reference(("commitment_id",), "commitments"),),
)
