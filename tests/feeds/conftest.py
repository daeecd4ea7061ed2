"""Feed fixtures: reasoned responses written straight to the database, at any date."""

from __future__ import annotations

import pytest

from consultations.clock import now
from consultations.extensions import db


@pytest.fixture
def make_response(app_ctx):
    from consultations.responses.models import AnsweredComment, Outcome, Response, ResponseText

    def make(consultation, comments=(), outcome="adopted", reasons=None, published_at=None):
        response = Response(
            consultation_id=consultation.id,
            outcome=Outcome(outcome),
            published_at=published_at or now(),
        )
        for lang, text in (reasons or {"en": "We rewrote the section."}).items():
            response.texts.append(ResponseText(locale=lang, reasons=text, updated_at=now()))
        for comment in comments:
            response.answers.append(AnsweredComment(comment_id=comment.id))
        db.session.add(response)
        db.session.commit()
        return response

    return make
