"""Reads for the staff pages: what a person covers, and which translations lag behind.

A translation is outdated when its text row is older than the row of the commitment's
original language, and missing when there is no row at all.
"""

from __future__ import annotations

import enum

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, bindparam, false, or_, select
from sqlalchemy.orm import lazyload

from .. import permissions
from ..accounts.models import Role, User
from ..agencies.models import Agency
from ..clock import as_utc
from ..content import read_texts
from ..extensions import db
from ..statements import built_once
from .models import ActionPlan, Assessment, Commitment, DesignAssessment, ProgressUpdate

PER_PAGE = 25
# The publish pages list this many earlier records to correct; the public timeline has all.
RECENT = 20


class TranslationState(enum.StrEnum):
    SOURCE = "source"
    CURRENT = "current"
    OUTDATED = "outdated"
    MISSING = "missing"


TRANSLATION_STATE = {
    # TRANSLATORS: the language a commitment was first written in.
    TranslationState.SOURCE: _l("original"),
    TranslationState.CURRENT: _l("up to date"),
    # TRANSLATORS: a translation older than the latest change to the original text.
    TranslationState.OUTDATED: _l("outdated"),
    TranslationState.MISSING: _l("missing"),
}


def translation_states(commitment: Commitment) -> dict[str, TranslationState]:
    """Each site language's state against the commitment's original language."""
    rows = {row.locale: row for row in commitment.texts}
    source = rows.get(commitment.source_locale)
    states = {}
    for lang in current_app.config["LANGUAGES"]:
        row = rows.get(lang)
        if lang == commitment.source_locale:
            states[lang] = TranslationState.SOURCE
        elif row is None:
            states[lang] = TranslationState.MISSING
        elif source is not None and as_utc(row.updated_at) < as_utc(source.updated_at):
            states[lang] = TranslationState.OUTDATED
        else:
            states[lang] = TranslationState.CURRENT
    return states


def lagging_translations(commitment: Commitment) -> dict[str, TranslationState]:
    """Only the languages whose translation is outdated or missing."""
    return {
        lang: state
        for lang, state in translation_states(commitment).items()
        if state in (TranslationState.OUTDATED, TranslationState.MISSING)
    }


def in_own_country(user: User, agency_column):
    """`agency_column` is an agency `user` coordinates, in a plan of that agency's country
    (joined to ActionPlan); see `permissions.covers`."""
    return or_(
        false(),
        *(
            and_(agency_column == grant.agency_id, ActionPlan.country == grant.agency.country)
            for grant in user.roles
            if grant.role == Role.COORDINATOR and grant.agency is not None
        ),
    )


def covered_commitments(user: User) -> Select:
    """The commitments `user` covers as coordinator, by plan then reference (to paginate)."""
    agency_ids = user.coordinated_agency_ids()
    return (
        select(Commitment)
        .join(Commitment.plan)
        .where(
            or_(
                in_own_country(user, Commitment.lead_agency_id),
                ActionPlan.coordinating_agency_id.in_(agency_ids),
            )
        )
        .order_by(ActionPlan.period_start.desc(), ActionPlan.id, Commitment.reference)
    )


def reporting_commitments() -> Select:
    """Commitments of adopted plans, which monitors may assess (to paginate)."""
    return (
        select(Commitment)
        .join(Commitment.plan)
        .where(ActionPlan.status.in_(permissions.REPORTING_STATUSES))
        .order_by(ActionPlan.period_start.desc(), ActionPlan.id, Commitment.reference)
    )


def draft_plans() -> list[ActionPlan]:
    """Plans still open for new commitments (few at a time: one per country at most)."""
    statement = (
        select(ActionPlan)
        .where(ActionPlan.status.in_(permissions.DRAFT_STATUSES))
        .order_by(ActionPlan.period_start.desc())
    )
    return list(db.session.scalars(statement))


def list_plans() -> Select:
    return select(ActionPlan).order_by(ActionPlan.period_start.desc(), ActionPlan.id.desc())


def list_agencies() -> list[Agency]:
    return list(db.session.scalars(select(Agency).order_by(Agency.slug)))


def lead_agency_choices(user: User, plan: ActionPlan) -> list[Agency]:
    """The agencies `user` may name as lead: every agency of the plan's country for the
    plan's national coordinator, otherwise the agencies they coordinate there."""
    agencies = list_agencies()
    if permissions.is_national_coordinator(user, plan):
        return [agency for agency in agencies if permissions.belongs_to_plan(agency, plan)]
    own = permissions.plan_agency_ids(user, plan)
    return [agency for agency in agencies if agency.id in own]


def list_updates(commitment: Commitment) -> list[ProgressUpdate]:
    """A commitment's latest published updates, newest first."""
    statement = (
        select(ProgressUpdate)
        .where(ProgressUpdate.commitment_id == commitment.id)
        .order_by(ProgressUpdate.published_at.desc(), ProgressUpdate.id.desc())
        .limit(RECENT)
    )
    return list(db.session.scalars(statement))


def list_assessments(commitment: Commitment) -> list[Assessment]:
    """A commitment's latest published assessments, newest first."""
    statement = (
        select(Assessment)
        .where(Assessment.commitment_id == commitment.id)
        .order_by(Assessment.published_at.desc(), Assessment.id.desc())
        .limit(RECENT)
    )
    return list(db.session.scalars(statement))


def get_update_or_404(commitment: Commitment, update_id: int) -> ProgressUpdate:
    return db.first_or_404(
        select(ProgressUpdate).where(
            ProgressUpdate.id == update_id, ProgressUpdate.commitment_id == commitment.id
        )
    )


def get_assessment_or_404(commitment: Commitment, assessment_id: int) -> Assessment:
    return db.first_or_404(
        select(Assessment).where(
            Assessment.id == assessment_id, Assessment.commitment_id == commitment.id
        )
    )


def drafted_commitments() -> Select:
    """Commitments of plans being drafted or consulted on, whose design monitors review."""
    return (
        select(Commitment)
        .join(Commitment.plan)
        .where(ActionPlan.status.in_(permissions.DRAFT_STATUSES))
        .order_by(ActionPlan.period_start.desc(), ActionPlan.id, Commitment.reference)
    )


def _design_assessments() -> Select:
    return (
        select(DesignAssessment)
        .where(DesignAssessment.commitment_id == bindparam("commitment"))
        .order_by(DesignAssessment.published_at.desc(), DesignAssessment.id.desc())
        .limit(RECENT)
        .options(lazyload(DesignAssessment.texts))
    )


def list_design_assessments(commitment: Commitment) -> list[DesignAssessment]:
    """A commitment's latest published design assessments, newest first, their texts read
    as plain rows (a commitment page asks for them on every reading, most find none)."""
    statement = built_once("design assessments", _design_assessments)
    records = list(db.session.scalars(statement, {"commitment": commitment.id}))
    read_texts(records)
    return records
