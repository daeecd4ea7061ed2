"""Every open-data file, in the order the data package and the page list them."""

from __future__ import annotations

from ..reports.opendata import SELF_ASSESSMENTS
from .accountability import (
    AGENCIES,
    ASSESSMENTS,
    COMMITMENTS,
    DESIGN_ASSESSMENTS,
    MILESTONES,
    PLANS,
    UPDATES,
)
from .documents import DOCUMENTS
from .forum import FORUM_MEETINGS, FORUM_MEMBERS, FORUMS
from .participation import ANSWERED, COMMENTS, CONSULTATIONS, RESPONSES, SECTIONS
from .proposals import PROPOSALS
from .quality import QUALITY_MONTHS
from .refreshes import REFRESHES

TABLES = (
    AGENCIES,
    PLANS,
    COMMITMENTS,
    MILESTONES,
    UPDATES,
    ASSESSMENTS,
    DESIGN_ASSESSMENTS,
    CONSULTATIONS,
    SECTIONS,
    COMMENTS,
    RESPONSES,
    ANSWERED,
    DOCUMENTS,
    QUALITY_MONTHS,
    SELF_ASSESSMENTS,
    PROPOSALS,
    FORUMS,
    FORUM_MEMBERS,
    FORUM_MEETINGS,
    REFRESHES,
)
BY_NAME = {table.name: table for table in TABLES}
