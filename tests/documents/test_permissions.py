"""Who may attach documents to which record, and who sees them: every role, one table."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from consultations.comments.models import CommentState
from consultations.permissions import can_upload_document, can_view_document
from consultations.plans.models import PlanStatus

ROLES = ("anonymous", "citizen", "author", "coordinator", "national", "monitor", "moderator")
ROLES += ("admin",)


@pytest.fixture
def world(make_plan, make_agency, make_commitment, make_update, make_assessment, make_user):
    plan = make_plan(status=PlanStatus.IMPLEMENTATION)
    lead = make_agency()
    commitment = make_commitment(plan, agency=lead)
    people = {
        "anonymous": None,
        "citizen": make_user(),
        "coordinator": make_user(roles=("coordinator",), agency=lead),
        "national": make_user(roles=("coordinator",), agency=plan.coordinating_agency),
        "monitor": make_user(roles=("monitor",)),
        "moderator": make_user(roles=("moderator",)),
        "admin": make_user(roles=("admin",)),
    }
    update = make_update(commitment)
    assessment = make_assessment(commitment)
    return SimpleNamespace(plan=plan, update=update, assessment=assessment, people=people)


def who(world, role, author_of):
    if role == "author":
        return author_of
    return world.people[role]


UPLOADS = {
    # owner type: (roles allowed besides the record's author, the role of its author)
    "plan": ({"national", "admin"}, None),
    "progress_update": (set(), "coordinator"),  # only its author
    "assessment": (set(), "monitor"),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("owner_type", list(UPLOADS))
def test_who_may_attach_documents(world, role, owner_type):
    allowed, author_role = UPLOADS[owner_type]
    owner = {"plan": world.plan, "progress_update": world.update, "assessment": world.assessment}[
        owner_type
    ]
    author = world.people[author_role] if author_role else None
    if author is not None:
        owner.author_id = author.id
    user = who(world, role, author)
    is_author = user is not None and author is not None and user.id == author.id
    expected = user is not None and (role in allowed or is_author)
    assert can_upload_document(user, owner_type, owner) is expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", ["visible", "hidden", "removed", "held"])
def test_only_the_author_attaches_to_a_visible_comment(world, role, state):
    author = world.people["citizen"]
    comment = SimpleNamespace(
        author_id=author.id,
        state=CommentState.VISIBLE if state == "held" else CommentState(state),
        held=state == "held",
    )
    user = who(world, role, author)
    expected = role in ("author", "citizen") and state in ("visible", "held")
    assert can_upload_document(user, "comment", comment) is expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("owner_type", ["plan", "progress_update", "assessment"])
def test_documents_of_public_records_are_public(world, role, owner_type):
    document = SimpleNamespace(owner_type=owner_type)
    assert can_view_document(world.people.get(role), document, world.plan) is True


@pytest.mark.parametrize("role", ROLES)
def test_a_hidden_proposals_files_are_seen_only_by_moderators(world, role):
    document, user = SimpleNamespace(owner_type="proposal"), world.people.get(role)
    assert can_view_document(user, document, SimpleNamespace(state="visible")) is True
    assert can_view_document(user, document, SimpleNamespace(state="hidden")) is (
        role == "moderator"
    )


def test_a_document_without_its_record_is_seen_by_nobody(world):
    document = SimpleNamespace(owner_type="plan")
    assert can_view_document(world.people["admin"], document, None) is False
