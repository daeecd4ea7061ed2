"""Rules for progress derived from published records: the shared scale, gaps, staleness.

Nothing here is stored: a commitment's status is its latest published progress update's,
and whether it is late or silent follows from dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app

from .models import AssessedCompletion, Completion, PlanStatus

# Plans whose commitments are expected to report progress.
REPORTING_PLANS = (PlanStatus.ADOPTED, PlanStatus.IMPLEMENTATION)
# A commitment with one of these statuses has nothing left to report.
FINISHED = (Completion.COMPLETE, Completion.WITHDRAWN)

# The completion scale self-reports and assessments share.
SCALE = {"not_started": 0, "limited": 1, "substantial": 2, "complete": 3}


@dataclass(frozen=True)
class Gap:
    """How the latest self-reported status and the latest independent assessment differ."""

    reported: Completion
    reported_at: datetime
    assessed: AssessedCompletion
    assessed_at: datetime
    # "lower", "higher", "no_evidence" or "withdrawn"
    kind: str


def find_gap(
    reported: Completion | None,
    reported_at: datetime | None,
    assessed: AssessedCompletion | None,
    assessed_at: datetime | None,
) -> Gap | None:
    """The disagreement between the two latest claims, or None when they agree or one is missing."""
    if reported is None or assessed is None:
        return None
    if reported == Completion.WITHDRAWN:
        kind = "withdrawn"
    elif assessed == AssessedCompletion.NO_EVIDENCE:
        kind = "no_evidence"
    elif SCALE[assessed.value] < SCALE[reported.value]:
        kind = "lower"
    elif SCALE[assessed.value] > SCALE[reported.value]:
        kind = "higher"
    else:
        return None
    return Gap(reported, reported_at, assessed, assessed_at, kind)


def stale_after_days() -> int:
    return int(current_app.config["STALE_AFTER_DAYS"])


def stale_cutoff(today: date) -> tuple[date, datetime]:
    """The last day (and the first moment after it) that counts as silent for too long.

    A commitment is stale once `STALE_AFTER_DAYS` full days have passed since its last
    update, or since it started when it has none: its reference day is on or before
    `today - STALE_AFTER_DAYS`.
    """
    last_day = today - timedelta(days=stale_after_days())
    return last_day, datetime.combine(last_day + timedelta(days=1), time.min, UTC)
