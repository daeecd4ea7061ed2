"""Comments carry up to COMMENT_ATTACHMENTS files; a comment out of sight hides its files too."""

from __future__ import annotations

import io

import pytest
from documents import samples
from sqlalchemy import select

from consultations.comments.models import Comment, CommentState
from consultations.documents import services
from consultations.documents.models import Document
from consultations.extensions import db

from helpers import login


def comment_data(*files) -> dict:
    return {
        "body": "The register should list every contract.",
        "language": "en",
        "attachments": [(io.BytesIO(content), name) for content, name in files],
    }


def post_comment(client, consultation, *files):
    return client.post(
        f"/en/consultations/{consultation.slug}/comments",
        data=comment_data(*files),
        content_type="multipart/form-data",
    )


def test_a_comment_carries_its_attachments_to_the_consultation_page(
    app, client, local_storage, make_consultation, make_user
):
    consultation = make_consultation("open")
    author = make_user()
    login(client, author)
    response = post_comment(
        client, consultation, (samples.PNG, "photo.png"), (samples.PDF, "a.pdf")
    )
    assert response.status_code == 302
    comment = db.session.scalars(select(Comment)).one()
    documents = db.session.scalars(select(Document).order_by(Document.id)).all()
    assert [(d.owner_type, d.owner_id) for d in documents] == [("comment", comment.id)] * 2
    page = client.get("/en/consultations/open").get_data(as_text=True)
    assert f'href="/en/documents/{documents[0].id}"' in page and "photo.png" in page


def test_at_most_three_attachments_by_default(
    app, client, local_storage, make_consultation, make_user
):
    consultation = make_consultation("open")
    login(client, make_user())
    response = post_comment(client, consultation, *[(samples.TEXT, f"{n}.txt") for n in range(4)])
    assert response.status_code == 422
    assert "Attach at most 3 files." in response.get_data(as_text=True)
    assert db.session.scalars(select(Comment)).all() == []


def test_comment_attachments_can_be_turned_off(
    app, client, local_storage, make_consultation, make_user, monkeypatch
):
    monkeypatch.setitem(app.config, "COMMENT_ATTACHMENTS", 0)
    consultation = make_consultation("open")
    login(client, make_user())
    page = client.get("/en/consultations/open").get_data(as_text=True)
    assert 'name="attachments"' not in page
    assert post_comment(client, consultation, (samples.PDF, "a.pdf")).status_code == 302
    assert db.session.scalars(select(Document)).all() == []


@pytest.fixture
def comment_file(local_storage, make_consultation, make_comment, make_user):
    author = make_user()
    comment = make_comment(make_consultation("open"), author=author)
    received = services.receive(io.BytesIO(samples.PDF), "a.pdf")
    document = services.attach([received], "comment", comment, author)[0]
    db.session.commit()
    return comment, document, author


ROLES = ("anonymous", "author", "citizen", "coordinator", "monitor", "admin", "moderator")


def person(role, make_user, author):
    if role == "author":
        return author
    return make_user(roles=() if role == "citizen" else (role,))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", ["visible", "hidden", "removed", "held"])
def test_a_comments_files_are_seen_by_whoever_sees_its_text(
    app, client, comment_file, make_user, role, state
):
    comment, document, author = comment_file
    if state == "held":
        comment.held = True
    else:
        comment.state = CommentState(state)
    db.session.commit()
    if role != "anonymous":
        login(client, person(role, make_user, author))
    visible = state == "visible" or role == "moderator"
    expected = 200 if visible else 404
    assert client.get(f"/en/documents/{document.id}").status_code == expected
    assert client.get(f"/documents/{document.id}/file").status_code == expected


def test_a_reply_carries_attachments_too(
    app, client, local_storage, make_consultation, make_comment, make_user
):
    consultation = make_consultation("open")
    parent = make_comment(consultation)
    login(client, make_user())
    response = client.post(
        f"/en/comments/{parent.id}/reply",
        data=comment_data((samples.ODT, "notes.odt")),
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    reply = db.session.scalars(select(Comment).where(Comment.parent_id == parent.id)).one()
    document = db.session.scalars(select(Document)).one()
    assert (document.owner_type, document.owner_id, document.extension) == (
        "comment",
        reply.id,
        "odt",
    )
