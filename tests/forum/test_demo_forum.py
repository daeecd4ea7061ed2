"""The demo's Israeli forum shows both sectors, rules, minutes, and a missed six-month rhythm."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from consultations.clock import now
from consultations.demo import load_demo
from consultations.documents.services import documents_of
from consultations.extensions import db
from consultations.forum import queries
from consultations.forum.models import ForumMember, MemberRole


def test_demo_forum(app_ctx, local_storage):
    list(load_demo())
    forum = queries.forum_for_country("IL")
    today = now().date()
    members = queries.members_current_on(forum.id, today)
    chairs = {m.sector.value for m in members if m.role == MemberRole.CO_CHAIR}
    assert chairs == {"government", "civil_society"}
    assert queries.both_sectors_current_on(forum.id, today)
    assert now() - queries.last_meeting_held(forum.id) > timedelta(days=183)
    assert queries.rules_published_at(forum.id) is not None
    assert all(
        p.published_at and p.published_at < p.held_at
        for p in queries.agenda_publication_dates(forum.id)
    )
    assert all(p.published_at for p in queries.minutes_publication_dates(forum.id))
    ids = [meeting_id for meeting_id, _at in queries.meetings_held(forum.id)]
    assert sum(bool(found) for found in documents_of("meeting", ids).values()) == 1
    rows = db.session.scalar(select(func.count(ForumMember.id)))
    list(load_demo())
    assert db.session.scalar(select(func.count(ForumMember.id))) == rows
