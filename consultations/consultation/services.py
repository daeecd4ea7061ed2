"""Writes to consultations: creating one on a draft, changing its texts and schedule, and
adding and editing its sections; plus the reads the coordinators' pages need.

Once a consultation has opened, a changed section keeps its earlier wording as a revision,
so readers can see what the comments were written against.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Select, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import raiseload

from .. import permissions
from ..accounts.models import User
from ..agencies.models import Agency
from ..audit.services import record
from ..clock import as_utc, now
from ..content import clean_texts, sync_texts, texts_snapshot
from ..errors import FieldRejected, PermissionDenied
from ..extensions import db
from ..plans.models import ActionPlan, Commitment
from ..plans.worklist import in_own_country
from .models import Consultation, ConsultationText, Section, SectionRevision, SectionText

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Addresses the staff pages use for themselves (/staff/consultations/new).
RESERVED_SLUGS = frozenset({"new"})
# How far in the past an opening may be typed, for clocks that disagree a little and the
# time it takes to fill in the form; anything earlier is a consultation nobody could answer.
OPENING_CLOCK_SKEW = timedelta(minutes=5)
ConsultationRejected = FieldRejected


def consultation_snapshot(consultation: Consultation) -> dict:
    return {
        "slug": consultation.slug,
        "agency_id": consultation.agency_id,
        "plan_id": consultation.plan_id,
        "commitment_id": consultation.commitment_id,
        "opens_at": as_utc(consultation.opens_at).isoformat(),
        "closes_at": as_utc(consultation.closes_at).isoformat(),
        "response_deadline": as_utc(consultation.response_deadline).isoformat(),
        "texts": texts_snapshot(consultation, ("title", "introduction")),
        "sections": [
            {"anchor": s.anchor, "texts": texts_snapshot(s, ("heading", "body"))}
            for s in consultation.sections
        ],
    }


def create_consultation(
    actor: User,
    *,
    agency: Agency,
    plan: ActionPlan,
    commitment: Commitment | None,
    slug: str,
    texts: dict[str, dict[str, str]],
    sections: list[dict[str, dict[str, str]]],
    opens_at: datetime,
    closes_at: datetime,
    response_deadline: datetime | None = None,
    moment: datetime | None = None,
) -> Consultation:
    """Open a draft commitment, or a whole draft plan, to public comment on a schedule.
    `moment` is when it is created (the demo loader writes history; otherwise now)."""
    if not permissions.can_create_consultation(actor, plan, agency.id):
        raise PermissionDenied()
    if not permissions.belongs_to_plan(agency, plan):
        raise ConsultationRejected(
            "agency", _("This agency belongs to another country than the plan.")
        )
    if commitment is not None and commitment.plan_id != plan.id:
        raise ConsultationRejected("commitment", _("The commitment belongs to another plan."))
    if commitment is not None and not permissions.covers(actor, plan, commitment.lead_agency_id):
        raise ConsultationRejected(
            "commitment", _("This commitment is led by an agency you do not coordinate.")
        )
    slug = slug.strip().lower()
    if not SLUG.match(slug):
        raise ConsultationRejected(
            "slug", _("Use lower-case Latin letters, digits and single hyphens only.")
        )
    if slug in RESERVED_SLUGS:
        raise ConsultationRejected("slug", _("This address is reserved; choose another."))
    deadline = response_deadline or closes_at + timedelta(days=current_app.config["RESPONSE_DAYS"])
    _check_opening(opens_at, moment or now())
    _check_schedule(opens_at, closes_at, deadline)
    if not sections:
        raise ConsultationRejected("sections", _("A draft needs at least one section."))
    consultation = Consultation(
        slug=slug,
        agency=agency,
        plan=plan,
        commitment=commitment,
        opens_at=opens_at,
        closes_at=closes_at,
        response_deadline=deadline,
    )
    sync_texts(consultation, ConsultationText, clean_texts(texts, "title"))
    for position, section_texts in enumerate(sections, start=1):
        section = Section(position=position, anchor=f"section-{position}")
        sync_texts(section, SectionText, clean_texts(section_texts, "body"))
        consultation.sections.append(section)
    db.session.add(consultation)
    try:
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        raise ConsultationRejected(
            "slug", _("Another consultation already uses this address.")
        ) from error
    record(
        actor,
        "consultation.create",
        "consultation",
        slug,
        None,
        consultation_snapshot(consultation),
    )
    db.session.commit()
    return consultation


def _check_opening(opens_at: datetime, moment: datetime) -> None:
    """A new or moved opening lies ahead, give or take `OPENING_CLOCK_SKEW`."""
    if as_utc(opens_at) < moment - OPENING_CLOCK_SKEW:
        raise ConsultationRejected(
            "opens_at", _("The opening is in the past; choose a time from now on.")
        )


def _check_schedule(opens_at: datetime, closes_at: datetime, deadline: datetime) -> None:
    if closes_at <= opens_at:
        raise ConsultationRejected("closes_at", _("The closing must come after the opening."))
    if deadline < closes_at:
        raise ConsultationRejected(
            "response_deadline", _("The response deadline cannot come before the closing.")
        )


def edit_section(actor: User, section: Section, texts: dict[str, dict[str, str]]) -> Section:
    """Change a section's wording; once the consultation is open, the old wording is kept."""
    consultation = section.consultation
    if not permissions.can_edit_consultation(actor, consultation):
        raise PermissionDenied()
    texts = clean_texts(texts, "body")
    before = texts_snapshot(section, ("heading", "body"))
    moment = now()
    if moment >= as_utc(consultation.opens_at):
        for row in section.texts:
            new = texts.get(row.locale)
            if new is None or (new.get("heading"), new.get("body")) != (row.heading, row.body):
                db.session.add(
                    SectionRevision(
                        section_id=section.id,
                        locale=row.locale,
                        heading=row.heading,
                        body=row.body,
                        written_at=row.updated_at,
                        replaced_at=moment,
                    )
                )
    sync_texts(section, SectionText, texts)
    db.session.flush()
    record(
        actor,
        "section.update",
        "consultation",
        consultation.slug,
        {"anchor": section.anchor, "texts": before},
        {"anchor": section.anchor, "texts": texts_snapshot(section, ("heading", "body"))},
    )
    db.session.commit()
    return section


def edit_consultation(
    actor: User,
    consultation: Consultation,
    texts: dict[str, dict[str, str]],
    opens_at: datetime,
    closes_at: datetime,
    response_deadline: datetime | None = None,
) -> Consultation:
    """Change the title, introduction and schedule; an open consultation keeps its opening."""
    if not permissions.can_edit_consultation(actor, consultation):
        raise PermissionDenied()
    texts = clean_texts(texts, "title")
    opens_at, closes_at = as_utc(opens_at), as_utc(closes_at)
    deadline = as_utc(
        response_deadline or closes_at + timedelta(days=current_app.config["RESPONSE_DAYS"])
    )
    _check_reschedule(consultation, opens_at, closes_at, deadline)
    before = consultation_snapshot(consultation)
    sync_texts(consultation, ConsultationText, texts)
    consultation.opens_at, consultation.closes_at = opens_at, closes_at
    consultation.response_deadline = deadline
    after = consultation_snapshot(consultation)
    if after != before:
        db.session.flush()
        record(actor, "consultation.update", "consultation", consultation.slug, before, after)
    db.session.commit()
    return consultation


def _check_reschedule(
    consultation: Consultation, opens_at: datetime, closes_at: datetime, deadline: datetime
) -> None:
    """What readers were told stays true: an opened consultation keeps its opening, and
    its closing only moves later, never into the past."""
    moment = now()
    old_opens, old_closes = as_utc(consultation.opens_at), as_utc(consultation.closes_at)
    has_opened = moment >= old_opens
    schedule_moved = (opens_at, closes_at) != (old_opens, old_closes)
    if schedule_moved and consultation.responses_completed_at is not None:
        raise ConsultationRejected(
            "closes_at", _("The responses are published; the schedule can no longer change.")
        )
    if has_opened and opens_at != old_opens:
        raise ConsultationRejected(
            "opens_at", _("The consultation has opened; its opening can no longer move.")
        )
    if opens_at != old_opens:
        _check_opening(opens_at, moment)
    if closes_at != old_closes:
        if closes_at <= moment:
            raise ConsultationRejected("closes_at", _("The closing cannot move into the past."))
        if has_opened and closes_at < old_closes:
            raise ConsultationRejected(
                "closes_at",
                _("Once the consultation has opened, its closing can only be extended."),
            )
    _check_schedule(opens_at, closes_at, deadline)


def add_section(
    actor: User, consultation: Consultation, texts: dict[str, dict[str, str]]
) -> Section:
    """Add a section at the end of the draft, while the consultation has not closed."""
    if not permissions.can_edit_consultation(actor, consultation):
        raise PermissionDenied()
    if now() >= as_utc(consultation.closes_at):
        raise ConsultationRejected(
            "sections", _("The consultation has closed; no sections can be added.")
        )
    texts = clean_texts(texts, "body")
    taken = {section.anchor for section in consultation.sections}
    number = len(taken) + 1
    while f"section-{number}" in taken:
        number += 1
    position = max((section.position for section in consultation.sections), default=0) + 1
    section = Section(position=position, anchor=f"section-{number}")
    sync_texts(section, SectionText, texts)
    consultation.sections.append(section)
    db.session.flush()
    record(
        actor,
        "section.create",
        "consultation",
        consultation.slug,
        None,
        {"anchor": section.anchor, "texts": texts_snapshot(section, ("heading", "body"))},
    )
    db.session.commit()
    return section


# Reads for the coordinators' pages.


def editable_consultations(user: User) -> Select:
    """The consultations `user` may edit as coordinator, latest opening first (to paginate)."""
    agency_ids = user.coordinated_agency_ids()
    return (
        select(Consultation)
        .join(Consultation.plan)
        .where(
            or_(
                in_own_country(user, Consultation.agency_id),
                ActionPlan.coordinating_agency_id.in_(agency_ids),
            )
        )
        .options(raiseload(Consultation.sections))
        .order_by(Consultation.opens_at.desc(), Consultation.id.desc())
    )


def creatable_plans(user: User) -> list[ActionPlan]:
    """Plans being drafted or consulted on where `user` may open a consultation."""
    statement = (
        select(ActionPlan)
        .where(ActionPlan.status.in_(permissions.DRAFT_STATUSES))
        .order_by(ActionPlan.period_start.desc(), ActionPlan.id)
    )
    own = user.coordinated_agency_ids()
    return [
        plan
        for plan in db.session.scalars(statement)
        if any(permissions.can_create_consultation(user, plan, agency_id) for agency_id in own)
    ]


def agency_options(user: User, plans: list[ActionPlan]) -> list[Agency]:
    """The agencies `user` coordinates in `plans`, and every agency of a plan's country when
    they are its national coordinator; the chosen plan is checked again on saving."""
    agencies = db.session.scalars(select(Agency).order_by(Agency.slug)).all()
    national = [plan for plan in plans if permissions.is_national_coordinator(user, plan)]
    own = set().union(*(permissions.plan_agency_ids(user, plan) for plan in plans))
    return [
        agency
        for agency in agencies
        if agency.id in own or any(permissions.belongs_to_plan(agency, p) for p in national)
    ]


def find_commitment(plan: ActionPlan, reference: str) -> Commitment | None:
    """The plan's commitment with this reference; None for an empty reference."""
    reference = reference.strip().upper()
    if not reference:
        return None
    commitment = db.session.scalar(
        select(Commitment).where(Commitment.reference == reference, Commitment.plan_id == plan.id)
    )
    if commitment is None:
        raise ConsultationRejected(
            "commitment", _("The chosen plan has no commitment with this reference.")
        )
    return commitment
