"""How OGP's published commitment sheet writes its cells, read into our values.

The sheet writes dates the US way (`5/1/2023`, `7/1/17`) or as a bare year (`2016`),
leaves free text such as "Permanent activity" where a date would go, and marks what it
does not know with `NA`, `ND` or `NR`. The IRM's scales are written as words.
"""

from __future__ import annotations

import re
from datetime import date

from babel import Locale

from .models import (
    POLICY_AREAS,
    AssessedCompletion,
    OpenedGovernment,
    PotentialForResults,
    PotentialImpact,
)

UNKNOWN = frozenset({"", "na", "n/a", "nd", "nr", "n.a.", "-", "—"})
ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
US_DATE = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{2}|[0-9]{4})$")
YEAR = re.compile(r"^([0-9]{4})$")
YES = frozenset({"1", "yes", "y", "true", "x"})
NO = frozenset({"0", "no", "n", "false"})


class Unreadable(ValueError):
    """A cell that is neither a value of its kind nor a mark of the unknown."""


def is_unknown(cell: str) -> bool:
    return cell.strip().casefold() in UNKNOWN


def read_date(cell: str, *, end: bool = False) -> date | None:
    """A date from `2023-05-01`, `5/1/2023`, `5/1/23` or `2023` (the year's first day, or
    its last for an `end`); None for an unknown mark. Raises Unreadable for other text."""
    cell = cell.strip()
    if is_unknown(cell):
        return None
    if match := ISO_DATE.match(cell):
        year, month, day = (int(part) for part in match.groups())
    elif match := US_DATE.match(cell):
        month, day, year = (int(part) for part in match.groups())
        if len(match.group(3)) == 2:
            year += 2000 if year < 70 else 1900
    elif match := YEAR.match(cell):
        year = int(match.group(1))
        return date(year, 12, 31) if end else date(year, 1, 1)
    else:
        raise Unreadable(cell)
    try:
        return date(year, month, day)
    except ValueError as error:
        raise Unreadable(cell) from error


def read_flag(cell: str) -> bool | None:
    """Yes/no written as 1/0, yes/no or true/false; None when unknown."""
    word = cell.strip().casefold()
    if word in UNKNOWN:
        return None
    if word in YES:
        return True
    if word in NO:
        return False
    raise Unreadable(cell)


def _word(cell: str) -> str:
    return re.sub(r"[\s\-]+", "_", cell.strip().casefold())


def read_scale(cell: str, scale, aliases: dict[str, str] | None = None):
    """A member of an IRM scale from its words ("Not Started", "did-not-change")."""
    if is_unknown(cell):
        return None
    word = _word(cell)
    word = (aliases or {}).get(word, word)
    try:
        return scale(word)
    except ValueError as error:
        raise Unreadable(cell) from error


COMPLETION_ALIASES = {
    "completed": "complete",
    "no_evidence_available": "no_evidence",
    "not_started_": "not_started",
}


def read_completion(cell: str) -> AssessedCompletion | None:
    """The IRM's completion; an older report's "withdrawn" has no place on the scale."""
    if _word(cell) == "withdrawn":
        return None
    return read_scale(cell, AssessedCompletion, COMPLETION_ALIASES)


def read_opened(cell: str) -> OpenedGovernment | None:
    return read_scale(cell, OpenedGovernment, {"did_not_change_": "did_not_change"})


def read_potential_for_results(cell: str) -> PotentialForResults | None:
    return read_scale(cell, PotentialForResults)


def read_potential_impact(cell: str) -> PotentialImpact | None:
    return read_scale(cell, PotentialImpact)


def read_specificity(cell: str) -> bool | None:
    """The older specificity scale read as "verifiable": any specificity but none is."""
    if is_unknown(cell):
        return None
    word = _word(cell)
    if word in {"none", "low", "medium", "high"}:
        return word != "none"
    return read_flag(cell)


POLICY_AREA_NAMES = {
    "anti_corruption_and_integrity": "anti_corruption",
    "open_contracting_and_public_procurement": "open_contracting",
    "public_procurement": "open_contracting",
}


def read_policy_area(cell: str) -> str | None:
    """A policy area by its key or its English name."""
    if is_unknown(cell):
        return None
    word = _word(cell)
    word = POLICY_AREA_NAMES.get(word, word)
    if word not in POLICY_AREAS:
        raise Unreadable(cell)
    return word


def country_code(cell: str) -> str | None:
    """An ISO 3166 code from the code itself or the country's English name."""
    cell = cell.strip()
    if re.fullmatch(r"[A-Za-z]{2}", cell):
        return cell.upper()
    names = {name.casefold(): code for code, name in Locale("en").territories.items()}
    return names.get(cell.casefold())
