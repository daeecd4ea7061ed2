from datetime import UTC, datetime, timedelta

import pytest

from consultations.consultation.models import Phase
from consultations.models import Consultation

OPENS = datetime(2026, 3, 1, 9, tzinfo=UTC)
CLOSES = datetime(2026, 3, 31, 17, tzinfo=UTC)


def consultation(completed: bool = False) -> Consultation:
    return Consultation(
        opens_at=OPENS,
        closes_at=CLOSES,
        response_deadline=CLOSES + timedelta(days=30),
        responses_completed_at=CLOSES + timedelta(days=10) if completed else None,
    )


@pytest.mark.parametrize(
    ("moment", "completed", "phase"),
    [
        (OPENS - timedelta(seconds=1), False, Phase.SCHEDULED),
        (OPENS, False, Phase.OPEN),
        (CLOSES - timedelta(seconds=1), False, Phase.OPEN),
        (CLOSES, False, Phase.CLOSED),
        (CLOSES + timedelta(days=40), False, Phase.CLOSED),
        (CLOSES + timedelta(days=40), True, Phase.RESPONDED),
    ],
)
def test_phase_follows_the_clock_and_the_responses(moment, completed, phase):
    assert consultation(completed).phase(moment) == phase


def test_naive_times_from_sqlite_count_as_utc():
    naive = Consultation(
        opens_at=OPENS.replace(tzinfo=None),
        closes_at=CLOSES.replace(tzinfo=None),
        response_deadline=CLOSES,
    )
    assert naive.phase(OPENS + timedelta(hours=1)) == Phase.OPEN
