"""Writes and reads for following: follow, unfollow, how often to mail, unsubscribe links."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from flask_babel import gettext as _
from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import lazyload

from .. import permissions
from ..accounts.models import User
from ..consultation.models import Consultation
from ..errors import FieldRejected, PermissionDenied
from ..extensions import db
from ..pagination import Page, paginate
from ..plans.models import ActionPlan, Commitment
from ..statements import built_once, read_rows
from .models import DigestSent, Follow, Frequency, Notification, TargetKind
from .tokens import Unsubscribe

PER_PAGE = 20
MODELS = {
    TargetKind.PLAN: ActionPlan,
    TargetKind.COMMITMENT: Commitment,
    TargetKind.CONSULTATION: Consultation,
}


def get_target_or_404(kind: str, target_id: int):
    """The plan, commitment or consultation a follow button names."""
    if kind not in MODELS:
        abort(404)
    return db.get_or_404(MODELS[TargetKind(kind)], target_id)


def kind_of(target) -> TargetKind:
    return next(kind for kind, model in MODELS.items() if isinstance(target, model))


def _follow_of(*columns):
    return select(*columns).where(
        Follow.user_id == bindparam("user"),
        Follow.target_type == bindparam("kind"),
        Follow.target_id == bindparam("target"),
    )


def find_follow(user: User, kind: TargetKind | str, target_id: int) -> Follow | None:
    statement = built_once("follow", lambda: _follow_of(Follow))
    return db.session.scalar(
        statement, {"user": user.id, "kind": TargetKind(kind), "target": target_id}
    )


def is_following(user: User, kind: TargetKind | str, target_id: int) -> bool:
    """Whether the person follows the thing: what the follow button shows on every page
    a signed-in person reads, as a plain read."""
    statement = built_once("is following", lambda: _follow_of(Follow.id))
    parameters = {"user": user.id, "kind": TargetKind(kind), "target": target_id}
    return read_rows(statement, parameters).first() is not None


def follow(user: User, target) -> Follow:
    """Start following; following something twice is one follow."""
    if not permissions.can_follow(user, target):
        raise PermissionDenied()
    kind = kind_of(target)
    existing = find_follow(user, kind, target.id)
    if existing:
        return existing
    db.session.add(Follow(user_id=user.id, target_type=kind, target_id=target.id))
    try:
        db.session.commit()
    except IntegrityError:  # the same click arrived twice at once; the first one stands
        db.session.rollback()
    return find_follow(user, kind, target.id)


def unfollow(user: User, kind: TargetKind | str, target_id: int) -> bool:
    """Stop following; events already queued for it are still told (they happened)."""
    existing = find_follow(user, kind, target_id)
    if existing is None:
        return False
    if not permissions.can_unfollow(user, existing):
        raise PermissionDenied()
    db.session.delete(existing)
    db.session.commit()
    return True


def set_frequency(user: User, frequency: str) -> User:
    """Choose immediately, a daily digest, or no notification e-mail at all."""
    if frequency not in set(Frequency):
        raise FieldRejected("frequency", _("Choose how often you want e-mail."))
    user.notification_frequency = frequency
    db.session.commit()
    return user


def unsubscribe(link: Unsubscribe, scope: str) -> tuple[User, object | None] | None:
    """Act on an unsubscribe link: "follow" stops the follow that sent the e-mail, "all"
    stops every notification e-mail. Clicking it twice is fine. None: the account is gone."""
    user = db.session.get(User, link.user_id)
    if user is None:
        return None
    follow_ = db.session.get(Follow, link.follow_id) if link.follow_id else None
    if follow_ is not None and follow_.user_id != user.id:
        follow_ = None
    target = db.session.get(MODELS[follow_.target_type], follow_.target_id) if follow_ else None
    if scope == "follow" and follow_ is not None:
        db.session.delete(follow_)
    elif scope == "all":
        user.notification_frequency = Frequency.NEVER.value
    db.session.commit()
    return user, target


def unsubscribe_target(link: Unsubscribe):
    """The thing whose follow the link can stop, if that follow still exists."""
    follow_ = db.session.get(Follow, link.follow_id) if link.follow_id else None
    if follow_ is None or follow_.user_id != link.user_id:
        return None
    return db.session.get(MODELS[follow_.target_type], follow_.target_id)


# Reads for the follows page.


@dataclass(frozen=True)
class FollowRow:
    follow: Follow
    target: object


def load_targets(pairs: list[tuple[TargetKind, int]]) -> dict[tuple[TargetKind, int], object]:
    """Plans, commitments and consultations by (kind, id): a few queries whatever the count."""
    wanted: dict[TargetKind, set[int]] = {}
    for kind, target_id in pairs:
        wanted.setdefault(kind, set()).add(target_id)
    found: dict[tuple[TargetKind, int], object] = {}
    for kind, ids in wanted.items():
        model = MODELS[kind]
        statement = select(model).where(model.id.in_(ids))
        if model is Commitment:
            statement = statement.options(lazyload(Commitment.milestones))
        if model is Consultation:
            statement = statement.options(lazyload(Consultation.sections))
        for target in db.session.scalars(statement):
            found[(kind, target.id)] = target
    return found


def list_follows(user: User, page: int) -> Page:
    """What this person follows, newest first, with the things themselves."""
    statement = (
        select(Follow)
        .where(Follow.user_id == user.id)
        .order_by(Follow.created_at.desc(), Follow.id.desc())
    )
    result = paginate(statement, page, PER_PAGE, lambda row: row[0])
    targets = load_targets([(f.target_type, f.target_id) for f in result.items])
    result.items = [FollowRow(f, targets.get((f.target_type, f.target_id))) for f in result.items]
    return result


# For "download my data" and account deletion (consultations/privacy).


def personal_data(user: User) -> dict:
    """A person's follows, notification setting and the notices recorded for them."""
    follows = db.session.scalars(
        select(Follow).where(Follow.user_id == user.id).order_by(Follow.id)
    ).all()
    targets = load_targets([(f.target_type, f.target_id) for f in follows])
    notices = db.session.scalars(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    ).all()
    digests = db.session.scalar(
        select(func.count()).select_from(DigestSent).where(DigestSent.user_id == user.id)
    )

    def reference(follow_: Follow) -> str | None:
        target = targets.get((follow_.target_type, follow_.target_id))
        if target is None:
            return None
        return getattr(target, "reference", None) or getattr(target, "slug", None)

    return {
        "notification_frequency": user.notification_frequency,
        "follows": [
            {
                "type": f.target_type.value,
                "id": f.target_id,
                "reference": reference(f),
                "since": f.created_at.isoformat() if f.created_at else None,
            }
            for f in follows
        ],
        "notifications": [
            {
                "event": n.kind.value,
                "object_id": n.object_id,
                "about": {"type": n.target_type.value, "id": n.target_id}
                if n.target_type
                else None,
                "recorded_at": n.created_at.isoformat(),
                "sent_at": n.sent_at.isoformat() if n.sent_at else None,
                "delivery": n.delivery.value if n.delivery else None,
            }
            for n in notices
        ],
        "daily_digests_sent": digests or 0,
    }


def erase(user: User) -> None:
    """Delete the person's follows, notifications and digest records (caller commits)."""
    for model in (Notification, DigestSent, Follow):
        db.session.execute(
            delete(model)
            .where(model.user_id == user.id)
            .execution_options(synchronize_session=False)
        )
