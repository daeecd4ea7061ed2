"""The daily staff digest: what each role is told, in their language, once a day however
the command is run."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consultations.extensions import db
from consultations.mail.models import OutboxMail
from consultations.staff import digest
from consultations.staff.digest import send_digests
from consultations.staff.models import StaffDigestSent

from .conftest import MOMENT, TODAY, at
from helpers import outbox


def test_coordinator_is_told_of_deadlines_with_links_to_the_responses_page(
    world, waiting_consultation
):
    waiting_consultation(at(3), unanswered=2)
    waiting_consultation(at(-1), unanswered=1, title="Budget rules")

    report = send_digests(MOMENT)

    (mail,) = outbox(world.coordinator.email)
    assert mail.subject == "What needs you today, 7 Dec 2026"
    assert "Response deadlines missed" in mail.body
    assert "“Budget rules”: 1 comment still unanswered" in mail.body
    assert "Responses due soon" in mail.body
    assert "“Open data law”: 2 comments unanswered; response deadline 10 Dec 2026" in mail.body
    assert "http://localhost/en/staff/consultations/consultation-1/responses" in mail.body
    assert "http://localhost/en/staff\n" in mail.body
    # The admin hears of the same, site-wide; nobody else has anything to be told.
    assert len(outbox(world.admin.email)) == 1
    assert outbox(world.other_coordinator.email) == []
    assert (report.sent, report.quiet) == (2, 3)  # other coordinator, moderator, monitor


def test_moderator_is_told_how_many_comments_wait_for_review(world, held_comment):
    held_comment(MOMENT - timedelta(hours=30))
    send_digests(MOMENT)
    (mail,) = outbox(world.moderator.email)
    assert "Comments held for review" in mail.body
    assert "1 comment has been held for review for more than 24 h" in mail.body
    assert "http://localhost/en/moderation\n" in mail.body
    assert outbox(world.coordinator.email) == []


def test_admin_hears_of_every_agency_and_every_missed_deadline(
    world, waiting_consultation, held_comment
):
    waiting_consultation(at(-2), agency=world.other_agency, title="Agency B's law")
    held_comment(MOMENT - timedelta(days=3))
    send_digests(MOMENT)
    (mail,) = outbox(world.admin.email)
    assert "Response deadlines missed" in mail.body
    assert "Agency B" in mail.body
    assert "Comments held for review" in mail.body


def test_nothing_to_say_sends_no_mail(world):
    report = send_digests(MOMENT)
    assert outbox() == []
    assert report.sent == 0
    assert db.session.scalar(select(func.count()).select_from(StaffDigestSent)) == 0


def test_digest_is_written_in_each_persons_language(world, waiting_consultation, make_user):
    waiting_consultation(at(2))
    hebrew = make_user("נועה", roles=("coordinator",), agency=world.agency, language="he")
    send_digests(MOMENT)
    (mail,) = outbox(hebrew.email)
    english = outbox(world.coordinator.email)[0]
    assert mail.language == "he"
    assert mail.subject != english.subject
    assert "חוק המידע הפתוח" in mail.body  # the consultation's Hebrew title
    assert "http://localhost/he/staff/consultations/consultation-1/responses" in mail.body
    assert "Responses due soon" not in mail.body


def test_people_who_chose_no_email_get_no_digest(world, waiting_consultation):
    waiting_consultation(at(2))
    world.coordinator.notification_frequency = "never"
    db.session.commit()
    send_digests(MOMENT)
    assert outbox(world.coordinator.email) == []


def test_second_run_on_the_same_day_sends_nothing_and_the_next_day_sends_again(
    world, waiting_consultation
):
    waiting_consultation(at(5))
    send_digests(MOMENT)
    report = send_digests(MOMENT + timedelta(hours=5))
    assert report.sent == 0
    assert len(outbox(world.coordinator.email)) == 1
    send_digests(MOMENT + timedelta(days=1))
    assert len(outbox(world.coordinator.email)) == 2


def test_the_command_reports_what_it_queued(runner, world, waiting_consultation):
    waiting_consultation(at(5) + (MOMENT.now(MOMENT.tzinfo) - MOMENT))
    result = runner.invoke(args=["staff-digest"])
    assert result.exit_code == 0, result.output
    assert "digests 2," in result.output
    assert "digests 0," in runner.invoke(args=["staff-digest"]).output


def test_two_runs_at_once_send_each_digest_once(app, world, waiting_consultation, held_comment):
    waiting_consultation(at(4))
    held_comment(MOMENT - timedelta(days=2))
    expected = sorted([world.coordinator.email, world.moderator.email, world.admin.email])
    db.session.remove()
    start = threading.Barrier(2)
    errors = []

    def run():
        try:
            with app.app_context():
                start.wait()
                send_digests(MOMENT)
                db.session.remove()
        except Exception as error:  # the assertion below names it
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    recipients = sorted(db.session.scalars(select(OutboxMail.recipient)))
    assert recipients == expected
    days = db.session.scalars(select(StaffDigestSent.day)).all()
    assert days == [TODAY] * 3


def test_a_run_that_crashed_midway_is_completed_by_the_next(
    world, waiting_consultation, held_comment, monkeypatch
):
    waiting_consultation(at(4))
    held_comment(MOMENT - timedelta(days=2))
    real_queue_mail = digest.queue_mail
    calls = []

    def crash_on_second(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 2:
            raise RuntimeError("the server went down")
        return real_queue_mail(*args, **kwargs)

    monkeypatch.setattr(digest, "queue_mail", crash_on_second)
    with pytest.raises(RuntimeError):
        send_digests(MOMENT)
    db.session.rollback()
    assert [mail.recipient for mail in outbox()] == [calls[0]]
    # The person whose digest was being written when it crashed left no claim behind.
    assert db.session.scalar(select(func.count()).select_from(StaffDigestSent)) == 1

    monkeypatch.setattr(digest, "queue_mail", real_queue_mail)
    report = send_digests(MOMENT)
    assert report.sent == 2
    recipients = sorted(mail.recipient for mail in outbox())
    assert recipients == sorted([world.coordinator.email, world.moderator.email, world.admin.email])
