"""A proposal carries documents through the documents package: shown on its page and
packed in the plan's repository ZIP; a refused file stops the proposal, nothing stored."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile

import pytest
from documents import samples
from sqlalchemy import func, select

from consultations.documents.models import Document
from consultations.documents.storage import LocalStorage
from consultations.extensions import db
from consultations.proposals.models import Proposal

from helpers import login


@pytest.fixture
def stored(app, tmp_path):
    previous = app.extensions["documents_storage"]
    app.extensions["documents_storage"] = LocalStorage(tmp_path / "documents")
    yield tmp_path / "documents"
    app.extensions["documents_storage"] = previous


def propose(client, lang: str, *files):
    return client.post(
        f"/{lang}/plans/il-draft/proposals/new",
        data={
            "title": "Open the procurement register",
            "problem": "Contracts are hard to find.",
            "solution": "Publish every contract within a week.",
            "lead_agency": "",
            "documents": [(io.BytesIO(content), name) for content, name in files],
        },
        content_type="multipart/form-data",
    )


def test_a_proposals_documents_are_on_its_page_and_in_the_repository_zip(client, world, stored):
    login(client, world.people.citizen)
    assert 'enctype="multipart/form-data"' in client.get(
        "/en/plans/il-draft/proposals/new"
    ).get_data(as_text=True)
    response = propose(client, "en", (samples.PDF, "costs.pdf"), (samples.CSV, "contracts.csv"))
    assert response.status_code == 302
    proposal = db.session.scalars(select(Proposal)).one()
    documents = db.session.scalars(select(Document).order_by(Document.id)).all()
    assert [(d.owner_type, d.owner_id) for d in documents] == [("proposal", proposal.id)] * 2
    page = client.get(f"/en/proposals/{proposal.id}").get_data(as_text=True)
    assert f'href="/en/documents/{documents[0].id}"' in page and "costs.pdf" in page

    archive = zipfile.ZipFile(io.BytesIO(client.get("/en/plans/il-draft/repository.zip").data))
    index = csv.DictReader(io.StringIO(archive.read("index.csv").decode("utf-8-sig")))
    (row,) = [row for row in index if row["kind"] == "Proposal from the public"]
    packed = row["files"].split()
    assert len(packed) == 2 and row["sha256"].split()[0] == hashlib.sha256(samples.PDF).hexdigest()
    assert archive.read(packed[0]) == samples.PDF


def test_a_refused_file_is_refused_in_the_readers_language_and_nothing_is_kept(
    client, world, stored
):
    login(client, world.people.citizen, lang="he")
    response = propose(client, "he", (samples.PDF, "fine.pdf"), (samples.WINDOWS_EXE, "a.pdf"))
    assert response.status_code == 422
    assert "סוג קובץ זה אינו מתקבל" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Proposal)) == 0
    assert db.session.scalar(select(func.count()).select_from(Document)) == 0
    assert not stored.exists() or not any(path.is_file() for path in stored.rglob("*"))
