"""Demo action plans, loaded through the plan services: whatever is missing is made, the rest kept.

A plan is described once (`DemoPlan`) and walked the way people build one on the site: the
admin creates it, the national coordinator drafts its commitments and milestones, the admin
moves it through consultation and adoption into implementation, the coordinator reports
progress and the monitors assess it. Each step first looks for what an earlier run made —
plans by slug, commitments by reference, milestones, updates and assessments by their
place in the commitment's list — so loading twice changes nothing.

Dates of published records are either fixed (`date`) or relative to the moment of loading
(`timedelta`, "this long ago"), so the recent and the silent stay recent and silent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select

from ..accounts.models import User
from ..agencies.models import Agency
from ..clock import as_utc, now
from ..documents import services as documents
from ..extensions import db
from ..permissions import DRAFT_STATUSES
from ..plans import services as plans
from ..plans.models import (
    ActionPlan,
    AssessedCompletion,
    Assessment,
    Commitment,
    Completion,
    Milestone,
    MilestoneStatus,
    OpenedGovernment,
    PlanStatus,
    ProgressUpdate,
)
from ..reports import services as reports
from ..reports.models import Period
from ..reports.queries import plan_reports
from .files import DemoFile

When = date | timedelta
# The order a plan's status moves in; the loader never moves one back.
LIFECYCLE = (
    PlanStatus.DRAFTING,
    PlanStatus.CONSULTATION,
    PlanStatus.ADOPTED,
    PlanStatus.IMPLEMENTATION,
    PlanStatus.CLOSED,
)


def ago(days: int) -> timedelta:
    """A publication date this many days before the demo is loaded."""
    return timedelta(days=days)


@dataclass(frozen=True)
class DemoMilestone:
    start: date
    due: date
    deliverable: dict[str, str]


@dataclass(frozen=True)
class DemoUpdate:
    when: When
    status: Completion
    percent: int
    narrative: dict[str, str]
    # milestone position (1-based) -> the state this update reports
    milestones: dict[int, MilestoneStatus] = field(default_factory=dict)
    evidence: tuple[str, ...] = ()
    # position (1-based) of the earlier update of the same commitment this one corrects
    corrects: int | None = None
    files: tuple[DemoFile, ...] = ()  # evidence files, uploaded with the update


@dataclass(frozen=True)
class DemoAssessment:
    when: When
    completion: AssessedCompletion
    opened: OpenedGovernment
    narrative: dict[str, str]
    evidence: tuple[str, ...] = ()
    monitor: str | None = None  # e-mail; the plan's monitor when not given


@dataclass(frozen=True)
class DemoCommitment:
    reference: str
    lead: str  # agency slug
    start: date
    end: date
    values: frozenset[str]
    # language -> title, problem, objective, description, other_actors
    texts: dict[str, dict[str, str]]
    milestones: tuple[DemoMilestone, ...]
    updates: tuple[DemoUpdate, ...] = ()
    assessments: tuple[DemoAssessment, ...] = ()


@dataclass(frozen=True)
class DemoPlan:
    slug: str
    country: str
    number: int
    period_start: date
    period_end: date
    coordinating_agency: str  # agency slug
    coordinator: str  # e-mail of a coordinator of the coordinating agency
    monitor: str  # e-mail of the monitor who assesses it
    status: PlanStatus  # where the plan ends up
    language: str  # the language its commitments are written in
    texts: dict[str, dict[str, str]]  # language -> title, summary
    commitments: tuple[DemoCommitment, ...]
    # A published self-assessment report: its period and narrative, language -> section -> text.
    self_assessment: tuple[str, dict[str, dict[str, str]]] | None = None
    # Amendments once adopted: a demo.amendments.RefreshSpec, or None.
    refresh: Any = None
    # Official documents on the plan's page (the adopted text first), uploaded once.
    documents: tuple[DemoFile, ...] = ()


def _moment(when: When, loaded_at: datetime) -> datetime:
    if isinstance(when, timedelta):
        return (loaded_at - when).replace(hour=9, minute=30, second=0, microsecond=0)
    return datetime.combine(when, time(9, 30), UTC)


def _user(email: str) -> User:
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        raise LookupError(f"demo account {email} is missing")
    return user


def _agency(slug: str) -> Agency:
    agency = db.session.scalar(select(Agency).where(Agency.slug == slug))
    if agency is None:
        raise LookupError(f"demo agency {slug} is missing")
    return agency


def _save_plan(admin: User, spec: DemoPlan, plan: ActionPlan | None, status: PlanStatus):
    return plans.save_plan(
        admin,
        plan,
        slug=spec.slug,
        country=spec.country,
        number=spec.number,
        period_start=spec.period_start,
        period_end=spec.period_end,
        status=status,
        coordinating_agency=_agency(spec.coordinating_agency),
        texts=spec.texts,
    )


def _advance(admin: User, spec: DemoPlan, plan: ActionPlan, target: PlanStatus) -> None:
    """Move the plan step by step (each step audited) until it reaches `target`."""
    while LIFECYCLE.index(plan.status) < LIFECYCLE.index(target):
        _save_plan(admin, spec, plan, LIFECYCLE[LIFECYCLE.index(plan.status) + 1])


def load_plan(admin: User, spec: DemoPlan, loaded_at: datetime | None = None) -> Iterator[str]:
    """Make whatever of `spec` is missing; yield one line on what the plan now holds."""
    loaded_at = loaded_at or now()
    made: Counter[str] = Counter()
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.slug == spec.slug))
    if plan is None:
        plan = _save_plan(admin, spec, None, PlanStatus.DRAFTING)
        made["plan"] += 1
    coordinator = _user(spec.coordinator)
    commitments = [_draft(coordinator, plan, spec, item, made) for item in spec.commitments]
    if None in commitments:
        yield f"  {spec.slug}: past drafting, so missing commitments or milestones were not added"
    reporting = min(LIFECYCLE.index(spec.status), LIFECYCLE.index(PlanStatus.IMPLEMENTATION))
    _advance(admin, spec, plan, LIFECYCLE[reporting])
    for commitment, item in zip(commitments, spec.commitments, strict=True):
        if commitment is not None:
            _report(coordinator, commitment, item, loaded_at, made)
            _assess(spec, commitment, item, loaded_at, made)
    if spec.refresh is not None:
        # Imported here: the refresh specs are built from this module's dataclasses.
        from .amendments import load_refresh

        yield from load_refresh(coordinator, spec.refresh)
    _advance(admin, spec, plan, spec.status)
    _publish_documents(coordinator, plan, spec, made)
    _self_assess(coordinator, plan, spec, made)
    yield _summary(plan, made)


def _publish_documents(coordinator: User, plan: ActionPlan, spec: DemoPlan, made: Counter) -> None:
    """Upload the plan's official documents, as its national coordinator would, if none are."""
    if not spec.documents or documents.documents_of("plan", [plan.id])[plan.id]:
        return
    for item in spec.documents:
        documents.upload_documents(coordinator, "plan", plan, [item.received()], item.titles)
        made["documents"] += 1


def _self_assess(coordinator: User, plan: ActionPlan, spec: DemoPlan, made: Counter) -> None:
    """Publish the plan's self-assessment report, the way its coordinator would, if missing."""
    if spec.self_assessment is None:
        return
    period, texts = spec.self_assessment
    if any(report.period == period for report in plan_reports(plan)):
        return
    report = reports.start_report(coordinator, plan, Period(period))
    reports.save_texts(coordinator, report, texts)
    reports.publish(coordinator, report)
    made["self-assessment report"] += 1


def _draft(coordinator: User, plan: ActionPlan, spec: DemoPlan, item: DemoCommitment, made):
    """The commitment with all its milestones, drafted if missing; None if it no longer can be."""
    commitment = db.session.scalar(select(Commitment).where(Commitment.reference == item.reference))
    drafting = plan.status in DRAFT_STATUSES
    if commitment is None:
        if not drafting:
            return None
        commitment = plans.save_commitment(
            coordinator,
            plan,
            None,
            reference=item.reference,
            lead_agency=_agency(item.lead),
            source_locale=spec.language,
            start_date=item.start,
            end_date=item.end,
            values=set(item.values),
            texts=item.texts,
            commit=False,
        )
        made["commitments"] += 1
    missing = item.milestones[len(commitment.milestones) :]
    if missing and not drafting:
        return None
    for milestone in missing:
        plans.save_milestone(
            coordinator,
            commitment,
            None,
            start_date=milestone.start,
            due_date=milestone.due,
            texts={lang: {"deliverable": text} for lang, text in milestone.deliverable.items()},
            commit=False,
        )
        made["milestones"] += 1
    # A commitment and its milestones are saved together, as the CSV import saves them.
    db.session.commit()
    return commitment


def _report(
    coordinator: User,
    commitment: Commitment,
    item: DemoCommitment,
    loaded_at: datetime,
    made: Counter,
) -> None:
    """Publish the updates of `item` that an earlier run has not published yet."""
    published = list(
        db.session.scalars(
            select(ProgressUpdate)
            .where(ProgressUpdate.commitment_id == commitment.id)
            .order_by(ProgressUpdate.id)
        )
    )
    previous = as_utc(published[-1].published_at) if published else None
    for update in item.updates[len(published) :]:
        at = _moment(update.when, loaded_at)
        if previous and at <= previous:
            # A relative date can fall before a fixed one only if the demo is loaded very
            # early; keep the history in order rather than invert it.
            at = previous + timedelta(hours=1)
        states = {}
        for position, status in update.milestones.items():
            milestone = commitment.milestones[position - 1]
            done_on = None
            if status == MilestoneStatus.COMPLETE:
                already = milestone.status == MilestoneStatus.COMPLETE and milestone.completed_on
                done_on = milestone.completed_on if already else at.date()
            states[milestone.id] = (status, done_on)
        published.append(
            plans.publish_update(
                coordinator,
                commitment,
                status=update.status,
                percent_complete=update.percent,
                milestone_states=states,
                narratives=update.narrative,
                evidence="\n".join(update.evidence),
                corrects=published[update.corrects - 1] if update.corrects else None,
                files=[item.received() for item in update.files],
                published_at=at,
            )
        )
        previous = at
        made["updates"] += 1


def _assess(
    spec: DemoPlan,
    commitment: Commitment,
    item: DemoCommitment,
    loaded_at: datetime,
    made: Counter,
) -> None:
    """Publish the assessments of `item` that an earlier run has not published yet."""
    done = db.session.scalar(
        select(func.count(Assessment.id)).where(Assessment.commitment_id == commitment.id)
    )
    for assessment in item.assessments[done:]:
        plans.publish_assessment(
            _user(assessment.monitor or spec.monitor),
            commitment,
            completion=assessment.completion,
            opened_government=assessment.opened,
            narratives=assessment.narrative,
            evidence="\n".join(assessment.evidence),
            published_at=_moment(assessment.when, loaded_at),
        )
        made["assessments"] += 1


def _summary(plan: ActionPlan, made: Counter) -> str:
    ids = select(Commitment.id).where(Commitment.plan_id == plan.id)
    count = db.session.scalar(select(func.count()).select_from(ids.subquery()))
    milestones = db.session.scalar(
        select(func.count(Milestone.id)).where(Milestone.commitment_id.in_(ids))
    )
    updates = db.session.scalar(
        select(func.count(ProgressUpdate.id)).where(ProgressUpdate.commitment_id.in_(ids))
    )
    assessments = db.session.scalar(
        select(func.count(Assessment.id)).where(Assessment.commitment_id.in_(ids))
    )
    new = ", ".join(f"{number} {what}" for what, number in made.items()) or "nothing"
    return (
        f"Plan {plan.slug} ({plan.status.value}): {count} commitments, {milestones} milestones, "
        f"{updates} progress updates, {assessments} assessments; new: {new}"
    )
