"""The forum's Atom feed: each agenda and each set of minutes as it is published.

Built with the feeds package's own pieces (feeds.atom), so the forum's feed reads like
every other feed of the site.
"""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import or_, select

from ..clock import as_utc
from ..extensions import db
from ..feeds.atom import Entry, Feed, _day, _name, entry_limit, tag, xml_text
from ..i18n import current_language
from ..plans.labels import country_name
from ..sanitize import plain_text
from .models import Forum, Meeting

AGENDA = "forum-agenda"
MINUTES = "forum-minutes"


def forum_feed(forum: Forum) -> Feed:
    """The newest agendas and minutes of one forum, newest first."""
    lang = current_language()
    limit = entry_limit()
    meetings = db.session.scalars(
        select(Meeting)
        .where(
            Meeting.forum_id == forum.id,
            or_(
                Meeting.agenda_published_at.is_not(None), Meeting.minutes_published_at.is_not(None)
            ),
        )
        .order_by(Meeting.held_at.desc())
        .limit(limit)
    ).all()
    entries = sorted(
        (entry for meeting in meetings for entry in _entries(forum, meeting)),
        key=lambda entry: entry.updated,
        reverse=True,
    )[:limit]
    args = {"country": forum.country}
    return Feed(
        id=tag(f"feed/{lang}/forum/{forum.country}"),
        title=xml_text(
            _("Multi-stakeholder forum of %(country)s", country=_name(country_name(forum.country)))
        ),
        lang=lang,
        updated=max((entry.updated for entry in entries), default=as_utc(forum.created_at)),
        self_url=url_for("feeds.forum", lang=lang, _external=True, **args),
        page_url=url_for("forum.detail", lang=lang, _external=True, **args),
        translations=[
            (code, url_for("feeds.forum", lang=code, _external=True, **args))
            for code in current_app.config["LANGUAGES"]
            if code != lang
        ],
        entries=entries,
    )


def _entries(forum: Forum, meeting: Meeting) -> list[Entry]:
    link = url_for("forum.meeting", country=forum.country, meeting_id=meeting.id, _external=True)
    day = _day(as_utc(meeting.held_at))
    found = []
    if meeting.agenda_published_at:
        moment = as_utc(meeting.agenda_published_at)
        found.append(
            _entry(
                f"forum-meeting/{meeting.id}/agenda",
                AGENDA,
                moment,
                link,
                meeting,
                _("Agenda of the forum meeting of %(date)s", date=day),
                meeting.agenda_html,
            )
        )
    if meeting.minutes_published_at:
        moment = as_utc(meeting.minutes_published_at)
        found.append(
            _entry(
                f"forum-meeting/{meeting.id}/minutes",
                MINUTES,
                moment,
                link,
                meeting,
                _("Minutes of the forum meeting of %(date)s", date=day),
                meeting.minutes_html,
            )
        )
    return found


def _entry(specific, kind, moment, link, meeting: Meeting, title: str, html: str) -> Entry:
    return Entry(
        id=tag(specific),
        kind=kind,
        title=xml_text(title),
        updated=moment,
        published=moment,
        link=link,
        author="",
        summary="",
        content=xml_text(plain_text(html)),
        content_lang=meeting.language,
    )
