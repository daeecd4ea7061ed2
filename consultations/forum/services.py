"""Every write to a forum: check the rule, write, audit, commit once.

Memberships are never overwritten: a change ends the current row on the day it takes
effect and starts a new row that replaces it; leaving ends the row. Rules are published
as numbered versions; a meeting's agenda and minutes keep the moment they were published.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from flask import abort
from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from .. import permissions
from ..agencies.countries import is_country
from ..audit.services import record
from ..clock import as_utc, now
from ..documents import services as documents
from ..errors import FieldRejected, PermissionDenied
from ..extensions import db
from ..sanitize import comment_html
from .models import (
    Attendance,
    Forum,
    ForumMember,
    ForumRules,
    Meeting,
    MemberProposal,
    MemberRole,
    ProposalState,
    Sector,
)

ForumRejected = FieldRejected


def get_forum_or_404(country: str) -> Forum:
    return db.first_or_404(select(Forum).where(Forum.country == country.upper()))


def get_meeting_or_404(forum: Forum, meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.forum_id != forum.id:
        abort(404)
    return meeting


def get_member_or_404(forum: Forum, member_id: int) -> ForumMember:
    member = db.session.get(ForumMember, member_id)
    if member is None or member.forum_id != forum.id:
        abort(404)
    return member


def get_proposal_or_404(forum: Forum, proposal_id: int) -> MemberProposal:
    proposal = db.session.get(MemberProposal, proposal_id)
    if proposal is None or proposal.forum_id != forum.id:
        abort(404)
    return proposal


def _require_keeper(actor: Any, country: str) -> None:
    if not permissions.can_manage_forum(actor, country):
        raise PermissionDenied()


def create_forum(actor: Any, country: str) -> Forum:
    """Open the forum of a country (one per country)."""
    if not permissions.can_create_forum(actor):
        raise PermissionDenied()
    country = (country or "").strip().upper()
    if not is_country(country):
        raise ForumRejected("country", _("Choose the country by its two-letter code, e.g. IL."))
    if db.session.scalar(select(Forum.id).where(Forum.country == country)) is not None:
        raise ForumRejected("country", _("This country already has a forum."))
    forum = Forum(country=country, join_html="", join_language="en")
    db.session.add(forum)
    db.session.flush()
    record(actor, "forum.create", "forum", forum.id, after={"country": country})
    db.session.commit()
    return forum


def save_join_text(actor: Any, forum: Forum, text: str, language: str) -> None:
    """Publish how to join the forum or propose a member."""
    _require_keeper(actor, forum.country)
    if not (text or "").strip():
        raise ForumRejected("text", _("Write how to join the forum."))
    before = {"join_html": forum.join_html}
    forum.join_html, forum.join_language = comment_html(text), language
    record(actor, "forum.join_text", "forum", forum.id, before, {"join_html": forum.join_html})
    db.session.commit()


def member_snapshot(member: ForumMember) -> dict:
    return {
        "member_id": member.id,
        "name": member.name,
        "is_seat": member.is_seat,
        "organisation": member.organisation,
        "sector": member.sector.value,
        "role": member.role.value,
        "term_start": member.term_start.isoformat(),
        "term_end": member.term_end.isoformat() if member.term_end else None,
        "ended_on": member.ended_on.isoformat() if member.ended_on else None,
        "replaces_id": member.replaces_id,
    }


def _check_member(name: str, sector: Any, role: Any, start: date | None, end: date | None):
    if not (name or "").strip():
        raise ForumRejected("name", _("Give the member's name or the seat's."))
    try:
        sector, role = Sector(sector), MemberRole(role)
    except ValueError as error:
        raise ForumRejected("sector", _("Choose the member's sector and role.")) from error
    if start is None:
        raise ForumRejected("term_start", _("Give the day the term starts."))
    if end is not None and end < start:
        raise ForumRejected("term_end", _("A term cannot end before it starts."))
    return name.strip(), sector, role


def add_member(
    actor: Any,
    forum: Forum,
    *,
    name: str,
    is_seat: bool,
    organisation: str,
    sector: Sector | str,
    role: MemberRole | str,
    term_start: date | None,
    term_end: date | None = None,
) -> ForumMember:
    """Add a member (a person or a seat) to the forum from the start of their term."""
    _require_keeper(actor, forum.country)
    name, sector, role = _check_member(name, sector, role, term_start, term_end)
    member = ForumMember(
        forum_id=forum.id,
        name=name,
        is_seat=bool(is_seat),
        organisation=(organisation or "").strip(),
        sector=sector,
        role=role,
        term_start=term_start,
        term_end=term_end,
    )
    db.session.add(member)
    db.session.flush()
    record(actor, "forum.member_add", "forum_member", member.id, after=member_snapshot(member))
    db.session.commit()
    return member


def _end_row(member: ForumMember, on: date | None) -> date:
    if member.ended_on is not None:
        raise ForumRejected("ended_on", _("This membership has already ended."))
    if on is None:
        raise ForumRejected("ended_on", _("Give the day the change takes effect."))
    if on <= member.term_start:
        raise ForumRejected("ended_on", _("A change takes effect after the term started."))
    member.ended_on = on
    return on


def change_member(
    actor: Any,
    member: ForumMember,
    on: date | None,
    *,
    name: str,
    is_seat: bool,
    organisation: str,
    sector: Sector | str,
    role: MemberRole | str,
    term_end: date | None,
) -> ForumMember:
    """Change a membership from a day on: the current row ends, a new row replaces it."""
    forum = db.session.get(Forum, member.forum_id)
    _require_keeper(actor, forum.country)
    before = member_snapshot(member)
    on = _end_row(member, on)
    name, sector, role = _check_member(name, sector, role, on, term_end)
    successor = ForumMember(
        forum_id=member.forum_id,
        name=name,
        is_seat=bool(is_seat),
        organisation=(organisation or "").strip(),
        sector=sector,
        role=role,
        term_start=on,
        term_end=term_end,
        replaces_id=member.id,
    )
    db.session.add(successor)
    db.session.flush()
    record(
        actor, "forum.member_change", "forum_member", member.id, before, member_snapshot(successor)
    )
    db.session.commit()
    return successor


def end_membership(actor: Any, member: ForumMember, on: date | None) -> None:
    """A member leaves the forum on a day; the row stays in the history."""
    forum = db.session.get(Forum, member.forum_id)
    _require_keeper(actor, forum.country)
    before = member_snapshot(member)
    _end_row(member, on)
    record(actor, "forum.member_end", "forum_member", member.id, before, member_snapshot(member))
    db.session.commit()


def publish_rules(
    actor: Any, forum: Forum, text: str, language: str, published_at: datetime | None = None
) -> ForumRules:
    """Publish a new version of the rules of participation; earlier versions stay readable.
    `published_at` is for loading a forum's earlier history (the demo, an import)."""
    _require_keeper(actor, forum.country)
    if not (text or "").strip():
        raise ForumRejected("text", _("Write the rules of participation."))
    latest = db.session.scalar(
        select(func.max(ForumRules.version)).where(ForumRules.forum_id == forum.id)
    )
    rules = ForumRules(
        forum_id=forum.id,
        version=(latest or 0) + 1,
        body_html=comment_html(text),
        language=language,
        published_at=published_at or now(),
        published_by_id=getattr(actor, "id", None),
    )
    db.session.add(rules)
    try:
        db.session.flush()
    except IntegrityError as error:  # two people publishing at the same moment
        db.session.rollback()
        raise ForumRejected("text", _("Another version was just published. Try again.")) from error
    record(
        actor,
        "forum.rules_publish",
        "forum",
        forum.id,
        after={"version": rules.version, "rules_id": rules.id},
    )
    db.session.commit()
    return rules


def meeting_snapshot(meeting: Meeting) -> dict:
    def stamp(moment: datetime | None) -> str | None:
        return as_utc(moment).isoformat() if moment else None

    return {
        "meeting_id": meeting.id,
        "held_at": stamp(meeting.held_at),
        "place": meeting.place,
        "online": meeting.online,
        "agenda_published_at": stamp(meeting.agenda_published_at),
        "minutes_published_at": stamp(meeting.minutes_published_at),
    }


def _check_meeting(held_at: datetime | None, place: str, online: bool) -> None:
    if held_at is None:
        raise ForumRejected("held_at", _("Give the meeting's date and time."))
    if not online and not (place or "").strip():
        raise ForumRejected("place", _("Give the meeting's place, or mark it as online."))


def schedule_meeting(
    actor: Any, forum: Forum, held_at: datetime | None, place: str, online: bool, language: str
) -> Meeting:
    """Announce a meeting: when and where (or online)."""
    _require_keeper(actor, forum.country)
    _check_meeting(held_at, place, online)
    meeting = Meeting(
        forum=forum,
        held_at=as_utc(held_at),
        place=(place or "").strip(),
        online=bool(online),
        language=language,
        agenda_html="",
        minutes_html="",
        decisions_html="",
    )
    db.session.add(meeting)
    db.session.flush()
    record(
        actor,
        "forum.meeting_schedule",
        "forum_meeting",
        meeting.id,
        after=meeting_snapshot(meeting),
    )
    db.session.commit()
    return meeting


def reschedule_meeting(
    actor: Any, meeting: Meeting, held_at: datetime | None, place: str, online: bool
) -> None:
    """Correct when or where a meeting is held."""
    _require_keeper(actor, meeting.forum.country)
    _check_meeting(held_at, place, online)
    before = meeting_snapshot(meeting)
    meeting.held_at, meeting.online = as_utc(held_at), bool(online)
    meeting.place = (place or "").strip()
    record(
        actor,
        "forum.meeting_reschedule",
        "forum_meeting",
        meeting.id,
        before,
        meeting_snapshot(meeting),
    )
    db.session.commit()


def publish_agenda(
    actor: Any, meeting: Meeting, text: str, published_at: datetime | None = None
) -> None:
    """Publish the agenda (a correction keeps the first publication's date)."""
    _require_keeper(actor, meeting.forum.country)
    if not (text or "").strip():
        raise ForumRejected("agenda", _("Write the agenda."))
    before = meeting_snapshot(meeting)
    meeting.agenda_html = comment_html(text)
    meeting.agenda_published_at = meeting.agenda_published_at or published_at or now()
    record(
        actor,
        "forum.agenda_publish",
        "forum_meeting",
        meeting.id,
        before,
        {**meeting_snapshot(meeting), "agenda_html": meeting.agenda_html},
    )
    db.session.commit()


def publish_minutes(
    actor: Any,
    meeting: Meeting,
    minutes: str,
    decisions: str,
    published_at: datetime | None = None,
) -> None:
    """Publish the minutes and decisions once the meeting has been held."""
    _require_keeper(actor, meeting.forum.country)
    moment = published_at or now()
    if not permissions.can_publish_minutes(actor, meeting, moment):
        raise ForumRejected("minutes", _("Minutes are published after the meeting."))
    if not (minutes or "").strip():
        raise ForumRejected("minutes", _("Write the minutes."))
    before = meeting_snapshot(meeting)
    meeting.minutes_html = comment_html(minutes)
    meeting.decisions_html = comment_html(decisions or "")
    meeting.minutes_published_at = meeting.minutes_published_at or moment
    record(
        actor,
        "forum.minutes_publish",
        "forum_meeting",
        meeting.id,
        before,
        {
            **meeting_snapshot(meeting),
            "minutes_html": meeting.minutes_html,
            "decisions_html": meeting.decisions_html,
        },
    )
    db.session.commit()


def record_attendance(actor: Any, meeting: Meeting, present_ids: Iterable[int]) -> None:
    """Who of the members current on the meeting's day attended it (the others did not)."""
    from .queries import members_current_on

    _require_keeper(actor, meeting.forum.country)
    members = members_current_on(meeting.forum_id, as_utc(meeting.held_at).date())
    known = {member.id for member in members}
    present = set(present_ids)
    if not present <= known:
        raise ForumRejected("present", _("Choose among the members of the meeting's day."))
    db.session.execute(delete(Attendance).where(Attendance.meeting_id == meeting.id))
    db.session.add_all(
        Attendance(meeting_id=meeting.id, member_id=member_id, present=member_id in present)
        for member_id in sorted(known)
    )
    record(
        actor,
        "forum.attendance",
        "forum_meeting",
        meeting.id,
        after={"present": sorted(present), "absent": sorted(known - present)},
    )
    db.session.commit()


def attach_documents(
    actor: Any, meeting: Meeting, received: Sequence[documents.Received], titles: dict[str, str]
) -> None:
    """Attach documents to a meeting through the documents package (audited there)."""
    documents.upload_documents(actor, "meeting", meeting, received, titles)


def propose_member(
    proposer: Any, forum: Forum, name: str, organisation: str, sector: Sector | str, reason: str
) -> MemberProposal:
    """A signed-in person proposes a member; the secretariat sees it and answers."""
    if not permissions.can_propose_member(proposer):
        raise PermissionDenied()
    if not (name or "").strip():
        raise ForumRejected("name", _("Give the name of the person or organisation you propose."))
    try:
        sector = Sector(sector)
    except ValueError as error:
        raise ForumRejected("sector", _("Choose the sector.")) from error
    proposal = MemberProposal(
        forum_id=forum.id,
        proposer_id=proposer.id,
        name=name.strip(),
        organisation=(organisation or "").strip(),
        sector=sector,
        reason=(reason or "").strip(),
        state=ProposalState.PENDING,
        answer="",
        created_at=now(),
    )
    db.session.add(proposal)
    db.session.commit()
    return proposal


def answer_proposal(actor: Any, proposal: MemberProposal, state: Any, answer: str) -> None:
    """The secretariat accepts or declines a proposed member, with its reasons."""
    forum = db.session.get(Forum, proposal.forum_id)
    _require_keeper(actor, forum.country)
    try:
        state = ProposalState(state)
    except ValueError as error:
        raise ForumRejected("state", _("Choose whether the proposal is accepted.")) from error
    if state == ProposalState.PENDING:
        raise ForumRejected("state", _("Choose whether the proposal is accepted."))
    if not (answer or "").strip():
        raise ForumRejected("answer", _("Give the reasons of the answer."))
    before = {"state": proposal.state.value}
    proposal.state, proposal.answer = state, answer.strip()
    proposal.answered_at, proposal.answered_by_id = now(), actor.id
    record(
        actor,
        "forum.proposal_answer",
        "forum_member_proposal",
        proposal.id,
        before,
        {"state": state.value, "answer": proposal.answer},
        public=False,
    )
    db.session.commit()
