"""Writes to consultations: creating one on a draft, and editing its sections.

Once a consultation has opened, a changed section keeps its earlier wording as a revision,
so readers can see what the comments were written against.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from .. import permissions
from ..accounts.models import User
from ..agencies.models import Agency
from ..audit.services import record
from ..clock import as_utc, now
from ..content import clean_texts, sync_texts, texts_snapshot
from ..errors import FieldRejected, PermissionDenied
from ..extensions import db
from ..plans.models import ActionPlan, Commitment
from .models import Consultation, ConsultationText, Section, SectionRevision, SectionText

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
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
) -> Consultation:
    """Open a draft commitment, or a whole draft plan, to public comment on a schedule."""
    if not permissions.can_create_consultation(actor, plan, agency.id):
        raise PermissionDenied()
    if commitment is not None and commitment.plan_id != plan.id:
        raise ConsultationRejected("commitment", _("The commitment belongs to another plan."))
    slug = slug.strip().lower()
    if not SLUG.match(slug):
        raise ConsultationRejected(
            "slug", _("Use lower-case Latin letters, digits and single hyphens only.")
        )
    deadline = response_deadline or closes_at + timedelta(days=current_app.config["RESPONSE_DAYS"])
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
