"""One report, three forms: the page, the PDF (the page's HTML with the print stylesheet)
and the DOCX (reports/word.py), all from the frozen snapshot and the same labels."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, render_template

from ..consultation.labels import OUTCOME
from ..i18n import text_direction
from .models import SelfAssessmentReport
from .reading import day, moment, shown
from .services import SECTIONS


def context(report: SelfAssessmentReport, lang: str) -> dict:
    """What reports/_body.html needs to show `report` in `lang`."""
    return {
        "data": report.snapshot or {},
        "shown": lambda texts: shown(texts, lang),
        "moment_of": moment,
        "day_of": day,
        "outcome_labels": OUTCOME,
        "narrative": {name: report.text(f"{name}_html", lang) for name in SECTIONS},
    }


def _no_fetching(url: str, *args, **kwargs):
    """The document names no outside resource; refuse any rather than fetch it."""
    raise ValueError(f"not fetched: {url}")


def pdf(report: SelfAssessmentReport, lang: str) -> bytes:
    """The report as a PDF, laid out by WeasyPrint (Pango shapes Hebrew and Arabic)."""
    from weasyprint import CSS, HTML  # loaded on demand: it brings Pango with it

    html = render_template(
        "reports/document.html",
        report=report,
        plan=report.plan,
        document_dir=text_direction(lang),
        **context(report, lang),
    )
    stylesheet = Path(current_app.static_folder) / "css" / "report-print.css"
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf(
        stylesheets=[CSS(filename=str(stylesheet))]
    )


def docx(report: SelfAssessmentReport, lang: str) -> bytes:
    from .word import report_docx

    return report_docx(report, lang, context(report, lang))
