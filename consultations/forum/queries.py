"""Reading a forum: what its pages show, and the facts a standards check asks about.

Every function reads in a fixed number of queries, whatever the number of members or
meetings. The functions another feature may rely on:
`forum_for_country`, `meetings_held`, `last_meeting_held`, `sectors_current_on`,
`both_sectors_current_on`, `rules_published_at` (and their `*_by_forum` forms for many
forums at once), `current_rules`,
`agenda_publication_dates`, `minutes_publication_dates`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, and_, func, or_, select

from ..clock import as_utc, now
from ..extensions import db
from .models import (
    Attendance,
    Forum,
    ForumMember,
    ForumRules,
    Meeting,
    MemberProposal,
    ProposalState,
    Sector,
)


def forum_for_country(country: str) -> Forum | None:
    """The forum of a country (ISO 3166-1 alpha-2), or None when it has none."""
    return db.session.scalar(select(Forum).where(Forum.country == (country or "").upper()))


def forums_statement() -> Select:
    return select(Forum).order_by(Forum.country)


def _current_on(day: date):
    return and_(
        ForumMember.term_start <= day,
        or_(ForumMember.ended_on.is_(None), ForumMember.ended_on > day),
        or_(ForumMember.term_end.is_(None), ForumMember.term_end >= day),
    )


def members_current_on(forum_id: int, day: date) -> list[ForumMember]:
    """The members on `day`: co-chairs first, then by sector and name."""
    return list(
        db.session.scalars(
            select(ForumMember)
            .where(ForumMember.forum_id == forum_id, _current_on(day))
            .order_by(ForumMember.role, ForumMember.sector, ForumMember.name, ForumMember.id)
        )
    )


def member_history_statement(forum_id: int) -> Select:
    """Every membership row, newest first: the forum's history of who sat on it when."""
    return (
        select(ForumMember)
        .where(ForumMember.forum_id == forum_id)
        .order_by(ForumMember.term_start.desc(), ForumMember.id.desc())
    )


def sectors_current_on(forum_id: int, day: date) -> set[Sector]:
    """The sectors with at least one member current on `day`."""
    return sectors_by_forum([forum_id], day).get(forum_id, set())


def sectors_by_forum(forum_ids: list[int], day: date) -> dict[int, set[Sector]]:
    """`sectors_current_on` of several forums, by forum id, in one query."""
    rows = db.session.execute(
        select(ForumMember.forum_id, ForumMember.sector)
        .where(ForumMember.forum_id.in_(forum_ids), _current_on(day))
        .distinct()
    )
    sectors: dict[int, set[Sector]] = {}
    for forum_id, sector in rows:
        sectors.setdefault(forum_id, set()).add(sector)
    return sectors


def both_sectors(sectors: set[Sector]) -> bool:
    """Whether these sectors are government and at least one other."""
    return Sector.GOVERNMENT in sectors and bool(sectors - {Sector.GOVERNMENT})


def both_sectors_current_on(forum_id: int, day: date) -> bool:
    """Whether the forum has both government and non-government members on `day`."""
    return both_sectors(sectors_current_on(forum_id, day))


def meetings_statement(forum_id: int) -> Select:
    return (
        select(Meeting)
        .where(Meeting.forum_id == forum_id)
        .order_by(Meeting.held_at.desc(), Meeting.id.desc())
    )


def meetings_held(forum_id: int, until: datetime | None = None) -> list[tuple[int, datetime]]:
    """(meeting id, when it was held) of every meeting held by `until` (now), oldest first."""
    return meetings_held_by_forum([forum_id], until).get(forum_id, [])


def meetings_held_by_forum(
    forum_ids: list[int], until: datetime | None = None
) -> dict[int, list[tuple[int, datetime]]]:
    """`meetings_held` of several forums, by forum id, in one query."""
    moment = until or now()
    rows = db.session.execute(
        select(Meeting.forum_id, Meeting.id, Meeting.held_at)
        .where(Meeting.forum_id.in_(forum_ids), Meeting.held_at <= moment)
        .order_by(Meeting.held_at, Meeting.id)
    )
    held: dict[int, list[tuple[int, datetime]]] = {}
    for forum_id, meeting_id, held_at in rows:
        held.setdefault(forum_id, []).append((meeting_id, as_utc(held_at)))
    return held


def last_meeting_held(forum_id: int, until: datetime | None = None) -> datetime | None:
    """When the forum last met, by `until` (now); None if it never has."""
    held = meetings_held(forum_id, until)
    return held[-1][1] if held else None


def next_meeting(forum_id: int, moment: datetime) -> Meeting | None:
    return db.session.scalar(
        select(Meeting)
        .where(Meeting.forum_id == forum_id, Meeting.held_at > moment)
        .order_by(Meeting.held_at)
        .limit(1)
    )


@dataclass(frozen=True)
class Publication:
    meeting_id: int
    held_at: datetime
    published_at: datetime | None


def _publications(forum_id: int, column) -> list[Publication]:
    rows = db.session.execute(
        select(Meeting.id, Meeting.held_at, column)
        .where(Meeting.forum_id == forum_id)
        .order_by(Meeting.held_at, Meeting.id)
    )
    return [
        Publication(meeting_id, as_utc(held_at), as_utc(published) if published else None)
        for meeting_id, held_at, published in rows
    ]


def agenda_publication_dates(forum_id: int) -> list[Publication]:
    """For every meeting, oldest first: when it is held and when its agenda was published."""
    return _publications(forum_id, Meeting.agenda_published_at)


def minutes_publication_dates(forum_id: int) -> list[Publication]:
    """For every meeting, oldest first: when it was held and when its minutes were published."""
    return _publications(forum_id, Meeting.minutes_published_at)


def rules_versions(forum_id: int) -> list[ForumRules]:
    """Every published version of the rules, newest first."""
    return list(
        db.session.scalars(
            select(ForumRules)
            .where(ForumRules.forum_id == forum_id)
            .order_by(ForumRules.version.desc())
        )
    )


def current_rules(forum_id: int) -> ForumRules | None:
    return db.session.scalar(
        select(ForumRules)
        .where(ForumRules.forum_id == forum_id)
        .order_by(ForumRules.version.desc())
        .limit(1)
    )


def rules_version(forum_id: int, version: int) -> ForumRules | None:
    return db.session.scalar(
        select(ForumRules).where(ForumRules.forum_id == forum_id, ForumRules.version == version)
    )


def rules_published_at(forum_id: int) -> datetime | None:
    """When the rules were first published (None if never); later versions amend them."""
    return rules_published_by_forum([forum_id]).get(forum_id)


def rules_published_by_forum(forum_ids: list[int]) -> dict[int, datetime]:
    """`rules_published_at` of several forums that have rules, by forum id, in one query."""
    rows = db.session.execute(
        select(ForumRules.forum_id, func.min(ForumRules.published_at))
        .where(ForumRules.forum_id.in_(forum_ids))
        .group_by(ForumRules.forum_id)
    )
    return {forum_id: as_utc(first) for forum_id, first in rows if first}


def attendance_of(meeting: Meeting) -> list[tuple[ForumMember, bool]]:
    """Each member recorded for the meeting and whether they were present."""
    rows = db.session.execute(
        select(ForumMember, Attendance.present)
        .join(Attendance, Attendance.member_id == ForumMember.id)
        .where(Attendance.meeting_id == meeting.id)
        .order_by(ForumMember.role, ForumMember.sector, ForumMember.name)
    )
    return [(member, present) for member, present in rows]


def pending_proposals_statement(forum_id: int) -> Select:
    return (
        select(MemberProposal)
        .where(MemberProposal.forum_id == forum_id)
        .order_by(
            (MemberProposal.state == ProposalState.PENDING).desc(),
            MemberProposal.created_at.desc(),
        )
    )


def proposals_of(user_id: int, forum_id: int) -> list[MemberProposal]:
    """A person's own proposals to a forum, with their answers (the latest few)."""
    return list(
        db.session.scalars(
            select(MemberProposal)
            .where(MemberProposal.forum_id == forum_id, MemberProposal.proposer_id == user_id)
            .order_by(MemberProposal.created_at.desc())
            .limit(10)
        )
    )
