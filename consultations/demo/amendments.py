"""Demo amendments of an adopted plan, made through the amending services: a refresh, the
commitments it amended and those it added. Loading twice changes nothing: a plan that
already has a refresh is left as it is."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..accounts.models import User
from ..agencies.models import Agency
from ..clock import now
from ..extensions import db
from ..plans import amending
from ..plans import services as plans
from ..plans.amendment_models import PlanRefresh
from ..plans.models import ActionPlan, Commitment, MilestoneStatus
from ..plans.services import COMMITMENT_FIELDS
from .plans import DemoMilestone, DemoUpdate, _moment


@dataclass(frozen=True)
class AmendmentSpec:
    reference: str
    end: date
    # language -> (words in the current text, the words that replace them) in `description`
    replace: dict[str, tuple[str, str]]
    reason: dict[str, str]


@dataclass(frozen=True)
class AddedSpec:
    reference: str
    lead: str
    start: date
    end: date
    values: frozenset[str]
    texts: dict[str, dict[str, str]]
    reason: dict[str, str]
    milestones: tuple[DemoMilestone, ...]
    updates: tuple[DemoUpdate, ...] = ()


@dataclass(frozen=True)
class RefreshSpec:
    plan: str
    refreshed_on: date
    note: dict[str, str]
    amendments: tuple[AmendmentSpec, ...]
    added: tuple[AddedSpec, ...]


def _texts(commitment: Commitment) -> dict[str, dict[str, str]]:
    return {
        row.locale: {name: getattr(row, name) for name in COMMITMENT_FIELDS}
        for row in commitment.texts
    }


def _report(coordinator: User, commitment: Commitment, updates: tuple[DemoUpdate, ...]) -> None:
    """The added commitment's progress updates, as its coordinator published them."""
    loaded_at = now()
    for update in updates:
        at = _moment(update.when, loaded_at)
        states = {
            commitment.milestones[position - 1].id: (
                status,
                at.date() if status == MilestoneStatus.COMPLETE else None,
            )
            for position, status in update.milestones.items()
        }
        plans.publish_update(
            coordinator,
            commitment,
            status=update.status,
            percent_complete=update.percent,
            milestone_states=states,
            narratives=update.narrative,
            evidence="\n".join(update.evidence),
            published_at=at,
        )


def load_refresh(coordinator: User, spec: RefreshSpec) -> Iterator[str]:
    """Refresh the plan, amend and add its commitments, as its national coordinator would."""
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.slug == spec.plan))
    if plan is None:
        return
    if db.session.scalar(select(PlanRefresh.id).where(PlanRefresh.plan_id == plan.id).limit(1)):
        yield f"  {spec.plan}: already refreshed"
        return
    amending.mark_refreshed(coordinator, plan, refreshed_on=spec.refreshed_on, notes=spec.note)
    for item in spec.amendments:
        commitment = db.session.scalar(
            select(Commitment).where(Commitment.reference == item.reference)
        )
        texts = _texts(commitment)
        for lang, (old, new) in item.replace.items():
            texts[lang]["description"] = texts[lang]["description"].replace(old, new)
        amending.amend_commitment(
            coordinator,
            commitment,
            start_date=commitment.start_date,
            end_date=item.end,
            texts=texts,
            reasons=item.reason,
        )
    for item in spec.added:
        lead = db.session.scalar(select(Agency).where(Agency.slug == item.lead))
        commitment = amending.add_commitment(
            coordinator,
            plan,
            lead_agency=lead,
            reasons=item.reason,
            reference=item.reference,
            source_locale=next(iter(item.texts)),
            start_date=item.start,
            end_date=item.end,
            values=set(item.values),
            texts=item.texts,
        )
        for milestone in item.milestones:
            amending.add_milestone(
                coordinator,
                commitment,
                start_date=milestone.start,
                due_date=milestone.due,
                texts={lang: {"deliverable": t} for lang, t in milestone.deliverable.items()},
                reasons=item.reason,
            )
        _report(coordinator, commitment, item.updates)
    yield (
        f"  {spec.plan}: refreshed, {len(spec.amendments)} commitment(s) amended, "
        f"{len(spec.added)} added"
    )
