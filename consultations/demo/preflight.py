"""Before loading: what in a database that already holds other data would stop the demo
from loading whole. The demo then either adds only what is missing, or writes nothing and
says what is in the way."""

from __future__ import annotations

from sqlalchemy import select

from ..accounts.models import User
from ..accounts.rules import name_key
from ..consultation.models import Consultation
from ..extensions import db
from ..plans.models import ActionPlan, Commitment
from .consultation_texts import CITIZENS, CONSULTATIONS
from .consultations import PLAN as CONSULTATIONS_PLAN
from .latvia import REFRESH


def conflicts(plans, people) -> list[str]:
    """One line per clash between the demo's content and records already here."""
    return [
        *_plan_conflicts(plans),
        *_commitment_conflicts(plans),
        *_consultation_conflicts(),
        *_name_conflicts([(email, name) for email, name, *_ in (*people, *CITIZENS)]),
    ]


def _plan_conflicts(plans) -> list[str]:
    found = db.session.execute(
        select(ActionPlan.slug, ActionPlan.country).where(
            ActionPlan.slug.in_([spec.slug for spec in plans])
        )
    )
    countries = {spec.slug: spec.country for spec in plans}
    return [
        f"the plan {slug} exists for country {country}, not {countries[slug]}"
        for slug, country in found
        if country != countries[slug]
    ]


def _commitment_conflicts(plans) -> list[str]:
    home = {item.reference: spec.slug for spec in plans for item in spec.commitments}
    # Commitments the demo adds at a plan's refresh belong to that plan too.
    home.update({item.reference: REFRESH.plan for item in REFRESH.added})
    found = db.session.execute(
        select(Commitment.reference, ActionPlan.slug)
        .join(ActionPlan, Commitment.plan_id == ActionPlan.id)
        .where(Commitment.reference.in_(home))
    )
    return [
        f"the commitment {reference} belongs to the plan {slug}, not {home[reference]}"
        for reference, slug in found
        if slug != home[reference]
    ]


def _consultation_conflicts() -> list[str]:
    found = db.session.execute(
        select(Consultation.slug, ActionPlan.slug)
        .join(ActionPlan, Consultation.plan_id == ActionPlan.id)
        .where(Consultation.slug.in_([spec.slug for spec in CONSULTATIONS]))
    )
    return [
        f"the consultation {slug} belongs to the plan {plan}, not {CONSULTATIONS_PLAN}"
        for slug, plan in found
        if plan != CONSULTATIONS_PLAN
    ]


def _name_conflicts(people: list[tuple[str, str]]) -> list[str]:
    keys = {name_key(name): (email, name) for email, name in people}
    found = db.session.execute(select(User.name_key, User.email).where(User.name_key.in_(keys)))
    return [
        f"the display name {keys[key][1]!r} is taken by another account than {keys[key][0]}"
        for key, email in found
        if email.lower() != keys[key][0].lower()
    ]
