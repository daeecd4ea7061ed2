"""Reading the CSV files of a plan import: text, separators, header and lines.

Shared by the commitments file (importer.py) and the files of milestones, progress
updates and assessments (import_history.py). Problems go to the report, never raised.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import Protocol

from flask_babel import gettext as _

from ..opendata.files import GUARDED_STARTS

MAX_BYTES = 512 * 1024
KEY = "Commitment Unique Identifier"  # in every file: how its separator is recognised


class Reporting(Protocol):
    def add(self, line: int | None, column: str | None, message: str) -> None: ...


# The header cells → each cell's column name (None: not used), or None when unusable.
Columns = Callable[[list[str], Reporting, int], "list[str | None] | None"]


def decode(data: bytes, report: Reporting) -> str | None:
    """The file's text, or None (with a problem) when it is too large or not UTF-8 text."""
    if len(data) > MAX_BYTES:
        report.add(None, None, _("The file is larger than %(size)s KB.", size=MAX_BYTES // 1024))
        return None
    try:
        if b"\x00" in data:
            raise UnicodeError
        return data.decode("utf-8-sig")
    except UnicodeError:
        report.add(
            None,
            None,
            _("This is not a CSV text file. Save the sheet as “CSV UTF-8” and choose it again."),
        )
        return None


def unguard(cell: str) -> str:
    """Undo the open-data files' formula guard: one apostrophe before a guarded start."""
    if cell.startswith("'") and cell[1:].startswith(GUARDED_STARTS):
        return cell[1:]
    return cell


def rows(text: str, report: Reporting, columns: Columns) -> Iterator[tuple[int, dict[str, str]]]:
    """Each non-empty line after the header, with its number and its cells by column."""
    skipped = 0
    delimiter = None
    if text[:4].lower() == "sep=":  # Excel's hint line, e.g. "sep=;"
        first, _newline, text = text.partition("\n")
        delimiter, skipped = first[4:5] or ",", 1
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or _delimiter(text))
    try:
        header = next(reader, None)
        if header is None:
            report.add(None, None, _("The file is empty."))
            return
        names = columns(header, report, skipped + 1)
        if names is None:
            return
        start = reader.line_num + 1
        for cells in reader:
            line, start = start + skipped, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(names):
                report.add(
                    line,
                    None,
                    _(
                        "This line has %(cells)s cells but the header has %(columns)s; "
                        "check the quotes and separators.",
                        cells=len(cells),
                        columns=len(names),
                    ),
                )
                continue
            yield (
                line,
                {
                    name: unguard(cell.strip().replace("\r\n", "\n"))
                    for name, cell in zip(names, cells, strict=True)
                    if name
                },
            )
    except csv.Error:
        report.add(reader.line_num + skipped, None, _("This line cannot be read as CSV."))


def _delimiter(text: str) -> str:
    """Commas, or the semicolons or tabs some spreadsheet programs write instead."""
    header = text.partition("\n")[0]
    for delimiter in (",", ";", "\t"):
        if KEY.casefold() in (cell.strip(' "').casefold() for cell in header.split(delimiter)):
            return delimiter
    return ","
