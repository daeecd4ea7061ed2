"""Importing a plan's commitments from a CSV file laid out like OGP's commitment sheet.

The file may be OGP's own published sheet as it is (US dates, `NA` for the unknown, the
IRM's verdicts in words: see ogp_sheet.py) or what `flask export-open-data` wrote.

`parse` reads the file and checks each line on its own, without the database;
`check_against` adds what only the database knows (agencies, references already taken);
`import_plan` does both and, when asked and nothing is wrong, writes everything in one
transaction through the same writers the staff forms use. README.md documents the format.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from .. import permissions
from ..accounts.models import User
from ..agencies.models import Agency, AgencyText
from ..audit.services import record
from ..clock import now
from ..errors import DomainError, PermissionDenied
from ..extensions import db
from ..i18n import site_languages
from . import import_csv, import_history, ogp_sheet, services
from .design import Design, check_design
from .import_report import CommitmentRow, ImportReport, IrmVerdict, MilestoneRow
from .models import (
    OGP_VALUES,
    ActionPlan,
    AgencyMapping,
    Commitment,
)

MAX_BYTES = import_csv.MAX_BYTES
TITLE_LENGTH = 300  # CommitmentText.title

ID = "Commitment Unique Identifier"
TITLE = "Commitment Title"
FULL_TEXT = "Full Text"
LEAD = "Lead Institution"
SUPPORTING = "Supporting Institution(s)"
LANGUAGE = "Language"
START = "Start Date"
END = "End Date"
MILESTONE = "Milestone"
MILESTONE_START = "Milestone Start Date"
MILESTONE_END = "Milestone End Date"
COUNTRY = "Country/Locality"
PLAN_NUMBER = "Action Plan Number"
PROBLEM = "Problem Addressed"
OBJECTIVE = "Objective"
SCHEDULE_NOTE = "Schedule Note"
POLICY_AREA = "Policy Area"
CONTACT = "Contact Person"
BUDGET_AMOUNT = "Budget Amount"
BUDGET_CURRENCY = "Budget Currency"
BUDGET_SOURCE = "Budget Source"
VERIFIABLE = "Verifiable"
SPECIFICITY = "Specificity"
RELEVANT = "Relevant To OGP Values"
POTENTIAL_FOR_RESULTS = "Potential For Results"
POTENTIAL_IMPACT = "Potential Impact"
PROMISING = "Promising"
STARRED = "Starred"  # OGP's sheet names it "Starred ..." with a note on the method
COMPLETION_PROGRESS = "Completion (Progress Report)"
COMPLETION_END = "Completion (End Of Term)"
OPENED = "Did It Open Government (Overall)"
# The IRM's own verdicts, stored on the commitment and as its assessment.
IRM = "Independent Reporting Mechanism"
DESIGN_COLUMNS = (
    SCHEDULE_NOTE,
    POLICY_AREA,
    CONTACT,
    BUDGET_AMOUNT,
    BUDGET_CURRENCY,
    BUDGET_SOURCE,
    VERIFIABLE,
    SPECIFICITY,
    RELEVANT,
    POTENTIAL_FOR_RESULTS,
    POTENTIAL_IMPACT,
    PROMISING,
    STARRED,
    COMPLETION_PROGRESS,
    COMPLETION_END,
    OPENED,
)
VALUE_COLUMNS = dict(
    zip(
        (
            "OGP Value Access To Information",
            "OGP Value Civic Participation",
            "OGP Value Public Accountability",
            "OGP Value Technology",
        ),
        OGP_VALUES,
        strict=True,
    )
)
# Columns that take a language suffix (`Commitment Title_lv`), and the text field each fills.
COMMITMENT_TEXTS = {
    TITLE: "title",
    FULL_TEXT: "description",
    PROBLEM: "problem",
    OBJECTIVE: "objective",
    SUPPORTING: "other_actors",
}
MILESTONE_TEXTS = {MILESTONE: "deliverable"}
# What this site's export adds: the commitment's and its lead agency's ids there, which
# the files of progress updates name (import_history.py).
SOURCE_COLUMNS = ("id", "lead_agency_id")
PLAIN_COLUMNS = (
    ID,
    *SOURCE_COLUMNS,
    LEAD,
    LANGUAGE,
    START,
    END,
    MILESTONE_START,
    MILESTONE_END,
    COUNTRY,
    PLAN_NUMBER,
    *VALUE_COLUMNS,
    *DESIGN_COLUMNS,
)
COLUMNS = {name.casefold(): name for name in (*PLAIN_COLUMNS, *COMMITMENT_TEXTS, MILESTONE)}
TRANSLATABLE = (*COMMITMENT_TEXTS, MILESTONE)
# The language a plan's commitments are usually written in, by the plan's country.
COUNTRY_LANGUAGE = {"IL": "he", "LV": "lv", "HU": "hu"}


class ImportRefused(DomainError):
    """The file cannot be imported into this plan at all."""

    status_code = 409


def plan_language(plan: ActionPlan) -> str:
    """The language unsuffixed columns are in: the country's, if the site offers it."""
    for language in (COUNTRY_LANGUAGE.get(plan.country), "en"):
        if language in site_languages():
            return language
    return current_app.config["DEFAULT_LANGUAGE"]


NEW_AGENCY = "new"


def import_plan(
    actor: User | None,
    plan: ActionPlan,
    data: bytes | None,
    *,
    write: bool = False,
    choices: dict[str, str] | None = None,
    history: dict[str, bytes] | None = None,
    only_plan: bool = False,
) -> ImportReport:
    """Check a CSV file of commitments for `plan`, and the files of its milestones, progress
    updates and assessments in `history` (by section name, see import_history.SECTIONS);
    with `write`, import all of it in one transaction if no line of any file has a problem.
    `actor` None is the operator at the command line. `choices` answers lead institutions
    that match no agency, by name: NEW_AGENCY to create one, or an agency's id; either is
    remembered for the next import. `only_plan`: the files are an export of a whole site,
    and only this plan's lines are read."""
    if actor is not None and not permissions.can_import_plan(actor, plan):
        raise PermissionDenied()
    keep = (lambda row: _is_plans(row, plan)) if only_plan else None
    if data is not None or not history:
        report = parse(data or b"", plan_language(plan), keep)
    else:
        report = ImportReport()
    if report.commitments:
        _check_commitments(actor, plan, report, choices or {})
    import_history.read(actor, plan, report, history or {}, plan_language(plan), only_plan)
    report.problems.sort(key=lambda problem: (problem.file, problem.line or 0))
    if write and not report.problems:
        _write(actor, plan, report, choices or {})
    return report


def _is_plans(row: dict[str, str], plan: ActionPlan) -> bool:
    """Whether an exported line is one of `plan`'s (by its country and plan number)."""
    return ogp_sheet.country_code(row.get(COUNTRY, "")) == plan.country and row.get(
        PLAN_NUMBER, ""
    ).strip() == str(plan.number)


def _check_commitments(actor, plan: ActionPlan, report: ImportReport, choices) -> None:
    references = {row.reference for row in report.commitments}
    taken = db.session.execute(
        select(Commitment.reference, ActionPlan.slug)
        .join(ActionPlan, Commitment.plan_id == ActionPlan.id)
        .where(Commitment.reference.in_(references))
    )
    remembered = dict(
        db.session.execute(
            select(AgencyMapping.name_key, AgencyMapping.agency_id).where(
                AgencyMapping.country == plan.country
            )
        ).all()
    )
    check_against(
        report,
        plan,
        db.session.scalars(select(Agency)),
        dict(taken.all()),
        actor=actor,
        remembered=remembered,
        choices=choices,
    )


def _write(
    actor: User | None, plan: ActionPlan, report: ImportReport, choices: dict[str, str]
) -> None:
    line = None
    try:
        _remember(actor, plan, report, choices)
        for row in report.commitments:
            line = row.line
            row.written = services.write_commitment(
                actor,
                plan,
                None,
                reference=row.reference,
                lead_agency=row.agency,
                source_locale=row.source_locale,
                start_date=row.start_date,
                end_date=row.end_date,
                values=row.values,
                texts=row.texts,
                design=row.design,
            )
            for milestone in row.milestones:
                line = milestone.line
                milestone.written = services.write_milestone(
                    actor,
                    row.written,
                    None,
                    start_date=milestone.start_date,
                    due_date=milestone.due_date,
                    texts=milestone.texts,
                )
            _write_irm(actor, row.written, row)
        line = None
        import_history.write(actor, plan, report)
    except services.PlanRejected as error:
        # Something the checks above did not foresee (another admin took a reference meanwhile).
        db.session.rollback()
        report.add(line, None, error.message)
        return
    summary = {
        "commitments": [row.reference for row in report.commitments],
        "milestones": report.milestone_count,
        "updates": len(report.updates),
        "assessments": len(report.assessments),
        "new_agencies": sorted(report.new_agencies),
    }
    record(actor, "plan.import", "plan", plan.slug, None, summary)
    db.session.commit()
    report.written = True


def _remember(actor, plan: ActionPlan, report: ImportReport, choices: dict[str, str]) -> None:
    """Create the agencies the file asked for and remember every choice made for a name."""
    for name in report.unmatched:
        choice = choices.get(_key(name))
        if choice == NEW_AGENCY:
            agency = report.new_agencies[_key(name)]
            db.session.add(agency)
            db.session.flush()
            record(actor, "agency.create", "agency", agency.slug, None, {"name": name})
        else:
            agency = db.session.get(Agency, int(choice))
        mapping = AgencyMapping(country=plan.country, name_key=_key(name), agency_id=agency.id)
        db.session.merge(mapping)
    db.session.flush()


def _write_irm(actor, commitment: Commitment, row: CommitmentRow) -> None:
    """The IRM's verdicts from OGP's sheet, as assessments attributed to the IRM."""
    design = row.design
    if not row.from_ogp:
        return
    if design.potential_for_results is not None and design.verifiable is not None:
        services.write_design_assessment(
            actor,
            commitment,
            author_name=IRM,
            organisation=IRM,
            verifiable=design.verifiable,
            relevant=design.relevant if design.relevant is not None else bool(row.values),
            potential_for_results=design.potential_for_results,
            promising=bool(design.promising),
            narratives={},
            evidence=[],
            published_at=now(),
        )
    if row.verdict is not None:
        services.write_assessment(
            actor,
            commitment,
            milestone=None,
            author_id=None,
            author_name=IRM,
            organisation=IRM,
            completion=row.verdict.completion,
            opened_government=row.verdict.opened_government,
            narratives={},
            evidence=[],
            published_at=now(),
            action="assessment.import",
        )


def check_against(
    report: ImportReport,
    plan: ActionPlan,
    agencies: Iterable[Agency],
    taken: dict[str, str],
    *,
    actor: User | None = None,
    remembered: dict[str, int] | None = None,
    choices: dict[str, str] | None = None,
) -> None:
    """Match each lead institution to one agency of the plan's country (or to the agency
    an earlier import mapped its name to); refuse references already in use, lines for
    another country or plan, and commitments of agencies the person does not coordinate."""
    remembered, choices = remembered or {}, choices or {}
    by_name: dict[str, dict[int, Agency]] = {}
    by_id: dict[int, Agency] = {}
    for agency in agencies:
        by_id[agency.id] = agency
        for key in {agency.slug, *(text.name for text in agency.texts)}:
            by_name.setdefault(_key(key), {})[agency.id] = agency
    for row in report.commitments:
        _check_plan_cells(report, row, plan)
        if row.reference in taken:
            report.add(
                row.line,
                ID,
                _(
                    "%(reference)s already exists, in the plan %(plan)s.",
                    reference=row.reference,
                    plan=taken[row.reference],
                ),
            )
        if not row.lead:
            continue
        key = _key(row.lead)
        matches = list(by_name.get(key, {}).values())
        if not matches and remembered.get(key) in by_id:
            matches = [by_id[remembered[key]]]
        if not matches and key in choices:
            matches = [_chosen(report, row.lead, choices[key], by_id, plan, actor)]
        if len(matches) == 1 and matches[0] is None:
            continue  # the choice itself was refused
        if len(matches) == 1 and not permissions.belongs_to_plan(matches[0], plan):
            report.add(
                row.line,
                LEAD,
                _("“%(name)s” belongs to another country than the plan.", name=row.lead),
            )
        elif len(matches) == 1:
            row.agency = matches[0]
            if actor is not None and not permissions.can_import_commitment(
                actor, plan, row.agency.id
            ):
                report.add(
                    row.line,
                    LEAD,
                    _(
                        "You do not coordinate “%(name)s”: import only your agency's commitments.",
                        name=row.lead,
                    ),
                )
        elif matches:
            report.add(
                row.line,
                LEAD,
                _("Several agencies are called “%(name)s”; use the address name.", name=row.lead),
            )
        else:
            if row.lead not in report.unmatched:
                report.unmatched.append(row.lead)
            report.add(
                row.line,
                LEAD,
                _(
                    "No agency has the address name or name “%(name)s”. Choose below whether "
                    "to create it or which agency it is, and check the file again.",
                    name=row.lead,
                ),
            )


def _chosen(report, name, choice, by_id, plan, actor) -> Agency | None:
    """The agency a person chose for a name no agency has: a new one, or an existing one."""
    if name not in report.unmatched:
        report.unmatched.append(name)
    if choice == NEW_AGENCY and (actor is None or permissions.can_manage_agencies(actor)):
        key = _key(name)
        if key not in report.new_agencies:
            report.new_agencies[key] = Agency(
                slug=_new_slug(name, by_id),
                country=plan.country,
                texts=[AgencyText(locale=plan_language(plan), name=name)],
            )
        return report.new_agencies[key]
    agency = by_id.get(int(choice)) if choice.isdigit() else None
    if agency is None or choice == NEW_AGENCY:
        report.add(None, LEAD, _("Choose an agency for “%(name)s”.", name=name))
        return None
    return agency


def _new_slug(name: str, by_id: dict[int, Agency]) -> str:
    """An address name for a new agency: its name in Latin letters if it has any, else a
    number; never one in use."""
    base = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:60] or "agency"
    taken = {agency.slug for agency in by_id.values()}
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _check_plan_cells(report: ImportReport, row: CommitmentRow, plan: ActionPlan) -> None:
    """OGP's sheet names each line's country and plan number: both must be the plan's."""
    country = row.cells.get(COUNTRY, "")
    if country and not ogp_sheet.is_unknown(country):
        if ogp_sheet.country_code(country) != plan.country:
            report.add(
                row.line,
                COUNTRY,
                _(
                    "This line is for “%(country)s”, but the plan is for %(plan_country)s.",
                    country=country[:60],
                    plan_country=plan.country,
                ),
            )
    number = row.cells.get(PLAN_NUMBER, "")
    if number and not ogp_sheet.is_unknown(number) and number.strip() != str(plan.number):
        report.add(
            row.line,
            PLAN_NUMBER,
            _(
                "This line is for action plan number %(number)s, but this is plan number "
                "%(plan_number)s.",
                number=number[:20],
                plan_number=plan.number,
            ),
        )


def name_key(name: str) -> str:
    """A name as compared with agencies' names: spaces and case do not count."""
    return " ".join(name.split()).casefold()


_key = name_key


def parse(
    data: bytes, default_language: str, keep: Callable[[dict], bool] | None = None
) -> ImportReport:
    """Read the file and check every line on its own; nothing here touches the database.
    `keep`: which lines to read (an export of the whole site holds every plan's)."""
    report = ImportReport()
    text = import_csv.decode(data, report)
    if text is None:
        return report
    by_reference: dict[str, CommitmentRow] = {}
    for line, row in import_csv.rows(text, report, _columns):
        if keep is not None and not keep(row):
            continue
        _read_row(line, row, default_language, report, by_reference)
    if not report.problems and not report.commitments:
        report.add(None, None, _("The file has no commitments."))
    return report


def _columns(header: list[str], report: ImportReport, line: int) -> list[str | None] | None:
    """Each header cell's column name, None for columns we do not use; None if unusable."""
    names: list[str | None] = []
    for cell in header:
        name = _column_name(cell.strip())
        if name is None and cell.strip():
            report.ignored_columns.append(cell.strip())
        elif name is not None and name in names:
            report.add(line, name, _("This column appears twice."))
        names.append(name)
    present = set(names)
    missing = [column for column in (ID, LEAD) if column not in present]
    if not any(_has(present, TITLE, lang) for lang in ("", *site_languages())):
        missing.append(TITLE)
    milestones = any(_has(present, MILESTONE, lang) for lang in ("", *site_languages()))
    if (milestones or MILESTONE_START in present) and MILESTONE_END not in present:
        missing.append(MILESTONE_END)
    if MILESTONE_END in present and not milestones:
        missing.append(MILESTONE)
    for column in missing:
        report.add(line, column, _("This column is missing."))
    return None if missing or report.problems else names


def _has(present: set, base: str, lang: str) -> bool:
    return (f"{base}_{lang}" if lang else base) in present


def _column_name(cell: str) -> str | None:
    name = COLUMNS.get(cell.casefold())
    if name is None and cell.casefold().startswith(STARRED.casefold()):
        name = STARRED
    if name is None and "_" in cell:
        base, suffix = cell.rsplit("_", 1)
        base, suffix = COLUMNS.get(base.strip().casefold()), suffix.strip().lower()
        if base in TRANSLATABLE and suffix in site_languages():
            name = f"{base}_{suffix}"
    return name


def _read_row(line, row, default_language, report, by_reference) -> None:
    reference = row.get(ID, "").upper()
    if not reference:
        report.add(line, ID, _("The identifier is empty."))
        return
    first = by_reference.get(reference)
    if first is None:
        by_reference[reference] = _commitment(line, row, reference, default_language, report)
        report.commitments.append(by_reference[reference])
        return
    titles = [name for name in row if name.startswith(TITLE) and row[name]]
    if any(row[name] != first.cells.get(name) for name in titles):
        report.add(
            line,
            ID,
            _(
                "%(reference)s is already used on line %(line)s.",
                reference=reference,
                line=first.line,
            ),
        )
        return
    for name, value in row.items():
        if name in first.cells and value and value != first.cells[name]:
            report.add(
                line,
                name,
                _(
                    "This line adds a milestone to %(reference)s (line %(line)s): leave this "
                    "cell empty or repeat that line's value.",
                    reference=reference,
                    line=first.line,
                ),
            )
    if _has_milestone(row):
        first.milestones.append(_milestone(line, row, first.source_locale, report))
    else:
        report.add(
            line,
            ID,
            _(
                "%(reference)s is already used on line %(line)s, and this line adds no milestone.",
                reference=reference,
                line=first.line,
            ),
        )


def _commitment(line, row, reference, default_language, report) -> CommitmentRow:
    if LANGUAGE not in row and COUNTRY in row and "en" in site_languages():
        default_language = "en"  # OGP's own sheet is written in English
    language = (row.get(LANGUAGE) or default_language).lower()
    if language not in site_languages():
        report.add(
            line,
            LANGUAGE,
            _("Use one of %(languages)s.", languages=", ".join(site_languages())),
        )
        language = default_language
    notes: list[str] = []
    start = _commitment_date(line, row, START, report, notes)
    end = _commitment_date(line, row, END, report, notes, end=True)
    values = _values(line, row, report)
    texts = _texts(line, row, COMMITMENT_TEXTS, language, report)
    if not texts.get(language, {}).get("title"):
        report.add(line, TITLE, _("The commitment title is empty."))
    for lang, fields in texts.items():
        if len(fields["title"]) > TITLE_LENGTH:
            column = TITLE if lang == language else f"{TITLE}_{lang}"
            report.add(
                line, column, _("Keep the title within %(max)s characters.", max=TITLE_LENGTH)
            )
    lead = row.get(LEAD, "")
    if not lead:
        report.add(line, LEAD, _("The lead institution is empty."))
    try:
        services.check_commitment(reference, start, end, values)
    except services.PlanRejected as error:
        report.add(line, {"reference": ID, "end_date": END}.get(error.field), error.message)
    cells = {
        name: value for name, value in row.items() if name != ID and not name.startswith(MILESTONE)
    }
    commitment = CommitmentRow(
        line, reference.strip(), lead, language, start, end, values, texts, cells
    )
    commitment.design = _design(line, row, report, notes)
    commitment.from_ogp = LANGUAGE not in row
    if commitment.from_ogp:
        commitment.verdict = _verdict(line, row, report)
    if _has_milestone(row):
        commitment.milestones.append(_milestone(line, row, language, report))
    return commitment


def _has_milestone(row: dict[str, str]) -> bool:
    return any(value for name, value in row.items() if name.startswith(MILESTONE))


def _milestone(line, row, language, report) -> MilestoneRow:
    texts = _texts(line, row, MILESTONE_TEXTS, language, report)
    start = _date(line, row, MILESTONE_START, report)
    due = _date(line, row, MILESTONE_END, report, end=True)
    if not texts:
        report.add(line, MILESTONE, _("The milestone is empty."))
    if not row.get(MILESTONE_END):
        report.add(line, MILESTONE_END, _("A milestone needs an end date."))
    if start and due:
        try:
            services.check_milestone(start, due)
        except services.PlanRejected as error:
            report.add(line, MILESTONE_END, error.message)
    return MilestoneRow(line, start, due, texts)


def _texts(line, row, columns: dict[str, str], language, report) -> dict[str, dict[str, str]]:
    """Text fields by language: plain columns are in `language`, suffixed ones in theirs."""
    texts: dict[str, dict[str, str]] = {}
    for column, name in columns.items():
        plain = row.get(column, "")
        for lang in site_languages():
            value = row.get(f"{column}_{lang}", "")
            if lang == language and plain:
                if value and value != plain:
                    report.add(
                        line,
                        f"{column}_{lang}",
                        _("This differs from “%(column)s”, in the same language.", column=column),
                    )
                value = plain
            if value:
                texts.setdefault(lang, {})[name] = value
    required_column, required = next(iter(columns.items()))
    for lang, fields in texts.items():
        if not fields.get(required) and lang != language:
            report.add(
                line,
                f"{required_column}_{lang}",
                _("This is empty, but other columns in the same language are filled."),
            )
    return {lang: fields for lang, fields in texts.items() if fields.get(required)}


def _values(line, row, report) -> set[str]:
    values = set()
    for column, value in VALUE_COLUMNS.items():
        cell = row.get(column, "")
        if cell == "1":
            values.add(value)
        elif cell != "0" and not ogp_sheet.is_unknown(cell):
            report.add(line, column, _("Write 1 or 0, not “%(value)s”.", value=cell[:40]))
    return values


def _date(line, row, column, report, *, end: bool = False) -> date | None:
    cell = row.get(column, "")
    try:
        return ogp_sheet.read_date(cell, end=end)
    except ogp_sheet.Unreadable:
        report.add(
            line, column, _("“%(value)s” is not a date.", value=cell[:40]) + " " + _date_hint()
        )
        return None


def _date_hint() -> str:
    return _("Write YYYY-MM-DD, M/D/YYYY or just the year.")


def _commitment_date(line, row, column, report, notes: list[str], *, end=False) -> date | None:
    """A commitment's date; free text such as "Permanent activity" becomes a note beside
    an empty date rather than a problem."""
    cell = row.get(column, "")
    try:
        return ogp_sheet.read_date(cell, end=end)
    except ogp_sheet.Unreadable:
        if re.search(r"[^\W\d_]", cell):  # words, not a mistyped date
            if cell not in notes:
                notes.append(cell)
        else:
            report.add(
                line, column, _("“%(value)s” is not a date.", value=cell[:40]) + " " + _date_hint()
            )
        return None


def _read(line, row, column, reader, report):
    """One cell through an ogp_sheet reader; a problem (and None) when it cannot be read."""
    cell = row.get(column, "")
    if not cell:
        return None
    try:
        return reader(cell)
    except ogp_sheet.Unreadable:
        report.add(
            line, column, _("“%(value)s” is not one of this column's values.", value=cell[:40])
        )
        return None


def _design(line, row, report, notes: list[str]) -> Design:
    verifiable = _read(line, row, VERIFIABLE, ogp_sheet.read_flag, report)
    if verifiable is None:
        verifiable = _read(line, row, SPECIFICITY, ogp_sheet.read_specificity, report)
    amount = None
    cell = row.get(BUDGET_AMOUNT, "")
    if cell and not ogp_sheet.is_unknown(cell):
        try:
            amount = Decimal(cell.replace(",", "").replace(" ", ""))
        except InvalidOperation:
            report.add(line, BUDGET_AMOUNT, _("Write the amount in digits, e.g. 120000.50."))
    if row.get(SCHEDULE_NOTE) and row[SCHEDULE_NOTE] not in notes:
        notes.insert(0, row[SCHEDULE_NOTE])

    def text(column: str) -> str:
        cell = row.get(column, "")
        return "" if ogp_sheet.is_unknown(cell) else cell

    design = Design(
        verifiable=verifiable,
        relevant=_read(line, row, RELEVANT, ogp_sheet.read_flag, report),
        potential_for_results=_read(
            line, row, POTENTIAL_FOR_RESULTS, ogp_sheet.read_potential_for_results, report
        ),
        potential_impact=_read(
            line, row, POTENTIAL_IMPACT, ogp_sheet.read_potential_impact, report
        ),
        promising=_read(line, row, PROMISING, ogp_sheet.read_flag, report),
        starred=_read(line, row, STARRED, ogp_sheet.read_flag, report),
        policy_area=_read(line, row, POLICY_AREA, ogp_sheet.read_policy_area, report),
        contact_person=text(CONTACT),
        budget_amount=amount,
        budget_currency=text(BUDGET_CURRENCY),
        budget_source=text(BUDGET_SOURCE),
        schedule_note="; ".join(notes),
    )
    try:
        check_design(design)
    except services.PlanRejected as error:
        column = {
            "budget_amount": BUDGET_AMOUNT,
            "budget_currency": BUDGET_CURRENCY,
            "budget_source": BUDGET_SOURCE,
            "contact_person": CONTACT,
            "schedule_note": SCHEDULE_NOTE,
        }.get(error.field)
        report.add(line, column, error.message)
    return design


def _verdict(line, row, report) -> IrmVerdict | None:
    """The IRM's completion (end of term rather than progress report) and whether it
    opened government; None when the sheet has no completion."""
    completion = _read(line, row, COMPLETION_END, ogp_sheet.read_completion, report)
    if completion is None:
        completion = _read(line, row, COMPLETION_PROGRESS, ogp_sheet.read_completion, report)
    opened = _read(line, row, OPENED, ogp_sheet.read_opened, report)
    return IrmVerdict(completion, opened) if completion is not None else None
