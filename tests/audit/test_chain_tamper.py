"""The audit chain: altering any recorded column of any event breaks the chain at that event.

The tampering is parametrized over the model's columns, so a column added to the model but
left out of the hash, or added without a changed value here, fails a test."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from consultations.audit.models import AuditEvent
from consultations.audit.services import (
    GENESIS,
    canonical,
    list_public_events,
    record,
    verify_chain,
)
from consultations.extensions import db

# For every column the hash covers, how a tamperer would change it.
CHANGES = {
    "occurred_at": lambda event, other: event.occurred_at + timedelta(microseconds=1),
    "actor_id": lambda event, other: other.id,
    "actor_name": lambda event, other: event.actor_name + "x",
    "action": lambda event, other: "role.revoke",
    "target_type": lambda event, other: "agency",
    "target_id": lambda event, other: event.target_id + "0",
    "public": lambda event, other: not event.public,
    "before": lambda event, other: {"role": "moderator"},
    "after": lambda event, other: {"role": "admin", "extra": 1},
    "prev_hash": lambda event, other: "f" * 64,
}
NOT_HASHED = {"id", "hash"}  # the row's number, and the hash itself
LINK_BROKEN = "its link to the previous event does not match"
CONTENT_CHANGED = "its content does not match its hash"
# The hashed form of an event is fixed for ever: a change to it would break every stored
# chain. This event's bytes and hash were computed once and are kept here.
FIXED_EVENT = {
    "occurred_at": datetime(2026, 3, 1, 12, 30, 5, 123456, tzinfo=UTC),
    "actor_id": 7,
    "actor_name": "Noa Levi · נועה",
    "action": "role.grant",
    "target_type": "user",
    "target_id": "42",
    "public": False,
    "before": {"role": None},
    "after": {"role": "monitor", "b": 1},
    "prev_hash": "0" * 64,
}
FIXED_BYTES = (
    '{"action":"role.grant","actor_id":7,"actor_name":"Noa Levi · נועה",'
    '"after":{"b":1,"role":"monitor"},"before":{"role":null},'
    '"occurred_at":"2026-03-01T12:30:05.123456Z","prev_hash":"' + "0" * 64 + '",'
    '"public":false,"target_id":"42","target_type":"user"}'
).encode()
FIXED_HASH = "51425fbea42cb83545d524430ebfde714320745ef3e5a099d2ceb73cdea449e9"


def chain(make_user, count: int = 3) -> list[AuditEvent]:
    actor = make_user(name="Actor Person")
    events = []
    for number in range(count):
        events.append(
            record(actor, "role.grant", "user", 40 + number, {"role": None}, {"role": "monitor"})
        )
        db.session.commit()
    return events


def test_every_recorded_column_is_tampered_with_below():
    columns = {column.name for column in AuditEvent.__table__.columns}
    assert columns - NOT_HASHED == set(CHANGES)


@pytest.mark.parametrize("column", sorted(CHANGES))
def test_altering_a_column_breaks_the_chain_at_that_event(app_ctx, make_user, column):
    first, middle, last = chain(make_user)
    new_value = CHANGES[column](middle, make_user(name="Someone Else"))
    assert new_value != getattr(middle, column)
    middle_id = middle.id
    assert verify_chain() is None

    db.session.execute(
        update(AuditEvent).where(AuditEvent.id == middle_id).values({column: new_value})
    )
    db.session.commit()

    broken = verify_chain()
    assert broken is not None
    assert broken.event_id == middle_id
    assert broken.reason == (LINK_BROKEN if column == "prev_hash" else CONTENT_CHANGED)


@pytest.mark.parametrize("column", sorted(CHANGES))
def test_every_recorded_column_changes_the_hashed_bytes(app_ctx, make_user, column):
    (event,) = chain(make_user, count=1)
    before = canonical(event)
    setattr(event, column, CHANGES[column](event, make_user(name="Other")))
    assert canonical(event) != before


def test_a_replaced_hash_breaks_the_link_of_the_next_event(app_ctx, make_user):
    middle_id = chain(make_user)[1].id
    db.session.execute(update(AuditEvent).where(AuditEvent.id == middle_id).values(hash="e" * 64))
    db.session.commit()
    broken = verify_chain()
    assert (broken.event_id, broken.reason) == (middle_id, CONTENT_CHANGED)


def test_a_deleted_event_breaks_the_link_of_the_next(app_ctx, make_user):
    first, middle, last = chain(make_user)
    last_id = last.id
    db.session.delete(middle)
    db.session.commit()
    broken = verify_chain()
    assert (broken.event_id, broken.reason) == (last_id, LINK_BROKEN)


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_an_intact_chain_verifies_across_batches(app_ctx, make_user, batch):
    events = chain(make_user, count=5)
    assert events[0].prev_hash == GENESIS
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    assert verify_chain(batch=batch) is None


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_tampering_in_a_later_batch_is_found(app_ctx, make_user, batch):
    last_id = chain(make_user, count=5)[4].id
    db.session.execute(
        update(AuditEvent).where(AuditEvent.id == last_id).values(actor_name="Forged")
    )
    db.session.commit()
    assert verify_chain(batch=batch).event_id == last_id


def test_an_event_without_an_actor_is_signed_by_the_system(app_ctx):
    event = record(None, "plan.publish", "plan", 3)
    db.session.commit()
    assert (event.actor_id, event.actor_name, event.public) == (None, "system", True)
    assert event.prev_hash == GENESIS
    assert (event.target_id, event.before, event.after) == ("3", None, None)
    assert verify_chain() is None


def test_the_hashed_form_of_an_event_never_changes(app_ctx):
    event = AuditEvent(**FIXED_EVENT)
    assert canonical(event) == FIXED_BYTES
    assert hashlib.sha256(canonical(event)).hexdigest() == FIXED_HASH


def test_a_stored_event_hashed_in_the_fixed_form_verifies(app_ctx, make_user):
    actor = make_user(name="Noa Levi · נועה")
    event = AuditEvent(**{**FIXED_EVENT, "actor_id": actor.id})
    event.hash = hashlib.sha256(canonical(event)).hexdigest()
    db.session.add(event)
    db.session.commit()
    assert verify_chain() is None


def test_the_public_log_lists_every_public_event_without_filters(app_ctx, make_user):
    grant = record(None, "role.grant", "user", 5)
    hidden = record(None, "account.delete", "user", 6, public=False)
    agency = record(None, "agency.create", "agency", "water")
    db.session.commit()
    listed = db.session.scalars(list_public_events()).all()
    assert [event.id for event in listed] == [agency.id, grant.id]
    assert hidden.id not in [event.id for event in listed]
    by_kind = db.session.scalars(list_public_events(target_type="agency")).all()
    assert [event.id for event in by_kind] == [agency.id]
    by_id = db.session.scalars(list_public_events(target_id="WATER")).all()
    assert [event.id for event in by_id] == [agency.id]
