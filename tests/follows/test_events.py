"""Each event reaches each follower once, in their language, through the outbox and
`send-mail`, however often the hooks, `notify` and `send-mail` run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask_babel import force_locale, gettext

from consultations.accounts.models import User
from consultations.clock import now
from consultations.comments import services as comments
from consultations.extensions import db
from consultations.follows import notify
from consultations.follows.models import Delivery, DigestSent, EventKind, Follow, Notification
from consultations.follows.schedule import run
from consultations.mail.models import OutboxMail
from consultations.moderation import services as moderation
from consultations.plans import services as plans
from consultations.plans.models import AssessedCompletion, Completion, OpenedGovernment
from consultations.responses import services as responses

from helpers import outbox


def notify_cli(runner):
    result = runner.invoke(args=["notify"])
    assert result.exit_code == 0, result.output
    return result.output


def send_mail_cli(runner):
    result = runner.invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    return result.output


def publish_update(world, commitment=None):
    return plans.publish_update(
        world.coordinator,
        commitment or world.commitment,
        status=Completion.LIMITED,
        percent_complete=40,
        milestone_states={},
        narratives={"en": "Budgets are online."},
        evidence="",
    )


def publish_assessment(world):
    return plans.publish_assessment(
        world.monitor,
        world.commitment,
        completion=AssessedCompletion.LIMITED,
        opened_government=OpenedGovernment.MARGINAL,
        narratives={"en": "We checked."},
        evidence="",
    )


def subjects(user) -> list[str]:
    return [mail.subject for mail in outbox(user.email)]


# Progress updates and assessments ---------------------------------------------------------


def test_update_mails_each_follower_once_in_their_language(world, follower, runner, app_ctx):
    hebrew = follower(world.commitment, language="he")
    hungarian = follower(world.plan, language="hu")
    bystander = follower(None)
    update = publish_update(world)
    notify.update_published(update)  # a hook that runs twice records nothing new
    db.session.commit()
    notify_cli(runner)
    notify_cli(runner)
    (he_mail,) = outbox(hebrew.email)
    (hu_mail,) = outbox(hungarian.email)
    assert outbox(bystander.email) == []
    assert he_mail.language == "he" and "תקציב פתוח" in he_mail.subject
    assert "http://localhost/he/commitments/IL0024" in he_mail.body
    assert hu_mail.language == "hu" and "Nyílt költségvetés" in hu_mail.body
    with force_locale("hu"):
        reason = gettext("You follow the action plan “%(title)s”.", title="Ötödik terv")
    assert reason in hu_mail.body  # why it came: the plan they follow
    assert "/hu/unsubscribe/" in hu_mail.body
    assert hu_mail.list_unsubscribe and "/hu/unsubscribe/" in hu_mail.list_unsubscribe


def test_follower_of_both_plan_and_commitment_gets_one_mail(world, follower, runner, app_ctx):
    person = follower(world.commitment)
    from consultations.follows import services

    services.follow(person, world.plan)
    publish_update(world)
    notify_cli(runner)
    (mail,) = outbox(person.email)
    assert "You follow the commitment “IL0024 · Open budgets”." in mail.body


def test_update_of_another_commitment_does_not_reach_commitment_followers(
    world, follower, runner, app_ctx
):
    person = follower(world.commitment)
    publish_update(world, world.other)
    notify_cli(runner)
    assert outbox(person.email) == []


def test_assessment_mails_followers(world, follower, runner, app_ctx):
    person = follower(world.commitment, language="lv")
    publish_assessment(world)
    notify_cli(runner)
    (mail,) = outbox(person.email)
    assert mail.language == "lv" and "Atvērti budžeti" in mail.subject


def test_send_mail_sends_each_message_once_with_unsubscribe_headers(
    world, follower, runner, app_ctx, app, monkeypatch
):
    person = follower(world.commitment)
    sent = []

    class FakeSMTP:
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def send_message(self, message):
            sent.append(message)

    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    monkeypatch.setattr("consultations.mail.services.smtplib.SMTP", FakeSMTP)
    publish_update(world)
    notify_cli(runner)
    send_mail_cli(runner)
    send_mail_cli(runner)
    notify_cli(runner)
    send_mail_cli(runner)
    (message,) = sent
    assert message["To"] == person.email
    assert message["List-Unsubscribe"].startswith("<http://localhost/en/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert db.session.scalar(db.select(OutboxMail.sent_at)) is not None


# Consultations: opening, closing, responses -----------------------------------------------


def test_opening_is_told_to_those_who_followed_before_it_opened(
    world, follower, runner, app_ctx, make_consultation
):
    later = make_consultation(plan=world.plan, opens_in=timedelta(hours=2), titles={"en": "Soon"})
    early = follower(later, language="hu")
    plan_follower = follower(world.plan)
    notify_cli(runner)
    assert outbox(early.email) == []  # not open yet
    moment = now() + timedelta(hours=3)
    run(moment)
    run(moment)
    (mail,) = outbox(early.email)
    assert "Soon" in mail.subject and "/hu/consultations/" in mail.body
    assert [m.subject for m in outbox(plan_follower.email)] == [
        "The consultation “Soon” is open for comments"
    ]
    late = follower(later)  # follows after it opened: knows it is open
    db.session.execute(db.update(Follow).where(Follow.user_id == late.id).values(created_at=moment))
    db.session.commit()
    run(moment + timedelta(minutes=5))
    assert outbox(late.email) == []


def test_closing_reminder_comes_once_within_the_configured_hours(
    world, follower, app, app_ctx, monkeypatch
):
    person = follower(world.consultation)
    closes = world.consultation.closes_at.replace(tzinfo=UTC)
    run(closes - timedelta(hours=49))
    assert outbox(person.email) == []
    run(closes - timedelta(hours=47))
    run(closes - timedelta(hours=46))
    (mail,) = outbox(person.email)
    assert mail.subject.startswith("The consultation “Open data law” closes on")
    monkeypatch.setitem(app.config, "FOLLOWS_CLOSING_HOURS", 72)
    other = follower(world.consultation)
    run(closes - timedelta(hours=70))
    assert len(outbox(other.email)) == 1 and len(outbox(person.email)) == 1


def test_responses_published_mail_once_per_consultation(
    world, follower, runner, app_ctx, make_comment
):
    person = follower(world.consultation, language="hu")
    first, second = make_comment(world.consultation), make_comment(world.consultation)
    for comment in (first, second):
        responses.publish_response(
            world.coordinator,
            world.consultation,
            outcome="adopted",
            texts={"en": {"reasons": "Done."}},
            comment_ids=[comment.id],
        )
    notify_cli(runner)
    notify_cli(runner)
    (mail,) = outbox(person.email)
    assert "Nyílt adat törvény" in mail.subject
    assert "http://localhost/hu/consultations/open-data/report" in mail.body


def test_completed_responses_are_told(world, follower, runner, app_ctx):
    person = follower(world.consultation)
    moment = world.consultation.closes_at.replace(tzinfo=UTC) + timedelta(days=1)
    responses.complete_responses(world.coordinator, world.consultation, moment=moment)
    notify_cli(runner)
    assert subjects(person) == [
        "Every comment on the consultation “Open data law” now has a response"
    ]


# Replies and hidden comments: no follow needed ----------------------------------------------


def test_reply_is_told_to_the_parent_author_not_to_oneself(
    world, follower, runner, app_ctx, make_comment
):
    author = follower(None, language="lv")
    replier = follower(None, name="Anna Berzina")
    parent = make_comment(world.consultation, author=author)
    reply = comments.add_comment(
        replier, world.consultation, "I agree.", language="en", parent=parent
    )
    comments.add_comment(author, world.consultation, "Thanks.", language="en", parent=reply)
    comments.add_comment(author, world.consultation, "And me too.", language="en", parent=parent)
    notify.reply_added(reply)
    db.session.commit()
    notify_cli(runner)
    notify_cli(runner)
    (mail,) = notices(author.email)
    assert "Anna Berzina" in mail.subject and mail.language == "lv"
    assert f"/lv/consultations/open-data#comment-{reply.id}" in mail.body
    assert len(notices(replier.email)) == 1  # the author's reply to the replier


def notices(email: str):
    """The person's mail but the receipts of their own comments (which link to /track/)."""
    return [mail for mail in outbox(email) if "/track/" not in mail.body]


def test_hidden_reply_before_the_digest_is_not_mailed(
    world, follower, app, app_ctx, make_comment, monkeypatch
):
    author = follower(None, frequency="daily")
    parent = make_comment(world.consultation, author=author)
    reply = comments.add_comment(
        follower(None), world.consultation, "Rude words.", language="en", parent=parent
    )
    moderation.hide_comment(world.moderator, reply, "respect", "")
    monkeypatch.setitem(app.config, "FOLLOWS_DIGEST_HOUR", 0)
    run(now())
    assert outbox(author.email) == []
    notice = db.session.scalar(db.select(Notification).where(Notification.kind == EventKind.REPLY))
    assert notice.delivery == Delivery.DROPPED


def test_hiding_tells_the_author_once_even_when_the_hook_runs_again(
    world, follower, app_ctx, make_comment
):
    author = follower(None, language="hu", frequency="never")
    comment = make_comment(world.consultation, author=author)
    moderation.hide_comment(world.moderator, comment, "respect", "")
    assert notify.comment_hidden(comment) is False  # the same act again
    db.session.commit()
    (mail,) = outbox(author.email)  # a statement of reasons, whatever the setting
    assert mail.language == "hu"
    moderation.restore_comment(world.moderator, comment)
    moderation.hide_comment(world.moderator, comment, "spam", "")
    assert len(outbox(author.email)) == 2  # a new decision is told again


# Who never gets mail ----------------------------------------------------------------------


@pytest.mark.parametrize("state", ["unverified", "suspended", "never"])
def test_no_mail_for_unverified_suspended_or_never(world, follower, runner, app_ctx, state):
    person = follower(
        world.commitment,
        verified=state != "unverified",
        frequency="never" if state == "never" else "immediate",
    )
    if state == "suspended":
        person.suspended_at = now()
        db.session.commit()
    publish_update(world)
    notify_cli(runner)
    assert outbox(person.email) == []


def test_never_drops_what_was_pending(world, follower, app, app_ctx, monkeypatch):
    person = follower(world.commitment, frequency="daily")
    publish_update(world)
    person.notification_frequency = "never"
    db.session.commit()
    monkeypatch.setitem(app.config, "FOLLOWS_DIGEST_HOUR", 0)
    run(now())
    person.notification_frequency = "immediate"
    db.session.commit()
    run(now())
    assert outbox(person.email) == []


# Daily digests ----------------------------------------------------------------------------


def test_daily_digest_groups_events_and_goes_once_a_day_at_the_hour(
    world, follower, app, app_ctx, monkeypatch, make_comment
):
    monkeypatch.setitem(app.config, "BABEL_DEFAULT_TIMEZONE", "Asia/Jerusalem")
    monkeypatch.setitem(app.config, "FOLLOWS_DIGEST_HOUR", 7)
    person = follower(world.commitment, frequency="daily")
    publish_update(world)
    publish_assessment(world)
    parent = make_comment(world.consultation, author=person)
    comments.add_comment(follower(None), world.consultation, "Yes.", language="en", parent=parent)
    day = datetime(2030, 3, 4, tzinfo=UTC)
    run(day.replace(hour=4))  # 06:00 in Jerusalem: too early
    assert outbox(person.email) == []
    run(day.replace(hour=5, minute=5))  # 07:05 in Jerusalem
    run(day.replace(hour=6))
    (mail,) = outbox(person.email)
    assert mail.subject == "Your daily summary of what you follow"
    assert "3 changes in what you follow:" in mail.body
    assert mail.body.index("You follow the commitment") < mail.body.index("Someone replied")
    assert "- New progress update on IL0024 · Open budgets" in mail.body
    assert "- New independent assessment of IL0024 · Open budgets" in mail.body
    publish_update(world)  # later the same day: waits for tomorrow
    run(day.replace(hour=20))
    assert len(outbox(person.email)) == 1
    run(day.replace(hour=5) + timedelta(days=1))
    assert len(outbox(person.email)) == 2
    assert db.session.scalar(db.select(db.func.count()).select_from(DigestSent)) == 2


def test_immediate_with_several_pending_sends_one_grouped_mail(world, follower, runner, app_ctx):
    person = follower(world.commitment)
    publish_update(world)
    publish_assessment(world)
    notify_cli(runner)
    (mail,) = outbox(person.email)
    assert mail.subject == "News about what you follow"
    assert "2 changes in what you follow:" in mail.body


def test_default_frequency_is_daily(make_user, app_ctx):
    person = make_user()
    assert db.session.get(User, person.id).notification_frequency == "daily"
