"""Recording and verifying the audit chain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select, text

from ..accounts.models import User
from ..clock import as_utc, now
from ..extensions import db
from .models import AuditEvent

GENESIS = "0" * 64


def canonical(event: AuditEvent) -> bytes:
    """The bytes an event's hash covers: every recorded field, in one fixed form."""
    fields = {
        "occurred_at": as_utc(event.occurred_at).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "public": bool(event.public),
        "before": event.before,
        "after": event.after,
        "prev_hash": event.prev_hash,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def record(
    actor: User | None,
    action: str,
    target_type: str,
    target_id: object,
    before: dict | None = None,
    after: dict | None = None,
    public: bool = True,
) -> AuditEvent:
    """Append an event to the chain inside the caller's transaction (the caller commits)."""
    if db.session.get_bind().dialect.name == "postgresql":
        # Writers take turns at the end of the chain, so no two events share a predecessor.
        db.session.execute(text("SELECT pg_advisory_xact_lock(7420)"))
    last_hash = db.session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    event = AuditEvent(
        occurred_at=now(),
        actor_id=actor.id if actor else None,
        actor_name=actor.display_name if actor else "system",
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        public=public,
        before=before,
        after=after,
        prev_hash=last_hash or GENESIS,
    )
    event.hash = hashlib.sha256(canonical(event)).hexdigest()
    db.session.add(event)
    return event


@dataclass
class ChainBreak:
    event_id: int
    reason: str


def verify_chain(batch: int = 1000) -> ChainBreak | None:
    """Recompute every hash in order; return the first event that does not add up."""
    expected_prev = GENESIS
    last_id = 0
    while True:
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).all()
        if not events:
            return None
        for event in events:
            if event.prev_hash != expected_prev:
                return ChainBreak(event.id, "its link to the previous event does not match")
            if hashlib.sha256(canonical(event)).hexdigest() != event.hash:
                return ChainBreak(event.id, "its content does not match its hash")
            expected_prev = event.hash
            last_id = event.id
        db.session.expunge_all()


def list_public_events(target_type: str = "", target_id: str = ""):
    """Public events, newest first, optionally about one kind of thing or one thing
    (a statement to paginate). Identifiers match as typed or in either case."""
    statement = select(AuditEvent).where(AuditEvent.public.is_(True))
    if target_type:
        statement = statement.where(AuditEvent.target_type == target_type)
    if target_id:
        variants = {target_id, target_id.upper(), target_id.lower()}
        statement = statement.where(AuditEvent.target_id.in_(variants))
    return statement.order_by(AuditEvent.id.desc())
