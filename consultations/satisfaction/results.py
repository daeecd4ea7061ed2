"""Survey results by respondent group, with expectations set beside what actually happened.

A group with fewer than MIN_GROUP_SIZE respondents is never shown: with so few answers a
share could point at one person.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import false, func, select

from ..comments.models import Comment, CommentState
from ..extensions import db
from ..responses.models import AnsweredComment, Outcome, Response
from .models import (
    EXPECTED_WAIT_DAYS,
    ExpectationAnswer,
    ExpectedOutcome,
    ExpectedWait,
    Respondent,
    SatisfactionAnswer,
)

MIN_GROUP_SIZE = 5
ALL = "all"
GROUPS = (ALL, *(kind.value for kind in Respondent))


@dataclass
class Group:
    """One group's answers; `shown` is False below the minimum size."""

    key: str
    respondents: int = 0
    outcomes: Counter = field(default_factory=Counter)
    waits: Counter = field(default_factory=Counter)
    satisfaction_sum: int = 0
    satisfaction_answers: int = 0

    @property
    def shown(self) -> bool:
        return self.respondents >= MIN_GROUP_SIZE

    def outcome_share(self, outcome: ExpectedOutcome) -> float | None:
        total = sum(self.outcomes.values())
        return self.outcomes[outcome] / total if self.shown and total else None

    def wait_share(self, wait: ExpectedWait) -> float | None:
        total = sum(self.waits.values())
        return self.waits[wait] / total if self.shown and total else None

    @property
    def satisfaction(self) -> float | None:
        if self.satisfaction_answers < MIN_GROUP_SIZE:
            return None
        return round(self.satisfaction_sum / self.satisfaction_answers, 1)


@dataclass
class Expectations:
    groups: dict[str, Group]
    satisfaction: dict[str, Group]
    # What happened: the share of first responses within each expected wait, and the
    # shares of visible comments answered with reasons and answered with a change.
    within: dict[ExpectedWait, float | None]
    answered_share: float | None
    changed_share: float | None


def _expectations() -> dict[str, Group]:
    groups = {key: Group(key) for key in GROUPS}
    rows = db.session.execute(
        select(
            ExpectationAnswer.respondent,
            ExpectationAnswer.outcome,
            ExpectationAnswer.wait,
            func.count(ExpectationAnswer.id),
        )
        .where(ExpectationAnswer.declined == false())
        .group_by(ExpectationAnswer.respondent, ExpectationAnswer.outcome, ExpectationAnswer.wait)
    ).all()
    for respondent, outcome, wait, count in rows:
        keys = [ALL] + ([respondent.value] if respondent else [])
        for key in keys:
            group = groups[key]
            group.respondents += count
            if outcome:
                group.outcomes[outcome] += count
            if wait:
                group.waits[wait] += count
    return groups


def _satisfaction() -> dict[str, Group]:
    groups = {key: Group(key) for key in GROUPS}
    rows = db.session.execute(
        select(
            SatisfactionAnswer.respondent,
            func.count(SatisfactionAnswer.id),
            func.coalesce(func.sum(SatisfactionAnswer.satisfaction), 0),
        )
        .where(SatisfactionAnswer.declined == false())
        .group_by(SatisfactionAnswer.respondent)
    ).all()
    for respondent, count, total in rows:
        for key in [ALL] + ([respondent.value] if respondent else []):
            groups[key].respondents += count
            groups[key].satisfaction_answers += count
            groups[key].satisfaction_sum += int(total)
    return groups


def _answered() -> tuple[float | None, float | None]:
    visible = db.session.scalar(
        select(func.count(Comment.id)).where(Comment.state == CommentState.VISIBLE)
    )
    rows = db.session.execute(
        select(Response.outcome, func.count(AnsweredComment.comment_id))
        .join(AnsweredComment, AnsweredComment.response_id == Response.id)
        .join(Comment, Comment.id == AnsweredComment.comment_id)
        .where(Comment.state == CommentState.VISIBLE)
        .group_by(Response.outcome)
    ).all()
    if not visible:
        return None, None
    answered = sum(count for _, count in rows)
    changed = sum(
        count for outcome, count in rows if outcome in (Outcome.ADOPTED, Outcome.PARTLY_ADOPTED)
    )
    return answered / visible, changed / visible


def expectations_beside_outcomes(days: list[float] | None = None) -> Expectations:
    """What respondents expect, by group, and what happened (`days`: days to each first
    response, as the all-time service-quality figures count them)."""
    days = days or []
    within = {
        wait: (sum(1 for d in days if d <= limit) / len(days) if days else None)
        for wait, limit in EXPECTED_WAIT_DAYS.items()
    }
    answered, changed = _answered()
    return Expectations(_expectations(), _satisfaction(), within, answered, changed)
