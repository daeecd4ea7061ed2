"""Writing comments on the consultation page: who may, what they see, and what gets stored."""

from __future__ import annotations

import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from consultations.agencies.models import Agency, AgencyText
from consultations.clock import now
from consultations.comments.models import Comment, CommentState, Stance
from consultations.consultation.models import Consultation, ConsultationText, Section, SectionText
from consultations.extensions import db
from consultations.plans.models import ActionPlan, ActionPlanText, PlanStatus

from helpers import PASSWORD, add_account, login, page_without_csrf_token

PAGE = "/en/consultations/open-data"
POST = "/en/consultations/open-data/comments"
PUBLISHED = "Thank you. Your comment is published."


@pytest.fixture
def consultation(make_consultation):
    return make_consultation(slug="open-data", titles={"en": "Open data law"}, sections=2)


@pytest.fixture
def citizen(client, make_user):
    user = make_user(name="Dana Cohen")
    login(client, user)
    return user


def comments() -> list[Comment]:
    return list(db.session.scalars(db.select(Comment).order_by(Comment.id)))


def text_of(response) -> str:
    return response.get_data(as_text=True)


# Who sees the form ----------------------------------------------------------------------


def test_verified_citizen_sees_the_comment_form(client, consultation, citizen):
    html = text_of(client.get(PAGE))
    assert f'action="{POST}#write"' in html
    assert '<textarea aria-describedby="body-hint" dir="auto" id="body" maxlength="5000"' in html
    assert "At most 5,000 characters." in html
    assert "<legend>Your stance (optional)</legend>" in html
    assert '<option lang="he" value="he">עברית</option>' in html
    assert '<option lang="en" selected value="en">English</option>' in html
    trap = html.split('<div class="visually-hidden">', 1)[1].split("</div>", 1)[0]
    assert "Leave this field empty" in trap
    assert 'autocomplete="off"' in trap and 'tabindex="-1"' in trap


def test_the_form_follows_the_page_language_and_the_section_asked_for(
    client, consultation, citizen
):
    html = text_of(client.get("/he/consultations/open-data?section=section-2"))
    assert '<option lang="he" selected value="he">עברית</option>' in html
    form = html.split('id="section"', 1)[1].split("</select>", 1)[0]
    assert '<option selected value="section-2">' in form


def test_visitor_is_told_to_log_in_or_register(client, consultation):
    html = text_of(client.get(PAGE))
    assert f'action="{POST}' not in html
    assert "To comment, log in with an account whose e-mail address is confirmed." in html
    assert 'href="/en/login?next=/en/consultations/open-data"' in html
    assert 'href="/en/register?next=/en/consultations/open-data"' in html


def test_unverified_person_is_told_how_to_confirm(client, consultation, make_user):
    user = make_user(email="una@example.org", verified=False)
    login(client, user)
    html = text_of(client.get(PAGE))
    assert f'action="{POST}' not in html
    assert "confirm your e-mail address: open the link we sent to una@example.org" in html
    assert 'action="/en/verify/resend"' in html


def test_suspended_person_is_told_so(client, consultation, make_user):
    user = make_user()
    login(client, user)
    user.suspended_at = now()
    db.session.commit()
    html = text_of(client.get(PAGE))
    assert f'action="{POST}' not in html
    assert "A moderator has suspended your account, so you cannot comment." in html


def test_scheduled_and_closed_consultations_take_no_comments(client, make_consultation, citizen):
    make_consultation(slug="soon", opens_in=timedelta(days=2))
    make_consultation(slug="past", opens_in=timedelta(days=-20), lasts=timedelta(days=5))
    soon = text_of(client.get("/en/consultations/soon"))
    assert "Comments open on" in soon and 'action="/en/consultations/soon/comments' not in soon
    past = text_of(client.get("/en/consultations/past"))
    assert "This consultation closed on" in past
    response = client.post("/en/consultations/past/comments", data={"body": "Late."})
    assert response.status_code == 403 and comments() == []


# Posting -------------------------------------------------------------------------------


def test_posting_publishes_the_comment_and_goes_to_it(client, consultation, citizen):
    response = client.post(
        POST,
        data={
            "body": "Publish the *registry*.",
            "stance": "support",
            "section": "section-1",
            "language": "lv",
        },
    )
    [comment] = comments()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{PAGE}#comment-{comment.id}")
    assert comment.stance == Stance.SUPPORT and comment.language == "lv"
    assert comment.section_id == consultation.sections[0].id
    assert comment.author_id == citizen.id
    html = text_of(client.get(PAGE))
    assert PUBLISHED in html
    assert (
        '<div class="comment-body" lang="lv" dir="auto"><p>Publish the <em>registry</em>.' in html
    )


def test_a_comment_on_a_later_page_is_linked_with_its_page(
    client, consultation, citizen, make_comment
):
    start = now() - timedelta(hours=1)
    for number in range(20):
        make_comment(consultation, created_at=start + timedelta(seconds=number))
    response = client.post(POST, data={"body": "Number twenty-one.", "language": "en"})
    comment = comments()[-1]
    assert response.headers["Location"].endswith(f"{PAGE}?page=2#comment-{comment.id}")
    assert f'id="comment-{comment.id}"' in text_of(client.get(f"{PAGE}?page=2"))


def test_the_same_text_twice_is_one_comment(client, consultation, citizen):
    for _ in range(2):
        response = client.post(POST, data={"body": "Publish the data.", "language": "en"})
        assert response.status_code == 302
    assert len(comments()) == 1


def test_the_same_text_on_another_section_comes_back_with_a_translated_message(
    client, consultation, citizen
):
    data = {"body": "Publish the data.", "language": "hu", "section": "section-1"}
    assert client.post(POST, data=data).status_code == 302
    response = client.post(
        "/hu/consultations/open-data/comments", data={**data, "section": "section-2"}
    )
    html = text_of(response)
    assert response.status_code == 422
    assert "Ezt a szöveget már elküldte ebben a társadalmi egyeztetésben." in html
    assert ">\r\nPublish the data.</textarea>" in html
    assert '<option selected value="section-2">' in html
    assert len(comments()) == 1


def test_too_long_text_comes_back_intact_with_a_translated_message(client, consultation, citizen):
    text = "Ő" * 5001
    response = client.post(
        "/hu/consultations/open-data/comments", data={"body": text, "language": "hu"}
    )
    html = text_of(response)
    assert response.status_code == 422
    assert "Egy észrevétel legfeljebb 5000 karakter lehet; ez 5001 karakterből áll." in html
    assert f">\r\n{text}</textarea>" in html
    assert comments() == []


def test_a_kept_form_never_carries_another_readers_text(
    app, client, consultation, citizen, make_user
):
    """The form's fields are kept while untouched; one sent back with an error is not."""
    path = "/hu/consultations/open-data?section=section-2"
    first = text_of(client.get(path))
    other = app.test_client()
    login(other, make_user())
    typed = "Ő" * 5001
    refused = other.post(
        "/hu/consultations/open-data/comments",
        data={"body": typed, "language": "hu", "section": "section-1"},
    )
    assert refused.status_code == 422 and f">\r\n{typed}</textarea>" in text_of(refused)
    form = text_of(refused).split('id="section"', 1)[1].split("</select>", 1)[0]
    assert '<option selected value="section-1">' in form
    again = text_of(client.get(path))
    assert typed not in again and "legfeljebb 5000 karakter" not in again
    written = [
        page_without_csrf_token(page).split('id="write-title"')[1] for page in (again, first)
    ]
    assert written[0] == written[1]


def test_empty_text_is_refused(client, consultation, citizen):
    response = client.post(POST, data={"body": "   ", "language": "en"})
    assert response.status_code == 422
    assert "Write your comment before sending it." in text_of(response)
    assert comments() == []


def test_honeypot_looks_like_success_but_writes_nothing(client, consultation, citizen):
    response = client.post(
        POST, data={"body": "Buy cheap pills", "language": "en", "website": "http://spam"}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{PAGE}#comments")
    assert PUBLISHED in text_of(client.get(PAGE))
    assert comments() == []


def test_visitors_cannot_post(client, consultation):
    response = client.post(POST, data={"body": "Hello", "language": "en"})
    assert response.status_code == 302 and "/en/login" in response.headers["Location"]
    assert comments() == []


# CSRF ----------------------------------------------------------------------------------


@pytest.fixture
def csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def token_from(client, path: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', text_of(client.get(path)))
    assert match
    return match.group(1)


def test_comment_without_its_csrf_token_is_refused(csrf_on, client, consultation, make_user):
    user = make_user()
    client.post(
        "/en/login",
        data={
            "email": user.email,
            "password": PASSWORD,
            "csrf_token": token_from(client, "/en/login"),
        },
    )
    refused = client.post(POST, data={"body": "No token.", "language": "en"})
    assert refused.status_code == 400 and comments() == []
    token = token_from(client, PAGE)
    accepted = client.post(
        POST, data={"body": "With token.", "language": "en", "csrf_token": token}
    )
    assert accepted.status_code == 302 and len(comments()) == 1


# Rate limits ---------------------------------------------------------------------------


def _open_consultation() -> Consultation:
    agency = Agency(slug="ict", texts=[AgencyText(locale="en", name="ICT")])
    plan = ActionPlan(
        slug="plan",
        country="IL",
        number=1,
        period_start=date(2026, 1, 1),
        period_end=date(2028, 1, 1),
        status=PlanStatus.CONSULTATION,
        coordinating_agency=agency,
        texts=[ActionPlanText(locale="en", title="Plan", summary="")],
    )
    consultation = Consultation(
        slug="open-data",
        agency=agency,
        plan=plan,
        opens_at=now() - timedelta(days=1),
        closes_at=now() + timedelta(days=10),
        response_deadline=now() + timedelta(days=40),
        texts=[ConsultationText(locale="en", title="T", introduction="", updated_at=now())],
    )
    section = Section(position=1, anchor="section-1")
    section.texts.append(SectionText(locale="en", heading="", body="B", updated_at=now()))
    consultation.sections.append(section)
    db.session.add(consultation)
    db.session.commit()
    return consultation


@pytest.fixture
def limited(make_app):
    """An app with rate limits on. Requests run outside any shared app context, so each one
    loads its own signed-in person (an app context held open would keep the first in `g`)."""
    app = make_app(
        RATELIMIT_ENABLED=True,
        COMMENT_RATE_LIMIT="3 per minute",
        NEW_ACCOUNT_COMMENT_RATE_LIMIT="2 per minute",
        COMMENT_IP_RATE_LIMIT="4 per minute",
    )
    with app.app_context():
        _open_consultation()
    return app


def _person(app, email: str, days_old: int):
    with app.app_context():
        user = add_account(email, name=email.split("@")[0].title())
        user.created_at = now() - timedelta(days=days_old)
        db.session.commit()
        client = app.test_client()
        login(client, user)
    return client


def _post(client, number: int, ip: str = "192.0.2.1"):
    return client.post(
        POST,
        data={"body": f"Comment {number}", "language": "en"},
        environ_base={"REMOTE_ADDR": ip},
    )


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Comment.id)))


def test_new_accounts_have_the_stricter_limit(limited):
    client = _person(limited, "new@example.org", days_old=1)
    assert [_post(client, n).status_code for n in range(3)] == [302, 302, 429]
    assert _count(limited) == 2


def test_established_accounts_have_the_ordinary_limit(limited):
    client = _person(limited, "old@example.org", days_old=30)
    assert [_post(client, n).status_code for n in range(4)] == [302, 302, 302, 429]
    assert _count(limited) == 3


def test_one_address_is_limited_across_accounts(limited):
    first = _person(limited, "first@example.org", days_old=30)
    second = _person(limited, "second@example.org", days_old=30)
    statuses = [_post(first, n).status_code for n in range(2)]
    statuses += [_post(second, n).status_code for n in range(3)]
    assert statuses == [302, 302, 302, 302, 429]
    other_address = _post(first, 9, ip="198.51.100.7")
    assert other_address.status_code == 302


def test_over_the_limit_the_typed_comment_comes_back_with_when_to_send_it(limited):
    client = _person(limited, "fast@example.org", days_old=1)
    assert [_post(client, n).status_code for n in range(2)] == [302, 302]
    data = {"body": "Keep *this* text.", "stance": "oppose", "section": "section-1"}
    response = client.post(POST, data={**data, "language": "en"})
    html = text_of(response)
    assert response.status_code == 429
    assert ">\r\nKeep *this* text.</textarea>" in html
    assert '<option selected value="section-1">' in html
    assert re.search(r'value="oppose"[^>]*checked|checked[^>]*value="oppose"', html)
    assert re.search(
        r"Your text is kept below, not yet sent: you can send it in \d+ seconds?\.", html
    )
    assert _count(limited) == 2


@pytest.fixture
def hourly(make_app):
    app = make_app(
        RATELIMIT_ENABLED=True,
        NEW_ACCOUNT_COMMENT_RATE_LIMIT="1 per hour",
        BABEL_DEFAULT_TIMEZONE="Asia/Jerusalem",
    )
    with app.app_context():
        _open_consultation()
    return app


def test_a_longer_wait_is_given_as_a_time_in_the_readers_language_and_zone(hourly):
    client = _person(hourly, "slow@example.org", days_old=1)
    assert _post(client, 1).status_code == 302
    started = now()
    response = client.post(
        "/hu/consultations/open-data/comments", data={"body": "Második.", "language": "hu"}
    )
    html = text_of(response)
    assert response.status_code == 429
    assert ">\r\nMásodik.</textarea>" in html
    local = (started + timedelta(hours=1)).astimezone(ZoneInfo("Asia/Jerusalem"))
    times = {f"{(local + timedelta(minutes=m)):%-H:%M}" for m in (-1, 0, 1)}
    assert any(f"{time} után küldheti el" in html for time in times), html


def test_over_the_limit_a_typed_reply_comes_back(limited):
    with limited.app_context():
        parent_id = _comment_by_someone_else()
    client = _person(limited, "replier@example.org", days_old=1)
    assert [_post(client, n).status_code for n in range(2)] == [302, 302]
    response = client.post(
        f"/en/comments/{parent_id}/reply", data={"body": "My reply, kept.", "language": "en"}
    )
    html = text_of(response)
    assert response.status_code == 429
    assert ">\r\nMy reply, kept.</textarea>" in html and "you can send it in" in html


def _comment_by_someone_else() -> int:
    author = add_account("other@example.org", name="Other Person")
    consultation = db.session.scalar(db.select(Consultation))
    comment = Comment(
        consultation_id=consultation.id,
        author_id=author.id,
        language="en",
        body_text="Parent",
        body_html="<p>Parent</p>",
        fingerprint="parent",
        created_at=now(),
    )
    db.session.add(comment)
    db.session.commit()
    return comment.id


# Replies -------------------------------------------------------------------------------


def test_reply_page_shows_the_comment_and_posts_a_reply(
    client, consultation, citizen, make_comment
):
    parent = make_comment(consultation, text="Publish it weekly.", section=consultation.sections[1])
    page = client.get(f"/en/comments/{parent.id}/reply")
    assert page.status_code == 200 and "Publish it weekly." in text_of(page)
    response = client.post(
        f"/en/comments/{parent.id}/reply", data={"body": "Daily is better.", "language": "en"}
    )
    reply = comments()[-1]
    assert response.headers["Location"].endswith(f"{PAGE}#comment-{reply.id}")
    assert (reply.parent_id, reply.depth) == (parent.id, 1)
    assert reply.section_id == consultation.sections[1].id
    html = text_of(client.get(PAGE))
    assert re.search(
        rf'id="comment-{parent.id}".*<ol class="replies">.*Daily is better', html, re.S
    )


def test_empty_reply_keeps_the_person_on_the_reply_page(
    client, consultation, citizen, make_comment
):
    parent = make_comment(consultation)
    response = client.post(f"/en/comments/{parent.id}/reply", data={"body": "", "language": "en"})
    assert response.status_code == 422 and "Write your comment before sending it." in text_of(
        response
    )
    assert len(comments()) == 1


def test_no_reply_below_the_third_level(client, consultation, citizen, make_comment):
    comment = make_comment(consultation)
    for _ in range(3):
        comment = make_comment(consultation, parent=comment)
    assert comment.depth == 3
    html = text_of(client.get(PAGE))
    assert f'href="/en/comments/{comment.id}/reply"' not in html
    assert f'href="/en/comments/{comment.parent_id}/reply"' in html
    response = client.post(f"/en/comments/{comment.id}/reply", data={"body": "Deeper"})
    assert response.status_code == 403


def test_visitors_see_no_reply_links(client, consultation, make_comment):
    comment = make_comment(consultation)
    assert f"/en/comments/{comment.id}/reply" not in text_of(client.get(PAGE))


# Editing -------------------------------------------------------------------------------


def test_author_edits_within_fifteen_minutes_and_it_shows_as_edited(
    client, consultation, citizen, make_comment
):
    comment = make_comment(consultation, text="Typo hree.", author=citizen)
    html = text_of(client.get(PAGE))
    assert f'href="/en/comments/{comment.id}/edit"' in html
    page = client.get(f"/en/comments/{comment.id}/edit")
    assert "Typo hree." in text_of(page)
    response = client.post(f"/en/comments/{comment.id}/edit", data={"body": "Typo here."})
    assert response.headers["Location"].endswith(f"#comment-{comment.id}")
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).body_text == "Typo here."
    item = text_of(client.get(PAGE)).split(f'id="comment-{comment.id}"', 1)[1]
    assert 'class="comment-edited">edited<' in item and "Typo here." in item


def test_editing_after_the_window_keeps_the_new_text_but_changes_nothing(
    client, consultation, citizen, make_comment
):
    comment = make_comment(
        consultation, text="Original.", author=citizen, created_at=now() - timedelta(minutes=16)
    )
    assert f"/en/comments/{comment.id}/edit" not in text_of(client.get(PAGE))
    assert client.get(f"/en/comments/{comment.id}/edit").status_code == 403
    response = client.post(f"/en/comments/{comment.id}/edit", data={"body": "Too late."})
    html = text_of(response)
    assert response.status_code == 422
    assert "Comments can be edited for 15 minutes after they are written." in html
    assert "Too late.</textarea>" in html
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).body_text == "Original."


def test_nobody_edits_someone_elses_comment(client, consultation, citizen, make_comment):
    comment = make_comment(consultation, text="Mine.")
    assert client.get(f"/en/comments/{comment.id}/edit").status_code == 403
    assert client.post(f"/en/comments/{comment.id}/edit", data={"body": "X"}).status_code == 403


# Removing ------------------------------------------------------------------------------


def test_removing_asks_first_and_a_comment_without_replies_disappears(
    client, consultation, citizen, make_comment
):
    comment = make_comment(consultation, text="Second thoughts.", author=citizen)
    page = client.get(f"/en/comments/{comment.id}/remove")
    assert page.status_code == 200 and "Remove your comment?" in text_of(page)
    response = client.post(f"/en/comments/{comment.id}/remove")
    assert response.status_code == 302
    html = text_of(client.get(PAGE))
    assert "Your comment is removed." in html
    assert f'id="comment-{comment.id}"' not in html and "Second thoughts." not in html
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).state == CommentState.REMOVED


def test_a_removed_comment_with_replies_leaves_a_placeholder(
    client, consultation, citizen, make_comment
):
    comment = make_comment(consultation, text="Second thoughts.", author=citizen)
    make_comment(consultation, text="But I agreed!", parent=comment)
    client.post(f"/en/comments/{comment.id}/remove")
    html = text_of(client.get(PAGE))
    assert f'id="comment-{comment.id}"' in html
    assert "This comment was removed by its author." in html
    assert "Second thoughts." not in html and "But I agreed!" in html


def test_nobody_removes_someone_elses_comment(client, consultation, citizen, make_comment):
    comment = make_comment(consultation)
    assert client.post(f"/en/comments/{comment.id}/remove").status_code == 403
    assert f"/en/comments/{comment.id}/remove" not in text_of(client.get(PAGE))
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).state == CommentState.VISIBLE


def test_flag_link_for_other_peoples_comments(client, consultation, citizen, make_comment):
    theirs = make_comment(consultation)
    mine = make_comment(consultation, author=citizen)
    html = text_of(client.get(PAGE))
    assert f'href="/en/comments/{theirs.id}/flag"' in html
    assert f'href="/en/comments/{mine.id}/flag"' not in html
