"""The open-data files of the multi-stakeholder forums: forums, memberships and meetings."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select

from ..forum.models import Forum, ForumMember, ForumRules, Meeting, MemberRole, Sector
from ..sanitize import plain_text
from .schema import Column, Reference, Table, enum_column, id_column, ref_column, required


def _forums() -> Select:
    first = (
        select(func.min(ForumRules.published_at))
        .where(ForumRules.forum_id == Forum.id)
        .scalar_subquery()
    )
    version = (
        select(func.max(ForumRules.version))
        .where(ForumRules.forum_id == Forum.id)
        .scalar_subquery()
    )
    return select(
        Forum.id,
        Forum.country,
        first.label("rules_first_published_at"),
        version.label("rules_version"),
    ).order_by(Forum.id)


FORUMS = Table(
    "forums",
    _l("Multi-stakeholder forums"),
    _l("The forum of each country where government and civil society meet; one row per forum."),
    _l(
        "The country, the current version of the rules of participation and when they were "
        "first published."
    ),
    (
        id_column(),
        required(Column("country", "string", "ISO 3166-1 alpha-2 code.")),
        Column("rules_version", "integer", "The current version of the rules of participation."),
        Column(
            "rules_first_published_at",
            "datetime",
            "When the rules of participation were first published (UTC).",
        ),
    ),
    _forums,
)


def _members() -> Select:
    return select(
        ForumMember.id,
        ForumMember.forum_id,
        ForumMember.name,
        ForumMember.is_seat,
        ForumMember.organisation,
        ForumMember.sector,
        ForumMember.role,
        ForumMember.term_start,
        ForumMember.term_end,
        ForumMember.ended_on,
        ForumMember.replaces_id,
    ).order_by(ForumMember.id)


FORUM_MEMBERS = Table(
    "forum-members",
    _l("Forum memberships"),
    _l(
        "Every membership of every forum, past and present. A change ends one row and starts "
        "another that replaces it, so the history is kept."
    ),
    _l(
        "The forum, the member's name (or seat), organisation, sector and role, the term, "
        "the day the row ended and the row it replaces."
    ),
    (
        id_column(),
        ref_column("forum_id", "forum"),
        required(Column("name", "string", "A person's name, or a seat's.", text=True)),
        required(Column("is_seat", "boolean", "Whether the member is a seat, not a person.")),
        Column("organisation", "string", "The member's organisation.", text=True),
        enum_column("sector", Sector, "government, civil_society or other."),
        enum_column("role", MemberRole, "co_chair, member or observer."),
        required(Column("term_start", "date", "The first day of this row's term.")),
        Column("term_end", "date", "The last day of the term, when it has a set end."),
        Column("ended_on", "date", "The day this row stopped being current."),
        ref_column("replaces_id", "membership row this one replaces", optional=True),
    ),
    _members,
    references=(Reference(("forum_id",), "forums"), Reference(("replaces_id",), "forum-members")),
)


def _meetings() -> Select:
    return select(
        Meeting.id,
        Meeting.forum_id,
        Meeting.held_at,
        Meeting.place,
        Meeting.online,
        Meeting.language,
        Meeting.agenda_html,
        Meeting.agenda_published_at,
        Meeting.minutes_html,
        Meeting.decisions_html,
        Meeting.minutes_published_at,
    ).order_by(Meeting.id)


def _text(key: str):
    return lambda row: plain_text(row[key] or "")


FORUM_MEETINGS = Table(
    "forum-meetings",
    _l("Forum meetings"),
    _l(
        "Every meeting of every forum, with its agenda and minutes once published and the "
        "moments they were published."
    ),
    _l(
        "The forum, when and where it met, the agenda, minutes and decisions as plain text, "
        "and when the agenda and the minutes were published."
    ),
    (
        id_column(),
        ref_column("forum_id", "forum"),
        required(Column("held_at", "datetime", "When the meeting is held (UTC).")),
        Column("place", "string", "Where it is held; empty when only online.", text=True),
        required(Column("online", "boolean", "Whether it is held online.")),
        required(Column("language", "string", "The language of its agenda and minutes.")),
        Column("agenda", "string", "The agenda.", value=_text("agenda_html"), text=True),
        Column("agenda_published_at", "datetime", "When the agenda was published (UTC)."),
        Column("minutes", "string", "The minutes.", value=_text("minutes_html"), text=True),
        Column("decisions", "string", "The decisions.", value=_text("decisions_html"), text=True),
        Column("minutes_published_at", "datetime", "When the minutes were published (UTC)."),
    ),
    _meetings,
    references=(Reference(("forum_id",), "forums"),),
)
