"""Evidence files on progress updates and assessments, the document page and the download."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

import pytest
from documents import samples
from sqlalchemy import func, select

from consultations.documents import services
from consultations.documents.models import Document
from consultations.extensions import db
from consultations.plans.models import Assessment, PlanStatus, ProgressUpdate

from helpers import login


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def reporting(make_plan, make_commitment, make_user):
    plan = make_plan(status=PlanStatus.IMPLEMENTATION)
    commitment = make_commitment(plan)
    coordinator = make_user(roles=("coordinator",), agency=plan.coordinating_agency)
    monitor = make_user(roles=("monitor",))
    return commitment, coordinator, monitor


def update_data(*files) -> dict:
    return {
        "status": "limited",
        "percent_complete": "40",
        "narrative_en": "The register is online.",
        "evidence": "https://example.org/register",
        "files": [(io.BytesIO(content), name) for content, name in files],
    }


def publish(client, commitment, *files, kind="updates", data=None):
    url = f"/en/staff/commitments/{commitment.reference}/{kind}/new"
    return client.post(url, data=data or update_data(*files), content_type="multipart/form-data")


def test_coordinator_publishes_an_update_with_evidence_files_shown_on_the_timeline(
    app, client, local_storage, reporting
):
    commitment, coordinator, _monitor = reporting
    login(client, coordinator)
    response = publish(client, commitment, (samples.PDF, "דוח רבעוני.pdf"), (samples.CSV, "d.csv"))
    assert response.status_code == 302
    update = db.session.scalars(select(ProgressUpdate)).one()
    documents = db.session.scalars(select(Document).order_by(Document.id)).all()
    assert [(d.owner_type, d.owner_id) for d in documents] == [("progress_update", update.id)] * 2
    assert [d.original_name for d in documents] == ["דוח רבעוני.pdf", "d.csv"]
    assert [d.media_type for d in documents] == ["application/pdf", "text/csv"]
    assert documents[0].uploader_name == coordinator.display_name
    staff_page = client.get(f"/en/staff/commitments/{commitment.reference}/updates/new")
    assert f'href="/en/documents/{documents[1].id}"' in staff_page.get_data(as_text=True)
    page = client.get(f"/en/commitments/{commitment.reference}").get_data(as_text=True)
    assert "Evidence files" in page
    assert f'href="/en/documents/{documents[0].id}"' in page
    assert "דוח רבעוני.pdf" in page and "PDF" in page and "CSV table" in page


def test_monitor_attaches_files_to_an_assessment(app, client, local_storage, reporting):
    commitment, _coordinator, monitor = reporting
    login(client, monitor)
    data = {
        "completion": "limited",
        "opened_government": "marginal",
        "narrative_en": "Partly done.",
        "files": [(io.BytesIO(samples.XLSX), "scores.xlsx")],
    }
    assert publish(client, commitment, kind="assessments", data=data).status_code == 302
    assessment = db.session.scalars(select(Assessment)).one()
    document = db.session.scalars(select(Document)).one()
    assert (document.owner_type, document.owner_id, document.extension) == (
        "assessment",
        assessment.id,
        "xlsx",
    )


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (samples.WINDOWS_EXE, "report.pdf", "This kind of file is not accepted."),
        (samples.SVG, "logo.png", "This kind of file is not accepted."),
        (b"", "empty.pdf", "The file is empty."),
    ],
)
def test_a_refused_file_publishes_nothing_and_says_why(
    app, client, local_storage, reporting, content, name, message
):
    commitment, coordinator, _monitor = reporting
    login(client, coordinator)
    response = publish(client, commitment, (samples.PDF, "fine.pdf"), (content, name))
    assert response.status_code == 422
    assert f"{name}: {message}" in response.get_data(as_text=True)
    assert (count(ProgressUpdate), count(Document)) == (0, 0)
    assert list(local_storage.blobs()) == []


def test_at_most_ten_files_per_update(app, client, local_storage, reporting):
    commitment, coordinator, _monitor = reporting
    login(client, coordinator)
    files = [(samples.TEXT, f"note-{n}.txt") for n in range(11)]
    response = publish(client, commitment, *files)
    assert response.status_code == 422
    assert "Attach at most 10 files." in response.get_data(as_text=True)
    assert publish(client, commitment, *files[:10]).status_code == 302
    assert count(Document) == 10


def test_upload_routes_take_files_beyond_the_ordinary_request_limit(
    app, client, local_storage, reporting
):
    commitment, coordinator, _monitor = reporting
    login(client, coordinator)
    big = b"a" * (3 * 1024 * 1024)
    assert publish(client, commitment, (big, "big.txt")).status_code == 302
    # Ordinary forms keep the small limit.
    response = client.post("/en/login", data={"email": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413


def test_a_file_over_upload_max_is_refused_with_the_limit_named(
    app, client, local_storage, reporting, monkeypatch
):
    monkeypatch.setitem(app.config, "UPLOAD_MAX_MB", 1)
    commitment, coordinator, _monitor = reporting
    login(client, coordinator)
    response = publish(client, commitment, (b"a" * (1024 * 1024 + 1), "big.txt"))
    assert response.status_code == 422
    assert "big.txt: A file can be at most 1 MB." in response.get_data(as_text=True)


def stored(owner_type, owner, actor, content, name) -> Document:
    received = services.receive(io.BytesIO(content), name)
    document = services.attach([received], owner_type, owner, actor)[0]
    db.session.commit()
    return document


@pytest.fixture
def update_document(reporting, make_update, local_storage):
    commitment, coordinator, _monitor = reporting
    update = make_update(commitment)
    update.author_id = coordinator.id
    db.session.commit()

    def make(content=samples.PDF, name="report.pdf"):
        return stored("progress_update", update, coordinator, content, name)

    return make


def test_the_document_page_shows_what_anyone_needs_to_check_a_download(client, update_document):
    document = update_document()
    page = client.get(f"/en/documents/{document.id}").get_data(as_text=True)
    for fact in ("report.pdf", "PDF", document.sha256, document.uploader_name, "SHA-256"):
        assert fact in page
    assert f'href="/documents/{document.id}/file"' in page


def test_a_pdf_downloads_inline_in_a_sandbox_with_its_stored_type(client, update_document):
    document = update_document()
    response = client.get(f"/documents/{document.id}/file")
    assert response.status_code == 200
    assert response.data == samples.PDF
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith('inline; filename="report.pdf"')
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response.headers["Content-Length"] == str(len(samples.PDF))


def test_other_files_download_as_attachments_with_a_safe_ascii_name_and_the_real_one(
    client, update_document
):
    name = "Pārskats őszi דוח.docx"
    document = update_document(samples.DOCX, name)
    response = client.get(f"/documents/{document.id}/file")
    disposition = response.headers["Content-Disposition"]
    assert disposition == (
        f"attachment; filename=\"Parskats oszi.docx\"; filename*=UTF-8''{quote(name, safe='')}"
    )
    assert response.headers["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def test_a_file_named_for_another_type_downloads_under_its_real_extension(client, update_document):
    document = update_document(samples.PDF, "photo.png")
    disposition = client.get(f"/documents/{document.id}/file").headers["Content-Disposition"]
    assert 'filename="photo.png.pdf"' in disposition


def test_text_is_served_as_utf8_text_for_download(client, update_document):
    document = update_document(samples.CSV, "table.csv")
    response = client.get(f"/documents/{document.id}/file")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment;")


def test_unknown_documents_and_missing_files_answer_404(client, update_document, local_storage):
    assert client.get("/en/documents/999").status_code == 404
    assert client.get("/documents/999/file").status_code == 404
    document = update_document()
    (local_storage.root / document.storage_key).unlink()
    assert client.get(f"/documents/{document.id}/file").status_code == 404


def test_the_larger_limit_applies_before_the_csrf_check_reads_the_form(
    app, client, local_storage, reporting, monkeypatch
):
    commitment, coordinator, _monitor = reporting
    login(client, coordinator)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    response = publish(client, commitment, (b"a" * (3 * 1024 * 1024), "big.txt"))
    # Refused for its missing token, not for its size: the form was read in full.
    assert response.status_code == 400
    assert count(ProgressUpdate) == 0


FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)


def test_every_upload_form_posts_its_files_without_javascript(
    app, client, reporting, make_consultation, make_user
):
    commitment, coordinator, monitor = reporting
    consultation = make_consultation("open")
    pages = [
        (coordinator, f"/en/staff/commitments/{commitment.reference}/updates/new"),
        (coordinator, f"/en/staff/plans/{commitment.plan.slug}/documents"),
        (monitor, f"/en/staff/commitments/{commitment.reference}/assessments/new"),
        (make_user(), f"/en/consultations/{consultation.slug}"),
    ]
    for person, url in pages:
        login(client, person)
        html = client.get(url).get_data(as_text=True)
        # A plain file field in a multipart form: the browser sends the files by itself.
        forms = [attributes for attributes, body in FORM.findall(html) if 'type="file"' in body]
        assert forms, url
        for attributes in forms:
            assert 'method="post"' in attributes and 'enctype="multipart/form-data"' in attributes
        client.post("/en/logout")
