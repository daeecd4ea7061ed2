"""Importing a plan's history beside its commitments: the files of milestones, progress
updates and independent assessments, in the columns `flask export-open-data` writes.

Every line names its commitment by `Commitment Unique Identifier`: one in the commitments
file of the same import, or one already in the plan. Updates and assessments name
milestones and the records they correct by the `id` column of the files imported with
them. `read` checks every line and links them (the dry run); `write` writes them inside
the importer's one transaction, oldest "as of" first, through the writers the staff forms
use. README.md ("Importing commitments from CSV") documents the files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from .. import permissions
from ..accounts.models import User
from ..agencies.models import Agency
from ..clock import now
from ..extensions import db
from ..i18n import site_languages
from . import import_cells as cells
from . import import_csv, services
from .import_report import CommitmentRow, ImportReport, MilestoneRow
from .models import (
    ActionPlan,
    AssessedCompletion,
    Assessment,
    Commitment,
    Completion,
    Milestone,
    MilestoneStatus,
    OpenedGovernment,
    ProgressUpdate,
)

KEY = import_csv.KEY
AUTHOR_LENGTH, ORGANISATION_LENGTH = 80, 200  # ProgressUpdate/Assessment columns


@dataclass(frozen=True)
class Section:
    name: str
    filename: str  # as the export names it
    columns: tuple[str, ...]
    required: tuple[str, ...]
    text: str  # the per-language column (`narrative_he`, …)


SECTIONS = {
    section.name: section
    for section in (
        Section(
            "milestones",
            "milestones.csv",
            (KEY, "id", "position", "start_date", "due_date", "status", "completed_on"),
            (KEY, "due_date"),
            "deliverable",
        ),
        Section(
            "updates",
            "progress-updates.csv",
            (KEY, "id", "corrects_id", "published_at", "recorded_at", "author_name")
            + ("agency_id", "organisation", "status", "percent_complete")
            + ("milestone_states", "evidence"),
            (KEY, "published_at", "author_name", "status", "percent_complete"),
            "narrative",
        ),
        Section(
            "assessments",
            "assessments.csv",
            (KEY, "id", "milestone_id", "corrects_id", "published_at", "author_name")
            + ("organisation", "completion", "opened_government", "evidence"),
            (KEY, "published_at", "author_name", "organisation", "completion"),
            "narrative",
        ),
    )
}


@dataclass
class HistoryRow:
    """A progress update or an assessment read from its file."""

    line: int
    file: str
    reference: str
    source_id: str
    corrects_id: str
    published_at: datetime | None
    author_name: str
    organisation: str
    narratives: dict[str, str]
    evidence: list[str]
    commitment: CommitmentRow | Commitment | None = None
    corrects: HistoryRow | None = None
    written: ProgressUpdate | Assessment | None = None


@dataclass
class UpdateRow(HistoryRow):
    recorded_at: datetime | None = None
    agency_id: str = ""
    status: Completion | None = None
    percent: int | None = None
    states: list[tuple[str, MilestoneStatus, date | None]] = field(default_factory=list)
    milestones: list[MilestoneRow | Milestone] = field(default_factory=list)


@dataclass
class AssessmentRow(HistoryRow):
    milestone_id: str = ""
    completion: AssessedCompletion | None = None
    opened: OpenedGovernment | None = None
    milestone: MilestoneRow | Milestone | None = None


def read(
    actor: User | None,
    plan: ActionPlan,
    report: ImportReport,
    files: dict[str, bytes],
    language: str,
    only_plan: bool = False,
) -> None:
    """Check every line of the history files and link them to their commitments,
    milestones and corrected records; problems go to `report`, nothing is written."""
    lines = {}
    for name in SECTIONS:  # milestones first: updates and assessments name them
        if files.get(name) is not None:
            section = SECTIONS[name]
            report.file = section.filename
            text = import_csv.decode(files[name], report)
            if text is not None:
                lines[name] = list(import_csv.rows(text, report, _header(section, report)))
    targets = _targets(plan, report, lines, only_plan)
    readers = {"milestones": _milestone, "updates": _update, "assessments": _assessment}
    for name, section_lines in lines.items():
        report.file = SECTIONS[name].filename
        if name != "milestones" and not _may_report(actor, plan, report, name):
            continue
        for line, row in section_lines:
            target = targets.get(row.get(KEY, "").strip().upper())
            if target is not None:
                readers[name](actor, plan, report, line, row, target, language)
    for name, rows in (("updates", report.updates), ("assessments", report.assessments)):
        report.file = SECTIONS[name].filename
        _link(report, rows)
        rows.sort(key=_order)
    report.file = ""


def _header(section: Section, report: ImportReport):
    known = {name.casefold(): name for name in section.columns}
    texts = {f"{section.text}_{lang}": lang for lang in site_languages()}

    def columns(header: list[str], problems, line: int) -> list[str | None] | None:
        names: list[str | None] = []
        for cell in (cell.strip() for cell in header):
            name = known.get(cell.casefold())
            if name is None and (cell.casefold() in texts or cell.casefold() == section.text):
                name = cell.casefold()
            if name is None and cell:
                report.ignored_columns.append(f"{section.filename}: {cell}")
            elif name is not None and name in names:
                problems.add(line, name, _("This column appears twice."))
            names.append(name)
        missing = [column for column in section.required if column not in names]
        if not any(name and name.startswith(section.text) for name in names):
            missing.append(section.text)
        for column in missing:
            problems.add(line, column, _("This column is missing."))
        return None if missing else names

    return columns


def _targets(plan: ActionPlan, report: ImportReport, lines, only_plan: bool) -> dict:
    """Each reference the files name → the commitment in the commitments file or in the
    plan; a problem for any other (lines of other plans are skipped in a site's export)."""
    targets: dict = {row.reference: row for row in report.commitments}
    named = {row.get(KEY, "").strip().upper() for rows in lines.values() for _, row in rows}
    found = db.session.scalars(select(Commitment).where(Commitment.reference.in_(named)))
    for commitment in found:
        if commitment.reference not in targets and commitment.plan_id == plan.id:
            targets[commitment.reference] = commitment
    if only_plan:
        return targets
    for name, rows in lines.items():
        report.file = SECTIONS[name].filename
        for line, row in rows:
            reference = row.get(KEY, "").strip().upper()
            if reference not in targets:
                report.add(
                    line,
                    KEY,
                    _(
                        "No commitment %(reference)s in this plan or in the commitments file.",
                        reference=reference[:20],
                    ),
                )
    return targets


def _may_report(actor, plan: ActionPlan, report: ImportReport, name: str) -> bool:
    """Updates and assessments belong to adopted plans; only admins import assessments
    (a monitor's words are never a coordinator's to load)."""
    if plan.status not in permissions.REPORTING_STATUSES:
        report.add(
            None, None, _("Progress updates and assessments are imported once the plan is adopted.")
        )
        return False
    if (
        name == "assessments"
        and actor is not None
        and not permissions.can_import_assessment(actor, plan)
    ):
        report.add(None, None, _("Only administrators import independent assessments."))
        return False
    return True


def _milestone(actor, plan, report, line, row, target, language) -> None:
    if not isinstance(target, CommitmentRow):
        report.add(
            line,
            KEY,
            _(
                "%(reference)s is already in the plan: add a milestone to it by amending it.",
                reference=target.reference,
            ),
        )
        return
    if any(not milestone.file for milestone in target.milestones):
        report.add(
            line,
            KEY,
            _(
                "The commitments file already gives %(reference)s milestones: give them in "
                "one file only.",
                reference=target.reference,
            ),
        )
        return
    texts = {
        lang: {"deliverable": text}
        for lang, text in cells.texts(row, "deliverable", language).items()
    }
    if not texts:
        report.add(line, "deliverable", _("The milestone is empty."))
    start = cells.day(report, line, row, "start_date", required=False)
    due = cells.day(report, line, row, "due_date")
    if start and due:
        try:
            services.check_milestone(start, due)
        except services.PlanRejected as error:
            report.add(line, "due_date", error.message)
    status = cells.choice(report, line, row, "status", MilestoneStatus)
    milestone = MilestoneRow(line, start, due, texts, row.get("id", ""), status, None, report.file)
    milestone.completed_on = cells.day(report, line, row, "completed_on", required=False)
    milestone.position = cells.number(report, line, row, "position")
    target.milestones.append(milestone)
    target.milestones.sort(key=lambda item: (item.position or 0, item.line))


def _update(actor, plan, report, line, row, target, language) -> None:
    agency_id = _lead_agency_id(target)
    if actor is not None and not permissions.can_import_update(actor, plan, agency_id):
        report.add(
            line,
            KEY,
            _(
                "You do not coordinate the lead agency of %(reference)s: import only your "
                "agency's progress updates.",
                reference=target.reference,
            ),
        )
        return
    update = UpdateRow(**_common(plan, report, line, row, target, language))
    update.recorded_at = cells.moment(report, line, row, "recorded_at", required=False)
    update.agency_id = row.get("agency_id", "")
    update.status = cells.choice(report, line, row, "status", Completion)
    update.percent = cells.number(report, line, row, "percent_complete")
    if update.percent is not None and not 0 <= update.percent <= 100:
        report.add(line, "percent_complete", _("Give a percentage from 0 to 100."))
    update.states = cells.states(report, line, row)
    report.updates.append(update)


def _assessment(actor, plan, report, line, row, target, language) -> None:
    assessment = AssessmentRow(**_common(plan, report, line, row, target, language))
    assessment.milestone_id = row.get("milestone_id", "")
    assessment.completion = cells.choice(report, line, row, "completion", AssessedCompletion)
    assessment.opened = cells.choice(report, line, row, "opened_government", OpenedGovernment)
    if not assessment.milestone_id and row.get("opened_government", "") == "":
        report.add(line, "opened_government", _("Say whether the commitment opened government."))
    if assessment.milestone_id:
        assessment.opened = None  # one milestone does not, alone, open government
    if not assessment.organisation:
        report.add(line, "organisation", _("Name the organisation that published it."))
    report.assessments.append(assessment)


def _common(plan, report, line, row, target, language) -> dict:
    """What updates and assessments both have: date, author, texts, evidence."""
    published_at = cells.moment(report, line, row, "published_at")
    if published_at is not None and published_at.date() < plan.period_start:
        report.add(line, "published_at", _("The date cannot be before the plan starts."))
    author, organisation = row.get("author_name", ""), row.get("organisation", "")
    if not author:
        report.add(line, "author_name", _("Name the person who published it."))
    for column, value, limit in (
        ("author_name", author, AUTHOR_LENGTH),
        ("organisation", organisation, ORGANISATION_LENGTH),
    ):
        if len(value) > limit:
            report.add(line, column, _("Keep this within %(max)s characters.", max=limit))
    narratives = cells.texts(row, "narrative", language)
    if not narratives:
        report.add(line, "narrative", _("Write the narrative in at least one language."))
    return {
        "line": line,
        "file": report.file,
        "reference": target.reference,
        "source_id": row.get("id", ""),
        "corrects_id": row.get("corrects_id", ""),
        "published_at": published_at,
        "author_name": author,
        "organisation": organisation,
        "narratives": narratives,
        "evidence": cells.evidence(report, line, row),
        "commitment": target,
    }


def _lead_agency_id(target) -> int | None:
    if isinstance(target, CommitmentRow):
        return target.agency.id if target.agency is not None else None
    return target.lead_agency_id


def _link(report: ImportReport, rows: list[HistoryRow]) -> None:
    """Find the milestones each row names and the earlier row it corrects."""
    by_id = {(row.reference, row.source_id): row for row in rows if row.source_id}
    for row in rows:
        milestones = _milestones_of(row.commitment)
        wanted = [state[0] for state in getattr(row, "states", [])]
        if getattr(row, "milestone_id", ""):
            wanted.append(row.milestone_id)
        found = [milestones.get(key) for key in wanted]
        if None in found:
            column = "milestone_states" if isinstance(row, UpdateRow) else "milestone_id"
            report.add(
                row.line,
                column,
                _("This names a milestone that is not one of this commitment's in the files."),
            )
        elif isinstance(row, UpdateRow):
            row.milestones = found
        elif found:
            row.milestone = found[0]
        if row.corrects_id:
            corrected = by_id.get((row.reference, row.corrects_id))
            if corrected is None or _order(corrected) >= _order(row):
                report.add(
                    row.line,
                    "corrects_id",
                    _("This names no earlier record of the same commitment in this file."),
                )
            row.corrects = corrected


def _order(row: HistoryRow) -> tuple:
    """Oldest "as of" first; a row whose date could not be read (a problem) last."""
    return (row.published_at or datetime.max.replace(tzinfo=UTC), row.line)


def _milestones_of(target) -> dict[str, MilestoneRow | Milestone]:
    if isinstance(target, CommitmentRow):
        return {
            milestone.source_id: milestone for milestone in target.milestones if milestone.source_id
        }
    return {str(milestone.id): milestone for milestone in target.milestones}


def write(actor: User | None, plan: ActionPlan, report: ImportReport) -> None:
    """Write the updates and assessments, oldest first, then the milestones' states as the
    milestones file gives them (inside the importer's transaction; no commit)."""
    for row in report.updates:
        commitment = _written(row.commitment)
        row.written = services.write_update(
            actor,
            commitment,
            author_id=None,  # the file names who wrote it; the audit names who imported it
            author_name=row.author_name,
            agency=_publishing_agency(row, commitment, plan),
            organisation=row.organisation,
            status=row.status,
            percent_complete=row.percent,
            milestone_states={
                _written(milestone).id: (status, completed_on)
                for milestone, (_key, status, completed_on) in zip(
                    row.milestones, row.states, strict=True
                )
            },
            narratives=row.narratives,
            evidence=row.evidence,
            published_at=row.published_at,
            recorded_at=row.recorded_at or now(),
            corrects_id=row.corrects.written.id if row.corrects else None,
            action="update.import",
        )
    for row in report.assessments:
        row.written = services.write_assessment(
            actor,
            _written(row.commitment),
            milestone=_written(row.milestone) if row.milestone is not None else None,
            author_id=None,
            author_name=row.author_name,
            organisation=row.organisation,
            completion=row.completion,
            opened_government=row.opened,
            narratives=row.narratives,
            evidence=row.evidence,
            published_at=row.published_at,
            corrects_id=row.corrects.written.id if row.corrects else None,
            action="assessment.import",
        )
    for commitment in report.commitments:
        for milestone in commitment.milestones:
            if milestone.status is not None:
                milestone.written.status = milestone.status
                milestone.written.completed_on = milestone.completed_on
    db.session.flush()


def _written(item):
    """The database record of a row of the files, or the record itself."""
    return item.written if isinstance(item, CommitmentRow | MilestoneRow) else item


def _publishing_agency(row: UpdateRow, commitment: Commitment, plan: ActionPlan) -> Agency | None:
    """The agency an update was published for. An export names it by its id there: the
    commitment's lead agency, or else the plan's coordinating body (who else publishes);
    an update without one keeps the organisation's name as written, or is the lead's."""
    if row.agency_id:
        target = row.commitment
        lead = (
            target.cells.get("lead_agency_id")
            if isinstance(target, CommitmentRow)
            else str(commitment.lead_agency_id)
        )
        return commitment.lead_agency if row.agency_id == lead else plan.coordinating_agency
    return None if row.organisation else commitment.lead_agency
