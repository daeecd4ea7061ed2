"""An action plan's official documents: uploaded by admins and its national coordinators."""

from __future__ import annotations

import io

import pytest
from documents import samples
from sqlalchemy import select

from consultations.documents.models import Document
from consultations.extensions import db
from consultations.plans.models import PlanStatus

from helpers import login


@pytest.fixture
def plan_world(make_plan, make_agency, make_user):
    plan = make_plan("il-5", status=PlanStatus.ADOPTED)
    other = make_agency()
    people = {
        "admin": make_user(roles=("admin",)),
        "national": make_user(roles=("coordinator",), agency=plan.coordinating_agency),
        "coordinator": make_user(roles=("coordinator",), agency=other),
        "monitor": make_user(roles=("monitor",)),
        "moderator": make_user(roles=("moderator",)),
        "citizen": make_user(),
    }
    return plan, people


def post_document(client, slug="il-5", content=samples.PDF, name="plan.pdf", **titles):
    data = {"file": [(io.BytesIO(content), name)], **{f"title_{k}": v for k, v in titles.items()}}
    return client.post(
        f"/en/staff/plans/{slug}/documents", data=data, content_type="multipart/form-data"
    )


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("admin", True),
        ("national", True),
        ("coordinator", False),
        ("monitor", False),
        ("moderator", False),
        ("citizen", False),
    ],
)
def test_who_may_publish_a_plans_documents(app, client, local_storage, plan_world, role, allowed):
    plan, people = plan_world
    login(client, people[role])
    response = post_document(client, en="Adopted plan", he="התוכנית שאומצה")
    assert response.status_code == (302 if allowed else 403)
    documents = db.session.scalars(select(Document)).all()
    assert len(documents) == (1 if allowed else 0)
    if allowed:
        assert documents[0].title("he").text == "התוכנית שאומצה"


def test_anonymous_people_are_sent_to_sign_in(app, client, plan_world):
    assert post_document(client, en="Adopted plan").status_code == 302
    assert db.session.scalars(select(Document)).all() == []


def test_the_plan_page_lists_its_documents_by_title(app, client, local_storage, plan_world):
    plan, people = plan_world
    login(client, people["national"])
    assert post_document(client, en="Adopted plan", lv="Pieņemtais plāns").status_code == 302
    client.get("/en/logout")
    page = client.get("/lv/plans/il-5").get_data(as_text=True)
    document = db.session.scalars(select(Document)).one()
    assert "Pieņemtais plāns" in page
    assert f'href="/lv/documents/{document.id}"' in page


def test_a_document_needs_a_title_and_a_file(app, client, local_storage, plan_world):
    _plan, people = plan_world
    login(client, people["admin"])
    response = post_document(client)
    assert response.status_code == 422
    assert "Give the title in at least one language." in response.get_data(as_text=True)
    response = client.post(
        "/en/staff/plans/il-5/documents",
        data={"title_en": "Adopted plan"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "Choose a file to upload." in response.get_data(as_text=True)
    assert db.session.scalars(select(Document)).all() == []
