"""The open-data file of monthly service quality: every kept month, for every body."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select

from ..quality.models import AGENCY, COUNTRY, SCOPE_KINDS, QualityMonth
from .schema import Column, Reference, Table, id_column, required


def _months() -> Select:
    return (
        select(QualityMonth)
        .order_by(QualityMonth.id)
        .with_only_columns(*QualityMonth.__table__.columns)
    )


def _count(name: str, description: str, optional: bool = False) -> Column:
    column = Column(name, "integer", description, constraints={"minimum": 0})
    return column if optional else required(column)


def _number(name: str, description: str) -> Column:
    return Column(name, "number", description)


QUALITY_MONTHS = Table(
    "quality_months",
    _l("Service quality by month"),
    _l(
        "Each closed month's service-quality figures for the whole site, each country and "
        "each agency, as kept when the month ended; a month is only recomputed after a "
        "correction of its data."
    ),
    _l(
        "The month, whose figures they are, the median days to the first response, comments "
        "answered by the deadline, satisfaction and ease, commitments with a recent update, "
        "and participation (comments, people, new accounts, proposals)."
    ),
    (
        id_column(),
        required(Column("month", "date", "The month's first day.")),
        required(
            Column(
                "scope_kind",
                "string",
                "Whose figures: site (all agencies), country or agency.",
                constraints={"enum": list(SCOPE_KINDS)},
            )
        ),
        Column(
            "country",
            "string",
            "ISO 3166-1 alpha-2 code, for a country's row.",
            value=lambda row: row["scope"] if row["scope_kind"] == COUNTRY else None,
        ),
        Column(
            "agency_id",
            "integer",
            "The id of the agency, for an agency's row.",
            value=lambda row: int(row["scope"]) if row["scope_kind"] == AGENCY else None,
        ),
        _number(
            "median_days",
            "Median days from a consultation's closing to its first reasoned response, over "
            "the first responses published in the month; empty without any.",
        ),
        _count("first_responses", "First responses published in the month."),
        _count(
            "answered_on_time",
            "Visible comments answered on or before the response deadline, of consultations "
            "whose deadline fell in the month.",
        ),
        _count("answers_due", "Visible comments of those consultations."),
        _count("satisfaction_sum", "Sum of the satisfaction answers (1 to 5) in the month."),
        _count("satisfaction_answers", "Satisfaction answers in the month."),
        _count("ease_sum", "Sum of the ease answers (1 to 5) in the month."),
        _count("ease_answers", "Ease answers in the month."),
        _count(
            "commitments_fresh",
            "Commitments of plans being implemented with a progress update in the 90 days "
            "before the month's end.",
        ),
        _count("commitments_reporting", "Commitments of plans being implemented."),
        _count("comments", "Visible comments written in the month."),
        _count("participants", "Distinct people who wrote them."),
        _count("new_accounts", "Accounts opened in the month (the site's row only).", True),
        _count("proposals", "Proposals from the public received in the month."),
        required(Column("computed_at", "datetime", "When the month's figures were kept (UTC).")),
    ),
    _months,
    references=(Reference(("agency_id",), "agencies"),),
)
