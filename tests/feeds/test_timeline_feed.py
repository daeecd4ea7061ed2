"""A plan's co-creation timeline in its feed and in its followers' mail: the publication
with every stage's dates, then each dated change with what moved and why."""

from __future__ import annotations

from datetime import timedelta

from feeds.test_feeds import ATOM, entries, kinds, parse
from proposals.dates import stage_dates

from consultations.clock import now
from consultations.extensions import db
from consultations.follows.mailing import describe
from consultations.follows.models import Follow, Notification, TargetKind
from consultations.plans.models import PlanStatus
from consultations.proposals import services


def test_the_plan_feed_shows_the_timeline_published_and_each_change(
    client, app, make_plan, make_user, count_queries
):
    plan = make_plan(slug="draft", status=PlanStatus.DRAFTING)
    admin, follower = make_user(roles=("admin",)), make_user()
    db.session.add(
        Follow(
            user_id=follower.id,
            target_type=TargetKind.PLAN,
            target_id=plan.id,
            created_at=now() - timedelta(days=30),
        )
    )
    db.session.commit()
    start = now().date() + timedelta(days=30)
    moment = now() - timedelta(days=10)
    services.save_timeline(admin, plan, stage_dates(start, start + timedelta(days=9)), "", moment)
    services.publish_timeline(admin, plan, moment + timedelta(minutes=1))
    feed = f"/en/plans/{plan.slug}/feed.atom"

    def change(days: int, note: str = "") -> None:
        dates = stage_dates(start, start + timedelta(days=days))
        services.save_timeline(admin, plan, dates, note, moment + timedelta(days=days - 8))

    def queries() -> int:
        with count_queries() as counted:
            parse(client.get(feed))
        return counted.count

    change(9 + 1, "A longer stage for proposals")
    with_one = queries()
    root = parse(client.get(feed))
    assert kinds(root) == ["cocreation-timeline-changed", "cocreation-timeline-published"]
    changed, published = entries(root)
    assert changed.find(f"{ATOM}title").text == "Co-creation timeline changed: Action plan 1"
    summary = changed.find(f"{ATOM}summary").text
    assert "Proposals from the public: now " in summary and "(was " in summary
    assert changed.find(f"{ATOM}content").text == "A longer stage for proposals"
    assert "/en/plans/draft/timeline#change-" in changed.find(f"{ATOM}link").get("href")
    assert "Awareness: " in published.find(f"{ATOM}summary").text
    assert "cocreation-timeline-published" in kinds(parse(client.get("/en/feeds/site.atom")))

    for days in (11, 12, 13):
        change(days)
    assert queries() == with_one
    assert kinds(parse(client.get(feed))).count("cocreation-timeline-changed") == 4

    notices = db.session.scalars(
        db.select(Notification).where(Notification.user_id == follower.id).order_by(Notification.id)
    ).all()
    with app.test_request_context("/en/"):
        events = [event for _notice, event in describe(list(notices), "en")]
        line = app.jinja_env.get_template("email/_follows.txt").module.event_line
        lines = [str(line(event)) for event in events]
    assert [event.kind for event in events].count("timeline") == 4
    assert "The co-creation timeline of Action plan 1 is published" in lines[0]
    assert "The co-creation timeline of Action plan 1 changed" in lines[-1]
    assert "#change-" in events[-1].url
