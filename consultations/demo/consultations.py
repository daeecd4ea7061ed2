"""Loading the demo consultations through the services people use on the site.

Every comment, flag, hiding, response and survey answer goes through its service with a
moment in the past, so the rules (open phase, one flag each, one response per comment) hold
for demo content exactly as for real content.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..agencies.models import Agency
from ..comments import services as comments
from ..comments.models import Comment, Stance
from ..consultation import services as consultations
from ..consultation.models import Consultation
from ..extensions import db
from ..moderation import services as moderation
from ..plans.models import ActionPlan, Commitment
from ..responses import services as responses
from ..responses.models import Outcome
from ..satisfaction import services as satisfaction
from .consultation_texts import CONSULTATIONS, DemoConsultation

PLAN = "il-2026-2029"
COORDINATOR = "coordinator@example.org"
MODERATOR = "moderator@example.org"


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def load_consultations(loaded_at: datetime) -> Iterator[str]:
    """Create the demo consultations that do not exist yet; yield a line for each."""
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.slug == PLAN))
    for spec in CONSULTATIONS:
        consultation = db.session.scalar(select(Consultation).where(Consultation.slug == spec.slug))
        if consultation is None:
            consultation = _create(spec, plan, loaded_at)
        count = db.session.scalar(
            select(db.func.count(Comment.id)).where(Comment.consultation_id == consultation.id)
        )
        yield f"Consultation {spec.slug}: {len(consultation.sections)} sections, {count} comments"


def _create(spec: DemoConsultation, plan: ActionPlan, loaded_at: datetime) -> Consultation:
    coordinator = _user(COORDINATOR)
    opens_at = loaded_at + spec.opens
    closes_at = opens_at + spec.lasts
    consultation = consultations.create_consultation(
        coordinator,
        agency=db.session.scalar(select(Agency).where(Agency.slug == spec.agency)),
        plan=plan,
        commitment=db.session.scalar(
            select(Commitment).where(Commitment.reference == spec.commitment)
        )
        if spec.commitment
        else None,
        slug=spec.slug,
        texts=spec.texts,
        sections=spec.sections,
        opens_at=opens_at,
        closes_at=closes_at,
        response_deadline=closes_at + timedelta(days=spec.response_days)
        if spec.response_days is not None
        else None,
        moment=min(opens_at, loaded_at),
    )
    made = _comment(spec, consultation, opens_at)
    for position, texts in spec.edits:
        consultations.edit_section(coordinator, consultation.sections[position - 1], texts)
    for answer in spec.responses:
        responses.publish_response(
            coordinator,
            consultation,
            outcome=Outcome(answer.outcome),
            texts={lang: {"reasons": reasons} for lang, reasons in answer.reasons.items()},
            comment_ids=[made[key].id for key in answer.comments],
            moment=closes_at + answer.when,
        )
    if spec.responses_complete is not None:
        responses.complete_responses(
            coordinator, consultation, moment=closes_at + spec.responses_complete
        )
    for email, score, ease, remark in spec.survey:
        satisfaction.answer_survey(
            _user(email), consultation, score, ease, remark, moment=min(closes_at, loaded_at)
        )
    return consultation


def _comment(
    spec: DemoConsultation, consultation: Consultation, opens_at: datetime
) -> dict[str, Comment]:
    made: dict[str, Comment] = {}
    moderator = _user(MODERATOR)
    for item in spec.comments:
        moment = opens_at + item.when
        made[item.key] = comment = comments.add_comment(
            _user(item.author),
            consultation,
            item.text,
            language=item.language,
            stance=Stance(item.stance) if item.stance else None,
            section=consultation.sections[item.section - 1] if item.section else None,
            parent=made[item.parent] if item.parent else None,
            files=[attachment.received() for attachment in item.files],
            moment=moment,
        )
        for email, rule in item.flags:
            moderation.flag_comment(_user(email), comment, rule, "", moment=moment)
        if item.hidden:
            rule, note = item.hidden
            moderation.hide_comment(moderator, comment, rule, note, moment=moment)
    return made
