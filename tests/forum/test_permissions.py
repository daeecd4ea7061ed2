"""Every write of the forum against every role: only IL's secretariat and admins keep IL's forum."""

from __future__ import annotations

import io
from datetime import date

import pytest
from documents import samples
from forum.builders import days_ago, held, member
from sqlalchemy import func, select

from consultations import permissions
from consultations.audit.models import AuditEvent
from consultations.documents.models import Document
from consultations.extensions import db
from consultations.forum import services
from consultations.forum.models import (
    Attendance,
    Forum,
    ForumMember,
    ForumRules,
    Meeting,
    MemberProposal,
)

from helpers import login

ROLES = [
    "secretariat",
    "other_secretariat",
    "coordinator",
    "citizen",
    "monitor",
    "moderator",
    "admin",
    "anonymous",
]
KEEPERS = {"secretariat", "admin"}

MEMBER = {
    "name": "Ruth",
    "organisation": "Org",
    "sector": "civil_society",
    "role": "member",
    "term_start": "2025-01-01",
}
# action: (path, form data, who may)
ACTIONS = {
    "open a forum": ("/en/staff/forum", {"country": "HU"}, {"admin"}),
    "add a member": ("/en/staff/forum/IL/members", MEMBER, KEEPERS),
    "change a member": (
        "/en/staff/forum/IL/members/{member}",
        {**MEMBER, "changed_on": "2025-06-01"},
        KEEPERS,
    ),
    "end a membership": (
        "/en/staff/forum/IL/members/{member}/end",
        {"ended_on": "2025-06-01"},
        KEEPERS,
    ),
    "publish rules": ("/en/staff/forum/IL/rules", {"rules-text": "Be kind."}, KEEPERS),
    "publish how to join": ("/en/staff/forum/IL/join", {"join-text": "Write to us."}, KEEPERS),
    "announce a meeting": (
        "/en/staff/forum/IL/meetings",
        {"day": "2030-01-05", "time": "10:00", "place": "Haifa"},
        KEEPERS,
    ),
    "reschedule a meeting": (
        "/en/staff/forum/IL/meetings/{meeting}",
        {"day": "2026-01-05", "time": "11:00", "online": "y"},
        KEEPERS,
    ),
    "publish an agenda": (
        "/en/staff/forum/IL/meetings/{meeting}/agenda",
        {"agenda": "1."},
        KEEPERS,
    ),
    "publish minutes": (
        "/en/staff/forum/IL/meetings/{meeting}/minutes",
        {"minutes": "We met."},
        KEEPERS,
    ),
    "record attendance": (
        "/en/staff/forum/IL/meetings/{meeting}/attendance",
        {"present": "{member}"},
        KEEPERS,
    ),
    "attach a document": ("/en/staff/forum/IL/meetings/{meeting}/documents", "file", KEEPERS),
    "answer a proposal": (
        "/en/staff/forum/IL/proposals/{proposal}",
        {"state": "accepted", "answer": "Welcome."},
        KEEPERS,
    ),
    "propose a member": (
        "/en/forum/IL/propose",
        {"name": "Shira", "sector": "other"},
        set(ROLES) - {"anonymous"},
    ),
}


def snapshot() -> dict:
    """Everything a forum write could change."""
    counts = {
        model.__name__: db.session.scalar(select(func.count()).select_from(model))
        for model in (
            Forum,
            ForumMember,
            ForumRules,
            Meeting,
            Attendance,
            MemberProposal,
            Document,
            AuditEvent,
        )
    }
    rows = db.session.execute(
        select(
            ForumMember.ended_on,
            Meeting.held_at,
            Meeting.agenda_published_at,
            Meeting.minutes_published_at,
            MemberProposal.state,
            Forum.join_html,
        )
        .join(Meeting, Meeting.forum_id == ForumMember.forum_id)
        .join(Forum, Forum.id == Meeting.forum_id)
        .outerjoin(MemberProposal, MemberProposal.forum_id == Forum.id)
    ).all()
    return {**counts, "rows": sorted(map(str, rows))}


@pytest.fixture
def world(forum, people, local_storage):
    keeper = people["secretariat"]
    ids = {
        "member": member(forum, keeper, start=date(2024, 1, 1)).id,
        "meeting": held(forum, keeper, days_ago(3)).id,
        "proposal": services.propose_member(people["citizen"], forum, "Noa", "", "other", "").id,
    }
    return ids


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_forum_writes_by_role(client, people, world, role, action):
    path, data, allowed = ACTIONS[action]
    path = path.format(**world)
    if data == "file":
        data = {"file": [(io.BytesIO(samples.PDF), "minutes.pdf")], "title_en": "Signed minutes"}
    else:
        data = {key: value.format(**world) for key, value in data.items()}
    if people[role] is not None:
        login(client, people[role])
    before = snapshot()
    response = client.post(path, data=data, content_type="multipart/form-data")
    if role in allowed:
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        assert snapshot() != before
    else:
        assert response.status_code in (302, 403)
        if role == "anonymous":
            assert "/login" in response.headers["Location"]
        else:
            assert response.status_code == 403
        assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_staff_pages_open_to_the_keepers_only(client, people, world, role):
    if people[role] is not None:
        login(client, people[role])
    response = client.get("/en/staff/forum/IL")
    assert response.status_code == (200 if role in KEEPERS else 403 if people[role] else 302)


def test_predicates_by_role(app_ctx, people):
    expected = {
        "secretariat": (True, False, True),
        "other_secretariat": (False, True, True),
        "admin": (True, True, True),
    }
    for role, user in people.items():
        keeps = expected.get(role, (False, False, False))
        assert (
            permissions.can_manage_forum(user, "IL"),
            permissions.can_manage_forum(user, "LV"),
            permissions.can_keep_any_forum(user),
        ) == keeps, role
        assert permissions.can_propose_member(user) == (role != "anonymous")
