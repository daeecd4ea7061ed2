"""Writes of the co-creation timeline and of proposals: each checks its rule, writes,
commits once and, for staff and moderators, records the audit event."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from .. import permissions, sanitize
from ..accounts.models import Role, RoleGrant, User
from ..audit.services import record
from ..clock import now
from ..content import clean_texts, sync_texts
from ..database import write_lock
from ..documents.services import Received, attach
from ..errors import FieldRejected, PermissionDenied
from ..extensions import db
from ..follows import notify
from ..plans.models import OGP_VALUES, ActionPlan, Commitment
from ..receipts.mailing import receive_proposal
from .models import (
    STAGES,
    CoCreationChange,
    CoCreationStage,
    CoCreationStageText,
    CoCreationTimeline,
    Outcome,
    Proposal,
    ProposalAnswer,
    ProposalState,
    ProposalSupport,
    Stage,
)
from .publication import timeline_of

TITLE_MAX = 200
TEXT_MAX = 5000

# What a stage is given by the timeline form: its dates and its ways to take part per language.
StageInput = tuple[date | None, date | None, dict[str, dict[str, str]]]


# The timeline


def _dates(timeline: CoCreationTimeline) -> dict[str, list[str]]:
    return {
        row.stage.value: [row.starts_on.isoformat(), row.ends_on.isoformat()]
        for row in timeline.stages
    }


def _check_stages(stages: dict[Stage, StageInput]) -> None:
    previous_start = None
    for stage in STAGES:
        starts_on, ends_on, _texts = stages[stage]
        if starts_on is None or ends_on is None:
            raise FieldRejected(f"{stage.value}_starts_on", _("Give both dates of every stage."))
        if ends_on < starts_on:
            raise FieldRejected(f"{stage.value}_ends_on", _("A stage cannot end before it starts."))
        if previous_start is not None and starts_on < previous_start:
            raise FieldRejected(
                f"{stage.value}_starts_on",
                _("Each stage starts on or after the day the stage before it starts."),
            )
        previous_start = starts_on


def save_timeline(
    actor: User,
    plan: ActionPlan,
    stages: dict[Stage, StageInput],
    note: str = "",
    moment: datetime | None = None,
) -> CoCreationTimeline:
    """Set every stage's dates and ways to take part; once published, each change is dated,
    shown on the timeline and told to the plan's followers."""
    if not permissions.can_edit_cocreation(actor, plan):
        raise PermissionDenied()
    _check_stages(stages)
    cleaned = {
        stage: clean_texts(texts, "ways_to_take_part")
        if any((fields.get("ways_to_take_part") or "").strip() for fields in texts.values())
        else {}
        for stage, (_s, _e, texts) in stages.items()
    }
    moment = moment or now()
    timeline = timeline_of(plan)
    if timeline is None:
        timeline = CoCreationTimeline(plan_id=plan.id, updated_at=moment)
        db.session.add(timeline)
    before = _dates(timeline) if timeline.id else {}
    existing = {row.stage: row for row in timeline.stages}
    for position, stage in enumerate(STAGES):
        starts_on, ends_on, _texts = stages[stage]
        row = existing.get(stage)
        if row is None:
            row = CoCreationStage(stage=stage, position=position)
            timeline.stages.append(row)
        row.starts_on, row.ends_on = starts_on, ends_on
        sync_texts(row, CoCreationStageText, cleaned[stage])
    timeline.updated_at = moment
    db.session.flush()
    after = _dates(timeline)
    if timeline.published_at is not None and (before != after or note.strip()):
        moved = [
            {"stage": key, "before": before.get(key), "after": value}
            for key, value in after.items()
            if before.get(key) != value
        ]
        change = CoCreationChange(
            timeline_id=timeline.id,
            changed_at=moment,
            kind="changed",
            dates=moved,
            note=sanitize.clean_bidi(note.strip()),
        )
        db.session.add(change)
        notify.timeline_changed(change, plan)
    record(
        actor,
        "cocreation.save",
        "plan",
        plan.id,
        before={"dates": before},
        after={"dates": after, "note": note.strip()},
    )
    db.session.commit()
    return timeline


def publish_timeline(
    actor: User, plan: ActionPlan, moment: datetime | None = None
) -> CoCreationTimeline:
    """Make the timeline public; its first publication date is kept for the standards check."""
    timeline = timeline_of(plan)
    if not permissions.can_edit_cocreation(actor, plan) or timeline is None:
        raise PermissionDenied()
    if timeline.published_at is not None:
        return timeline
    moment = moment or now()
    timeline.published_at = moment
    change = CoCreationChange(
        timeline_id=timeline.id, changed_at=moment, kind="published", dates=[], note=""
    )
    db.session.add(change)
    notify.timeline_changed(change, plan)
    record(actor, "cocreation.publish", "plan", plan.id, after={"dates": _dates(timeline)})
    db.session.commit()
    return timeline


# Proposals


def registered_organisations() -> list[str]:
    """The organisations registered on the site: those civil-society monitors speak for."""
    return sorted(
        db.session.scalars(
            select(RoleGrant.organisation)
            .where(RoleGrant.role == Role.MONITOR, RoleGrant.organisation.is_not(None))
            .distinct()
        )
    )


def _organisation(author: User, name: str) -> str:
    """The registered organisation the author speaks for, spelled as it is registered."""
    name = " ".join((name or "").split())
    if not name:
        return ""
    own = {
        (grant.organisation or "").casefold(): grant.organisation
        for grant in author.roles
        if grant.role == Role.MONITOR and grant.organisation
    }
    if name.casefold() in own:
        return own[name.casefold()]
    known = {org.casefold() for org in registered_organisations()}
    if name.casefold() in known:
        message = _("Only its registered members can propose on behalf of this organisation.")
    else:
        message = _("No organisation of that name is registered on this site.")
    raise FieldRejected("organisation", message)


def _clean(field: str, text: str, limit: int, empty_message: str) -> str:
    text = sanitize.clean_bidi(unicodedata.normalize("NFC", text or "")).strip()
    if not text:
        raise FieldRejected(field, empty_message)
    if len(text) > limit:
        raise FieldRejected(
            field,
            _(
                "This can have at most %(max)d characters; it has %(length)d.",
                max=limit,
                length=len(text),
            ),
        )
    return text


def proposal_fingerprint(title: str, problem: str, solution: str) -> str:
    """The words of a proposal: the same proposal sent twice is one."""
    key = " ".join(f"{title}|{problem}|{solution}".split()).casefold()
    return hashlib.sha256(key.encode()).hexdigest()


def propose(
    author: User,
    plan: ActionPlan,
    *,
    title: str,
    problem: str,
    solution: str,
    language: str,
    lead_agency_id: int | None = None,
    values: Iterable[str] = (),
    organisation: str = "",
    files: Sequence[Received] = (),
    moment: datetime | None = None,
) -> Proposal:
    """Publish a proposed commitment during the plan's proposals stage (sent twice: one)."""
    moment = moment or now()
    if not permissions.can_propose(author, timeline_of(plan), moment.date()):
        raise PermissionDenied()
    title = _clean("title", title, TITLE_MAX, _("Give your proposal a short title."))
    problem = _clean("problem", problem, TEXT_MAX, _("Describe the problem to solve."))
    solution = _clean("solution", solution, TEXT_MAX, _("Describe the solution you propose."))
    organisation = _organisation(author, organisation)
    if lead_agency_id is not None:
        from ..agencies.models import Agency

        agency = db.session.get(Agency, lead_agency_id)
        if not permissions.belongs_to_plan(agency, plan):
            raise FieldRejected("lead_agency", _("Choose an agency of this plan's country."))
    fingerprint = proposal_fingerprint(title, problem, solution)
    earlier = _same_proposal(plan, author, fingerprint)
    if earlier is not None:
        return earlier
    chosen = set(values)
    write_lock()
    proposal = Proposal(
        plan_id=plan.id,
        author_id=author.id,
        author_name=author.display_name,
        organisation=organisation,
        language=language,
        title=title,
        problem=problem,
        solution=solution,
        lead_agency_id=lead_agency_id,
        fingerprint=fingerprint,
        state=ProposalState.VISIBLE,
        support_count=0,
        created_at=moment,
        **{value: value in chosen for value in OGP_VALUES},
    )
    db.session.add(proposal)
    try:
        db.session.flush()
        attach(files, "proposal", proposal, author)
        receive_proposal(author, proposal, plan)  # its reference number, by e-mail too
        db.session.commit()
    except IntegrityError:  # sent twice at once: one stands
        db.session.rollback()
        return _same_proposal(plan, author, fingerprint)
    return proposal


def _same_proposal(plan: ActionPlan, author: User, fingerprint: str) -> Proposal | None:
    return db.session.scalar(
        select(Proposal).where(
            Proposal.plan_id == plan.id,
            Proposal.author_id == author.id,
            Proposal.fingerprint == fingerprint,
        )
    )


def support(user: User, proposal: Proposal) -> bool:
    """Add the person's support; False when they already support it (counted once)."""
    if not permissions.can_support_proposal(user, proposal):
        raise PermissionDenied()
    proposal_id = proposal.id
    write_lock()
    try:
        db.session.add(ProposalSupport(proposal_id=proposal_id, user_id=user.id, created_at=now()))
        db.session.flush()
        # Counted in the same transaction as the row, by the database, so no support is lost.
        db.session.execute(
            update(Proposal)
            .where(Proposal.id == proposal_id)
            .values(support_count=Proposal.support_count + 1)
        )
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def withdraw_support(user: User, proposal: Proposal) -> bool:
    """Take one's support back; False when there was none."""
    write_lock()
    removed = db.session.execute(
        ProposalSupport.__table__.delete().where(
            ProposalSupport.proposal_id == proposal.id, ProposalSupport.user_id == user.id
        )
    ).rowcount
    if removed:
        db.session.execute(
            update(Proposal)
            .where(Proposal.id == proposal.id)
            .values(support_count=Proposal.support_count - removed)
        )
    db.session.commit()
    return bool(removed)


# Moderation


def hide_proposal(moderator: User, proposal: Proposal, reason: str) -> Proposal:
    """Take a proposal off the public lists, with a public reason."""
    if not permissions.can_hide_proposal(moderator, proposal):
        raise PermissionDenied()
    reason = _clean("reason", reason, 1000, _("Give the reason people will see."))
    before = {"state": proposal.state.value, "flag_count": proposal.flag_count}
    proposal.state, proposal.hidden_reason = ProposalState.HIDDEN, reason
    proposal.held, proposal.held_at, proposal.flag_count = False, None, 0
    record(
        moderator,
        "proposal.hide",
        "proposal",
        proposal.id,
        before=before,
        after={"state": "hidden", "reason": reason},
    )
    db.session.commit()
    return proposal


def restore_proposal(moderator: User, proposal: Proposal) -> Proposal:
    """Show a hidden proposal again, or keep a flagged one visible and clear its flags."""
    if not permissions.can_hide_proposal(moderator, proposal):
        raise PermissionDenied()
    hidden = proposal.state == ProposalState.HIDDEN
    before = {"state": proposal.state.value, "flag_count": proposal.flag_count}
    proposal.state, proposal.hidden_reason = ProposalState.VISIBLE, None
    proposal.held, proposal.held_at, proposal.flag_count = False, None, 0
    record(
        moderator,
        "proposal.restore" if hidden else "proposal.dismiss",
        "proposal",
        proposal.id,
        before=before,
        after={"state": "visible", "flag_count": 0},
    )
    db.session.commit()
    return proposal


# The government's answers


def answer_snapshot(answer: ProposalAnswer | None) -> dict | None:
    if answer is None:
        return None
    return {
        "outcome": answer.outcome.value,
        "commitment_id": answer.commitment_id,
        "merged_into_id": answer.merged_into_id,
        "reasons": answer.reasons,
    }


def answer_proposal(
    actor: User,
    proposal: Proposal,
    *,
    outcome: Outcome | str,
    reasons: str,
    language: str,
    commitment_id: int | None = None,
    merged_into_id: int | None = None,
) -> ProposalAnswer:
    """Write (or rewrite, until published) the reasoned answer to a proposal."""
    if not permissions.can_answer_proposal(actor, proposal):
        raise PermissionDenied()
    try:
        outcome = Outcome(outcome)
    except ValueError:
        raise FieldRejected("outcome", _("Choose what became of the proposal.")) from None
    reasons = _clean("reasons", reasons, TEXT_MAX, _("Give the reasons for this answer."))
    if outcome in (Outcome.INCLUDED, Outcome.PARTLY_INCLUDED):
        commitment = db.session.get(Commitment, commitment_id) if commitment_id else None
        if commitment is None or commitment.plan_id != proposal.plan_id:
            raise FieldRejected(
                "commitment", _("Choose the commitment of this plan the proposal shaped.")
            )
    else:
        commitment_id = None
    if outcome == Outcome.MERGED:
        other = db.session.get(Proposal, merged_into_id) if merged_into_id else None
        if other is None or other.plan_id != proposal.plan_id or other.id == proposal.id:
            raise FieldRejected(
                "merged_into", _("Choose another proposal of this plan it was merged into.")
            )
    else:
        merged_into_id = None
    answer = proposal.answer
    before = answer_snapshot(answer)
    if answer is None:
        answer = ProposalAnswer(proposal_id=proposal.id)
        db.session.add(answer)
        proposal.answer = answer
    answer.outcome, answer.reasons, answer.language = outcome, reasons, language
    answer.commitment_id, answer.merged_into_id = commitment_id, merged_into_id
    answer.author_id, answer.author_name, answer.written_at = (actor.id, actor.display_name, now())
    record(
        actor,
        "proposal.answer",
        "proposal",
        proposal.id,
        before=before,
        after=answer_snapshot(answer),
        public=False,
    )
    db.session.commit()
    return answer


def publish_answers(actor: User, plan: ActionPlan) -> int:
    """Publish every written answer of the plan at once; refused while a visible proposal
    has none. Returns how many were published."""
    if not permissions.can_publish_proposal_answers(actor, plan):
        raise PermissionDenied()
    waiting = db.session.scalar(
        select(func.count(Proposal.id))
        .outerjoin(ProposalAnswer, ProposalAnswer.proposal_id == Proposal.id)
        .where(
            Proposal.plan_id == plan.id,
            Proposal.state == ProposalState.VISIBLE,
            ProposalAnswer.proposal_id.is_(None),
        )
    )
    if waiting:
        raise FieldRejected(
            "publish",
            _("Every proposal needs its answer before the answers are published together."),
        )
    moment = now()
    answers = db.session.scalars(
        select(ProposalAnswer)
        .join(Proposal, Proposal.id == ProposalAnswer.proposal_id)
        .where(Proposal.plan_id == plan.id, ProposalAnswer.published_at.is_(None))
    ).all()
    for answer in answers:
        answer.published_at = moment
    timeline = timeline_of(plan)
    if timeline is not None and timeline.answers_published_at is None and answers:
        timeline.answers_published_at = moment
    record(
        actor,
        "proposal.publish_answers",
        "plan",
        plan.id,
        after={"proposals": sorted(a.proposal_id for a in answers)},
    )
    db.session.commit()
    return len(answers)
