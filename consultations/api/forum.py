"""The multi-stakeholder forums in the API: each forum, its memberships, meetings and rules."""

from __future__ import annotations

from sqlalchemy import Select, func, select
from werkzeug.exceptions import NotFound

from ..extensions import db
from ..forum.models import Forum, ForumMember, ForumRules, Meeting
from ..pagination import Page, paginate
from .http import Window
from .serialize import _url, day, moment


def _rules_summary():
    return (
        select(
            ForumRules.forum_id,
            func.max(ForumRules.version).label("version"),
            func.min(ForumRules.published_at).label("first"),
            func.max(ForumRules.published_at).label("latest"),
        )
        .group_by(ForumRules.forum_id)
        .subquery()
    )


def _forums() -> Select:
    rules = _rules_summary()
    return select(Forum, rules.c.version, rules.c.first, rules.c.latest).outerjoin(
        rules, rules.c.forum_id == Forum.id
    )


def _window(stmt: Select, changed_at, window: Window, make) -> Page:
    if window.since is not None:
        stmt = stmt.where(changed_at >= window.since)
    return paginate(stmt, window.page, window.per_page, make, past_the_end=True)


def list_forums(window: Window) -> Page:
    return _window(_forums().order_by(Forum.id), Forum.created_at, window, tuple)


def get_forum(country: str) -> tuple:
    row = db.session.execute(_forums().where(Forum.country == country.upper())).first()
    if row is None:
        raise NotFound()
    return tuple(row)


def forum_id(country: str) -> int:
    found = db.session.scalar(select(Forum.id).where(Forum.country == country.upper()))
    if found is None:
        raise NotFound()
    return found


def list_members(forum_id: int, window: Window) -> Page:
    stmt = select(ForumMember).where(ForumMember.forum_id == forum_id).order_by(ForumMember.id)
    return _window(stmt, ForumMember.created_at, window, lambda row: row[0])


def _meeting_changed():
    return func.coalesce(
        Meeting.minutes_published_at, Meeting.agenda_published_at, Meeting.created_at
    )


def list_meetings(forum_id: int, window: Window) -> Page:
    stmt = (
        select(Meeting, _meeting_changed()).where(Meeting.forum_id == forum_id).order_by(Meeting.id)
    )
    return _window(stmt, _meeting_changed(), window, tuple)


def list_rules(forum_id: int, window: Window) -> Page:
    stmt = select(ForumRules).where(ForumRules.forum_id == forum_id).order_by(ForumRules.version)
    return _window(stmt, ForumRules.published_at, window, lambda row: row[0])


def forum(record: Forum, version, first, latest) -> dict:
    country = record.country
    return {
        "id": record.id,
        "country": country,
        "url": _url("api.forum", country=country),
        "members_url": _url("api.forum_members", country=country),
        "meetings_url": _url("api.forum_meetings", country=country),
        "rules_url": _url("api.forum_rules", country=country),
        "join_html": record.join_html or None,
        "join_language": record.join_language if record.join_html else None,
        "rules_version": version,
        "rules_first_published_at": moment(first),
        "rules_published_at": moment(latest),
        "created_at": moment(record.created_at),
        "updated_at": moment(record.created_at),
    }


def member(record: ForumMember) -> dict:
    return {
        "id": record.id,
        "name": record.name,
        "is_seat": record.is_seat,
        "organisation": record.organisation or None,
        "sector": record.sector.value,
        "role": record.role.value,
        "term_start": day(record.term_start),
        "term_end": day(record.term_end),
        "ended_on": day(record.ended_on),
        "replaces_id": record.replaces_id,
        "created_at": moment(record.created_at),
        "updated_at": moment(record.created_at),
    }


def meeting(record: Meeting, changed_at) -> dict:
    return {
        "id": record.id,
        "held_at": moment(record.held_at),
        "place": record.place or None,
        "online": record.online,
        "language": record.language,
        "agenda_html": record.agenda_html or None,
        "agenda_published_at": moment(record.agenda_published_at),
        "minutes_html": record.minutes_html or None,
        "decisions_html": record.decisions_html or None,
        "minutes_published_at": moment(record.minutes_published_at),
        "created_at": moment(record.created_at),
        "updated_at": moment(changed_at),
    }


def rules(record: ForumRules) -> dict:
    return {
        "version": record.version,
        "language": record.language,
        "body_html": record.body_html,
        "published_at": moment(record.published_at),
        "updated_at": moment(record.published_at),
    }
