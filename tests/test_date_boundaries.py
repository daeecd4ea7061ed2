"""Every rule with a configured number of days, hours or minutes, tested on the boundary
itself and one step either side: staleness, overdue milestones, the comment edit window, new
accounts, consultation phases, response deadlines, closing reminders, sent-mail purging.
(Signed links' ages are tested in tests/accounts/test_signed_links.py.)"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from flask_login import login_user

from consultations.clock import as_utc
from consultations.comments import services as comments
from consultations.comments import views as comment_views
from consultations.consultation.models import Phase
from consultations.extensions import db
from consultations.follows import schedule
from consultations.follows import services as follows
from consultations.mail.models import OutboxMail
from consultations.plans.models import PlanStatus
from consultations.plans.queries import get_commitment_or_404
from consultations.privacy.services import purge_sent_mail
from consultations.responses.models import AnsweredComment, Outcome, Response
from consultations.responses.queries import response_summary

TODAY = date(2026, 6, 30)
MIDNIGHT = datetime(2026, 6, 30, tzinfo=UTC)
TICK = timedelta(microseconds=1)


# Staleness: STALE_AFTER_DAYS full days without an update -------------------------------


@pytest.fixture
def reporting_plan(make_plan):
    return make_plan(status=PlanStatus.IMPLEMENTATION, period_start=date(2024, 1, 1))


def stale(commitment) -> bool:
    return get_commitment_or_404(commitment.reference, TODAY).stale


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (MIDNIGHT - timedelta(days=89), False),  # first moment of day today-89
        (MIDNIGHT - timedelta(days=89) - TICK, True),  # last moment of day today-90
        (MIDNIGHT - timedelta(days=90), True),  # first moment of day today-90
        (MIDNIGHT - timedelta(days=90) + timedelta(hours=23, minutes=59), True),
    ],
)
def test_an_update_stales_once_ninety_full_days_have_passed(
    app, reporting_plan, make_commitment, make_update, published, expected
):
    assert app.config["STALE_AFTER_DAYS"] == 90
    commitment = make_commitment(reporting_plan, start_date=date(2024, 1, 1))
    make_update(commitment, published_at=published)
    assert stale(commitment) is expected


@pytest.mark.parametrize(
    ("started", "expected"),
    [(TODAY - timedelta(days=90), True), (TODAY - timedelta(days=89), False)],
)
def test_a_commitment_without_updates_stales_ninety_days_after_it_started(
    reporting_plan, make_commitment, started, expected
):
    assert stale(make_commitment(reporting_plan, start_date=started)) is expected


def test_without_a_start_date_the_plan_period_counts(make_plan, make_commitment):
    on_the_day = make_plan(period_start=TODAY - timedelta(days=90))
    day_after = make_plan(period_start=TODAY - timedelta(days=89))
    assert stale(make_commitment(on_the_day)) is True
    assert stale(make_commitment(day_after)) is False


def test_staleness_follows_the_setting(app, reporting_plan, make_commitment, monkeypatch):
    monkeypatch.setitem(app.config, "STALE_AFTER_DAYS", 10)
    assert stale(make_commitment(reporting_plan, start_date=TODAY - timedelta(days=10))) is True
    assert stale(make_commitment(reporting_plan, start_date=TODAY - timedelta(days=9))) is False


@pytest.mark.parametrize("status", ["complete", "withdrawn"])
def test_a_finished_commitment_is_never_stale(reporting_plan, make_commitment, make_update, status):
    commitment = make_commitment(reporting_plan, start_date=date(2024, 1, 1))
    make_update(commitment, status=status, percent=100, published_at=MIDNIGHT - timedelta(days=400))
    assert stale(commitment) is False


@pytest.mark.parametrize("status", [PlanStatus.DRAFTING, PlanStatus.CLOSED])
def test_commitments_of_plans_not_being_implemented_are_never_stale(
    make_plan, make_commitment, status
):
    plan = make_plan(status=status)
    assert stale(make_commitment(plan, start_date=date(2024, 1, 1))) is False


# Overdue milestones: due before today ----------------------------------------------------


@pytest.mark.parametrize(
    ("due", "overdue"),
    [(TODAY - timedelta(days=1), True), (TODAY, False), (TODAY + timedelta(days=1), False)],
)
def test_a_milestone_is_overdue_from_the_day_after_it_was_due(
    reporting_plan, make_commitment, due, overdue
):
    commitment = make_commitment(reporting_plan, milestones=((due, "in_progress"),))
    row = get_commitment_or_404(commitment.reference, TODAY)
    assert row.next_due == due
    assert row.next_due_overdue is overdue


def test_a_settled_milestone_is_never_next_due(reporting_plan, make_commitment):
    long_ago = TODAY - timedelta(days=30)
    commitment = make_commitment(
        reporting_plan,
        milestones=(
            (long_ago, "complete", long_ago),
            (long_ago, "withdrawn"),
            (TODAY, "not_started"),
        ),
    )
    row = get_commitment_or_404(commitment.reference, TODAY)
    assert (row.next_due, row.next_due_overdue) == (TODAY, False)


# Consultation phases at opens_at and closes_at exactly -------------------------------------


def test_a_consultation_opens_at_opens_at_and_closes_at_closes_at_exactly(make_consultation):
    consultation = make_consultation(opens_in=timedelta(days=1))
    opens, closes = as_utc(consultation.opens_at), as_utc(consultation.closes_at)
    assert consultation.phase(opens - TICK) == Phase.SCHEDULED
    assert consultation.phase(opens) == Phase.OPEN
    assert consultation.phase(closes - TICK) == Phase.OPEN
    assert consultation.phase(closes) == Phase.CLOSED
    consultation.responses_completed_at = closes
    assert consultation.phase(closes) == Phase.RESPONDED


# The comment edit window: 15 minutes, inclusive -------------------------------------------


def test_a_comment_is_edited_on_the_last_moment_of_its_window_and_not_after(
    make_consultation, make_user
):
    author = make_user()
    consultation = make_consultation()
    comment = comments.add_comment(author, consultation, "First wording.", language="en")
    written = as_utc(comment.created_at)
    late = written + timedelta(minutes=15) + TICK
    with pytest.raises(comments.PermissionDenied):
        comments.edit_comment(author, comment, "Too late.", moment=late)
    comments.edit_comment(author, comment, "Just in time.", moment=written + timedelta(minutes=15))
    assert comment.body_text == "Just in time."


# New accounts: stricter comment limit for NEW_ACCOUNT_DAYS --------------------------------


@pytest.mark.parametrize(
    ("age", "limit"),
    [
        (timedelta(days=7) - TICK, "NEW_ACCOUNT_COMMENT_RATE_LIMIT"),
        (timedelta(days=7), "COMMENT_RATE_LIMIT"),
        (timedelta(days=7) + TICK, "COMMENT_RATE_LIMIT"),
    ],
)
def test_an_account_is_new_for_seven_days_exactly(app, make_user, monkeypatch, age, limit):
    assert app.config["NEW_ACCOUNT_DAYS"] == 7
    user = make_user()
    user.created_at = MIDNIGHT - age
    db.session.commit()
    monkeypatch.setattr(comment_views, "now", lambda: MIDNIGHT)
    # Two limits told apart by their values.
    monkeypatch.setitem(app.config, "NEW_ACCOUNT_COMMENT_RATE_LIMIT", "1 per minute")
    monkeypatch.setitem(app.config, "COMMENT_RATE_LIMIT", "99 per minute")
    with app.test_request_context("/en/"):
        login_user(user)
        assert comment_views._account_limit() == app.config[limit]


# Response deadlines: met when completed or answered on the deadline itself ---------------


@pytest.fixture
def closed(make_consultation):
    consultation = make_consultation(opens_in=timedelta(days=-20), lasts=timedelta(days=10))
    return consultation


def answer(consultation, comment, published_at):
    response = Response(
        consultation_id=consultation.id, outcome=Outcome.ADOPTED, published_at=published_at
    )
    db.session.add(response)
    db.session.flush()
    db.session.add(AnsweredComment(comment_id=comment.id, response_id=response.id))
    db.session.commit()


@pytest.mark.parametrize(("late", "met"), [(timedelta(0), True), (TICK, False)])
def test_responses_completed_on_the_deadline_meet_it(closed, late, met):
    deadline = as_utc(closed.response_deadline)
    closed.responses_completed_at = deadline + late
    db.session.commit()
    assert response_summary(closed, deadline + timedelta(days=5)).deadline_met is met


@pytest.mark.parametrize(("late", "met"), [(timedelta(0), True), (TICK, False)])
def test_every_comment_answered_by_the_deadline_meets_it(closed, make_comment, late, met):
    comment = make_comment(closed)
    deadline = as_utc(closed.response_deadline)
    answer(closed, comment, deadline + late)
    assert response_summary(closed, deadline + timedelta(days=1)).deadline_met is met


def test_the_deadline_verdict_waits_until_the_deadline_has_passed(closed, make_comment):
    make_comment(closed)
    deadline = as_utc(closed.response_deadline)
    assert response_summary(closed, deadline).deadline_met is None
    assert response_summary(closed, deadline + TICK).deadline_met is False


# Follows: closing reminders FOLLOWS_CLOSING_HOURS ahead; openings announced for 7 days -----


@pytest.fixture
def followed(make_consultation, make_user):
    consultation = make_consultation(opens_in=timedelta(days=-1), lasts=timedelta(days=10))
    follows.follow(make_user(), consultation)
    return consultation


def test_the_closing_reminder_starts_exactly_48_hours_before_closing(app, followed):
    assert app.config["FOLLOWS_CLOSING_HOURS"] == 48
    closes = as_utc(followed.closes_at)
    kinds = lambda moment: schedule.record_clock_events(moment)  # noqa: E731
    assert kinds(closes - timedelta(hours=48) - TICK) == 0
    assert kinds(closes - timedelta(hours=48)) == 1
    assert kinds(closes - TICK) == 0  # recorded once only


def test_no_closing_reminder_at_the_closing_moment(followed):
    assert schedule.record_clock_events(as_utc(followed.closes_at)) == 0


def test_an_opening_is_announced_for_seven_days_after_opening_and_not_after(
    make_consultation, make_user
):
    consultation = make_consultation(opens_in=timedelta(days=1), lasts=timedelta(days=30))
    follows.follow(make_user(), consultation)
    opens = as_utc(consultation.opens_at)
    assert schedule.record_clock_events(opens - TICK) == 0
    assert schedule.record_clock_events(opens + timedelta(days=7)) == 0
    assert schedule.record_clock_events(opens + timedelta(days=7) - TICK) == 1


# Sent-mail purge: copies sent more than SENT_MAIL_KEEP_DAYS ago ----------------------------


def test_sent_mail_is_purged_after_exactly_the_kept_days(app, app_ctx):
    assert app.config["SENT_MAIL_KEEP_DAYS"] == 30
    ages = {"older": timedelta(days=30) + TICK, "boundary": timedelta(days=30), "newer": TICK}
    for name, age in ages.items():
        db.session.add(
            OutboxMail(
                recipient=f"{name}@example.org",
                subject=name,
                body="",
                language="en",
                next_attempt_at=MIDNIGHT - age,
                sent_at=MIDNIGHT - age,
            )
        )
    db.session.add(
        OutboxMail(
            recipient="unsent@example.org",
            subject="unsent",
            body="",
            language="en",
            next_attempt_at=MIDNIGHT - timedelta(days=99),
        )
    )
    db.session.commit()
    assert purge_sent_mail(30, moment=MIDNIGHT) == 1
    left = set(db.session.scalars(db.select(OutboxMail.subject)))
    assert left == {"boundary", "newer", "unsent"}
