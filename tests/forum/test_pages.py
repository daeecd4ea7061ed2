"""The forum's pages as a reader and the secretariat see them."""

from __future__ import annotations

from datetime import date

import pytest
from forum.builders import days_ago, held, member

from consultations.extensions import db
from consultations.forum import services
from consultations.forum.models import ForumMember, Meeting, MemberProposal

from helpers import login


@pytest.fixture
def lively(forum, people):
    keeper = people["secretariat"]
    member(forum, keeper, "Dana Gov", sector="government", role="co_chair")
    member(forum, keeper, "Noa Civil", sector="civil_society", role="co_chair")
    services.publish_rules(keeper, forum, "Members serve two years.", "en")
    services.publish_rules(keeper, forum, "Members serve three years.", "en")
    services.save_join_text(keeper, forum, "Write to the secretariat.", "en")
    past = held(forum, keeper, days_ago(30))
    services.publish_agenda(keeper, past, "Budget review")
    services.publish_minutes(keeper, past, "We reviewed the budget.", "Adopt the budget.")
    coming = held(forum, keeper, days_ago(-20), place="Haifa")
    return past, coming


def test_forum_page_shows_members_rules_join_and_meetings(client, forum, lively):
    text = client.get("/en/forum/IL").get_data(as_text=True)
    assert "Dana Gov" in text and "Noa Civil" in text
    assert "co-chair" in text and "civil society" in text
    assert "Members serve three years." in text and "Version 2" in text
    assert "Write to the secretariat." in text
    assert "minutes published" in text and "Haifa" in text


def test_forum_index_leads_to_the_only_forum_or_lists_several(client, make_forum, app_ctx):
    make_forum("IL")
    assert client.get("/en/forum").headers["Location"].endswith("/en/forum/IL")
    make_forum("LV")
    text = client.get("/en/forum").get_data(as_text=True)
    assert "/en/forum/IL" in text and "/en/forum/LV" in text


def test_meeting_page_shows_agenda_minutes_and_publication_dates(client, forum, lively):
    past, coming = lively
    text = client.get(f"/en/forum/IL/meetings/{past.id}").get_data(as_text=True)
    assert "Budget review" in text and "We reviewed the budget." in text
    assert "Adopt the budget." in text and text.count("Published on") == 2
    text = client.get(f"/en/forum/IL/meetings/{coming.id}").get_data(as_text=True)
    assert "The agenda has not been published yet." in text
    assert "The minutes are published after the meeting." in text


def test_a_meeting_of_another_forum_is_not_found(client, forum, lively, make_forum):
    past, _coming = lively
    assert client.get(f"/en/forum/LV/meetings/{past.id}").status_code == 404
    assert client.get("/en/forum/HU").status_code == 404


def test_earlier_rules_stay_readable(client, forum, lively):
    text = client.get("/en/forum/IL/rules/1").get_data(as_text=True)
    assert "Members serve two years." in text
    assert client.get("/en/forum/IL/rules/9").status_code == 404


def test_history_lists_ended_memberships(client, forum, people, lively):
    dana = db.session.scalar(db.select(ForumMember).where(ForumMember.name == "Dana Gov"))
    services.end_membership(people["secretariat"], dana, date(2025, 6, 1))
    assert "Dana Gov" not in client.get("/en/forum/IL").get_data(as_text=True)
    assert "Dana Gov" in client.get("/en/forum/IL/members").get_data(as_text=True)


def test_a_signed_in_person_proposes_and_reads_the_answer(client, forum, people):
    login(client, people["citizen"])
    response = client.post("/en/forum/IL/propose", data={"name": "Shira", "sector": "other"})
    assert response.status_code == 302
    proposal = db.session.scalar(db.select(MemberProposal))
    services.answer_proposal(people["secretariat"], proposal, "accepted", "Welcome aboard.")
    text = client.get("/en/forum/IL").get_data(as_text=True)
    assert "Welcome aboard." in text and "accepted" in text


def test_bad_input_is_refused_with_a_message_and_nothing_written(client, forum, people):
    login(client, people["secretariat"])
    response = client.post(
        "/en/staff/forum/IL/members",
        data={
            "name": "X",
            "sector": "government",
            "role": "member",
            "term_start": "2025-01-01",
            "term_end": "2024-01-01",
        },
    )
    assert response.status_code == 422
    assert "A term cannot end before it starts." in response.get_data(as_text=True)
    response = client.post(
        "/en/staff/forum/IL/meetings", data={"day": "2030-01-01", "time": "10:00"}
    )
    assert response.status_code == 422
    assert "Give the meeting" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(ForumMember.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Meeting.id))) == 0


def test_minutes_of_a_coming_meeting_are_refused(client, forum, people, lively):
    _past, coming = lively
    login(client, people["secretariat"])
    response = client.post(
        f"/en/staff/forum/IL/meetings/{coming.id}/minutes", data={"minutes": "Too early"}
    )
    assert response.status_code == 422
    assert "Minutes are published after the meeting." in response.get_data(as_text=True)
    assert db.session.get(Meeting, coming.id).minutes_published_at is None


def test_staff_pages_render(client, forum, people, lively):
    past, _coming = lively
    proposal = services.propose_member(people["citizen"], forum, "Shira", "", "other", "")
    login(client, people["secretariat"])
    dana = db.session.scalar(db.select(ForumMember))
    for path in (
        "/en/staff/forum",
        "/en/staff/forum/IL",
        f"/en/staff/forum/IL/meetings/{past.id}",
        f"/en/staff/forum/IL/members/{dana.id}",
        "/en/staff/forum/IL/proposals",
        f"/en/staff/forum/IL/proposals/{proposal.id}",
    ):
        assert client.get(path).status_code == 200, path


def test_feed_has_agendas_and_minutes(client, forum, lively):
    response = client.get("/en/forum/IL/feed.atom")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Minutes of the forum meeting" in text and "Agenda of the forum meeting" in text
    assert client.get("/en/forum/HU/feed.atom").status_code == 404


def _grow(forum, keeper, n: int) -> None:
    for i in range(n):
        member(forum, keeper, f"Member {i}", sector="other")
        meeting = held(forum, keeper, days_ago(100 + i))
        services.publish_agenda(keeper, meeting, "Items")
        services.record_attendance(keeper, meeting, [])


@pytest.mark.parametrize(
    "path",
    [
        "/en/forum/IL",
        "/en/forum/IL/members",
        "/en/forum/IL/meetings/{meeting}",
        "/en/forum/IL/feed.atom",
        "/en/staff/forum/IL",
        "/en/staff/forum/IL/meetings/{meeting}",
    ],
)
def test_query_count_does_not_grow_with_members_and_meetings(
    client, forum, people, count_queries, path
):
    keeper = people["secretariat"]
    login(client, keeper)
    first = held(forum, keeper, days_ago(1))
    counts = []
    for size in (2, 8):
        _grow(forum, keeper, size)
        services.record_attendance(keeper, first, [])
        with count_queries() as counter:
            assert client.get(path.format(meeting=first.id)).status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]
