"""A small public record with awkward text: Hebrew, commas, quotes, newlines, formulas."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from consultations.clock import now
from consultations.comments.models import CommentState
from consultations.extensions import db
from consultations.responses.models import (
    AnsweredComment,
    Outcome,
    Response,
    ResponseText,
)

from helpers import add_included_proposal

HEBREW_TITLE = 'שקיפות, "פתוחה"\nבשורה שנייה'
FORMULA = '=HYPERLINK("http://evil.example","click")'


@dataclass
class World:
    agency: object
    plan: object
    commitment: object
    other: object
    update: object
    correction: object
    assessment: object
    consultation: object
    visible: object
    reply: object
    formula: object
    hidden: object
    held: object
    removed: object
    answer: object
    author: object


def read_csv(response) -> list[dict[str, str]]:
    """The rows of a served CSV file, by header."""
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True), newline="")))


def _add_proposals(plan, commitment, author) -> None:
    """A proposal answered as included in the commitment, and one a moderator hid."""
    from consultations.proposals.models import ProposalState

    for state, title in ((ProposalState.VISIBLE, FORMULA), (ProposalState.HIDDEN, "Hidden idea")):
        add_included_proposal(
            plan,
            commitment,
            author,
            state,
            {"reasons": "Taken up", "author_name": "Staff"},
            language="he",
            title=title,
            problem="בעיה",
            solution="פתרון",
            lead_agency_id=commitment.lead_agency_id,
            fingerprint=state.value,
            support_count=1,
            civic_participation=True,
        )


@pytest.fixture
def world(
    make_agency,
    make_plan,
    make_commitment,
    make_update,
    make_assessment,
    make_consultation,
    make_comment,
    make_user,
) -> World:
    agency = make_agency("ict", he="רשות התקשוב הממשלתית", en="Government ICT Authority")
    plan = make_plan(
        slug="il-2024", agency=agency, titles={"he": "תוכנית רביעית", "en": "Fourth plan"}
    )
    commitment = make_commitment(
        plan,
        reference="IL0024",
        texts={
            "he": {"title": HEBREW_TITLE, "description": "תיאור, עם פסיק"},
            "en": {"title": 'Open, "transparent" data', "problem": "-3 is a bad score"},
        },
        values=("access_to_information", "technology"),
        start_date=date(2024, 1, 1),
        end_date=date(2025, 6, 30),
        milestones=((date(2024, 12, 31), "complete", date(2024, 11, 1)),),
    )
    other = make_commitment(plan, reference="IL0025")
    update = make_update(commitment, narratives={"he": "עבודה, בתהליך", "en": "+ work done"})
    correction = make_update(
        commitment,
        status="substantial",
        percent=70,
        corrects=update,
        evidence=("https://a.example/1",),
    )
    assessment = make_assessment(commitment, completion="substantial", opened_government="major")
    consultation = make_consultation(
        slug="il-draft", plan=plan, commitment=commitment, titles={"he": "טיוטה", "en": "Draft"}
    )
    author = make_user(name="דנה כהן", email="dana.secret@example.org")
    visible = make_comment(
        consultation,
        'אני תומכת, "מאוד"\nשורה שנייה',
        author=author,
        section=consultation.sections[0],
        stance="support",
        language="he",
    )
    reply = make_comment(consultation, "Agreed, fully.", parent=visible)
    formula = make_comment(consultation, FORMULA)
    hidden = make_comment(consultation, "Hidden insult text", author=author)
    held = make_comment(consultation, "Held for review text")
    removed = make_comment(consultation, "Withdrawn by author text")
    hidden.state, hidden.hidden_at = CommentState.HIDDEN, now()
    held.held = True
    removed.state, removed.body_text = CommentState.REMOVED, ""
    answer = Response(
        consultation_id=consultation.id,
        outcome=Outcome.PARTLY_ADOPTED,
        published_at=now() - timedelta(hours=1),
    )
    answer.texts.append(ResponseText(locale="he", reasons="אומץ, חלקית", updated_at=now()))
    answer.texts.append(ResponseText(locale="en", reasons='Partly, see "B"', updated_at=now()))
    db.session.add(answer)
    db.session.flush()
    for comment in (visible, reply, hidden):
        db.session.add(AnsweredComment(comment_id=comment.id, response_id=answer.id))
    _add_proposals(plan, commitment, author)
    db.session.commit()
    return World(
        agency,
        plan,
        commitment,
        other,
        update,
        correction,
        assessment,
        consultation,
        visible,
        reply,
        formula,
        hidden,
        held,
        removed,
        answer,
        author,
    )
