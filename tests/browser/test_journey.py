"""A consultation from start to finish, in Hebrew, the way people do it in the browser.

A resident registers, confirms their address through the e-mail link, comments on the
open demo consultation, replies to someone and flags a comment; a moderator hides the
flagged comment; the coordinator answers the resident's comment; the page then shows the
response and the right "answered" count.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from consultations.comments.models import Comment, CommentState, Flag
from consultations.consultation.models import Consultation
from consultations.demo import DEMO_PASSWORD
from consultations.extensions import db
from consultations.mail.models import OutboxMail
from consultations.responses.models import AnsweredComment

SLUG = "il-2026-2029-draft"
EMAIL = "michal.journey@example.org"
COMMENT = "הערה מהמסע בדפדפן: כדאי לפרסם את המרשם גם כקובץ נתונים פתוח."
REPLY = "תגובה מהמסע בדפדפן: מסכימה לגמרי."


@pytest.fixture
def site(live_server):
    """Run a block against the live site's database."""

    class Site:
        def query(self, statement):
            with live_server.app.app_context():
                try:
                    return db.session.execute(statement).all()
                finally:
                    db.session.remove()

        def scalar(self, statement):
            rows = self.query(statement)
            return rows[0][0] if rows else None

    return Site()


def _comment_id(site, author_email: str | None = None, text: str | None = None) -> int:
    from consultations.accounts.models import User

    statement = (
        select(Comment.id)
        .join(Consultation, Comment.consultation_id == Consultation.id)
        .where(Consultation.slug == SLUG)
    )
    if author_email:
        statement = statement.join(User, Comment.author_id == User.id).where(
            User.email == author_email, Comment.depth == 0
        )
    if text:
        statement = statement.where(Comment.body_text == text)
    return site.scalar(statement.order_by(Comment.id))


def _submit(form) -> None:
    with form.page.expect_navigation():
        form.locator("button[type=submit]").last.click()


def test_a_resident_takes_part_and_the_government_answers(browser, live_server, site):
    resident = browser.new_context(base_url=live_server.base_url, locale="he-IL")
    page = resident.new_page()

    # Register in Hebrew, then confirm the address through the link in the outbox.
    page.goto("/he/register")
    assert page.locator("html").get_attribute("dir") == "rtl"
    form = page.locator("main form")
    form.locator("[name=display_name]").fill("מיכל ישראלי")
    form.locator("[name=email]").fill(EMAIL)
    form.locator("[name=password]").fill("גשר-ירוק-מעל-נהר-2031")
    form.locator("[name=accept_terms]").check()
    _submit(form)
    body = site.scalar(select(OutboxMail.body).where(OutboxMail.recipient == EMAIL))
    link = re.search(r"http://localhost(/\S+)", body).group(1)
    page.goto(link)

    # Log in (whether or not registering already did) and comment on section 2, in support.
    page.goto("/he/login")
    if page.locator("main form [name=password]").count():
        form = page.locator("main form")
        form.locator("[name=email]").fill(EMAIL)
        form.locator("[name=password]").fill("גשר-ירוק-מעל-נהר-2031")
        _submit(form)
    page.goto(f"/he/consultations/{SLUG}")
    form = page.locator(f"form[action*='/consultations/{SLUG}/comments']")
    form.locator("[name=section]").select_option("section-2")
    form.locator("[name=body]").fill(COMMENT)
    form.locator("[name=stance][value=support]").check()
    _submit(form)
    own = _comment_id(site, text=COMMENT)
    assert own, "the comment was not stored"
    assert page.url.endswith(f"#comment-{own}")
    assert page.locator(f"#comment-{own}").inner_text().count(COMMENT) == 1
    # Its reference number is on the page, and its track page says it is published.
    reference = page.locator(".flash-receipt .reference").inner_text()
    assert re.fullmatch(r"C-[0-9A-Z]{4}-[0-9A-Z]{4}", reference)
    page.locator(".flash-receipt a").click()
    assert page.url.endswith(f"/he/track/{reference}")
    assert page.locator("main h1").inner_text().endswith(reference)

    # Reply to David Green's question about vendors.
    vendors = _comment_id(site, author_email="david@example.org")
    page.goto(f"/he/consultations/{SLUG}?section=section-2")
    page.locator(f"a[href*='/comments/{vendors}/reply']").first.click()
    form = page.locator("main form[method=post]").last
    form.locator("[name=body]").fill(REPLY)
    _submit(form)
    reply = _comment_id(site, text=REPLY)
    assert page.locator(f"#comment-{reply}").is_visible()
    assert site.scalar(select(Comment.parent_id).where(Comment.id == reply)) == vendors

    # Flag Yossi's comment on the quarterly updates as spam.
    flagged = _comment_id(site, author_email="yossi@example.org")
    page.goto(f"/he/comments/{flagged}/flag")
    form = page.locator("main form[method=post]").last
    form.locator("[name=reason][value=spam]").check()
    _submit(form)
    assert site.scalar(select(func.count(Flag.id)).where(Flag.comment_id == flagged)) == 1

    # A moderator hides it under the advertising rule; the page keeps a placeholder.
    moderator = browser.new_context(base_url=live_server.base_url)
    staff = moderator.new_page()
    staff.request.post(
        "/he/login", form={"email": "moderator@example.org", "password": DEMO_PASSWORD}
    )
    staff.goto("/he/moderation")
    form = staff.locator(f"form[action*='/moderation/comments/{flagged}/hide']")
    form.locator("select").select_option("spam")
    _submit(form)
    assert site.scalar(select(Comment.state).where(Comment.id == flagged)) == CommentState.HIDDEN
    page.goto(f"/he/consultations/{SLUG}?section=section-2")
    hidden = page.locator(f"#comment-{flagged}").inner_text()
    assert "ללא פרסומות או ספאם" in hidden  # the rule's title in Hebrew
    assert "עדכון פעם ברבעון" not in hidden
    moderator.close()

    # The coordinator answers the resident's comment as adopted, with reasons.
    coordinator = browser.new_context(base_url=live_server.base_url)
    desk = coordinator.new_page()
    desk.request.post(
        "/he/login", form={"email": "coordinator@example.org", "password": DEMO_PASSWORD}
    )
    # Waiting comments come oldest first, 20 a page: find the page that lists the new one.
    for number in range(1, 6):
        desk.goto(f"/he/staff/consultations/{SLUG}/responses?section=section-2&page={number}")
        if desk.locator(f"[name=comments][value='{own}']").count():
            break
    form = desk.locator("main form:has([name=comments])").first
    form.locator(f"[name=comments][value='{own}']").check()
    form.locator("[name=outcome][value=adopted]").check()
    form.locator("[name=reasons_he]").fill("נפרסם את המרשם גם כקובץ CSV בממשק נתונים פתוח.")
    _submit(form)
    assert site.scalar(select(AnsweredComment.response_id).where(AnsweredComment.comment_id == own))
    coordinator.close()

    # The resident sees the response under their comment, and the right answered count.
    page.goto(f"/he/consultations/{SLUG}?section=section-2")
    assert "נפרסם את המרשם גם כקובץ CSV" in page.locator(f"#comment-{own}").inner_text()
    answered = site.scalar(
        select(func.count(AnsweredComment.comment_id))
        .join(Comment, AnsweredComment.comment_id == Comment.id)
        .join(Consultation, Comment.consultation_id == Consultation.id)
        .where(Consultation.slug == SLUG, Comment.state == CommentState.VISIBLE)
    )
    total = site.scalar(
        select(func.count(Comment.id))
        .join(Consultation, Comment.consultation_id == Consultation.id)
        .where(Consultation.slug == SLUG, Comment.state == CommentState.VISIBLE)
    )
    summary = page.locator(".response-summary").inner_text()
    assert re.search(rf"\b{answered}\b", summary) and re.search(rf"\b{total}\b", summary), summary
    resident.close()
