"""A person's files in their data download, and what deleting the account does to them:
files follow the comments they were attached to."""

from __future__ import annotations

import io

import pytest
from documents import samples
from sqlalchemy import select

from consultations.clock import as_utc
from consultations.comments.models import Comment
from consultations.documents.models import Document, DocumentText
from consultations.extensions import db
from consultations.privacy import services as privacy

from helpers import PASSWORD, login


def post_comment(client, consultation, *files) -> Comment:
    response = client.post(
        f"/en/consultations/{consultation.slug}/comments",
        data={
            "body": f"Attached: {', '.join(name for _, name in files)}.",
            "language": "en",
            "attachments": [(io.BytesIO(content), name) for content, name in files],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalars(select(Comment).order_by(Comment.id.desc())).first()


@pytest.fixture
def files_of_two(app, client, local_storage, make_consultation, make_user):
    """A leaver with two files on a comment, one identical to a file someone else attached."""
    consultation = make_consultation("open")
    other = make_user(email="stays@example.org", name="Dana Stays")
    login(client, other)
    post_comment(client, consultation, (samples.PNG, "map.png"))
    client.post("/en/logout")
    leaver = make_user(email="leaves@example.org", name="Avi Leaves")
    login(client, leaver)
    post_comment(client, consultation, (samples.PNG, "same-map.png"), (samples.PDF, "memo.pdf"))
    return leaver, other


def documents_by(name: str) -> list[Document]:
    return db.session.scalars(
        select(Document).where(Document.original_name == name).order_by(Document.id)
    ).all()


def titles_of(document_id: int) -> list[tuple[str, str]]:
    rows = db.session.execute(
        select(DocumentText.locale, DocumentText.title)
        .where(DocumentText.document_id == document_id)
        .order_by(DocumentText.locale)
    )
    return [tuple(row) for row in rows]


def test_the_data_download_lists_each_uploaded_file(client, files_of_two):
    leaver, _other = files_of_two
    data = privacy.personal_data(leaver)
    assert sorted(item["name"] for item in data["files"]) == ["memo.pdf", "same-map.png"]
    memo = next(item for item in data["files"] if item["name"] == "memo.pdf")
    (document,) = documents_by("memo.pdf")
    assert memo["id"] == document.id and memo["size"] == len(samples.PDF)
    assert memo["uploaded_at"] == as_utc(document.uploaded_at).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert memo["sha256"] == document.sha256 and memo["type"] == "application/pdf"
    assert memo["download"].endswith(f"/documents/{document.id}/file")
    assert memo["attached_to"] == {"type": "comment", "id": document.owner_id}
    notice = client.get("/en/privacy").get_data(as_text=True)
    assert "Files you attach to a comment or upload as evidence" in notice
    assert "Files attached to your comments follow them" in notice


def test_removed_comments_take_their_files_with_them(client, local_storage, files_of_two):
    leaver, _other = files_of_two
    (memo,) = documents_by("memo.pdf")
    (shared,) = documents_by("same-map.png")
    memo_id, memo_key, shared_id = memo.id, memo.storage_key, shared.id
    # Someone else's document with a title (as evidence and plan documents have) keeps it.
    (others,) = documents_by("map.png")
    db.session.add(DocumentText(document_id=others.id, locale="en", title="District map"))
    db.session.commit()
    others_titles = titles_of(others.id)

    privacy.delete_account(leaver, PASSWORD, privacy.REMOVE)

    assert documents_by("memo.pdf") == [] and documents_by("same-map.png") == []
    assert client.get(f"/en/documents/{memo_id}").status_code == 404
    assert client.get(f"/documents/{shared_id}/file").status_code == 404
    assert not local_storage.exists(memo_key)
    # The identical file another person attached is theirs, and stays.
    (kept,) = documents_by("map.png")
    assert local_storage.exists(kept.storage_key)
    assert titles_of(kept.id) == others_titles == [("en", "District map")]
    assert client.get(f"/documents/{kept.id}/file").data == samples.PNG


def test_kept_comments_keep_their_files_under_deleted_account(client, files_of_two):
    leaver, _other = files_of_two
    privacy.delete_account(leaver, PASSWORD, privacy.KEEP)

    (memo,) = documents_by("memo.pdf")
    assert memo.uploader_id is None and memo.uploader_name == privacy.DELETED_NAME
    page = client.get(f"/en/documents/{memo.id}").get_data(as_text=True)
    assert "Avi Leaves" not in page and "Deleted account" in page
    assert client.get(f"/documents/{memo.id}/file").data == samples.PDF


def test_a_file_that_cannot_be_deleted_yet_is_named_in_the_log(
    client, files_of_two, monkeypatch, caplog
):
    """The erasure is committed all the same; the file is left for `documents verify`."""
    leaver, _other = files_of_two
    (memo,) = documents_by("memo.pdf")
    key = memo.storage_key

    class Stuck:
        def delete(self, _key):
            raise OSError("disk busy")

    monkeypatch.setattr(privacy, "storage", Stuck)
    privacy.delete_account(leaver, PASSWORD, privacy.REMOVE)
    assert documents_by("memo.pdf") == []
    assert f"Could not delete the stored file {key} yet." in caplog.messages
