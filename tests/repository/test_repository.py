"""A plan's repository gathers every record of its cycle, newest first, without anyone
compiling it; it downloads as one ZIP whose index names each file and its hash."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from datetime import timedelta

import pytest

from consultations.clock import now
from consultations.documents.models import Document
from consultations.documents.storage import LocalStorage, key_for
from consultations.extensions import db
from consultations.repository import queries


@pytest.fixture
def storage(app, tmp_path):
    previous = app.extensions["documents_storage"]
    app.extensions["documents_storage"] = LocalStorage(tmp_path / "documents")
    yield app.extensions["documents_storage"]
    app.extensions["documents_storage"] = previous


def plan_document(storage, plan, tmp_path, content: bytes, name: str, when) -> Document:
    digest = hashlib.sha256(content).hexdigest()
    source = tmp_path / name
    source.write_bytes(content)
    storage.put(key_for(digest), source)
    document = Document(
        owner_type="plan",
        owner_id=plan.id,
        original_name=name,
        media_type="application/pdf",
        extension="pdf",
        size=len(content),
        sha256=digest,
        storage_key=key_for(digest),
        uploader_name="Noa Levi",
        uploaded_at=when,
    )
    db.session.add(document)
    db.session.commit()
    return document


@pytest.fixture
def cycle(storage, tmp_path, make_consultation, make_commitment, make_update, make_assessment):
    """A consultation a month ago, the adopted plan a week ago, an update and an assessment
    since, and a consultation announced for next week."""
    moment = now()
    consultation = make_consultation(
        opens_in=timedelta(days=-30), titles={"en": "Draft plan consultation"}
    )
    plan = consultation.plan
    make_consultation(plan=plan, opens_in=timedelta(days=7), titles={"en": "Not yet open"})
    adopted = plan_document(
        storage, plan, tmp_path, b"%PDF-1.4 adopted plan", "adopted.pdf", moment - timedelta(days=7)
    )
    commitment = make_commitment(plan)
    make_update(commitment, published_at=moment - timedelta(days=3))
    make_assessment(commitment, published_at=moment - timedelta(days=1))
    return plan, consultation, commitment, adopted


def test_every_record_is_listed_newest_first_with_its_link(client, cycle):
    plan, consultation, commitment, adopted = cycle
    html = client.get(f"/en/plans/{plan.slug}/repository").get_data(as_text=True)
    order = [
        html.index("Independent assessment"),
        html.index("Progress update"),
        html.index("Official document"),
        html.index("Consultation on the draft"),
    ]
    assert order == sorted(order)
    assert f'href="/en/consultations/{consultation.slug}"' in html
    assert f'href="/en/documents/{adopted.id}"' in html
    assert f"/en/commitments/{commitment.reference}#update-" in html
    assert "Not yet open" not in html  # announced, not yet a record
    assert "Last updated on" in html
    plan_page = client.get(f"/en/plans/{plan.slug}").get_data(as_text=True)
    assert f"/en/plans/{plan.slug}/repository" in plan_page


def test_the_last_update_is_the_newest_record(cycle):
    plan, *_ = cycle
    latest = queries.last_updated(plan)
    assert now() - timedelta(days=1, minutes=1) < latest < now() - timedelta(hours=23)


def test_the_zip_holds_an_index_and_every_document(client, cycle):
    plan, _consultation, _commitment, adopted = cycle
    response = client.get(f"/en/plans/{plan.slug}/repository.zip")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    index = list(csv.DictReader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
    assert [row["kind"] for row in index] == [
        "Consultation on the draft",
        "Official document",
        "Progress update",
        "Independent assessment",
    ]
    assert index[0]["address"].endswith(f"/en/consultations/{_consultation.slug}")
    assert index[0]["address"].startswith("http")
    files = [name for name in archive.namelist() if name.startswith("documents/")]
    assert files == []  # the adopted plan is the record itself, linked by its page
    assert index[1]["title"] == "adopted.pdf"
    assert adopted.sha256  # the document's own page shows its hash


def test_a_records_files_are_packed_with_their_hash(client, storage, tmp_path, cycle):
    plan, _consultation, commitment, _adopted = cycle
    from sqlalchemy import select

    from consultations.plans.models import ProgressUpdate

    update = db.session.scalars(select(ProgressUpdate)).one()
    content = b"%PDF-1.4 evidence of delivery"
    digest = hashlib.sha256(content).hexdigest()
    source = tmp_path / "evidence.pdf"
    source.write_bytes(content)
    storage.put(key_for(digest), source)
    db.session.add(
        Document(
            owner_type="progress_update",
            owner_id=update.id,
            original_name="evidence.pdf",
            media_type="application/pdf",
            extension="pdf",
            size=len(content),
            sha256=digest,
            storage_key=key_for(digest),
            uploader_name="Noa Levi",
            uploaded_at=now(),
        )
    )
    db.session.commit()
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/en/plans/{plan.slug}/repository.zip").data))
    index = list(csv.DictReader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
    (row,) = [row for row in index if row["kind"] == "Progress update"]
    assert row["sha256"] == digest
    assert hashlib.sha256(archive.read(row["files"])).hexdigest() == digest


def test_the_page_costs_the_same_queries_however_many_records(
    client, monkeypatch, make_plan, make_commitment, make_update, make_assessment, count_queries
):
    monkeypatch.setattr(queries, "PER_PAGE", 3)

    def queries_with(records: int) -> int:
        plan = make_plan()
        commitment = make_commitment(plan)
        for number in range(records):
            make_update(commitment, published_at=now() - timedelta(hours=number + 1))
            make_assessment(commitment, published_at=now() - timedelta(hours=number + 1))
        with count_queries() as counted:
            page = client.get(f"/en/plans/{plan.slug}/repository?page=2")
            assert page.status_code == 200
        return counted.count

    # Page 2 holds both kinds either way: the count must not depend on the rows.
    assert queries_with(4) == queries_with(15)


def test_a_page_past_the_end_shows_the_last(client, monkeypatch, cycle):
    monkeypatch.setattr(queries, "PER_PAGE", 3)
    plan, *_ = cycle
    html = client.get(f"/en/plans/{plan.slug}/repository?page=99").get_data(as_text=True)
    assert "Page 2 of 2" in html and "Consultation on the draft" in html
