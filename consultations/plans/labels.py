"""The words shown for every accountability enum, in one place (the glossary's terms)."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from flask import Flask
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from .models import (
    AssessedCompletion,
    Completion,
    MilestoneStatus,
    OpenedGovernment,
    PlanStatus,
    PotentialForResults,
    PotentialImpact,
)

# The derived status of a commitment that has no progress update yet.
NO_UPDATE = "none"

PLAN_STATUS = {
    PlanStatus.DRAFTING: _l("drafting"),
    PlanStatus.CONSULTATION: _l("consultation"),
    PlanStatus.ADOPTED: _l("adopted"),
    PlanStatus.IMPLEMENTATION: _l("implementation"),
    PlanStatus.CLOSED: _l("closed"),
}

COMPLETION = {
    Completion.NOT_STARTED: _l("not started"),
    Completion.LIMITED: _l("limited"),
    Completion.SUBSTANTIAL: _l("substantial"),
    Completion.COMPLETE: _l("complete"),
    Completion.WITHDRAWN: _l("withdrawn"),
}

# What a commitment's derived status can be: no update yet, or the latest update's status.
DERIVED_STATUS = {NO_UPDATE: _l("no update yet"), **COMPLETION}

ASSESSED_COMPLETION = {
    AssessedCompletion.NO_EVIDENCE: _l("no evidence available"),
    AssessedCompletion.NOT_STARTED: _l("not started"),
    AssessedCompletion.LIMITED: _l("limited"),
    AssessedCompletion.SUBSTANTIAL: _l("substantial"),
    AssessedCompletion.COMPLETE: _l("complete"),
}

OPENED_GOVERNMENT = {
    OpenedGovernment.WORSENED: _l("worsened"),
    OpenedGovernment.DID_NOT_CHANGE: _l("did not change"),
    OpenedGovernment.MARGINAL: _l("marginal"),
    OpenedGovernment.MAJOR: _l("major"),
    OpenedGovernment.OUTSTANDING: _l("outstanding"),
}

MILESTONE_STATUS = {
    MilestoneStatus.NOT_STARTED: _l("not started"),
    # TRANSLATORS: a milestone whose work has begun but is not finished.
    MilestoneStatus.IN_PROGRESS: _l("in progress"),
    MilestoneStatus.COMPLETE: _l("complete"),
    MilestoneStatus.WITHDRAWN: _l("withdrawn"),
}

OGP_VALUE = {
    "access_to_information": _l("access to information"),
    "civic_participation": _l("civic participation"),
    "public_accountability": _l("public accountability"),
    "technology": _l("technology and innovation"),
}

POTENTIAL_FOR_RESULTS = {
    PotentialForResults.UNCLEAR: _l("unclear"),
    PotentialForResults.MODEST: _l("modest"),
    PotentialForResults.SUBSTANTIAL: _l("substantial"),
}

POTENTIAL_IMPACT = {
    # TRANSLATORS: the IRM's lowest potential impact: none at all.
    PotentialImpact.NONE: _l("no impact"),
    PotentialImpact.MINOR: _l("minor"),
    PotentialImpact.MODERATE: _l("moderate"),
    PotentialImpact.TRANSFORMATIVE: _l("transformative"),
}

# OGP's policy areas (docs/glossary.md), by the key the files and the API carry.
POLICY_AREA = {
    "access_to_information": _l("access to information"),
    "anti_corruption": _l("anti-corruption and integrity"),
    "beneficial_ownership": _l("beneficial ownership"),
    "civic_space": _l("civic space"),
    "climate_and_environment": _l("climate and environment"),
    "digital_governance": _l("digital governance"),
    "fiscal_openness": _l("fiscal openness"),
    "gender_and_inclusion": _l("gender and inclusion"),
    "justice": _l("justice"),
    "lobbying": _l("lobbying"),
    "media_freedom": _l("media freedom"),
    "natural_resources": _l("natural resources"),
    "open_contracting": _l("open contracting and public procurement"),
    "open_data": _l("open data"),
    "open_parliaments": _l("open parliaments"),
    "public_participation": _l("public participation"),
    "public_service_delivery": _l("public service delivery"),
    "regulatory_governance": _l("regulatory governance"),
    "right_to_information": _l("right to information"),
    "whistleblower_protection": _l("whistleblower protection"),
    "local_government": _l("local government"),
}

YES_NO = {True: _l("yes"), False: _l("no")}


def country_name(code: str) -> str:
    """A country's name in the reader's language, from Babel's locale data."""
    locale = get_locale() or Locale.parse("en")
    return locale.territories.get(code.upper(), code.upper())


def language_label(code: str) -> str:
    """A language's name in the reader's language, e.g. for "shown in Hebrew"."""
    locale = get_locale() or Locale.parse("en")
    return _display_name(code, str(locale))


@lru_cache(maxsize=256)
def _display_name(code: str, reader: str) -> str:
    """Babel parses its locale data anew on every call; a language's name never changes."""
    return Locale.parse(code).get_display_name(reader)


def init_labels(app: Flask) -> None:
    """Expose the label tables to every template, staff pages included."""

    # Globals, not a context processor: the same on every request.
    app.jinja_env.globals.update(
        {
            "plan_status_label": PLAN_STATUS,
            "derived_status_label": DERIVED_STATUS,
            "completion_label": COMPLETION,
            "assessed_completion_label": ASSESSED_COMPLETION,
            "opened_government_label": OPENED_GOVERNMENT,
            "milestone_status_label": MILESTONE_STATUS,
            "ogp_value_label": OGP_VALUE,
            "potential_for_results_label": POTENTIAL_FOR_RESULTS,
            "potential_impact_label": POTENTIAL_IMPACT,
            "policy_area_label": POLICY_AREA,
            "yes_no_label": YES_NO,
            "country_name": country_name,
            "language_label": language_label,
        }
    )
