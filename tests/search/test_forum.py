"""Forum meetings and forum pages in search: only what has been published is found."""

from __future__ import annotations

from datetime import timedelta

from consultations.clock import now
from consultations.extensions import db
from consultations.forum.models import Forum, ForumRules, Meeting


def test_a_meeting_is_found_by_what_has_been_published_of_it(client, app_ctx, find):
    forum = Forum(country="IL", join_html="", join_language="en")
    db.session.add(forum)
    db.session.flush()
    meeting = Meeting(
        forum_id=forum.id,
        held_at=now() + timedelta(days=10),
        place="Jerusalem",
        language="en",
        agenda_html="<p>Budget transparency</p>",  # written, not yet published
        minutes_html="<p>Whistleblowers discussed</p>",
    )
    db.session.add(meeting)
    db.session.commit()
    assert find("budget") == [] and find("whistleblowers") == [] and find("jerusalem") == []

    meeting.agenda_published_at = now()
    db.session.commit()
    assert find("budget") == [("meeting", meeting.id, "en")]
    assert find("jerusalem", kind="meeting") == [("meeting", meeting.id, "en")]
    assert find("whistleblowers") == []

    meeting.minutes_published_at = now()
    meeting.decisions_html = "<p>Adopted unanimously</p>"
    db.session.commit()
    assert find("unanimously") == [("meeting", meeting.id, "en")]
    html = client.get("/en/search?q=whistleblowers").get_data(as_text=True)
    assert f"/en/forum/IL/meetings/{meeting.id}" in html
    assert "Forum meeting of" in html and "Multi-stakeholder forum of Israel" in html


def publish_rules(forum, version: int, body_html: str) -> None:
    db.session.add(
        ForumRules(
            forum_id=forum.id, version=version, body_html=body_html,
            language="lv", published_at=now(),
        )
    )  # fmt: skip
    db.session.commit()


def test_the_forum_is_found_by_how_to_join_its_rules_and_its_country(client, app_ctx, find):
    forum = Forum(country="LV", join_html="<p>Write to the secretariat</p>", join_language="en")
    db.session.add(forum)
    db.session.flush()
    publish_rules(forum, 1, "<p>Quorum of seven</p>")
    assert find("secretariat") == [("forum", forum.id, "en")]
    assert find("quorum") == [("forum", forum.id, "lv")]
    assert find("latvija", lang="lv") == [("forum", forum.id, "lv")]

    publish_rules(forum, 2, "<p>Consensus first</p>")
    assert find("quorum") == [] and find("consensus") == [("forum", forum.id, "lv")]
    html = client.get("/en/search?q=secretariat&kind=forum").get_data(as_text=True)
    assert 'href="/en/forum/LV"' in html and "1 forum" in html
