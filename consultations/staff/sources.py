"""The built-in sources of staff work: response deadlines coming and missed, milestones,
commitments about to go stale, comments held too long for review.

Coordinators see what they cover (their agency's, or the whole plan as its coordinating
body's coordinator); administrators see the whole site; moderators the held comments.
Each source is one query for its rows and one for their titles, however much there is.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import Select, and_, func, or_, select, true

from .. import permissions
from ..accounts.models import User
from ..clock import as_utc
from ..comments.models import Comment, CommentState
from ..consultation.models import Consultation, ConsultationText
from ..content import pick
from ..extensions import db
from ..formatting import format_day
from ..i18n import current_language, gettext
from ..plans.models import ActionPlan, Commitment, CommitmentText, Milestone, MilestoneText
from ..plans.progress import REPORTING_PLANS, stale_after_days
from ..plans.staleness import SETTLED_MILESTONES, Derived
from ..plans.worklist import in_own_country
from ..responses.models import AnsweredComment
from .items import (
    ITEMS_PER_SOURCE,
    Item,
    day_end,
    day_start,
    local_day,
    staff_source,
)


def setting(name: str) -> int:
    return int(current_app.config[name])


def _covered(user: User, agency_column):
    """Rows of what `user` covers (joined to ActionPlan); None when they cover nothing.

    Administrators cover the whole site; a coordinator covers their agencies' rows in
    plans of their country, and every row of a plan their agency coordinates."""
    if permissions.is_admin(user):
        return true()
    agency_ids = user.coordinated_agency_ids()
    if not agency_ids:
        return None
    return or_(
        in_own_country(user, agency_column),
        ActionPlan.coordinating_agency_id.in_(agency_ids),
    )


def _texts(model, key_column, ids) -> dict[int, list]:
    rows: dict[int, list] = {}
    if ids:
        for row in db.session.scalars(select(model).where(key_column.in_(ids))):
            rows.setdefault(getattr(row, key_column.key), []).append(row)
    return rows


# Consultations: unanswered comments and the response deadline ---------------------------


def _unanswered():
    answered = select(AnsweredComment.comment_id).where(AnsweredComment.comment_id == Comment.id)
    return (
        select(func.count(Comment.id))
        .where(
            Comment.consultation_id == Consultation.id,
            Comment.state == CommentState.VISIBLE,
            ~answered.exists(),
        )
        .correlate(Consultation)
        .scalar_subquery()
    )


def _waiting(user: User, moment: datetime, missed: bool) -> Select | None:
    covered = _covered(user, Consultation.agency_id)
    if covered is None:
        return None
    today = local_day(moment)
    unanswered = _unanswered()
    if missed:
        window = Consultation.response_deadline < day_start(today)
    else:
        last_day = today + timedelta(days=setting("STAFF_RESPONSE_DAYS"))
        window = and_(
            Consultation.response_deadline >= day_start(today),
            Consultation.response_deadline < day_end(last_day),
        )
    return (
        select(Consultation.id, Consultation.slug, Consultation.response_deadline, unanswered)
        .join(ActionPlan, ActionPlan.id == Consultation.plan_id)
        .where(covered, window, Consultation.responses_completed_at.is_(None), unanswered > 0)
        .order_by(Consultation.response_deadline, Consultation.id)
    )


def _consultation_items(statement: Select | None, missed: bool) -> list[Item]:
    if statement is None:
        return []
    rows = db.session.execute(statement.limit(ITEMS_PER_SOURCE)).all()
    texts = _texts(ConsultationText, ConsultationText.consultation_id, [r.id for r in rows])
    lang = current_language()
    items = []
    for consultation_id, slug, deadline, count in rows:
        title = pick(texts.get(consultation_id, []), "title", lang).text
        when = format_day(as_utc(deadline))
        if missed:
            text = ngettext(
                "“%(title)s”: %(num)d comment still unanswered; the response deadline was %(date)s",
                "“%(title)s”: %(num)d comments still unanswered; the response deadline was "
                "%(date)s",
                count,
                title=title,
                date=when,
            )
        else:
            text = ngettext(
                "“%(title)s”: %(num)d comment unanswered; response deadline %(date)s",
                "“%(title)s”: %(num)d comments unanswered; response deadline %(date)s",
                count,
                title=title,
                date=when,
            )
        items.append(Item(text, "responses.manage", {"slug": slug}, late=missed))
    return items


def responses_due_rows(user: User, moment: datetime) -> Select | None:
    return _waiting(user, moment, missed=False)


def responses_missed_rows(user: User, moment: datetime) -> Select | None:
    return _waiting(user, moment, missed=True)


@staff_source("missed", _l("Response deadlines missed"), rows=responses_missed_rows)
def responses_missed(user: User, moment: datetime) -> list[Item]:
    """Consultations past their response deadline with comments still unanswered."""
    return _consultation_items(responses_missed_rows(user, moment), missed=True)


@staff_source("responses", _l("Responses due soon"), rows=responses_due_rows)
def responses_due(user: User, moment: datetime) -> list[Item]:
    """Consultations whose response deadline comes within STAFF_RESPONSE_DAYS, unanswered."""
    return _consultation_items(responses_due_rows(user, moment), missed=False)


# Milestones overdue or due soon ---------------------------------------------------------


def milestones_rows(user: User, moment: datetime) -> Select | None:
    covered = _covered(user, Commitment.lead_agency_id)
    if covered is None:
        return None
    last_day = local_day(moment) + timedelta(days=setting("STAFF_MILESTONE_DAYS"))
    return (
        select(Milestone.id, Milestone.due_date, Commitment.reference)
        .join(Commitment, Commitment.id == Milestone.commitment_id)
        .join(ActionPlan, ActionPlan.id == Commitment.plan_id)
        .where(
            covered,
            ActionPlan.status.in_(REPORTING_PLANS),
            Milestone.status.not_in(SETTLED_MILESTONES),
            Milestone.due_date <= last_day,
        )
        .order_by(Milestone.due_date, Commitment.reference, Milestone.position)
    )


@staff_source("milestones", _l("Milestones overdue or due soon"), rows=milestones_rows)
def milestones(user: User, moment: datetime) -> list[Item]:
    """Unfinished milestones of adopted plans, overdue or due within STAFF_MILESTONE_DAYS."""
    statement = milestones_rows(user, moment)
    if statement is None:
        return []
    rows = db.session.execute(statement.limit(ITEMS_PER_SOURCE)).all()
    texts = _texts(MilestoneText, MilestoneText.milestone_id, [r.id for r in rows])
    today, lang = local_day(moment), current_language()
    items = []
    for milestone_id, due, reference in rows:
        values = {
            "reference": reference,
            "deliverable": pick(texts.get(milestone_id, []), "deliverable", lang).text,
            "date": format_day(due),
        }
        if due < today:
            text = gettext("%(reference)s: “%(deliverable)s” was due on %(date)s", **values)
        else:
            text = gettext("%(reference)s: “%(deliverable)s” is due on %(date)s", **values)
        items.append(Item(text, "staff.update", {"reference": reference}, late=due < today))
    return items


# Commitments about to go stale ----------------------------------------------------------


def stale_soon_rows(user: User, moment: datetime) -> Select | None:
    covered = _covered(user, Commitment.lead_agency_id)
    if covered is None:
        return None
    today = local_day(moment)
    # The same rule as the public pages (plans/progress.py), asked of two days.
    current = Derived(today)
    later = Derived(today + timedelta(days=setting("STAFF_STALE_DAYS")))
    started = func.coalesce(Commitment.start_date, ActionPlan.period_start)
    return (
        select(Commitment.id, Commitment.reference, Commitment.latest_published_at, started)
        .join(ActionPlan, ActionPlan.id == Commitment.plan_id)
        .where(covered, later.stale, ~current.stale)
        .order_by(
            func.coalesce(func.date(Commitment.latest_published_at), started),
            Commitment.reference,
        )
    )


@staff_source("stale", _l("Commitments about to go stale"), rows=stale_soon_rows)
def stale_soon(user: User, moment: datetime) -> list[Item]:
    """Commitments that will be stale within STAFF_STALE_DAYS without a progress update."""
    statement = stale_soon_rows(user, moment)
    if statement is None:
        return []
    rows = db.session.execute(statement.limit(ITEMS_PER_SOURCE)).all()
    texts = _texts(CommitmentText, CommitmentText.commitment_id, [r.id for r in rows])
    lang, items = current_language(), []
    for commitment_id, reference, published_at, started in rows:
        last = as_utc(published_at).date() if published_at else started
        text = gettext(
            "%(reference)s “%(title)s” goes stale on %(date)s without a progress update",
            reference=reference,
            title=pick(texts.get(commitment_id, []), "title", lang).text,
            date=format_day(last + timedelta(days=stale_after_days())),
        )
        items.append(Item(text, "staff.update", {"reference": reference}))
    return items


# Comments held for review too long ------------------------------------------------------


def _held_condition(moment: datetime):
    waited = moment - timedelta(hours=setting("STAFF_HELD_HOURS"))
    return and_(
        Comment.held.is_(True),
        Comment.state == CommentState.VISIBLE,
        Comment.held_at < waited,
    )


def held_rows(user: User, moment: datetime) -> Select | None:
    """One row when any comment waits too long (the page shows them as one line)."""
    if not (permissions.can_moderate(user) or permissions.is_admin(user)):
        return None
    return select(Comment.id).where(_held_condition(moment)).limit(1)


@staff_source("held", _l("Comments held for review"), rows=held_rows)
def held_comments(user: User, moment: datetime) -> list[Item]:
    """How many comments have waited for a moderator longer than STAFF_HELD_HOURS."""
    if held_rows(user, moment) is None:
        return []
    count = db.session.scalar(select(func.count(Comment.id)).where(_held_condition(moment)))
    if not count:
        return []
    text = ngettext(
        "%(num)d comment has been held for review for more than %(hours)d h",
        "%(num)d comments have been held for review for more than %(hours)d h",
        count,
        hours=setting("STAFF_HELD_HOURS"),
    )
    return [Item(text, "moderation.queue", {}, late=True)]
