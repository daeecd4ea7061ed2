"""The report as a Word document (python-docx), from the same snapshot and labels as the page.

Right-to-left languages get what Word needs to lay them out: every paragraph marked bidi
(`w:bidi`) and every run right-to-left (`w:rtl`), with the complex-script font set too.
"""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from flask_babel import gettext as _
from flask_babel import ngettext

from ..formatting import format_day, format_moment, format_number, format_share
from ..i18n import text_direction
from ..plans.labels import ASSESSED_COMPLETION, COMPLETION, MILESTONE_STATUS, OPENED_GOVERNMENT
from ..sanitize import plain_text
from .models import SelfAssessmentReport

FONT = "DejaVu Sans"


class _Writer:
    def __init__(self, rtl: bool):
        self.document = Document()
        self.rtl = rtl
        style = self.document.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(10)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)

    def _mark(self, paragraph) -> None:
        if not self.rtl:
            return
        p_pr = paragraph._p.get_or_add_pPr()
        p_pr.append(OxmlElement("w:bidi"))
        for run in paragraph.runs:
            r_pr = run._r.get_or_add_rPr()
            r_pr.append(OxmlElement("w:rtl"))

    def heading(self, text: str, level: int) -> None:
        self._mark(self.document.add_heading(text, level=level))

    def paragraph(self, text: str, bold_lead: str = "") -> None:
        paragraph = self.document.add_paragraph()
        if bold_lead:
            paragraph.add_run(bold_lead + " ").bold = True
        paragraph.add_run(text)
        self._mark(paragraph)

    def bullet(self, text: str) -> None:
        paragraph = self.document.add_paragraph(text, style="List Bullet")
        self._mark(paragraph)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        if self.rtl:
            tbl_pr = table._tbl.tblPr
            tbl_pr.append(OxmlElement("w:bidiVisual"))
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for values in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                cell.text = text
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    self._mark(paragraph)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def _when(value: str | None, moment_of) -> str:
    return format_day(moment_of(value)) if value else ""


def report_docx(report: SelfAssessmentReport, lang: str, context: dict) -> bytes:
    """The report in `lang` as DOCX bytes; `context` is rendering.context()'s."""
    data, shown, moment_of, day_of = (
        context["data"],
        context["shown"],
        context["moment_of"],
        context["day_of"],
    )
    w = _Writer(text_direction(lang) == "rtl")
    plan_title = shown(data["plan"]["titles"]).text
    if report.period == "mid_term":
        w.heading(_("Mid-term self-assessment report: %(plan)s", plan=plan_title), 0)
    else:
        w.heading(_("End-of-term self-assessment report: %(plan)s", plan=plan_title), 0)
    w.paragraph(
        _(
            "%(start)s to %(end)s",
            start=format_day(day_of(data["plan"]["period_start"])),
            end=format_day(day_of(data["plan"]["period_end"])),
        ),
        _("Plan period"),
    )
    w.paragraph(format_moment(moment_of(data["generated_at"])), _("Figures as of"))
    narrative = context["narrative"]
    if narrative["introduction"].text:
        w.heading(_("Introduction"), 1)
        w.paragraph(plain_text(narrative["introduction"].text))
    figures = data["participation"]
    w.heading(_("Co-creation and consultation"), 1)
    for label, value in (
        (_("Consultations"), figures["consultations"]),
        (_("Comments"), figures["comments"]),
        (_("Participants"), figures["participants"]),
        (_("Reasoned responses"), figures["responses"]),
        *(
            (_("Responses: %(outcome)s", outcome=label), figures["outcomes"].get(outcome, 0))
            for outcome, label in context["outcome_labels"].items()
        ),
        (_("Comments answered"), figures["answered"]),
        (_("Answered by the response deadline"), figures["answered_on_time"]),
    ):
        w.paragraph(format_number(value), label)
    median = figures["median_days_to_response"]
    w.paragraph(
        format_number(median) if median is not None else _("not enough data yet"),
        _("Median days from closing to the first response"),
    )
    if narrative["process"].text:
        w.paragraph(plain_text(narrative["process"].text))
    w.heading(_("Commitments"), 1)
    for item in data["commitments"]:
        w.heading(f"{item['reference']} {shown(item['titles']).text}", 2)
        w.paragraph(shown(item["agency"]).text, _("Lead agency"))
        status = str(COMPLETION[item["status"]]) if item["status"] else _("no update yet")
        if item["percent"] is not None:
            status += f" ({format_share(item['percent'] / 100)})"
        w.paragraph(status, _("Status"))
        if item["milestones"]:
            w.table(
                [_("Deliverable"), _("Due"), _("Status"), _("Completed on")],
                [
                    [
                        shown(m["deliverables"]).text,
                        format_day(day_of(m["due_date"])),
                        str(MILESTONE_STATUS[m["status"]]),
                        format_day(day_of(m["completed_on"])) if m["completed_on"] else "",
                    ]
                    for m in item["milestones"]
                ],
            )
        w.heading(_("Status history"), 3)
        for update in item["updates"]:
            w.bullet(
                _(
                    "%(date)s: %(status)s, %(percent)s",
                    date=_when(update["published_at"], moment_of),
                    status=COMPLETION[update["status"]],
                    percent=format_share(update["percent"] / 100),
                )
            )
            for link in update["links"]:
                w.bullet(link)
            for document in update["documents"]:
                title = shown(document["titles"]).text or document["name"]
                w.bullet(_("Document: %(title)s", title=title))
        if not item["updates"]:
            w.paragraph(_("No progress update was published."))
        w.heading(_("Independent assessments"), 3)
        for assessment in item["assessments"]:
            w.bullet(
                _(
                    "%(date)s, %(organisation)s: %(completion)s; opened government: %(opened)s",
                    date=_when(assessment["published_at"], moment_of),
                    organisation=assessment["organisation"],
                    completion=ASSESSED_COMPLETION[assessment["completion"]],
                    opened=OPENED_GOVERNMENT[assessment["opened_government"]],
                )
            )
            for link in assessment["links"]:
                w.bullet(link)
        if not item["assessments"]:
            w.paragraph(_("No independent assessment was published."))
        gap = item["gap"]
        if gap:
            sentence = _(
                "reported %(reported)s, assessed %(assessed)s, since %(date)s.",
                reported=COMPLETION[gap["reported"]],
                assessed=ASSESSED_COMPLETION[gap["assessed"]],
                date=_when(gap["since"], moment_of),
            )
            if gap["distance"]:
                sentence += " " + ngettext(
                    "%(num)s step apart.", "%(num)s steps apart.", gap["distance"]
                )
            w.paragraph(sentence, _("Disagreement:"))
    w.heading(_("Amendments"), 1)
    for amendment in data["amendments"]:
        w.bullet(
            f"{amendment['reference']}: {shown(amendment.get('summary')).text}"
            f" — {shown(amendment.get('reasons')).text}"
        )
    if not data["amendments"]:
        w.paragraph(_("No commitment or milestone was amended."))
    if narrative["conclusions"].text:
        w.heading(_("Conclusions and next steps"), 1)
        w.paragraph(plain_text(narrative["conclusions"].text))
    return w.save()
