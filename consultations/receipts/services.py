"""Issuing receipts and finding them again by their number."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..clock import now
from ..extensions import db
from .models import Receipt
from .references import new_reference, normalise

# Two numbers out of 2**40 meet about once in a million issued; ten misses in a row mean
# something else is wrong, so the error is raised rather than hidden by retrying for ever.
ATTEMPTS = 10


def issue_receipt(
    prefix: str, subject_type: str, subject_id: int, moment: datetime | None = None
) -> Receipt:
    """Give a submission its reference number, once (caller commits).

    `prefix` is the kind's letter ("C" comments, "P" proposals); calling again for the same
    subject returns the receipt it already has. A number that is taken (by a receipt written
    a moment ago elsewhere, too) is drawn again.
    """
    existing = receipt_for(subject_type, subject_id)
    if existing is not None:
        return existing
    for _attempt in range(ATTEMPTS):
        receipt = Receipt(
            reference=new_reference(prefix),
            subject_type=subject_type,
            subject_id=subject_id,
            created_at=moment or now(),
        )
        try:
            with db.session.begin_nested():  # a taken number undoes only this insert
                db.session.add(receipt)
        except IntegrityError:
            existing = receipt_for(subject_type, subject_id)
            if existing is not None:  # issued for the same subject at the same moment
                return existing
            if _taken(receipt.reference):
                continue
            raise
        return receipt
    raise RuntimeError(f"No free reference number after {ATTEMPTS} attempts")


def _taken(reference: str) -> bool:
    return db.session.scalar(select(Receipt.id).where(Receipt.reference == reference)) is not None


def receipt_for(subject_type: str, subject_id: int) -> Receipt | None:
    """The receipt a submission was given, if any."""
    return db.session.scalar(
        select(Receipt).where(
            Receipt.subject_type == subject_type, Receipt.subject_id == subject_id
        )
    )


def reference_for(subject_type: str, subject_id: int) -> str | None:
    """The reference number of a submission, if it has one."""
    return db.session.scalar(
        select(Receipt.reference).where(
            Receipt.subject_type == subject_type, Receipt.subject_id == subject_id
        )
    )


def find_receipt(typed: str) -> Receipt | None:
    """The receipt with the number someone typed (any case, with or without dashes)."""
    reference = normalise(typed)
    if reference is None:
        return None
    return db.session.scalar(select(Receipt).where(Receipt.reference == reference))
