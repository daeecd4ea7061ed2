"""Helpers the moderation tests share."""

from __future__ import annotations

from consultations.audit.models import AuditEvent
from consultations.comments.models import Flag
from consultations.extensions import db


def fresh(row):
    """The row as the database now has it."""
    db.session.refresh(row)
    return row


def flags() -> int:
    return db.session.scalar(db.select(db.func.count(Flag.id)))


def audit_actions() -> list[str]:
    return list(db.session.scalars(db.select(AuditEvent.action).order_by(AuditEvent.id)))
