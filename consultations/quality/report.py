"""One month's status report: the site's figures, and every country's and agency's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from ..agencies.models import Agency
from ..pagination import Page, paginate
from ..plans.queries import agency_name_order
from .models import AGENCY, COUNTRY
from .monthly import SITE_SCOPE, MonthFigures, first_day
from .records import month_figures

PER_PAGE = 20


@dataclass
class MonthReport:
    month: date
    live: bool  # the current month: figures still move
    site: MonthFigures
    countries: dict[str, MonthFigures]
    agencies: Page  # of (Agency, MonthFigures)


def month_report(month: date, moment: datetime, number: int, lang: str) -> MonthReport:
    """The month's figures for every body, with one page of the agencies that have any."""
    figures = month_figures(month, moment)
    by_agency = {int(key): one for (kind, key), one in figures.items() if kind == AGENCY}
    countries = {key: one for (kind, key), one in figures.items() if kind == COUNTRY}
    stmt = (
        select(Agency)
        .where(Agency.id.in_(list(by_agency)))
        .order_by(agency_name_order(lang), Agency.slug)
    )
    page = paginate(stmt, number, PER_PAGE, lambda row: row[0])
    page.items = [(agency, by_agency[agency.id]) for agency in page.items]
    return MonthReport(
        month,
        month >= first_day(moment),
        figures.get(SITE_SCOPE, MonthFigures()),
        dict(sorted(countries.items())),
        page,
    )
