"""Gathering a 1,000-commitment plan's self-assessment (the benchmark's data): under 30 s.

Slow (it fills the benchmark's plans first), so it runs only when asked: `SLOW=1`.
"""

from __future__ import annotations

import os
import re

import pytest

from consultations.benchmark.data import Scale, fill
from consultations.extensions import db
from consultations.reports.models import ReportState, SelfAssessmentReport

pytestmark = pytest.mark.skipif(not os.environ.get("SLOW"), reason="slow: set SLOW=1")

# One plan holding all 1,000 commitments, each with 5 milestones and 20 progress updates;
# fewer comments and people than the national scale, which the report only counts.
ONE_LARGE_PLAN = Scale(
    plans=1,
    consultations=20,
    comments=5_000,
    big_consultation_comments=2_500,
    users=1_000,
)


def test_a_thousand_commitments_are_gathered_in_under_30_seconds(app_ctx, runner):
    for _line in fill(ONE_LARGE_PLAN):
        pass
    db.session.remove()
    result = runner.invoke(args=["self-assessment", "bench-il", "end_of_term"])
    assert result.exit_code == 0, result.output
    seconds = float(re.search(r"gathered in ([\d.]+) s", result.output).group(1))
    print(result.output)
    assert seconds < 30
    report = db.session.scalar(db.select(SelfAssessmentReport))
    assert report.state == ReportState.DRAFT
    assert len(report.snapshot["commitments"]) == 1_000
    assert sum(len(c["updates"]) for c in report.snapshot["commitments"]) == 20_000
