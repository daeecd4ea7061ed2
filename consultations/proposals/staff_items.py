"""Proposals awaiting an answer, on the /staff page, its badge and the daily staff digest:
for the coordinators who answer them (the suggested lead agency's, the plan's coordinating
body's) and for administrators; late once the answer deadline has passed. And, for
moderators, proposals and proposal comments held for review too long."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import Select, exists, func, literal, or_, select

from .. import permissions
from ..accounts.models import User
from ..extensions import db
from ..formatting import format_day
from ..i18n import gettext
from ..staff.items import ITEMS_PER_SOURCE, Item, local_day, staff_source
from .models import CoCreationStage, Proposal, ProposalComment
from .queries import awaiting_answer_rows


def proposals_rows(user: User, moment: datetime) -> Select | None:
    """The proposals `user` answers, earliest deadline first (so the late ones lead)."""
    if permissions.is_admin(user):
        agency_ids = None
    else:
        agency_ids = set(user.coordinated_agency_ids())
        if not agency_ids:
            return None
    return awaiting_answer_rows(agency_ids, local_day(moment)).order_by(
        CoCreationStage.ends_on, Proposal.created_at, Proposal.id
    )


@staff_source("proposals", _l("Proposals awaiting an answer"), rows=proposals_rows)
def proposals_awaiting(user: User, moment: datetime) -> list[Item]:
    """Each proposal waiting for its reasoned answer, with the day it is due by."""
    statement = proposals_rows(user, moment)
    if statement is None:
        return []
    today = local_day(moment)
    days = timedelta(days=int(current_app.config["PROPOSAL_ANSWER_DAYS"]))
    items = []
    for proposal_id, title, ends_on in db.session.execute(statement.limit(ITEMS_PER_SOURCE)):
        deadline = ends_on + days
        late = deadline < today
        if late:
            text = gettext(
                "“%(title)s”: the answer was due on %(date)s",
                title=title,
                date=format_day(deadline),
            )
        else:
            text = gettext(
                "“%(title)s”: answer due by %(date)s", title=title, date=format_day(deadline)
            )
        items.append(Item(text, "proposal_staff.answer", {"proposal_id": proposal_id}, late=late))
    return items


def _held_too_long(model, moment: datetime):
    waited = moment - timedelta(hours=int(current_app.config["STAFF_HELD_HOURS"]))
    return model.held.is_(True) & (model.state == "visible") & (model.held_at < waited)


def held_rows(user: User, moment: datetime) -> Select | None:
    """One row when any proposal or proposal comment waits too long for a moderator."""
    if not (permissions.can_moderate(user) or permissions.is_admin(user)):
        return None
    waiting = [
        exists().where(_held_too_long(model, moment)) for model in (Proposal, ProposalComment)
    ]
    return select(literal(1)).where(or_(*waiting)).limit(1)


@staff_source("proposals_held", _l("Proposals and their comments held for review"), rows=held_rows)
def held_items(user: User, moment: datetime) -> list[Item]:
    """How many proposals and proposal comments waited longer than STAFF_HELD_HOURS."""
    if held_rows(user, moment) is None:
        return []
    counts = [
        select(func.count(model.id)).where(_held_too_long(model, moment)).scalar_subquery()
        for model in (Proposal, ProposalComment)
    ]
    count = sum(db.session.execute(select(*counts)).one())
    if not count:
        return []
    text = ngettext(
        "%(num)d proposal or comment on a proposal has been held for review for more than "
        "%(hours)d h",
        "%(num)d proposals or comments on proposals have been held for review for more than "
        "%(hours)d h",
        count,
        hours=int(current_app.config["STAFF_HELD_HOURS"]),
    )
    return [Item(text, "proposal_comments.queue", {}, late=True)]
