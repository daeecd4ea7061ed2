"""Documents in the JSON API: metadata, download address and hash; a hidden comment's vanish."""

from __future__ import annotations

import csv
import hashlib
import io

from documents import samples

from consultations.comments.models import CommentState
from consultations.documents import services
from consultations.extensions import db
from consultations.plans.models import PlanStatus


def attach(owner_type, owner, actor, content, name, titles=None):
    received = services.receive(io.BytesIO(content), name)
    document = services.attach([received], owner_type, owner, actor, titles)[0]
    db.session.commit()
    return document


def test_documents_are_listed_with_their_hash_and_download_address(
    client, local_storage, make_plan, make_user
):
    plan = make_plan(status=PlanStatus.ADOPTED)
    admin = make_user(roles=("admin",))
    document = attach("plan", plan, admin, samples.PDF, "plan.pdf", {"lv": "Plāns"})
    body = client.get("/api/v1/documents").get_json()
    assert body["meta"]["total"] == 1
    (item,) = body["data"]
    assert item["sha256"] == hashlib.sha256(samples.PDF).hexdigest()
    assert item["download_url"] == f"http://localhost/documents/{document.id}/file"
    assert item["page_url"] == f"http://localhost/en/documents/{document.id}"
    assert (item["owner_type"], item["owner_id"]) == ("plan", plan.id)
    assert item["title"]["lv"] == "Plāns" and item["title"]["en"] is None
    assert (item["media_type"], item["size"]) == ("application/pdf", len(samples.PDF))
    one = client.get(f"/api/v1/documents/{document.id}").get_json()
    assert one == item


def test_a_hidden_comments_files_leave_the_api(
    client, local_storage, make_consultation, make_comment, make_user
):
    author = make_user()
    comment = make_comment(make_consultation(), author=author)
    document = attach("comment", comment, author, samples.PNG, "photo.png")
    assert client.get("/api/v1/documents?owner_type=comment").get_json()["meta"]["total"] == 1
    comment.state = CommentState.HIDDEN
    db.session.commit()
    assert client.get("/api/v1/documents").get_json()["meta"]["total"] == 0
    assert client.get(f"/api/v1/documents/{document.id}").status_code == 404


def test_the_open_data_package_lists_public_documents_with_their_hash(
    client, local_storage, make_plan, make_consultation, make_comment, make_user
):
    plan = make_plan(status=PlanStatus.ADOPTED)
    admin = make_user(roles=("admin",))
    document = attach("plan", plan, admin, samples.PDF, "plan.pdf", {"hu": "Terv"})
    author = make_user()
    comment = make_comment(make_consultation(), author=author)
    attach("comment", comment, author, samples.PNG, "secret-photo.png")
    comment.held = True
    db.session.commit()
    rows = list(csv.DictReader(io.StringIO(client.get("/data/documents.csv").text)))
    assert [row["id"] for row in rows] == [str(document.id)]
    (row,) = rows
    assert row["sha256"] == document.sha256 and row["title_hu"] == "Terv"
    assert row["download_url"] == f"http://localhost/documents/{document.id}/file"
    package = client.get("/data/datapackage.json").get_json()
    assert "documents.csv" in [resource["path"] for resource in package["resources"]]
