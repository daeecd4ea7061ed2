"""A small world of public records (and some that must never be public), and schema checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from openapi_schema_validator import OAS31Validator

from consultations.audit.services import record
from consultations.clock import now
from consultations.comments.models import CommentState
from consultations.consultation.models import SectionRevision
from consultations.documents.models import Document, DocumentText
from consultations.extensions import db
from consultations.plans.models import MilestoneStatus
from consultations.responses.models import AnsweredComment, Outcome, Response, ResponseText

from helpers import add_included_proposal


@dataclass
class World:
    plan: object
    commitment: object
    update: object
    assessment: object
    consultation: object
    visible: object
    hidden: object
    held: object
    removed: object
    response: object
    author: object
    extra: dict = field(default_factory=dict)


def _nth(name: str, number: int) -> str:
    return name if number == 1 else f"{name} {number}"


def _add_proposals(plan, commitment, author, number) -> None:
    """An answered proposal linked to the commitment, and a hidden one the API never shows."""
    from consultations.proposals.models import ProposalState

    for state in (ProposalState.VISIBLE, ProposalState.HIDDEN):
        add_included_proposal(
            plan,
            commitment,
            author,
            state,
            {"reasons": "Taken up.", "author_name": "Staff Member"},
            language="en",
            title=f"{state.value} proposal {number}",
            problem="Hidden budgets." if state == ProposalState.VISIBLE else "Hidden words here.",
            solution="Publish them.",
            fingerprint=f"{state.value}-{number}",
            support_count=2,
            access_to_information=True,
            created_at=now() - timedelta(days=3),
        )


@pytest.fixture
def build_world(
    make_agency,
    make_plan,
    make_commitment,
    make_update,
    make_assessment,
    make_consultation,
    make_comment,
    make_user,
):
    """Records of every kind; `size` commitments and comments, so lists can grow."""
    counter = iter(range(1, 1000))

    def build(size: int = 1) -> World:
        number = next(counter)
        agency = make_agency(f"ministry-{number}", en="Ministry", he="משרד")
        plan = make_plan(
            slug=f"plan-{number}", agency=agency, titles={"en": "Fifth plan", "lv": "Piektais"}
        )
        commitments = [
            make_commitment(
                plan,
                reference=f"IL{number:02d}{index:02d}",
                texts={"he": {"title": "שקיפות", "problem": "בעיה"}, "en": {"title": "Openness"}},
                values=("access_to_information", "technology"),
                start_date=date(2024, 3, 1),
                milestones=((date(2025, 1, 31), MilestoneStatus.COMPLETE, date(2025, 1, 20)),),
            )
            for index in range(1, size + 1)
        ]
        commitment = commitments[0]
        update = make_update(
            commitment, status="substantial", percent=60, evidence=("https://e.example/a",)
        )
        assessment = make_assessment(commitment, completion="limited")
        consultation = make_consultation(
            slug=f"consultation-{number}",
            plan=plan,
            commitment=commitment,
            titles={"hu": "Konzultáció"},
        )
        section = consultation.sections[0]
        author = make_user(_nth("Dana Cohen", number), email=f"dana{number}@secret.example")
        visible = make_comment(consultation, "I support this.", author=author, section=section)
        for _ in range(size - 1):
            make_comment(consultation, author=author)
        hidden = make_comment(consultation, "Hidden words here.", author=author)
        hidden.state, hidden.hidden_rule, hidden.hidden_at = CommentState.HIDDEN, "abuse", now()
        held = make_comment(consultation, "Held words here.", author=author)
        held.held = True
        removed = make_comment(consultation, "Removed words here.", author=author)
        removed.state = CommentState.REMOVED
        make_comment(consultation, "A reply to hidden.", author=author, parent=hidden)
        response = Response(
            consultation_id=consultation.id,
            outcome=Outcome.ADOPTED,
            published_at=now(),
            texts=[ResponseText(locale="en", reasons="We agree.", updated_at=now())],
        )
        response.answers = [
            AnsweredComment(comment_id=visible.id),
            AnsweredComment(comment_id=hidden.id),
        ]
        db.session.add(response)
        db.session.add(
            SectionRevision(
                section_id=section.id,
                locale="en",
                heading="Old heading",
                body="Old wording.",
                written_at=now() - timedelta(days=2),
                replaced_at=now() - timedelta(days=1),
            )
        )
        _add_proposals(plan, commitment, author, number)
        for owner_type, owner_id in (("plan", plan.id), ("comment", hidden.id)):
            db.session.add(
                Document(
                    owner_type=owner_type,
                    owner_id=owner_id,
                    original_name=f"{owner_type}.pdf",
                    media_type="application/pdf",
                    extension="pdf",
                    size=1234,
                    sha256=f"{number:064x}",
                    storage_key=f"{number:064x}",
                    uploader_name="Staff Member",
                    uploaded_at=now(),
                    texts=[DocumentText(locale="he", title="התוכנית")],
                )
            )
        staff = make_user(
            _nth("Staff Member", number), email=f"staff{number}@secret.example", roles=("admin",)
        )
        record(staff, "commitment.update", "commitment", commitment.reference, {"a": 1}, {"a": 2})
        record(staff, "comment.hide", "comment", hidden.id, {"text": "Hidden words here."}, {})
        record(staff, "role.grant", "user", staff.id, None, {"role": "admin"}, public=False)
        db.session.commit()
        return World(
            plan,
            commitment,
            update,
            assessment,
            consultation,
            visible,
            hidden,
            held,
            removed,
            response,
            author,
        )

    return build


@pytest.fixture
def world(build_world) -> World:
    return build_world()


@pytest.fixture
def check_schema(client):
    """Validate a JSON body against one of the document's component schemas."""
    document = client.get("/api/v1/openapi.json").get_json()

    def check(body, name: str) -> None:
        schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
        OAS31Validator(schema, format_checker=OAS31Validator.FORMAT_CHECKER).validate(body)

    return check
