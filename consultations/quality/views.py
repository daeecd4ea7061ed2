"""Service quality: how fast and how well the government answers, published month by month."""

from __future__ import annotations

import re
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.routing import BaseConverter

from .. import permissions
from ..accounts.sessions import fresh_login_required
from ..agencies.countries import is_country
from ..clock import now
from ..errors import FieldRejected
from ..i18n import current_language, text_direction
from ..pagination import page_number
from ..permissions import require
from ..plans.queries import get_agency_or_404
from ..proposals.queries import AnswerFigures, answer_figures_by_country
from ..satisfaction.results import expectations_beside_outcomes
from ..standards.summary import plan_lines
from . import report
from .charts import MEASURES, charts, month_label
from .forms import StandardsForm
from .models import AGENCY, COUNTRY
from .monthly import SITE_SCOPE, first_day
from .queries import service_quality
from .records import series
from .standards import current_standards, set_standards

bp = Blueprint("quality", __name__, url_prefix="/<lang:lang>")
MONTH = re.compile(r"(\d{4})-(\d{2})")


class MonthConverter(BaseConverter):
    """A month as YYYY-MM; tried before a country code, which is two letters."""

    regex = r"\d{4}-\d{2}"
    weight = 50


bp.record_once(lambda state: state.app.url_map.converters.setdefault("month", MonthConverter))


@bp.app_template_filter("month_name")
def month_name(month: date) -> str:
    return month_label(month, "yMMMM")


def _monthly(scope, site: bool = False) -> dict:
    """The charts and tables of one body's last twelve months, against the standards."""
    standards = current_standards()
    points = series(scope, now())
    rtl = text_direction(current_language()) == "rtl"
    return {
        "standards": standards,
        "points": points,
        "charts": charts(points, standards, rtl, site),
    }


@bp.get("/quality")
def index():
    """Month by month and all-time: response times, deadlines kept, satisfaction, freshness."""
    quality = service_quality(now(), page_number(), current_language())
    by_country = answer_figures_by_country()
    return render_template(
        "quality/index.html",
        quality=quality,
        country=None,
        monthly=_monthly(SITE_SCOPE, site=True),
        expectations=expectations_beside_outcomes(quality.overall.days),
        proposal_answers=_site_answers(by_country),
        proposal_countries=by_country,
        lines=plan_lines(page_number("plans")),
    )


def _site_answers(by_country: dict) -> AnswerFigures:
    """The whole site's answers to proposals, added up from its countries'."""
    return AnswerFigures(
        sum(f.total for f in by_country.values()),
        sum(f.answered for f in by_country.values()),
        sum(f.in_time for f in by_country.values()),
    )


@bp.get("/quality/<country>")
def country(country: str):
    """The same measures for the agencies of one country."""
    code = country.upper()
    if country != code.lower() or not is_country(code):
        abort(404)
    quality = service_quality(now(), page_number(), current_language(), country=code)
    return render_template(
        "quality/index.html",
        quality=quality,
        country=code,
        monthly=_monthly((COUNTRY, code)),
        proposal_answers=answer_figures_by_country().get(code, AnswerFigures(0, 0, 0)),
        proposal_countries={},
    )


@bp.get("/quality/agencies/<slug>")
def agency(slug: str):
    """One agency's measures month by month."""
    found = get_agency_or_404(slug)
    return render_template(
        "quality/agency.html", agency=found, monthly=_monthly((AGENCY, str(found.id)))
    )


def _month_or_404(value: str) -> date:
    year, month = (int(part) for part in MONTH.fullmatch(value).groups())
    if not 1 <= month <= 12 or year < 2000:
        abort(404)
    chosen = date(year, month, 1)
    if chosen > first_day(now()):
        abort(404)  # a month that has not begun has no report
    return chosen


@bp.get("/quality/<month:month>")
def month(month: str):
    """One month's status report: every measure against the standards, by country and agency."""
    chosen = _month_or_404(month)
    found = report.month_report(chosen, now(), page_number(), current_language())
    return render_template(
        "quality/month.html", report=found, standards=current_standards(), measures=MEASURES
    )


@bp.get("/quality/standards")
def standards():
    """The service standards the site publishes and measures itself against."""
    return render_template("quality/standards.html", standards=current_standards())


@bp.route("/quality/standards/edit", methods=["GET", "POST"])
@fresh_login_required
def edit_standards():
    """Admins set the service standards; each change is in the audit log."""
    require(permissions.can_set_service_standards(current_user))
    now_standards = current_standards()
    form = StandardsForm(obj=now_standards)
    if form.validate_on_submit():
        try:
            set_standards(
                current_user,
                float(form.median_days.data),
                form.on_time_percent.data,
                float(form.satisfaction.data),
                form.fresh_percent.data,
            )
        except FieldRejected as error:
            getattr(form, error.field).errors.append(error.message)
        else:
            flash(_("The service standards are published."))
            return redirect(url_for("quality.standards"))
    status = 422 if form.errors else 200
    return render_template("quality/edit_standards.html", form=form), status
