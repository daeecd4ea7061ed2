"""October 2026 built by hand for the monthly tests: as the data stands, and kept."""

from __future__ import annotations

import pytest
from quality.monthly_data import OCTOBER, build_october

from consultations.clock import now
from consultations.quality.records import record_missing_months


@pytest.fixture
def october(
    make_agency, make_user, make_consultation, make_comment, make_plan, make_commitment, make_update
):
    return build_october(
        make_agency,
        make_user,
        make_consultation,
        make_comment,
        make_plan,
        make_commitment,
        make_update,
    )


@pytest.fixture
def kept_october(october):
    """October with its figures kept, as the monthly command keeps a closed month."""
    record_missing_months(now(), since=OCTOBER)
    return october
