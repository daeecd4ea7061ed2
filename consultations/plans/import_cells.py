"""Reading the cells of the history files of a plan import: dates and moments, numbers,
choices from a list, milestone states, evidence links and texts by language. Each reader
reports a problem for its line and column and returns None (or nothing) instead."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time

from flask_babel import gettext as _

from ..clock import as_utc, now
from ..i18n import site_languages
from .evidence import parse_links
from .models import MilestoneStatus


def texts(row: dict[str, str], base: str, language: str) -> dict[str, str]:
    """`base_<lang>` columns by language; a plain `base` column is in the plan's language."""
    texts = {lang: row.get(f"{base}_{lang}", "") for lang in site_languages()}
    if row.get(base):
        texts[language] = texts.get(language) or row[base]
    return {lang: text for lang, text in texts.items() if text}


def moment(report, line, row, column, required: bool = True) -> datetime | None:
    """A UTC moment from an ISO date-time, or a day (noon UTC, as a backdated update)."""
    cell = row.get(column, "")
    if not cell:
        if required:
            report.add(line, column, _("This is empty."))
        return None
    try:
        moment = datetime.fromisoformat(cell)
    except ValueError:
        report.add(line, column, _("“%(value)s” is not a date.", value=cell[:40]))
        return None
    if len(cell) <= 10:  # a day without a time
        moment = datetime.combine(moment.date(), time(12), UTC)
    moment = as_utc(moment)
    if moment > now():
        report.add(line, column, _("The date cannot be in the future."))
    return moment


def day(report, line, row, column, required: bool = True) -> date | None:
    cell = row.get(column, "")
    if not cell:
        if required:
            report.add(line, column, _("This is empty."))
        return None
    try:
        return date.fromisoformat(cell)
    except ValueError:
        report.add(line, column, _("“%(value)s” is not a date.", value=cell[:40]))
        return None


def number(report, line, row, column) -> int | None:
    cell = row.get(column, "")
    if not cell:
        return None
    if not cell.isdigit():
        report.add(line, column, _("Write a whole number, not “%(value)s”.", value=cell[:40]))
        return None
    return int(cell)


def choice(report, line, row, column, values):
    cell = row.get(column, "").strip().lower()
    if not cell:
        return None
    try:
        return values(cell)
    except ValueError:
        report.add(
            line,
            column,
            _("Use one of %(values)s.", values=", ".join(value.value for value in values)),
        )
        return None


def states(report, line, row) -> list[tuple[str, MilestoneStatus, date | None]]:
    """The milestone states an update reported: a JSON array as the export writes it."""
    cell = row.get("milestone_states", "")
    if not cell:
        return []
    try:
        items = json.loads(cell)
        return [
            (
                str(item["milestone_id"]),
                MilestoneStatus(item["status"]),
                date.fromisoformat(item["completed_on"]) if item.get("completed_on") else None,
            )
            for item in items
        ]
    except (ValueError, TypeError, KeyError):
        report.add(
            line,
            "milestone_states",
            _(
                "Write the milestone states as a JSON array of objects with milestone_id, "
                "status and completed_on."
            ),
        )
        return []


def evidence(report, line, row) -> list[str]:
    """Evidence links: a JSON array as the export writes it, or one address per line."""
    cell = row.get("evidence", "")
    if cell.startswith("["):
        try:
            cell = "\n".join(str(link) for link in json.loads(cell))
        except ValueError:
            pass
    links, problems = parse_links(cell)
    for problem in problems:
        report.add(line, "evidence", problem)
    return links
