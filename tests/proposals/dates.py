"""Co-creation stage dates around a proposals stage, for the tests."""

from __future__ import annotations

from datetime import timedelta

from consultations.proposals.models import STAGES, Stage


def stage_dates(proposals_start, proposals_end) -> dict:
    """Every stage's dates, with the proposals stage as given and the rest around it."""
    day = timedelta(days=1)
    dates = {
        Stage.AWARENESS: (proposals_start - 20 * day, proposals_start - day),
        Stage.PROPOSALS: (proposals_start, proposals_end),
        Stage.DRAFTING: (proposals_end + day, proposals_end + 30 * day),
        Stage.CONSULTATION: (proposals_end + 31 * day, proposals_end + 60 * day),
        Stage.ADOPTION: (proposals_end + 61 * day, proposals_end + 70 * day),
    }
    return {
        stage: (*dates[stage], {"en": {"ways_to_take_part": f"Ways for {stage.value}"}})
        for stage in STAGES
    }
