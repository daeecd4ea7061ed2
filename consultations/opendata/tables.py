"""Every open-data file, in the order the data package and the page list them."""

from __future__ import annotations

from .accountability import AGENCIES, ASSESSMENTS, COMMITMENTS, MILESTONES, PLANS, UPDATES
from .documents import DOCUMENTS
from .forum import FORUM_MEETINGS, FORUM_MEMBERS, FORUMS
from .participation import ANSWERED, COMMENTS, CONSULTATIONS, RESPONSES, SECTIONS

TABLES = (
    AGENCIES,
    PLANS,
    COMMITMENTS,
    MILESTONES,
    UPDATES,
    ASSESSMENTS,
    CONSULTATIONS,
    SECTIONS,
    COMMENTS,
    RESPONSES,
    ANSWERED,
    DOCUMENTS,
    FORUMS,
    FORUM_MEMBERS,
    FORUM_MEETINGS,
)
BY_NAME = {table.name: table for table in TABLES}
