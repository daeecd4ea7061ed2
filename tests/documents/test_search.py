"""Documents are found by their title and file name; a hidden comment's files are not."""

from __future__ import annotations

import io

from documents import samples

from consultations.comments.models import CommentState
from consultations.documents import services
from consultations.extensions import db
from consultations.plans.models import PlanStatus


def attach(owner_type, owner, actor, name, titles=None):
    received = services.receive(io.BytesIO(samples.PDF), name)
    document = services.attach([received], owner_type, owner, actor, titles)[0]
    db.session.commit()
    return document


def test_a_plans_document_is_found_by_its_title_in_any_language(
    client, local_storage, make_plan, make_user
):
    plan = make_plan(status=PlanStatus.ADOPTED)
    document = attach("plan", plan, make_user(roles=("admin",)), "a.pdf", {"lv": "Pieņemtais"})
    page = client.get("/en/search?q=pienemtais").get_data(as_text=True)
    assert f'href="/en/documents/{document.id}"' in page
    assert "1 document" in page


def test_an_evidence_file_is_found_by_its_name_and_a_hidden_comments_file_is_not(
    client, local_storage, make_consultation, make_comment, make_user
):
    author = make_user()
    comment = make_comment(make_consultation(), author=author)
    document = attach("comment", comment, author, "budget-overview.pdf")
    assert f'href="/en/documents/{document.id}"' in client.get("/en/search?q=budget").text
    comment.state = CommentState.HIDDEN
    db.session.commit()
    assert f'href="/en/documents/{document.id}"' not in client.get("/en/search?q=budget").text
    comment.state = CommentState.VISIBLE
    db.session.commit()
    assert f'href="/en/documents/{document.id}"' in client.get("/en/search?q=budget").text
