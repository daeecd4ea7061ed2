"""Fixtures for the personal-data tests: a person with something of everything."""

from __future__ import annotations

import pytest

from consultations.clock import now
from consultations.comments.models import Flag
from consultations.extensions import db
from consultations.satisfaction.models import SatisfactionAnswer


@pytest.fixture
def add_flag(app_ctx):
    def add(user, comment, reason="insult", note="Rude words"):
        flag = Flag(
            comment_id=comment.id, user_id=user.id, reason=reason, note=note, created_at=now()
        )
        comment.flag_count += 1
        db.session.add(flag)
        db.session.commit()
        return flag

    return add


@pytest.fixture
def add_answer(app_ctx):
    def add(user, consultation, satisfaction=4, ease=5, remark="Easy enough"):
        answer = SatisfactionAnswer(
            consultation_id=consultation.id,
            user_id=user.id,
            satisfaction=satisfaction,
            ease=ease,
            remark=remark,
            declined=False,
            created_at=now(),
        )
        db.session.add(answer)
        db.session.commit()
        return answer

    return add


@pytest.fixture
def add_follow(app_ctx):
    from consultations.follows.models import Follow, TargetKind

    def add(user, consultation):
        follow = Follow(
            user_id=user.id, target_type=TargetKind.CONSULTATION, target_id=consultation.id
        )
        db.session.add(follow)
        db.session.commit()
        return follow

    return add
