from datetime import timedelta

import pytest

from consultations.clock import now
from consultations.comments import services
from consultations.comments.models import Comment, CommentState, Stance
from consultations.consultation.services import create_consultation
from consultations.errors import PermissionDenied
from consultations.extensions import db
from consultations.plans.models import PlanStatus


@pytest.fixture
def consultation(make_plan, make_agency, make_user):
    agency = make_agency()
    plan = make_plan(status=PlanStatus.CONSULTATION, agency=agency)
    coordinator = make_user(roles=("coordinator",), agency=agency)
    return create_consultation(
        coordinator,
        agency=agency,
        plan=plan,
        commitment=None,
        slug="draft",
        texts={"en": {"title": "Draft"}},
        sections=[{"en": {"heading": "One", "body": "First"}}, {"en": {"body": "Second"}}],
        opens_at=now() - timedelta(days=1),
        closes_at=now() + timedelta(days=13),
        moment=now() - timedelta(days=1),  # made when it opened, a day ago
    )


def count() -> int:
    return db.session.scalar(db.select(db.func.count(Comment.id)))


def test_verified_citizen_comments_and_the_text_is_stored_as_sanitized_html(
    consultation, make_user
):
    citizen = make_user()
    comment = services.add_comment(
        citizen,
        consultation,
        "<script>alert(1)</script> *Yes*",
        language="en",
        stance=Stance.SUPPORT,
        section=consultation.sections[0],
    )
    assert "<script" not in comment.body_html and "&lt;script&gt;" in comment.body_html
    assert comment.stance == Stance.SUPPORT and comment.language == "en"


def test_the_same_text_twice_is_one_comment(consultation, make_user):
    citizen = make_user()
    first = services.add_comment(citizen, consultation, "Publish the data.", language="en")
    again = services.add_comment(citizen, consultation, "Publish  the data. ", language="en")
    assert again.id == first.id and count() == 1


@pytest.mark.parametrize("who", ["unverified", "suspended", "anonymous"])
def test_only_verified_active_people_may_comment(consultation, make_user, who):
    from flask_login import AnonymousUserMixin

    if who == "anonymous":
        person = AnonymousUserMixin()
    else:
        person = make_user(verified=who != "unverified")
        if who == "suspended":
            person.suspended_at = now()
    with pytest.raises(PermissionDenied):
        services.add_comment(person, consultation, "Hello", language="en")
    assert count() == 0


def test_no_comments_once_the_consultation_has_closed(consultation, make_user):
    with pytest.raises(PermissionDenied):
        services.add_comment(
            make_user(), consultation, "Late", language="en", moment=now() + timedelta(days=20)
        )


def test_too_long_and_empty_comments_get_a_clear_message(consultation, make_user, app):
    citizen = make_user()
    with pytest.raises(services.CommentRejected) as refused:
        services.add_comment(citizen, consultation, "x" * 5001, language="en")
    assert "5000" in refused.value.message.replace(",", "").replace("\u202f", "")
    with pytest.raises(services.CommentRejected):
        services.add_comment(citizen, consultation, " \u202e ", language="en")
    assert count() == 0


def test_replies_nest_three_levels_deep_at_most(consultation, make_user):
    citizen = make_user()
    parent = services.add_comment(citizen, consultation, "Level 0", language="en")
    for depth in (1, 2, 3):
        parent = services.add_comment(
            citizen, consultation, f"Level {depth}", language="en", parent=parent
        )
        assert parent.depth == depth
    with pytest.raises(services.CommentRejected):
        services.add_comment(citizen, consultation, "Level 4", language="en", parent=parent)


def test_authors_may_edit_within_fifteen_minutes_and_it_shows(consultation, make_user):
    citizen = make_user()
    comment = services.add_comment(citizen, consultation, "Frist", language="en")
    services.edit_comment(citizen, comment, "First")
    assert comment.edited_at is not None and "First" in comment.body_html
    with pytest.raises(PermissionDenied):
        services.edit_comment(citizen, comment, "Later", moment=now() + timedelta(minutes=16))
    with pytest.raises(PermissionDenied):
        services.edit_comment(make_user(), comment, "Not mine")


def test_removing_keeps_a_placeholder_row(consultation, make_user):
    citizen = make_user()
    comment = services.add_comment(citizen, consultation, "Take it back", language="en")
    services.remove_comment(citizen, comment)
    assert comment.state == CommentState.REMOVED and comment.body_text == "" and count() == 1


# Duplicates ------------------------------------------------------------------------------

DUPLICATE = "You have already posted this text on this consultation."


def test_the_same_text_on_another_section_is_refused_and_nothing_is_written(
    consultation, make_user
):
    citizen = make_user()
    first, second = consultation.sections
    services.add_comment(citizen, consultation, "Fund the registry.", language="en", section=first)
    for section in (second, None):  # another section, or the whole draft
        with pytest.raises(services.CommentRejected) as refused:
            services.add_comment(
                citizen, consultation, "fund  the registry. ", language="en", section=section
            )
        assert refused.value.field == "body" and DUPLICATE in refused.value.message
    assert count() == 1


def test_the_same_text_from_someone_else_or_a_new_text_is_published(consultation, make_user):
    citizen = make_user()
    first, second = consultation.sections
    services.add_comment(citizen, consultation, "Fund the registry.", language="en", section=first)
    services.add_comment(make_user(), consultation, "Fund the registry.", language="en")
    services.add_comment(citizen, consultation, "Fund it soon.", language="en", section=second)
    assert count() == 3


def test_the_same_reply_under_two_comments_is_refused_but_a_resent_reply_is_one(
    consultation, make_user
):
    citizen, other = make_user(), make_user()
    one = services.add_comment(other, consultation, "One", language="en")
    two = services.add_comment(other, consultation, "Two", language="en")
    reply = services.add_comment(citizen, consultation, "Agreed.", language="en", parent=one)
    again = services.add_comment(citizen, consultation, "Agreed.", language="en", parent=one)
    assert again.id == reply.id
    with pytest.raises(services.CommentRejected):
        services.add_comment(citizen, consultation, "Agreed.", language="en", parent=two)
    with pytest.raises(services.CommentRejected):  # a reply's text as a new comment, too
        services.add_comment(citizen, consultation, "Agreed.", language="en")
    assert count() == 3


def test_editing_into_another_of_ones_comments_is_refused(consultation, make_user):
    citizen = make_user()
    services.add_comment(citizen, consultation, "First point.", language="en")
    second = services.add_comment(citizen, consultation, "Second point.", language="en")
    with pytest.raises(services.CommentRejected):
        services.edit_comment(citizen, second, "First point.")
    assert second.body_text == "Second point."
    services.edit_comment(citizen, second, "Second point, corrected.")
    with pytest.raises(services.CommentRejected):  # the new words count from now on
        services.add_comment(
            citizen,
            consultation,
            "Second point, corrected.",
            language="en",
            section=consultation.sections[0],
        )
    services.add_comment(citizen, consultation, "Second point.", language="en")
    assert count() == 3


def test_a_removed_comment_can_be_written_again(consultation, make_user):
    citizen = make_user()
    first = services.add_comment(citizen, consultation, "Take two.", language="en")
    services.remove_comment(citizen, first)
    again = services.add_comment(
        citizen, consultation, "Take two.", language="en", section=consultation.sections[1]
    )
    assert again.id != first.id and count() == 2
