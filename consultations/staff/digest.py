"""What `flask --app app staff-digest` does once a day: mail each staff member the list of
what needs them, in their language, through the outbox; nothing when there is nothing.

Exactly once per person and day: the `StaffDigestSent` row and the queued e-mail are
written in one transaction, and the row's key (person, day) stops a second run, a run
racing this one, or a run after a crash midway (whose uncommitted person left no trace).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from ..accounts.models import RoleGrant, User
from ..extensions import db
from ..follows.notify import reachable
from ..i18n import offered_language
from ..mail.services import absolute_url, queue_mail
from .items import Group, collect_groups, local_day, reading
from .models import StaffDigestSent


@dataclass
class DigestReport:
    sent: int = 0
    quiet: int = 0  # nothing to say
    taken: int = 0  # already sent today (by this run's twin or an earlier run)


def recipients(day: date) -> list[int]:
    """Staff who want e-mail (see follows' notification setting) and have no digest today."""
    sent = exists().where(StaffDigestSent.user_id == User.id, StaffDigestSent.day == day)
    has_role = exists().where(RoleGrant.user_id == User.id)
    statement = select(User.id).where(has_role, reachable(), ~sent).order_by(User.id)
    ids = list(db.session.scalars(statement))
    db.session.commit()
    return ids


def send_digests(moment: datetime) -> DigestReport:
    """Queue today's staff digests that are not queued yet; one transaction per person."""
    day = local_day(moment)
    report = DigestReport()
    for user_id in recipients(day):
        outcome = send_digest(db.session.get(User, user_id), day, moment)
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def send_digest(user: User, day: date, moment: datetime) -> str:
    """Queue one person's digest of `day`: "sent", "quiet" or "taken"."""
    lang = offered_language(user.language)
    with reading(lang):  # the items, their dates and the mail all in the person's language
        groups = collect_groups(user, moment)
        if not groups:
            db.session.rollback()
            return "quiet"
        lines = _mail_groups(groups, lang)
        count = sum(len(group["items"]) for group in lines)
        try:
            db.session.add(StaffDigestSent(user_id=user.id, day=day, sent_at=moment, count=count))
            db.session.flush()  # a second digest of the day stops here
            queue_mail(
                user.email,
                "staff_digest",
                lang,
                name=user.display_name,
                day=day,
                groups=lines,
                count=count,
                page_url=absolute_url("today.index", lang=lang),
                settings_url=absolute_url("follows.settings", lang=lang),
            )
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            return "taken"
    return "sent"


def _mail_groups(groups: list[Group], lang: str) -> list[dict]:
    return [
        {
            "heading": str(group.source.heading),
            "items": [
                {"text": item.text, "url": absolute_url(item.endpoint, lang=lang, **item.values)}
                for item in group.items
            ],
        }
        for group in groups
    ]
