"""What a plan import found: the rows of each file, ready to write, and the problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..agencies.models import Agency
from .design import Design
from .models import AssessedCompletion, Commitment, Milestone, MilestoneStatus, OpenedGovernment


@dataclass
class IrmVerdict:
    """The IRM's completion and "did it open government?" from OGP's sheet."""

    completion: AssessedCompletion
    opened_government: OpenedGovernment | None


@dataclass
class Problem:
    line: int | None  # None: the file as a whole
    column: str | None
    message: str
    file: str = ""  # which file of the import: "" for the commitments file


@dataclass
class MilestoneRow:
    line: int
    start_date: date | None
    due_date: date | None
    texts: dict[str, dict[str, str]]
    # From a milestones file: its id there (updates and assessments name it), its state.
    source_id: str = ""
    status: MilestoneStatus | None = None
    completed_on: date | None = None
    file: str = ""
    position: int | None = None
    written: Milestone | None = None


@dataclass
class CommitmentRow:
    line: int
    reference: str
    lead: str
    source_locale: str
    start_date: date | None
    end_date: date | None
    values: set[str]
    texts: dict[str, dict[str, str]]
    cells: dict[str, str]  # the commitment's own cells, to compare with lines that add milestones
    milestones: list[MilestoneRow] = field(default_factory=list)
    agency: Agency | None = None
    design: Design = field(default_factory=Design)
    verdict: IrmVerdict | None = None
    # OGP's own sheet (no Language column): its IRM columns are the IRM's verdicts. In
    # this platform's own export they repeat assessments that assessments.csv holds.
    from_ogp: bool = False
    written: Commitment | None = None


@dataclass
class ImportReport:
    commitments: list[CommitmentRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    # Lead institutions that match no agency: offered to create or to map to one.
    unmatched: list[str] = field(default_factory=list)
    new_agencies: dict[str, Agency] = field(default_factory=dict)
    # From the files of progress updates and assessments (import_history.py).
    updates: list = field(default_factory=list)
    assessments: list = field(default_factory=list)
    written: bool = False
    file: str = ""  # the file being read, named in its problems

    @property
    def milestone_count(self) -> int:
        return sum(len(row.milestones) for row in self.commitments)

    def add(self, line: int | None, column: str | None, message: str) -> None:
        self.problems.append(Problem(line, column, message, self.file))
