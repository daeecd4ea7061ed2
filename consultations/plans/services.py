"""Every write to plans, commitments, milestones, progress updates and assessments.

Each service re-checks the permission, validates, writes, records the audit event and
commits once. Published updates and assessments are never changed: a correction is a new
record that names the one it corrects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import permissions
from ..accounts.models import Role, User
from ..agencies.models import Agency
from ..audit.services import record
from ..clock import as_utc, now
from ..content import clean_texts, language_field, sync_texts, texts_snapshot
from ..documents.services import Received, attach
from ..errors import FieldRejected, PermissionDenied
from ..extensions import db
from ..follows import notify
from . import evidence as evidence_links
from .design import Design, check_design
from .models import (
    OGP_VALUES,
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
    ProgressUpdate,
    ProgressUpdateText,
)

REFERENCE = re.compile(r"^[A-Z]{2}[0-9]{4}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COMMITMENT_FIELDS = ("title", "problem", "objective", "description", "other_actors")


# Input the rules refuse; `field` names the form field it belongs to.
PlanRejected = FieldRejected


def plan_snapshot(plan: ActionPlan) -> dict:
    return {
        "slug": plan.slug,
        "country": plan.country,
        "number": plan.number,
        "period": [plan.period_start.isoformat(), plan.period_end.isoformat()],
        "status": plan.status.value,
        "coordinating_agency_id": plan.coordinating_agency_id,
        "texts": texts_snapshot(plan, ("title", "summary")),
    }


def save_plan(
    actor: User,
    plan: ActionPlan | None,
    *,
    slug: str,
    country: str,
    number: int,
    period_start: date,
    period_end: date,
    status: PlanStatus,
    coordinating_agency: Agency,
    texts: dict[str, dict[str, str]],
) -> ActionPlan:
    """Create or edit an action plan (admins only)."""
    if not permissions.can_manage_plans(actor):
        raise PermissionDenied()
    slug, country = slug.strip().lower(), country.strip().upper()
    if not SLUG.match(slug):
        raise PlanRejected(
            "slug", _("Use lower-case Latin letters, digits and single hyphens only.")
        )
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise PlanRejected("country", _("Use the country's two-letter code, e.g. IL, LV or HU."))
    if period_end <= period_start:
        raise PlanRejected("period_end", _("The end must come after the start."))
    texts = clean_texts(texts, "title")
    before = plan_snapshot(plan) if plan else None
    plan = plan or ActionPlan()
    plan.slug, plan.country, plan.number = slug, country, number
    plan.period_start, plan.period_end, plan.status = period_start, period_end, status
    plan.coordinating_agency = coordinating_agency
    sync_texts(plan, ActionPlanText, texts)
    db.session.add(plan)
    _flush_unique("slug", _("Another action plan already uses this address."))
    record(
        actor,
        "plan.update" if before else "plan.create",
        "plan",
        plan.slug,
        before,
        plan_snapshot(plan),
    )
    db.session.commit()
    return plan


def _flush_unique(field: str, message: str) -> None:
    try:
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        raise PlanRejected(field, message) from error


def commitment_snapshot(commitment: Commitment) -> dict:
    return {
        "reference": commitment.reference,
        "plan": commitment.plan.slug if commitment.plan else None,
        "lead_agency_id": commitment.lead_agency_id,
        "source_locale": commitment.source_locale,
        "start_date": commitment.start_date.isoformat() if commitment.start_date else None,
        "end_date": commitment.end_date.isoformat() if commitment.end_date else None,
        "ogp_values": commitment.ogp_values,
        "design": Design.of(commitment).snapshot(),
        "texts": texts_snapshot(commitment, COMMITMENT_FIELDS),
    }


def save_commitment(
    actor: User | None,
    plan: ActionPlan,
    commitment: Commitment | None,
    *,
    lead_agency: Agency,
    commit: bool = True,
    **fields,
) -> Commitment:
    """Draft or edit a commitment while its plan is drafted or consulted on.

    `fields` are `write_commitment`'s: reference, source_locale, dates, values, texts.
    """
    allowed = permissions.can_draft_commitment(actor, plan, lead_agency.id)
    if commitment is not None:
        allowed = allowed and permissions.can_edit_commitment(actor, commitment)
    if not allowed:
        raise PermissionDenied()
    commitment = write_commitment(actor, plan, commitment, lead_agency=lead_agency, **fields)
    if commit:
        db.session.commit()
    return commitment


def write_commitment(
    actor: User | None,
    plan: ActionPlan,
    commitment: Commitment | None,
    *,
    reference: str,
    lead_agency: Agency,
    source_locale: str,
    start_date: date | None,
    end_date: date | None,
    values: set[str],
    texts: dict[str, dict[str, str]],
    design: Design | None = None,
) -> Commitment:
    """Validate, write and audit a commitment without committing. Callers check who may
    act first: `save_commitment` for coordinators, the CSV import for admins. Without
    `design`, an existing commitment keeps its IRM design fields, budget and contact."""
    check_commitment(reference, start_date, end_date, values)
    if design is not None:
        check_design(design)
    if not permissions.belongs_to_plan(lead_agency, plan):
        raise PlanRejected(
            "lead_agency", _("This agency belongs to another country than the plan.")
        )
    texts = clean_texts(texts, "title")
    if source_locale not in texts:
        raise PlanRejected("source_locale", _("The original language needs at least a title."))
    before = commitment_snapshot(commitment) if commitment else None
    commitment = commitment or Commitment()
    commitment.plan, commitment.reference = plan, reference.strip().upper()
    commitment.lead_agency, commitment.source_locale = lead_agency, source_locale
    commitment.start_date, commitment.end_date = start_date, end_date
    for value in OGP_VALUES:
        setattr(commitment, value, value in values)
    (design or (Design.of(commitment) if before else Design())).apply(commitment)
    sync_texts(commitment, CommitmentText, texts)
    db.session.add(commitment)
    _flush_unique("reference", _("Another commitment already has this reference."))
    record(
        actor,
        "commitment.update" if before else "commitment.create",
        "commitment",
        commitment.reference,
        before,
        commitment_snapshot(commitment),
    )
    return commitment


def check_commitment(reference: str, start: date | None, end: date | None, values) -> None:
    """The rules a commitment's fields follow, shared by the form and the CSV import."""
    if not REFERENCE.match(reference.strip().upper()):
        raise PlanRejected(
            "reference", _("A reference is a country code and four digits, e.g. IL0024.")
        )
    if start and end and end < start:
        raise PlanRejected("end_date", _("The end must come after the start."))
    unknown = set(values) - set(OGP_VALUES)
    if unknown:
        raise PlanRejected("values", _("Unknown OGP value."))


def milestone_snapshot(milestone: Milestone) -> dict:
    return {
        "commitment": milestone.commitment.reference,
        "position": milestone.position,
        "start_date": milestone.start_date.isoformat() if milestone.start_date else None,
        "due_date": milestone.due_date.isoformat(),
        "status": milestone.status.value,
        "completed_on": milestone.completed_on.isoformat() if milestone.completed_on else None,
        "texts": texts_snapshot(milestone, ("deliverable",)),
    }


def save_milestone(
    actor: User | None,
    commitment: Commitment,
    milestone: Milestone | None,
    *,
    start_date: date | None,
    due_date: date,
    texts: dict[str, dict[str, str]],
    commit: bool = True,
) -> Milestone:
    """Add or edit a milestone of a commitment that is still being drafted."""
    if not permissions.can_edit_commitment(actor, commitment):
        raise PermissionDenied()
    milestone = write_milestone(
        actor, commitment, milestone, start_date=start_date, due_date=due_date, texts=texts
    )
    if commit:
        db.session.commit()
    return milestone


def check_milestone(start: date | None, due: date) -> None:
    """The rule a milestone's dates follow, shared by the form and the CSV import."""
    if start and due < start:
        raise PlanRejected("due_date", _("The due date must come after the start."))


def write_milestone(
    actor: User | None,
    commitment: Commitment,
    milestone: Milestone | None,
    *,
    start_date: date | None,
    due_date: date,
    texts: dict[str, dict[str, str]],
) -> Milestone:
    """Validate, write and audit a milestone without committing (see `write_commitment`)."""
    check_milestone(start_date, due_date)
    texts = clean_texts(texts, "deliverable")
    before = milestone_snapshot(milestone) if milestone else None
    if milestone is None:
        milestone = Milestone(position=len(commitment.milestones) + 1)
        milestone.status = MilestoneStatus.NOT_STARTED
        commitment.milestones.append(milestone)
    milestone.start_date, milestone.due_date = start_date, due_date
    sync_texts(milestone, MilestoneText, texts)
    db.session.flush()
    record(
        actor,
        "milestone.update" if before else "milestone.create",
        "commitment",
        commitment.reference,
        before,
        milestone_snapshot(milestone),
    )
    return milestone


def _monitor_organisation(actor: User) -> str:
    return next((g.organisation for g in actor.roles if g.role == Role.MONITOR), "") or ""


def _publishing_agency(actor: User, commitment: Commitment) -> Agency:
    """The lead agency when the publisher coordinates it, else the plan's coordinating body
    (the national coordinator publishing for the whole plan)."""
    if commitment.lead_agency_id in permissions.plan_agency_ids(actor, commitment.plan):
        return commitment.lead_agency
    return commitment.plan.coordinating_agency


def _check_correction(corrects, commitment: Commitment, model) -> None:
    if corrects is not None and (
        not isinstance(corrects, model) or corrects.commitment_id != commitment.id
    ):
        raise PlanRejected("corrects", _("A correction must name a record of this commitment."))


def _narratives(narratives: dict[str, str]) -> dict[str, str]:
    cleaned = {lang: text.strip() for lang, text in narratives.items() if text and text.strip()}
    if not cleaned:
        raise PlanRejected(
            language_field("narrative"), _("Write the narrative in at least one language.")
        )
    return cleaned


def _evidence(raw: str) -> list[str]:
    links, problems = evidence_links.parse_links(raw)
    if problems:
        raise PlanRejected("evidence", " ".join(problems))
    return links


def publish_update(
    actor: User,
    commitment: Commitment,
    *,
    status: Completion,
    percent_complete: int,
    milestone_states: dict[int, tuple[MilestoneStatus, date | None]],
    narratives: dict[str, str],
    evidence: str,
    files: Sequence[Received] = (),
    corrects: ProgressUpdate | None = None,
    published_at=None,
    as_of: date | None = None,
) -> ProgressUpdate:
    """Publish a progress update; milestones take the states it reports.

    `as_of`: the earlier day the update reports on (a backdated update); it is ordered by
    that day everywhere, and says when it was recorded."""
    if not permissions.can_publish_update(actor, commitment):
        raise PermissionDenied()
    if not 0 <= percent_complete <= 100:
        raise PlanRejected("percent_complete", _("Give a percentage from 0 to 100."))
    _check_correction(corrects, commitment, ProgressUpdate)
    moment = now()
    backdated_to = _as_of_moment(commitment, as_of, moment)
    reported_at = backdated_to or published_at or moment
    recorded_at = moment if backdated_to else reported_at
    narratives, links = _narratives(narratives), _evidence(evidence)
    update = write_update(
        actor,
        commitment,
        author_id=actor.id,
        author_name=actor.display_name,
        agency=_publishing_agency(actor, commitment),
        status=status,
        percent_complete=percent_complete,
        milestone_states=milestone_states,
        narratives=narratives,
        evidence=links,
        published_at=reported_at,
        recorded_at=recorded_at,
        corrects_id=corrects.id if corrects else None,
    )
    attach(files, "progress_update", update, actor)
    notify.update_published(update)
    db.session.commit()
    return update


def write_update(
    actor: User | None,
    commitment: Commitment,
    *,
    author_id: int | None,
    author_name: str,
    agency: Agency | None,
    status: Completion,
    percent_complete: int,
    milestone_states: dict[int, tuple[MilestoneStatus, date | None]],
    narratives: dict[str, str],
    evidence: list[str],
    published_at: datetime,
    recorded_at: datetime,
    corrects_id: int | None = None,
    organisation: str = "",
    action: str = "update.publish",
) -> ProgressUpdate:
    """Write and audit a checked progress update without committing (the form and the
    import). Milestones take its states unless a later update already tells the present."""
    latest = commitment.latest_published_at
    current = latest is None or as_utc(latest) <= as_utc(published_at)
    states = _apply_milestone_states(commitment, milestone_states, apply=current)
    update = ProgressUpdate(
        commitment=commitment,
        author_id=author_id,
        author_name=author_name,
        agency=agency,
        organisation=organisation,
        status=status,
        percent_complete=percent_complete,
        published_at=published_at,
        recorded_at=recorded_at,
        corrects_id=corrects_id,
        milestone_states=states,
        evidence=evidence,
        texts=[
            ProgressUpdateText(locale=lang, narrative=text) for lang, text in narratives.items()
        ],
    )
    db.session.add(update)
    db.session.flush()
    record(
        actor,
        action,
        "commitment",
        commitment.reference,
        None,
        {
            "update_id": update.id,
            "as_of": as_utc(published_at).isoformat(),
            "status": status.value,
            "percent": percent_complete,
            "corrects": update.corrects_id,
            "milestones": states,
            "evidence": evidence,
            "narratives": narratives,
        },
    )
    return update


def _as_of_moment(commitment: Commitment, as_of: date | None, moment: datetime):
    """The moment a backdated update reports on (noon UTC, the same day in every time zone
    a deployment uses), or None for an update about today."""
    if as_of is None or as_of == moment.date():
        return None
    if as_of > moment.date():
        raise PlanRejected("as_of", _("The date cannot be in the future."))
    if as_of < commitment.plan.period_start:
        raise PlanRejected("as_of", _("The date cannot be before the plan starts."))
    return datetime.combine(as_of, time(12), UTC)


def _apply_milestone_states(commitment: Commitment, states, apply: bool = True) -> list[dict]:
    by_id = {milestone.id: milestone for milestone in commitment.milestones}
    applied = []
    for milestone_id, (status, completed_on) in states.items():
        milestone = by_id.get(milestone_id)
        if milestone is None:
            raise PlanRejected("milestones", _("A milestone does not belong to this commitment."))
        if status == MilestoneStatus.COMPLETE and completed_on is None:
            completed_on = now().date()
        if status != MilestoneStatus.COMPLETE:
            completed_on = None
        if apply:
            milestone.status, milestone.completed_on = status, completed_on
        applied.append(
            {
                "milestone_id": milestone.id,
                "status": status.value,
                "completed_on": completed_on.isoformat() if completed_on else None,
            }
        )
    return applied


def publish_assessment(
    actor: User,
    commitment: Commitment,
    *,
    completion: AssessedCompletion,
    opened_government: OpenedGovernment | None,
    narratives: dict[str, str],
    evidence: str,
    files: Sequence[Received] = (),
    corrects: Assessment | None = None,
    published_at=None,
    milestone: Milestone | None = None,
) -> Assessment:
    """Publish a monitor's independent assessment of a commitment, or of one of its
    milestones (which has a completion but does not, alone, open government)."""
    if not permissions.can_publish_assessment(actor, commitment):
        raise PermissionDenied()
    _check_correction(corrects, commitment, Assessment)
    if corrects is not None and not permissions.can_correct_assessment(actor, corrects):
        raise PermissionDenied()
    opened_government = _check_assessed(commitment, milestone, opened_government)
    narratives, links = _narratives(narratives), _evidence(evidence)
    assessment = write_assessment(
        actor,
        commitment,
        milestone=milestone,
        author_id=actor.id,
        author_name=actor.display_name,
        organisation=_monitor_organisation(actor),
        completion=completion,
        opened_government=opened_government,
        narratives=narratives,
        evidence=links,
        published_at=published_at or now(),
        corrects_id=corrects.id if corrects else None,
    )
    attach(files, "assessment", assessment, actor)
    notify.assessment_published(assessment)
    db.session.commit()
    return assessment


def write_assessment(
    actor: User | None,
    commitment: Commitment,
    *,
    milestone: Milestone | None,
    author_id: int | None,
    author_name: str,
    organisation: str,
    completion: AssessedCompletion,
    opened_government: OpenedGovernment | None,
    narratives: dict[str, str],
    evidence: list[str],
    published_at: datetime,
    corrects_id: int | None = None,
    action: str = "assessment.publish",
) -> Assessment:
    """Write and audit a checked assessment, attributed to `author_name` of `organisation`,
    without committing (the monitors' form and the import)."""
    assessment = Assessment(
        commitment=commitment,
        milestone=milestone,
        author_id=author_id,
        author_name=author_name,
        organisation=organisation,
        completion=completion,
        opened_government=opened_government,
        published_at=published_at,
        corrects_id=corrects_id,
        evidence=evidence,
        texts=[AssessmentText(locale=lang, narrative=text) for lang, text in narratives.items()],
    )
    db.session.add(assessment)
    db.session.flush()
    record(
        actor,
        action,
        "commitment",
        commitment.reference,
        None,
        {
            "assessment_id": assessment.id,
            "milestone_id": assessment.milestone_id,
            "author_name": author_name,
            "organisation": organisation,
            "completion": completion.value,
            "opened_government": opened_government.value if opened_government else None,
            "corrects": assessment.corrects_id,
            "evidence": evidence,
            "narratives": narratives,
        },
    )
    return assessment


def _check_assessed(
    commitment: Commitment, milestone: Milestone | None, opened: OpenedGovernment | None
) -> OpenedGovernment | None:
    """A milestone of this commitment leaves "did it open government?" empty; the whole
    commitment needs it."""
    if milestone is not None:
        if milestone.commitment_id != commitment.id:
            raise PlanRejected("milestone", _("A milestone does not belong to this commitment."))
        return None
    if opened is None:
        raise PlanRejected("opened_government", _("Say whether the commitment opened government."))
    return opened


def publish_design_assessment(
    actor: User,
    commitment: Commitment,
    *,
    verifiable: bool,
    relevant: bool,
    potential_for_results: PotentialForResults,
    promising: bool,
    narratives: dict[str, str],
    evidence: str,
    published_at=None,
) -> DesignAssessment:
    """Publish a monitor's review of a commitment's design before the plan is adopted."""
    if not permissions.can_publish_design_assessment(actor, commitment):
        raise PermissionDenied()
    narratives, links = _narratives(narratives), _evidence(evidence)
    assessment = write_design_assessment(
        actor,
        commitment,
        author_name=actor.display_name,
        organisation=_monitor_organisation(actor),
        verifiable=verifiable,
        relevant=relevant,
        potential_for_results=potential_for_results,
        promising=promising,
        narratives=narratives,
        evidence=links,
        published_at=published_at or now(),
    )
    db.session.commit()
    return assessment


def write_design_assessment(
    actor: User | None,
    commitment: Commitment,
    *,
    author_name: str,
    organisation: str,
    verifiable: bool,
    relevant: bool,
    potential_for_results: PotentialForResults,
    promising: bool,
    narratives: dict[str, str],
    evidence: list[str],
    published_at,
) -> DesignAssessment:
    """Write and audit a design assessment without committing (the form and the import)."""
    assessment = DesignAssessment(
        commitment=commitment,
        author_id=actor.id if actor is not None else None,
        author_name=author_name,
        organisation=organisation,
        verifiable=verifiable,
        relevant=relevant,
        potential_for_results=potential_for_results,
        promising=promising,
        published_at=published_at,
        evidence=evidence,
        texts=[
            DesignAssessmentText(locale=lang, narrative=text) for lang, text in narratives.items()
        ],
    )
    db.session.add(assessment)
    db.session.flush()
    record(
        actor,
        "design_assessment.publish",
        "commitment",
        commitment.reference,
        None,
        {
            "design_assessment_id": assessment.id,
            "verifiable": verifiable,
            "relevant": relevant,
            "potential_for_results": potential_for_results.value,
            "promising": promising,
            "evidence": evidence,
            "narratives": narratives,
        },
    )
    return assessment


def get_commitment_or_404(reference: str) -> Commitment:
    return db.first_or_404(select(Commitment).where(Commitment.reference == reference.upper()))


def get_plan_or_404(slug: str) -> ActionPlan:
    return db.first_or_404(select(ActionPlan).where(ActionPlan.slug == slug))
