"""Events worth an e-mail, recorded per recipient inside the publishing service's transaction.

The services call these hooks just before they commit. A hook only records `Notification`
rows; `flask --app app notify` turns them into mail (at once or in a daily digest), so a
publisher's request stays quick however many people follow. The unique key
(person, kind, object) means a hook that runs twice records nothing new.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, or_, select

from ..accounts.models import User
from ..audit.models import AuditEvent
from ..clock import now
from ..comments.models import Comment
from ..extensions import db
from .models import Delivery, EventKind, Follow, Frequency, Notification, TargetKind

Target = tuple[TargetKind, int]


def reachable():
    """People who may get notification e-mail: confirmed address, not suspended, not "never"."""
    return and_(
        User.email_verified_at.is_not(None),
        User.suspended_at.is_(None),
        User.notification_frequency != Frequency.NEVER.value,
    )


def followers(targets: list[Target], since: datetime | None = None) -> dict[int, Follow]:
    """Each reachable person following any of `targets` (most specific first), with the
    follow that makes them hear of it; `since`: only follows made before that moment."""
    if not targets:
        return {}
    statement = (
        select(Follow)
        .join(User, User.id == Follow.user_id)
        .where(
            or_(
                *(
                    and_(Follow.target_type == kind, Follow.target_id == id_)
                    for kind, id_ in targets
                )
            ),
            reachable(),
        )
    )
    if since is not None:
        statement = statement.where(Follow.created_at < since)
    rank = {target: position for position, target in enumerate(targets)}
    chosen: dict[int, Follow] = {}
    for follow in db.session.scalars(statement):
        known = chosen.get(follow.user_id)
        position = rank[(follow.target_type, follow.target_id)]
        if known is None or position < rank[(known.target_type, known.target_id)]:
            chosen[follow.user_id] = follow
    return chosen


def record(
    kind: EventKind, object_id: int, recipients: dict[int, Follow | None], mailed: bool = False
) -> int:
    """Queue the event for each recipient who has not had it yet (caller commits);
    `mailed`: the caller tells them itself, so it is recorded as sent."""
    if not recipients:
        return 0
    known = set(
        db.session.scalars(
            select(Notification.user_id).where(
                Notification.kind == kind,
                Notification.object_id == object_id,
                Notification.user_id.in_(recipients),
            )
        )
    )
    moment = now()
    added = 0
    for user_id, follow in recipients.items():
        if user_id in known:
            continue
        db.session.add(
            Notification(
                user_id=user_id,
                kind=kind,
                object_id=object_id,
                follow_id=follow.id if follow else None,
                target_type=follow.target_type if follow else None,
                target_id=follow.target_id if follow else None,
                created_at=moment,
                sent_at=moment if mailed else None,
                delivery=Delivery.MAIL if mailed else None,
            )
        )
        added += 1
    db.session.flush()
    return added


def _commitment_targets(commitment) -> list[Target]:
    return [(TargetKind.COMMITMENT, commitment.id), (TargetKind.PLAN, commitment.plan_id)]


def consultation_targets(consultation) -> list[Target]:
    """Who hears of a consultation: its followers, then its commitment's, then its plan's."""
    targets = [(TargetKind.CONSULTATION, consultation.id)]
    if consultation.commitment_id:
        targets.append((TargetKind.COMMITMENT, consultation.commitment_id))
    targets.append((TargetKind.PLAN, consultation.plan_id))
    return targets


# Hooks the services call (each in the caller's transaction; the caller commits).


def update_published(update) -> int:
    """A progress update: followers of its commitment and of the commitment's plan."""
    db.session.flush()
    return record(EventKind.UPDATE, update.id, followers(_commitment_targets(update.commitment)))


def assessment_published(assessment) -> int:
    """An independent assessment: followers of its commitment and of the plan."""
    db.session.flush()
    targets = _commitment_targets(assessment.commitment)
    return record(EventKind.ASSESSMENT, assessment.id, followers(targets))


def amendment_recorded(revision, commitment) -> int:
    """An amendment of an adopted commitment: followers of the commitment and of its plan."""
    db.session.flush()
    targets = _commitment_targets(commitment)
    return record(EventKind.AMENDMENT, revision.id, followers(targets))


def responses_published(consultation) -> int:
    """The first responses to a consultation (later ones add nothing: one e-mail, not fifty)."""
    targets = consultation_targets(consultation)
    return record(EventKind.RESPONSES, consultation.id, followers(targets))


def responses_completed(consultation) -> int:
    """Every comment of the consultation has its response."""
    targets = consultation_targets(consultation)
    return record(EventKind.RESPONDED, consultation.id, followers(targets))


def timeline_changed(change, plan) -> int:
    """A plan's co-creation timeline was published or changed: the plan's followers."""
    db.session.flush()
    return record(EventKind.TIMELINE, change.id, followers([(TargetKind.PLAN, plan.id)]))


def reply_added(reply) -> int:
    """Tell the author of the comment replied to, unless they replied to themselves."""
    if reply.parent_id is None:
        return 0
    db.session.flush()
    parent_author = db.session.scalar(
        select(Comment.author_id).where(Comment.id == reply.parent_id)
    )
    if parent_author is None or parent_author == reply.author_id:
        return 0
    reachable_author = db.session.scalar(
        select(User.id).where(User.id == parent_author, reachable())
    )
    if reachable_author is None:
        return 0
    return record(EventKind.REPLY, reply.id, {parent_author: None})


def comment_hidden(comment) -> bool:
    """Record the hiding of a comment (one per moderator's act, from its audit event).

    The moderation service sends the author its statement of reasons at once whatever
    their notification setting; True means this act has not been told yet.
    """
    if comment.author_id is None:
        return False
    db.session.flush()
    act = db.session.scalar(
        select(AuditEvent.id)
        .where(AuditEvent.action == "comment.hide", AuditEvent.target_id == str(comment.id))
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    if act is None:
        return True
    return bool(record(EventKind.HIDDEN, act, {comment.author_id: None}, mailed=True))
