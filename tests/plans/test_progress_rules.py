"""The rules that derive progress: where self-reports and assessments disagree, staleness."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from consultations.config import load_config
from consultations.plans.models import AssessedCompletion, Completion
from consultations.plans.progress import find_gap, stale_cutoff

REPORTED, ASSESSED = datetime(2025, 6, 1, tzinfo=UTC), datetime(2025, 8, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("reported", "assessed", "kind"),
    [
        ("complete", "complete", None),
        ("not_started", "not_started", None),
        ("complete", "limited", "lower"),
        ("substantial", "not_started", "lower"),
        ("limited", "complete", "higher"),
        ("not_started", "no_evidence", "no_evidence"),
        ("complete", "no_evidence", "no_evidence"),
        ("withdrawn", "not_started", "withdrawn"),
        ("withdrawn", "no_evidence", "withdrawn"),
        (None, "limited", None),
        ("limited", None, None),
    ],
)
def test_gap_compares_on_the_shared_completion_scale(reported, assessed, kind):
    gap = find_gap(
        Completion(reported) if reported else None,
        REPORTED,
        AssessedCompletion(assessed) if assessed else None,
        ASSESSED,
    )
    assert (gap.kind if gap else None) == kind
    if gap:  # the page shows both claims with their dates
        assert (gap.reported.value, gap.reported_at) == (reported, REPORTED)
        assert (gap.assessed.value, gap.assessed_at) == (assessed, ASSESSED)


def test_stale_cutoff_is_the_configured_number_of_days_back(app):
    with app.app_context():
        app.config["STALE_AFTER_DAYS"] = 10
        try:
            last_day, first_fresh_moment = stale_cutoff(date(2025, 3, 20))
        finally:
            app.config["STALE_AFTER_DAYS"] = 90
    assert last_day == date(2025, 3, 10)
    assert first_fresh_moment == datetime(2025, 3, 11, tzinfo=UTC)


def test_stale_after_days_defaults_to_90_and_reads_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("STALE_AFTER_DAYS", raising=False)
    assert load_config(tmp_path)["STALE_AFTER_DAYS"] == 90
    monkeypatch.setenv("STALE_AFTER_DAYS", "30")
    assert load_config(tmp_path)["STALE_AFTER_DAYS"] == 30
