"""`Commitment.latest_*`: the latest published progress update kept on the commitment by
every write path, meaning exactly what ranking the updates (`published_at`, then id) means."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from flask_migrate import upgrade
from sqlalchemy import insert, select
from sqlalchemy.orm import Session
from test_database import app_on, database

from consultations.agencies.models import Agency
from consultations.clock import as_utc, now
from consultations.extensions import db
from consultations.plans import services
from consultations.plans.latest import refresh
from consultations.plans.models import (
    ActionPlan,
    Commitment,
    Completion,
    PlanStatus,
    ProgressUpdate,
    ProgressUpdateText,
)


def derived(commitment_id: int):
    """What the pages used to compute: the highest (published_at, id) update's values."""
    row = db.session.execute(
        select(
            ProgressUpdate.id,
            ProgressUpdate.status,
            ProgressUpdate.percent_complete,
            ProgressUpdate.published_at,
        )
        .where(ProgressUpdate.commitment_id == commitment_id)
        .order_by(ProgressUpdate.published_at.desc(), ProgressUpdate.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return (None, None, None, None)
    return (row[0], row[1], row[2], as_utc(row[3]))


def stored(commitment_id: int):
    row = db.session.execute(
        select(
            Commitment.latest_update_id,
            Commitment.latest_status,
            Commitment.latest_percent,
            Commitment.latest_published_at,
        ).where(Commitment.id == commitment_id)
    ).one()
    return (row[0], row[1], row[2], as_utc(row[3]) if row[3] else None)


def assert_in_step(*commitments) -> None:
    for commitment in commitments:
        assert stored(commitment.id) == derived(commitment.id), commitment.reference


@pytest.fixture
def reporting(make_agency, make_user, make_plan, make_commitment):
    agency = make_agency("ministry", en="Ministry")
    plan = make_plan(slug="fifth", status=PlanStatus.IMPLEMENTATION, agency=agency)
    coordinator = make_user(roles=("coordinator",), agency=agency)
    first = make_commitment(plan, reference="IL0001", agency=agency)
    second = make_commitment(plan, reference="IL0002", agency=agency)
    return coordinator, first, second


def publish(coordinator, commitment, status="limited", percent=30, **extra):
    return services.publish_update(
        coordinator,
        commitment,
        status=Completion(status),
        percent_complete=percent,
        milestone_states={},
        narratives={"en": "Work goes on."},
        evidence="",
        **extra,
    )


def test_a_commitment_without_updates_has_none(reporting, app_ctx):
    _coordinator, first, _second = reporting
    assert stored(first.id) == (None, None, None, None)


def test_the_publishing_service_keeps_it_including_corrections_and_backdating(reporting, app_ctx):
    coordinator, first, second = reporting
    original = publish(coordinator, first, "limited", 20)
    assert stored(first.id)[:3] == (original.id, Completion.LIMITED, 20)
    newer = publish(coordinator, first, "substantial", 60)
    assert stored(first.id)[:3] == (newer.id, Completion.SUBSTANTIAL, 60)
    # A correction is a new update: it is the latest when it is published last...
    correction = publish(coordinator, first, "limited", 40, corrects=original)
    assert stored(first.id)[:3] == (correction.id, Completion.LIMITED, 40)
    # ...and an update dated before the latest one does not take its place.
    publish(coordinator, first, "complete", 100, published_at=now() - timedelta(days=30))
    assert stored(first.id)[:3] == (correction.id, Completion.LIMITED, 40)
    assert stored(second.id) == (None, None, None, None)
    assert_in_step(first, second)


def test_the_same_moment_takes_the_higher_id(reporting, app_ctx, make_update):
    _coordinator, first, _second = reporting
    moment = now() - timedelta(days=1)
    make_update(first, status="limited", percent=10, published_at=moment)
    later = make_update(first, status="substantial", percent=70, published_at=moment)
    assert stored(first.id)[0] == later.id
    assert_in_step(first)


def test_a_loaded_commitment_sees_the_new_values_before_commit(reporting, app_ctx):
    coordinator, first, _second = reporting
    assert first.latest_status is None
    db.session.add(
        ProgressUpdate(
            commitment=first,
            author_name="Noa",
            organisation="Ministry",
            status=Completion.COMPLETE,
            percent_complete=100,
            published_at=now(),
            milestone_states=[],
            evidence=[],
            texts=[ProgressUpdateText(locale="en", narrative="Done.")],
        )
    )
    db.session.flush()
    assert (first.latest_status, first.latest_percent) == (Completion.COMPLETE, 100)
    db.session.rollback()
    assert stored(first.id) == (None, None, None, None)


def test_a_loaded_commitment_sees_an_edited_update_before_commit(reporting, app_ctx, make_update):
    _coordinator, first, _second = reporting
    update_row = make_update(first, status="limited", percent=10)
    assert first.latest_percent == 10
    update_row.status, update_row.percent_complete = Completion.SUBSTANTIAL, 70
    db.session.flush()
    assert (first.latest_status, first.latest_percent) == (Completion.SUBSTANTIAL, 70)


def test_editing_or_deleting_an_update_derives_it_again(reporting, app_ctx, make_update):
    _coordinator, first, second = reporting
    older = make_update(first, status="limited", percent=10, published_at=now() - timedelta(2))
    newer = make_update(first, status="substantial", percent=60)
    newer.published_at = now() - timedelta(days=5)
    db.session.commit()
    assert stored(first.id)[0] == older.id
    newer.commitment = second
    newer.published_at = now()
    db.session.commit()
    assert stored(second.id)[0] == newer.id
    assert stored(first.id)[0] == older.id
    db.session.delete(newer.texts[0])
    db.session.delete(newer)
    db.session.commit()
    assert_in_step(first, second)
    assert stored(second.id) == (None, None, None, None)


def test_refresh_derives_every_commitment_after_bulk_inserts(reporting, app_ctx):
    _coordinator, first, second = reporting
    moment = now()
    rows = [
        {
            "commitment_id": commitment.id,
            "author_name": "Bulk",
            "organisation": "Ministry",
            "status": status,
            "percent_complete": percent,
            "published_at": moment - timedelta(days=days),
            "milestone_states": [],
            "evidence": [],
        }
        for commitment, status, percent, days in (
            (first, Completion.LIMITED, 10, 3),
            (first, Completion.SUBSTANTIAL, 50, 1),
            (second, Completion.NOT_STARTED, 0, 2),
            (second, Completion.LIMITED, 5, 2),  # the same moment: the higher id is latest
        )
    ]
    db.session.execute(insert(ProgressUpdate), rows)  # Core: no ORM hook runs
    assert stored(first.id) == (None, None, None, None)
    refresh(db.session.connection(), [second.id])  # only the commitments it is given
    assert stored(first.id) == (None, None, None, None)
    assert stored(second.id)[1:3] == (Completion.LIMITED, 5)
    refresh(db.session.connection())
    db.session.commit()
    assert stored(first.id)[1:3] == (Completion.SUBSTANTIAL, 50)
    assert stored(second.id)[1:3] == (Completion.LIMITED, 5)
    assert_in_step(first, second)


def test_bench_data_fills_it(runner, app_ctx):
    result = runner.invoke(args=["bench-data", "--scale", "0.002"])
    assert result.exit_code == 0, result.output
    commitments = db.session.scalars(select(Commitment)).all()
    assert commitments and all(c.latest_update_id is not None for c in commitments)
    assert_in_step(*commitments)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_migration_backfills_existing_databases(tmp_path, kind):
    """Commitments with updates written before the columns existed get them on upgrade."""
    with database(kind, tmp_path, "latest") as url, app_on(url):
        upgrade(revision="f5a6b7c8d9e0")
        moment = now()
        # Core inserts name only the columns that existed then.
        db.session.execute(insert(Agency), [{"id": 1, "slug": "a"}])
        db.session.execute(
            insert(ActionPlan),
            [
                {
                    "id": 1,
                    "slug": "p",
                    "country": "IL",
                    "number": 5,
                    "period_start": date(2025, 1, 1),
                    "period_end": date(2027, 1, 1),
                    "status": PlanStatus.IMPLEMENTATION,
                    "coordinating_agency_id": 1,
                }
            ],
        )
        db.session.execute(
            insert(Commitment),
            [
                {"id": n, "reference": f"IL000{n}", "plan_id": 1, "lead_agency_id": 1}
                | {"source_locale": "en"}
                for n in (1, 2)
            ],
        )
        db.session.execute(
            insert(ProgressUpdate),
            [
                {
                    "id": update_id,
                    "commitment_id": 1,
                    "author_name": "A",
                    "organisation": "B",
                    "status": status,
                    "percent_complete": percent,
                    "published_at": moment - timedelta(days=days),
                }
                for update_id, status, percent, days in (
                    (1, Completion.LIMITED, 10, 1),
                    (2, Completion.COMPLETE, 100, 5),
                    (3, Completion.SUBSTANTIAL, 50, 1),
                )
            ],
        )
        db.session.commit()
        upgrade()
        assert stored(1)[:3] == (3, Completion.SUBSTANTIAL, 50)
        assert stored(1) == derived(1)
        assert stored(2) == (None, None, None, None)


def test_two_writers_at_once_leave_the_later_update(reporting, app, app_ctx):
    """The later update wins even when the earlier one's transaction commits last."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite lets one writer at a time in, so nothing races")
    _coordinator, first, _second = reporting
    first_id = first.id
    db.session.commit()

    def write(session: Session, days_ago: int) -> int:
        row = ProgressUpdate(
            commitment_id=first_id,
            author_name="Writer",
            organisation="Ministry",
            status=Completion.LIMITED,
            percent_complete=100 - days_ago,
            published_at=now() - timedelta(days=days_ago),
            milestone_states=[],
            evidence=[],
        )
        session.add(row)
        session.flush()
        return row.id

    later_session, earlier_session = Session(db.engine), Session(db.engine)
    later = write(later_session, 0)  # holds the commitment's row until it commits
    result = {}
    racing = threading.Thread(target=lambda: result.update(id=write(earlier_session, 3)))
    racing.start()
    racing.join(timeout=1)
    assert racing.is_alive(), "the earlier writer waits for the later one's row"
    later_session.commit()
    racing.join(timeout=10)
    earlier_session.commit()
    later_session.close()
    earlier_session.close()
    assert stored(first_id)[0] == later != result["id"]
    assert stored(first_id) == derived(first_id)
