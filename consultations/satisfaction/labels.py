"""The survey's words in the reader's language, for forms and result tables."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .models import EXPECTED_WAIT_DAYS, ExpectedOutcome, ExpectedWait, Respondent
from .results import ALL, GROUPS, MIN_GROUP_SIZE

RESPONDENT = {
    ALL: _l("Everyone"),
    Respondent.RESIDENT.value: _l("As a resident"),
    Respondent.ORGANISATION.value: _l("For an organisation"),
    Respondent.BUSINESS.value: _l("For a business"),
}
OUTCOME = {
    ExpectedOutcome.READ: _l("It will be read and taken into account"),
    ExpectedOutcome.ANSWERED: _l("It will get a reasoned answer"),
    ExpectedOutcome.CHANGE: _l("The text will change because of it"),
    ExpectedOutcome.NOTHING: _l("Nothing will happen with it"),
}
WAIT = {
    ExpectedWait.WEEK: _l("Within a week"),
    ExpectedWait.MONTH: _l("Within a month"),
    ExpectedWait.QUARTER: _l("Within three months"),
    ExpectedWait.NEVER: _l("I do not expect a response"),
}


def survey_labels() -> dict:
    """The result tables' words and the group-size threshold, for the templates."""
    return {
        "survey_respondent_label": lambda key: RESPONDENT[key],
        "survey_outcome_label": lambda key: OUTCOME[key],
        "survey_wait_label": lambda key: WAIT[key],
        "survey_groups": GROUPS,
        "survey_outcomes": list(ExpectedOutcome),
        "survey_waits": list(ExpectedWait),
        "survey_min_group": MIN_GROUP_SIZE,
        "survey_wait_days": EXPECTED_WAIT_DAYS,
    }
