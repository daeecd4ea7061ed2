"""The feed of monthly service-quality reports: one entry per kept month, newest first."""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..clock import as_utc
from ..extensions import db
from ..formatting import format_share
from ..i18n import current_language, site_name
from ..quality.charts import month_label
from ..quality.models import SITE, QualityMonth
from ..quality.records import from_row
from .atom import EPOCH, Entry, Feed, entry_limit, tag, xml_text


def _summary(row: QualityMonth) -> str:
    figures = from_row(row)
    none = _("not enough data yet")
    return _(
        "Median days to the first response: %(days)s. Comments answered by the deadline: "
        "%(share)s. Comments: %(comments)s.",
        days=figures.median_days if figures.median_days is not None else none,
        share=format_share(figures.share_on_time) if figures.share_on_time is not None else none,
        comments=figures.comments,
    )


def quality_feed() -> Feed:
    """Each closed month's status report, as soon as its figures are kept."""
    lang = current_language()
    rows = db.session.scalars(
        select(QualityMonth)
        .where(QualityMonth.scope_kind == SITE)
        .order_by(QualityMonth.month.desc())
        .limit(entry_limit())
    ).all()
    entries = [
        Entry(
            id=tag(f"quality/{row.month:%Y-%m}"),
            kind="quality-report",
            title=xml_text(
                _("Service quality report: %(month)s", month=month_label(row.month, "yMMMM"))
            ),
            updated=as_utc(row.computed_at),
            published=as_utc(row.computed_at),
            link=url_for("quality.month", month=f"{row.month:%Y-%m}", _external=True),
            author="",
            summary=xml_text(_summary(row)),
        )
        for row in rows
    ]
    return Feed(
        id=tag(f"feed/{lang}/quality"),
        title=xml_text(_("Service quality reports of %(site)s", site=site_name())),
        lang=lang,
        updated=max((entry.updated for entry in entries), default=EPOCH),
        self_url=url_for("feeds.quality", lang=lang, _external=True),
        page_url=url_for("quality.index", lang=lang, _external=True),
        translations=[
            (code, url_for("feeds.quality", lang=code, _external=True))
            for code in current_app.config["LANGUAGES"]
            if code != lang
        ],
        entries=entries,
    )
