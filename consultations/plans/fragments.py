"""What a commitment's row in a plan's table shows, as one stamp (consultations/fragments.py)."""

from __future__ import annotations

from .staleness import CommitmentRow

# The row's title and its lead agency's address and name come from these tables; everything
# else it shows is in the row itself.
ROW_TABLES = ("commitment_texts", "agencies", "agency_texts")


def commitment_row_stamp(row: CommitmentRow, tables: tuple | None, stale_days: int) -> tuple | None:
    """Every value the row is rendered from, so that a new progress update, a milestone
    falling due or a renamed agency makes a new fragment; None when the table versions are
    unknown (the row is then rendered every time)."""
    if tables is None:
        return None
    commitment = row.commitment
    return (
        tables,
        commitment.reference,
        commitment.lead_agency_id,
        row.status,
        row.percent,
        row.updated_at,
        row.next_due,
        row.next_due_overdue,
        row.stale,
        stale_days,
    )
