"""The self-assessment report: who may write it, the draft made from the records, the
narrative, publication that freezes it, corrections, and the PDF and DOCX downloads."""

from __future__ import annotations

import html
import io
import re
from functools import partial

import docx
import pytest
from pypdf import PdfReader
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from consultations.audit.models import AuditEvent
from consultations.demo import load_demo
from consultations.extensions import db
from consultations.plans.models import ActionPlan, Commitment, PlanStatus
from consultations.reports import services
from consultations.reports.models import ReportState, SelfAssessmentReport

from helpers import login

START = "/en/staff/plans/il-plan/self-assessment"


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _page_text(response) -> str:
    return _words(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def _report_body(response) -> str:
    """The report as shown, from its heading to the end of the main content."""
    text = response.get_data(as_text=True)
    return text[text.index("<h1>") : text.index("</main>")]


def _reports() -> list[SelfAssessmentReport]:
    db.session.expire_all()
    return list(db.session.scalars(select(SelfAssessmentReport).order_by(SelfAssessmentReport.id)))


def _publish_one(client, coordinator, texts=None) -> str:
    """Start, write and publish a report as `coordinator`; the public page's address."""
    login(client, coordinator)
    draft = client.post(START, data={"period": "end_of_term"}).headers["Location"]
    client.post(draft, data=texts or {"introduction_en": "Intro", "introduction_he": "מבוא"})
    return client.post(draft + "/publish").headers["Location"]


# Who may write it ------------------------------------------------------------------------


@pytest.fixture
def people(report_world, make_user, make_agency):
    plan, national = report_world
    same_country = make_agency("same-country", country="IL", en="Ministry")
    abroad = make_agency("abroad", country="LV", en="Abroad")
    return {
        "anonymous": None,
        "citizen": make_user(),
        "coordinator of the coordinating body": national,
        "coordinator in the plan's country": make_user(roles=["coordinator"], agency=same_country),
        "coordinator of another country": make_user(roles=["coordinator"], agency=abroad),
        "monitor": make_user(roles=["monitor"]),
        "moderator": make_user(roles=["moderator"]),
        "admin": make_user(roles=["admin"]),
    }


ALLOWED = {"coordinator of the coordinating body", "coordinator in the plan's country", "admin"}


@pytest.mark.parametrize(
    "role",
    [
        "anonymous",
        "citizen",
        "coordinator of the coordinating body",
        "coordinator in the plan's country",
        "coordinator of another country",
        "monitor",
        "moderator",
        "admin",
    ],
)
def test_who_may_start_a_self_assessment(client, people, role):
    user = people[role]
    if user is not None:
        login(client, user)
    page = client.get(START)
    started = client.post(START, data={"period": "mid_term"})
    if role in ALLOWED:
        assert page.status_code == 200
        assert started.status_code == 302
        assert [report.period for report in _reports()] == ["mid_term"]
    else:
        assert page.status_code == (302 if user is None else 403)
        assert started.status_code == (302 if user is None else 403)
        assert _reports() == []


def test_plan_page_offers_the_report_only_to_those_who_may_write_it(client, people):
    assert "Write a self-assessment report" not in client.get("/en/plans/il-plan").text
    login(client, people["coordinator in the plan's country"])
    assert "Write a self-assessment report" in client.get("/en/plans/il-plan").text


def test_no_self_assessment_while_the_plan_is_drafted(client, report_world):
    plan, coordinator = report_world
    plan.status = PlanStatus.DRAFTING
    db.session.commit()
    login(client, coordinator)
    assert client.get(START).status_code == 403


# The draft ------------------------------------------------------------------------------


def test_draft_is_made_from_the_records(client, report_world):
    _plan, coordinator = report_world
    login(client, coordinator)
    draft = client.post(START, data={"period": "end_of_term"}).headers["Location"]
    text = _page_text(client.get(draft))
    assert "Figures gathered on" in text
    for words in (
        "IL0001 Open data register",
        "IL0002 Budget transparency",
        "IL0003 Lobbying register",
        "Deliverable 1",
        "https://data.example.org/register",
        "Watchdog: limited; opened government: marginal",
        "reported complete, assessed limited, since 1 Apr 2025. 2 steps apart.",
        "No commitment or milestone was amended.",
    ):
        assert words in text, words


def test_narrative_is_sanitized_and_kept_per_language(client, report_world):
    _plan, coordinator = report_world
    login(client, coordinator)
    draft = client.post(START, data={"period": "mid_term"}).headers["Location"]
    saved = client.post(
        draft,
        data={"introduction_en": "<script>alert(1)</script> **Bold**", "process_he": "תהליך"},
    )
    assert saved.status_code == 302
    (report,) = _reports()
    assert sorted(report.languages) == ["en", "he"]
    intro = report.text("introduction_html", "en").text
    assert (
        "<script>" not in intro and "&lt;script&gt;" in intro and "<strong>Bold</strong>" in intro
    )
    too_long = client.post(draft, data={"introduction_en": "x" * 20_001})
    assert too_long.status_code == 422


def test_cannot_publish_without_a_narrative(client, report_world):
    _plan, coordinator = report_world
    login(client, coordinator)
    draft = client.post(START, data={"period": "mid_term"}).headers["Location"]
    client.post(draft + "/publish")
    assert [report.state for report in _reports()] == [ReportState.DRAFT]


def test_large_plan_is_gathered_by_the_command_while_the_page_shows_progress(
    app, client, runner, report_world
):
    _plan, coordinator = report_world
    login(client, coordinator)
    app.config["SELF_ASSESSMENT_INLINE_LIMIT"] = 1
    try:
        draft = client.post(START, data={"period": "mid_term"}).headers["Location"]
        waiting = client.get(draft).get_data(as_text=True)
        assert '<meta http-equiv="refresh" content="5">' in waiting
        assert "Gathering the figures: 0 of 3 commitments." in waiting
        assert "Publish the report" not in waiting
        result = runner.invoke(args=["self-assessment", "--queued"])
        assert "3 commitments gathered" in result.output
        ready = client.get(draft).get_data(as_text=True)
        assert "http-equiv" not in ready and "Open data register" in ready
    finally:
        app.config["SELF_ASSESSMENT_INLINE_LIMIT"] = 150


def test_command_gathers_a_plan_without_anyone_signed_in(runner, report_world):
    result = runner.invoke(args=["self-assessment", "il-plan", "end_of_term"])
    assert result.exit_code == 0, result.output
    (report,) = _reports()
    assert report.state == ReportState.DRAFT
    assert len(report.snapshot["commitments"]) == 3


# Publication ----------------------------------------------------------------------------


def test_published_report_is_frozen(client, report_world, make_update):
    plan, coordinator = report_world
    page = _publish_one(client, coordinator)
    before = _report_body(client.get(page))
    assert "Open data register" in before and "Intro" in before and "no update yet" in before
    # A newer record does not change what was published.
    later = db.session.scalar(select(Commitment).where(Commitment.reference == "IL0003"))
    make_update(later, status="complete", percent=100)
    assert _report_body(client.get(page)) == before
    (report,) = _reports()
    with pytest.raises(services.ReportRejected):
        services.save_texts(coordinator, report, {"en": {"introduction": "Rewritten"}})
    draft_url = f"/en/staff/plans/il-plan/self-assessment/{report.id}"
    assert client.post(draft_url, data={"introduction_en": "Rewritten"}).status_code == 302
    assert _report_body(client.get(page)) == before
    published = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "self_assessment.publish")
    )
    assert published.public and published.after["report_id"] == report.id


def test_report_shows_in_each_language_written(client, report_world):
    _plan, coordinator = report_world
    page = _publish_one(client, coordinator)
    hebrew = client.get(page.replace("/en/", "/he/")).get_data(as_text=True)
    assert 'dir="rtl"' in hebrew and "מבוא" in hebrew and "מאגר נתונים פתוח" in hebrew
    assert client.get("/he/plans/il-plan/reports/999").status_code == 404


def test_drafts_are_not_public(client, report_world):
    _plan, coordinator = report_world
    login(client, coordinator)
    client.post(START, data={"period": "mid_term"})
    (report,) = _reports()
    client.post("/en/logout")
    assert client.get(f"/en/plans/il-plan/reports/{report.id}").status_code == 404
    assert client.get(f"/api/v1/self-assessment-reports/{report.id}").status_code == 404


def test_correction_replaces_the_published_report(client, report_world):
    _plan, coordinator = report_world
    first_page = _publish_one(client, coordinator)
    first_id = int(first_page.rsplit("/", 1)[1])
    draft = client.post(f"/en/staff/plans/il-plan/self-assessment/{first_id}/correct").headers[
        "Location"
    ]
    client.post(draft, data={"introduction_en": "Corrected intro"})
    second_page = client.post(draft + "/publish").headers["Location"]
    second_id = int(second_page.rsplit("/", 1)[1])
    old = client.get(first_page).get_data(as_text=True)
    assert "Replaced by the corrected report" in old and second_page in old
    assert "Intro" in old  # the old report keeps its own words
    new = client.get(second_page).get_data(as_text=True)
    assert "Corrected intro" in new and first_page in new
    listed = client.get("/api/v1/self-assessment-reports?plan=il-plan").get_json()["data"]
    assert [(r["id"], r["replaces"], r["replaced_by"]) for r in listed] == [
        (first_id, None, second_id),
        (second_id, first_id, None),
    ]


def test_published_report_in_api_open_data_and_feed(client, report_world):
    _plan, coordinator = report_world
    page = _publish_one(client, coordinator)
    report_id = int(page.rsplit("/", 1)[1])
    api = client.get(f"/api/v1/self-assessment-reports/{report_id}").get_json()
    assert api["period"] == "end_of_term" and api["introduction_html"]["he"] == "<p>מבוא</p>"
    assert [c["reference"] for c in api["figures"]["commitments"]] == ["IL0001", "IL0002", "IL0003"]
    csv = client.get("/data/self-assessment-reports.csv").get_data(as_text=True)
    assert f"{report_id}," in csv.splitlines()[1]
    feed = client.get("/en/plans/il-plan/feed.atom")
    assert "End-of-term self-assessment report: Fifth plan" in feed.get_data(as_text=True)


# Downloads ------------------------------------------------------------------------------


@pytest.fixture
def demo_report(app_ctx, monkeypatch):
    """The demo, whose closed Israeli plan has a published end-of-term self-assessment."""
    monkeypatch.setattr(
        "consultations.accounts.services.hash_password",
        partial(generate_password_hash, method="pbkdf2:sha256:1000"),
    )
    list(load_demo())
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.slug == "il-2017-2019"))
    report = db.session.scalar(
        select(SelfAssessmentReport).where(SelfAssessmentReport.plan_id == plan.id)
    )
    return report


def test_demo_plan_has_a_published_end_of_term_report(client, demo_report):
    assert demo_report.state == ReportState.PUBLISHED
    assert demo_report.period == "end_of_term"
    assert sorted(demo_report.languages) == ["en", "he"]
    plan_page = client.get("/he/plans/il-2017-2019").get_data(as_text=True)
    assert f"/he/plans/il-2017-2019/reports/{demo_report.id}" in plan_page
    text = _page_text(client.get(f"/he/plans/il-2017-2019/reports/{demo_report.id}"))
    assert "IL9025" in text


@pytest.mark.parametrize("lang", ["he", "en"])
def test_pdf_has_every_commitment_title_the_page_shows(client, demo_report, lang):
    base = f"/{lang}/plans/il-2017-2019/reports/{demo_report.id}"
    page = _page_text(client.get(base))
    response = client.get(base + "/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    pdf = _words(" ".join(p.extract_text() for p in reader.pages))
    # Text is extracted in visual order: a line mixing directions (a Hebrew title with a web
    # address) comes out with its runs reordered, so each title is looked for word by word.
    titles = [
        c["titles"].get(lang) or c["titles"]["he"] for c in demo_report.snapshot["commitments"]
    ]
    assert len(titles) == 6
    for title in titles:
        assert _words(title) in page
        assert all(word in pdf for word in title.split()), title
        assert _words(title) in pdf or re.search("[\u0590-\u05ff]", title), title
    fonts = {
        str(font.get("/BaseFont"))
        for p in reader.pages
        for font in (p["/Resources"].get("/Font") or {}).values()
        for font in [font.get_object()]
    }
    assert any("DejaVu" in font for font in fonts), fonts


def test_docx_has_every_commitment_with_hebrew_right_to_left(client, demo_report):
    response = client.get(f"/he/plans/il-2017-2019/reports/{demo_report.id}/report.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in document.paragraphs)
    for commitment in demo_report.snapshot["commitments"]:
        assert f"{commitment['reference']} {commitment['titles']['he']}" in text
    hebrew = [p for p in document.paragraphs if re.search("[\u0590-\u05ff]", p.text)]
    assert hebrew
    for paragraph in hebrew:
        assert paragraph._p.pPr.find("{*}bidi") is not None
        assert all(run._r.rPr.find("{*}rtl") is not None for run in paragraph.runs)
    english = client.get(f"/en/plans/il-2017-2019/reports/{demo_report.id}/report.docx")
    first = docx.Document(io.BytesIO(english.data)).paragraphs[0]
    assert first._p.pPr is None or first._p.pPr.find("{*}bidi") is None
