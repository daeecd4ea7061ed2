"""Every open-data file, in the order the data package and the page list them."""

from __future__ import annotations

from .accountability import AGENCIES, ASSESSMENTS, COMMITMENTS, MILESTONES, PLANS, UPDATES
from .documents import DOCUMENTS
from .participation import ANSWERED, COMMENTS, CONSULTATIONS, RESPONSES, SECTIONS
from .refreshes import REFRESHES

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
    REFRESHES,
)
BY_NAME = {table.name: table for table in TABLES}
