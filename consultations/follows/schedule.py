"""What `flask --app app notify` does, every few minutes from cron: record the clock's events
(a consultation opened, one closes soon), then mail what is due — at once for "immediately",
once a day at the digest hour for "daily". Running it twice sends nothing new."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..clock import as_utc
from ..consultation.models import Consultation
from ..extensions import db
from ..i18n import offered_language
from .mailing import describe, queue_notification_mail
from .models import Delivery, DigestSent, EventKind, Frequency, Notification
from .notify import consultation_targets, followers, record

# A consultation that opened longer ago than this is not announced any more (cron was off).
OPENED_WITHIN = timedelta(days=7)


def closing_hours() -> int:
    return current_app.config["FOLLOWS_CLOSING_HOURS"]


def digest_hour() -> int:
    return current_app.config["FOLLOWS_DIGEST_HOUR"]


@dataclass
class NotifyReport:
    recorded: int = 0
    mails: int = 0
    digests: int = 0
    dropped: int = 0


def record_clock_events(moment: datetime) -> int:
    """Consultations that opened (told to those who followed before it opened) and those
    closing within FOLLOWS_CLOSING_HOURS (told to every follower)."""
    recorded = 0
    opened = db.session.scalars(
        select(Consultation).where(
            Consultation.opens_at <= moment,
            Consultation.opens_at > moment - OPENED_WITHIN,
            Consultation.closes_at > moment,
        )
    ).all()
    for consultation in opened:
        since = as_utc(consultation.opens_at)
        recipients = followers(consultation_targets(consultation), since=since)
        recorded += record(EventKind.OPENED, consultation.id, recipients)
    closing = db.session.scalars(
        select(Consultation).where(
            Consultation.closes_at > moment,
            Consultation.closes_at <= moment + timedelta(hours=closing_hours()),
            Consultation.opens_at <= moment,
        )
    ).all()
    for consultation in closing:
        recipients = followers(consultation_targets(consultation))
        recorded += record(EventKind.CLOSING, consultation.id, recipients)
    db.session.commit()
    return recorded


def _claim(notices: list[Notification], delivery: Delivery, moment: datetime) -> bool:
    """Mark these notifications handled, unless another run took one of them first."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.id.in_([n.id for n in notices]), Notification.sent_at.is_(None))
        .values(sent_at=moment, delivery=delivery)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == len(notices)


def _local_day(moment: datetime):
    zone = ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or "UTC")
    local = moment.astimezone(zone)
    return local.date(), local.hour


def _pending_by_user() -> dict[int, list[Notification]]:
    pending: dict[int, list[Notification]] = {}
    notices = db.session.scalars(
        select(Notification)
        .where(Notification.sent_at.is_(None))
        .order_by(Notification.user_id, Notification.created_at, Notification.id)
    )
    for notice in notices:
        pending.setdefault(notice.user_id, []).append(notice)
    return pending


def _reachable(user: User) -> bool:
    return user.is_verified and user.suspended_at is None


def deliver_due(moment: datetime, report: NotifyReport) -> None:
    """Mail each person's pending events as their frequency says; one transaction each."""
    day, hour = _local_day(moment)
    pending = _pending_by_user()
    db.session.commit()
    for user_id, notices in pending.items():
        user = db.session.get(User, user_id)
        frequency = user.notification_frequency
        if frequency == Frequency.NEVER or not _reachable(user):
            if _claim(notices, Delivery.DROPPED, moment):
                report.dropped += len(notices)
                db.session.commit()
            else:
                db.session.rollback()
            continue
        digest = frequency != Frequency.IMMEDIATE
        if digest and hour < digest_hour():
            continue
        _send(user, notices, digest, day, moment, report)


def _send(user: User, notices, digest: bool, day, moment: datetime, report) -> None:
    described = describe(notices, offered_language(user.language))
    shown = [(notice, event) for notice, event in described if event is not None]
    gone = [notice for notice, event in described if event is None]
    try:
        if digest and shown:
            db.session.add(DigestSent(user_id=user.id, day=day, sent_at=moment, count=len(shown)))
            db.session.flush()  # a second digest today stops here
        if gone and not _claim(gone, Delivery.DROPPED, moment):
            raise _Taken()
        if shown:
            delivery = Delivery.DIGEST if digest else Delivery.MAIL
            if not _claim([notice for notice, _e in shown], delivery, moment):
                raise _Taken()
            queue_notification_mail(user, shown, digest)
        db.session.commit()
    except (IntegrityError, _Taken):
        db.session.rollback()
        return
    report.dropped += len(gone)
    if shown:
        report.digests += digest
        report.mails += 1


class _Taken(Exception):
    """Another run handled these notifications a moment ago."""


def run(moment: datetime) -> NotifyReport:
    """One round: the clock's events, then the mail that is due."""
    report = NotifyReport(recorded=record_clock_events(moment))
    deliver_due(moment, report)
    return report
