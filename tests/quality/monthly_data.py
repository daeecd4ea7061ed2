"""A small, hand-made October 2026 whose monthly figures are worked out in the tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from consultations.comments.models import CommentState
from consultations.extensions import db
from consultations.plans.models import PlanStatus
from consultations.responses.models import AnsweredComment, Outcome, Response
from consultations.satisfaction.models import SatisfactionAnswer

OCTOBER = date(2026, 10, 1)


def at(day: int, hour: int = 0, month: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def respond(consultation, comments, published_at) -> Response:
    response = Response(
        consultation_id=consultation.id, outcome=Outcome.ADOPTED, published_at=published_at
    )
    response.answers = [AnsweredComment(comment_id=c.id) for c in comments]
    db.session.add(response)
    db.session.commit()
    return response


def survey(consultation, user, satisfaction, ease, created_at, declined=False):
    db.session.add(
        SatisfactionAnswer(
            consultation_id=consultation.id,
            user_id=user.id,
            satisfaction=satisfaction,
            ease=ease,
            remark="",
            declined=declined,
            created_at=created_at,
        )
    )
    db.session.commit()


def place(consultation, closes_at, deadline) -> None:
    consultation.opens_at = closes_at.replace(day=1)
    consultation.closes_at, consultation.response_deadline = closes_at, deadline
    db.session.commit()


def build_october(
    make_agency, make_user, make_consultation, make_comment, make_plan, make_commitment, make_update
):
    """Alpha (Israel) and Beta (Latvia).

    - Alpha's consultation closed 25 September, deadline 10 October 12:00: three visible
      comments (one hidden) written in September; two answered exactly at the deadline (in
      time), one the next day (late). Its first response: 15.5 days after closing.
    - Beta's consultation closed 1 October, deadline in November: first response 3.5 days
      later; in October it got two comments from one person and one from another.
    - Satisfaction in October on Alpha's: 5/4 and 3/2, one declined; one answer in November.
    - Alpha leads two commitments being implemented: one updated 20 October, one in July.
    - Two accounts were opened in October.
    """
    alpha, beta = make_agency(en="Alpha", country="IL"), make_agency(en="Beta", country="LV")
    past = make_consultation(agency=alpha)
    place(past, at(25, month=9), at(10, 12))
    written = [make_comment(past, created_at=at(20, month=9)) for _ in range(4)]
    written[3].state = CommentState.HIDDEN
    db.session.commit()
    respond(past, written[:2], at(10, 12))
    respond(past, written[2:3], at(11, 9))

    fresh = make_consultation(agency=beta)
    place(fresh, at(1), at(5, month=11))
    respond(fresh, [], at(4, 12))
    regular, once = make_user(), make_user()
    for author in (regular, regular, once):
        make_comment(fresh, author=author, created_at=at(15))

    for satisfaction, ease in ((5, 4), (3, 2)):
        survey(past, make_user(), satisfaction, ease, at(12))
    survey(past, make_user(), None, None, at(13), declined=True)
    survey(past, make_user(), 1, 1, at(2, month=11))

    plan = make_plan(status=PlanStatus.IMPLEMENTATION, agency=alpha)
    updated, silent = make_commitment(plan, agency=alpha), make_commitment(plan, agency=alpha)
    make_update(updated, published_at=at(20))
    make_update(silent, published_at=at(1, month=7))

    for user in (make_user(), make_user()):
        user.created_at = at(3)
    db.session.commit()
    return alpha, beta, fresh
