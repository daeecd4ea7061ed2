"""Each monthly figure on a small hand-made month, and a closed month that never drifts."""

from __future__ import annotations

import pytest
from quality.monthly_data import OCTOBER, at

from consultations.clock import now
from consultations.quality.models import QualityMonth
from consultations.quality.monthly import compute_month
from consultations.quality.records import (
    month_figures,
    recompute_month,
    record_missing_months,
    series,
)

SITE = ("site", "")


def test_every_monthly_figure_matches_the_hand_computed_one(october):
    alpha, beta, _ = october
    figures = compute_month(OCTOBER, now())
    site = figures[SITE]
    assert site.median_days == 9.5  # first responses after 15.5 and 3.5 days
    assert site.first_responses == 2
    # A response published exactly at the deadline is in time; the next day's is not.
    assert (site.answered_on_time, site.answers_due) == (2, 3)
    assert (site.satisfaction, site.ease, site.satisfaction_answers) == (4.0, 3.0, 2)
    assert (site.commitments_fresh, site.commitments_reporting) == (1, 2)
    assert (site.comments, site.participants) == (3, 2)
    assert site.proposals == 0
    assert site.new_accounts >= 2
    israel, latvia = figures[("country", "IL")], figures[("country", "LV")]
    assert (israel.median_days, israel.answers_due, israel.comments) == (15.5, 3, 0)
    assert (latvia.median_days, latvia.answers_due, latvia.participants) == (3.5, 0, 2)
    assert latvia.share_on_time is None and latvia.satisfaction is None
    assert figures[("agency", str(beta.id))].comments == 3
    assert figures[("agency", str(alpha.id))].freshness == 0.5


def test_a_month_with_nothing_in_it_has_no_shares_rather_than_zero(october):
    site = compute_month(OCTOBER.replace(month=8), now())[SITE]
    assert site.median_days is None and site.share_on_time is None
    assert site.satisfaction is None and site.comments == 0


def test_a_closed_month_keeps_its_figures_when_late_data_arrives(october, make_comment):
    _, _, fresh = october
    assert OCTOBER in record_missing_months(now(), since=OCTOBER)
    make_comment(fresh, created_at=at(30))  # dated in October, arrives after it closed
    assert month_figures(OCTOBER, now())[SITE].comments == 3
    assert [p.figures.comments for p in series(SITE, now()) if p.month == OCTOBER] == [3]
    assert record_missing_months(now(), since=OCTOBER) == []  # nothing to add: kept as is
    assert month_figures(OCTOBER, now())[SITE].comments == 3
    recompute_month(OCTOBER, now())
    assert month_figures(OCTOBER, now())[SITE].comments == 4


def test_the_current_month_is_live_and_cannot_be_recomputed(october, make_comment):
    _, _, fresh = october
    current = series(SITE, now())[-1]
    assert current.live and current.figures.comments == 0
    make_comment(fresh)
    assert series(SITE, now())[-1].figures.comments == 1
    with pytest.raises(ValueError):
        recompute_month(current.month, now())


def test_the_command_keeps_missing_months_and_recomputes_one(october, runner, make_comment):
    _, _, fresh = october
    result = runner.invoke(args=["quality-months"])
    assert result.exit_code == 0 and "2026-10" in result.output
    kept = QualityMonth.query.filter_by(month=OCTOBER, scope_kind="site").one()
    assert kept.comments == 3 and kept.median_days == 9.5
    make_comment(fresh, created_at=at(31))
    result = runner.invoke(args=["quality-months", "--recompute", "2026-10"])
    assert result.exit_code == 0
    assert month_figures(OCTOBER, now())[SITE].comments == 4
    assert runner.invoke(args=["quality-months", "--recompute", "2026-13"]).exit_code != 0
