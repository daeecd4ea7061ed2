"""Turning queued notifications into e-mail in the recipient's language: one event alone,
or several grouped by the thing they are about (a digest). Always through the outbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import lazyload

from ..accounts.models import User
from ..comments.models import Comment, CommentState
from ..consultation.models import Consultation
from ..extensions import db
from ..i18n import force_locale, offered_language
from ..mail.services import absolute_url, queue_mail
from ..plans.amendment_models import Revision
from ..plans.models import Assessment, ProgressUpdate
from .models import EventKind, Notification, TargetKind
from .services import load_targets
from .tokens import unsubscribe_token

CONSULTATION_EVENTS = {
    EventKind.OPENED,
    EventKind.CLOSING,
    EventKind.RESPONSES,
    EventKind.RESPONDED,
}


COMMITMENT_EVENTS = {EventKind.UPDATE, EventKind.ASSESSMENT, EventKind.AMENDMENT}


@dataclass
class Event:
    """One line of an e-mail: what happened, to what, where to read it."""

    kind: str
    title: str  # the plan, commitment or consultation it happened to
    url: str
    when: datetime | None = None  # when a consultation closes
    who: str = ""  # who replied


@dataclass
class Group:
    """Events about one followed thing (or about the reader's own comments)."""

    reason: str  # "plan", "commitment", "consultation" or "comments"
    title: str
    events: list[Event] = field(default_factory=list)


def _title(target, lang: str) -> str:
    if target is None:
        return ""
    title = target.text("title", lang).text
    reference = getattr(target, "reference", None)
    return f"{reference} · {title}" if reference else title


def _target_url(kind: TargetKind, target, lang: str) -> str:
    if kind == TargetKind.PLAN:
        return absolute_url("plans.detail", lang=lang, slug=target.slug)
    if kind == TargetKind.COMMITMENT:
        return absolute_url("plans.commitment", lang=lang, reference=target.reference)
    return absolute_url("consultation.detail", lang=lang, slug=target.slug)


def _load(model, ids: set[int], *options) -> dict:
    if not ids:
        return {}
    return {
        row.id: row
        for row in db.session.scalars(select(model).where(model.id.in_(ids)).options(*options))
    }


def describe(notices: list[Notification], lang: str) -> list[tuple[Notification, Event | None]]:
    """Each notification as an event in `lang`; None when what it is about is no longer
    shown (a reply hidden or removed since). A bounded number of queries for any count."""
    ids: dict[EventKind, set[int]] = {}
    for notice in notices:
        ids.setdefault(notice.kind, set()).add(notice.object_id)
    updates = _load(ProgressUpdate, ids.get(EventKind.UPDATE, set()))
    assessments = _load(Assessment, ids.get(EventKind.ASSESSMENT, set()))
    revisions = _load(Revision, ids.get(EventKind.AMENDMENT, set()))
    replies = _load(Comment, ids.get(EventKind.REPLY, set()))
    consultation_ids = set().union(*(ids.get(kind, set()) for kind in CONSULTATION_EVENTS))
    consultation_ids |= {reply.consultation_id for reply in replies.values()}
    consultations = _load(Consultation, consultation_ids, lazyload(Consultation.sections))
    authors = _load(User, {reply.author_id for reply in replies.values() if reply.author_id})
    records = [*updates.values(), *assessments.values(), *revisions.values()]
    commitment_ids = {row.commitment_id for row in records}
    commitments = load_targets([(TargetKind.COMMITMENT, id_) for id_ in commitment_ids])
    timeline_plans = _timeline_plans(ids.get(EventKind.TIMELINE, set()))

    described = []
    for notice in notices:
        event = None
        if notice.kind in COMMITMENT_EVENTS:
            by_kind = {
                EventKind.UPDATE: updates,
                EventKind.ASSESSMENT: assessments,
                EventKind.AMENDMENT: revisions,
            }
            row = by_kind[notice.kind].get(notice.object_id)
            commitment = (
                commitments.get((TargetKind.COMMITMENT, row.commitment_id)) if row else None
            )
            if commitment is not None:
                event = Event(
                    notice.kind.value,
                    _title(commitment, lang),
                    _target_url(TargetKind.COMMITMENT, commitment, lang),
                )
        elif notice.kind in CONSULTATION_EVENTS:
            consultation = consultations.get(notice.object_id)
            if consultation is not None:
                url = _target_url(TargetKind.CONSULTATION, consultation, lang)
                if notice.kind in (EventKind.RESPONSES, EventKind.RESPONDED):
                    url = absolute_url("responses.report", lang=lang, slug=consultation.slug)
                event = Event(
                    notice.kind.value, _title(consultation, lang), url, consultation.closes_at
                )
        elif notice.kind == EventKind.REPLY:
            reply = replies.get(notice.object_id)
            if reply is not None and reply.state == CommentState.VISIBLE:
                consultation = consultations[reply.consultation_id]
                author = authors.get(reply.author_id)
                event = Event(
                    notice.kind.value,
                    _title(consultation, lang),
                    absolute_url(
                        "consultation.detail",
                        lang=lang,
                        slug=consultation.slug,
                        _anchor=f"comment-{reply.id}",
                    ),
                    who=author.display_name if author else "",
                )
        elif notice.kind == EventKind.TIMELINE:
            plan, change_kind = timeline_plans.get(notice.object_id, (None, ""))
            if plan is not None:
                url = absolute_url(
                    "proposals.timeline",
                    lang=lang,
                    slug=plan.slug,
                    _anchor=f"change-{notice.object_id}",
                )
                # The first publication and a later change read differently in the mail.
                kind = "timeline_published" if change_kind == "published" else "timeline"
                event = Event(kind, _title(plan, lang), url)
        described.append((notice, event))
    return described


def _timeline_plans(change_ids: set[int]) -> dict:
    """The plan of each co-creation timeline change and the change's kind, by the change's
    id (one query)."""
    if not change_ids:
        return {}
    from ..plans.models import ActionPlan
    from ..proposals.models import CoCreationChange, CoCreationTimeline

    rows = db.session.execute(
        select(CoCreationChange.id, ActionPlan, CoCreationChange.kind)
        .join(CoCreationTimeline, CoCreationTimeline.id == CoCreationChange.timeline_id)
        .join(ActionPlan, ActionPlan.id == CoCreationTimeline.plan_id)
        .where(CoCreationChange.id.in_(change_ids))
    )
    return {change_id: (plan, kind) for change_id, plan, kind in rows}


def group(described: list[tuple[Notification, Event]], lang: str) -> list[Group]:
    """Events grouped by the followed thing that brought them, in the order they happened."""
    targets = load_targets(
        [(n.target_type, n.target_id) for n, _e in described if n.target_type is not None]
    )
    groups: dict[tuple, Group] = {}
    for notice, event in described:
        if notice.target_type is None:
            key, reason, title = ("comments",), "comments", ""
        else:
            key = (notice.target_type, notice.target_id)
            target = targets.get(key)
            reason, title = notice.target_type.value, _title(target, lang) or event.title
        groups.setdefault(key, Group(reason, title)).events.append(event)
    return list(groups.values())


def queue_notification_mail(
    user: User, described: list[tuple[Notification, Event]], digest: bool
) -> None:
    """One e-mail for these events, with its reason and a one-click unsubscribe link."""
    lang = offered_language(user.language)
    follow_ids = {notice.follow_id for notice, _e in described}
    single_follow = next(iter(follow_ids)) if len(follow_ids) == 1 else None
    token = unsubscribe_token(user.id, single_follow)
    unsubscribe_url = absolute_url("follows.unsubscribe", lang=lang, token=token)
    with force_locale(lang):
        groups = group(described, lang)
    queue_mail(
        user.email,
        "follows_digest" if digest or len(described) > 1 else "follows_event",
        lang,
        list_unsubscribe=unsubscribe_url,
        name=user.display_name,
        groups=groups,
        count=len(described),
        digest=digest,
        unsubscribe_url=unsubscribe_url,
        settings_url=absolute_url("follows.settings", lang=lang),
    )
