"""A proposal's receipt: its reference number once, on the page and by e-mail in the
author's language, and a track page that says where it stands and nothing about who wrote it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from consultations.extensions import db
from consultations.proposals import services
from consultations.receipts.models import Receipt
from consultations.receipts.services import reference_for

from helpers import link_in, login, outbox

SECRET = "My neighbour at 12 Herzl Street hoards the ministry's files."


def track(client, reference: str, lang: str = "en") -> tuple[int, str]:
    response = client.get(f"/{lang}/track/{reference}")
    return response.status_code, response.get_data(as_text=True)


def test_a_proposal_sent_twice_gets_one_reference_and_one_mail(world, make_proposal):
    first = make_proposal(title="Open budgets", problem="Hidden", solution="Publish")
    again = make_proposal(title="Open budgets", problem="Hidden", solution="Publish")
    assert again.id == first.id
    reference = reference_for("proposal", first.id)
    assert reference.startswith("P-")
    assert db.session.scalar(select(func.count(Receipt.id))) == 1
    [mail] = outbox(world.people.citizen.email)
    assert mail.subject == f"Your proposal is received: reference {reference}"
    assert f"Your reference number: {reference}" in mail.body
    deadline = world.today + timedelta(days=3 + 30)  # the stage's end, then 30 days
    assert deadline.strftime("%Y") in mail.body and "reasoned answer" in mail.body
    assert link_in(mail) == f"/en/track/{reference}"


def test_the_receipt_mail_speaks_the_authors_language(world, make_proposal, make_user):
    author = make_user("דנה כהן", email="dana@example.org", language="he")
    proposal = make_proposal(author=author)
    [mail] = outbox("dana@example.org")
    assert mail.language == "he"
    assert reference_for("proposal", proposal.id) in mail.subject
    assert "Your proposal is received" not in mail.subject
    assert link_in(mail).startswith("/he/track/P-")


def test_the_confirmation_shows_the_reference_with_its_track_link(app, world):
    client = app.test_client()
    login(client, world.people.citizen)
    response = client.post(
        "/en/plans/il-draft/proposals/new",
        data={"title": "Open budgets", "problem": "Hidden", "solution": "Publish"},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    [receipt] = db.session.scalars(select(Receipt)).all()
    assert "Your reference number:" in html and receipt.reference in html
    assert f'href="/en/track/{receipt.reference}"' in html


def test_a_published_proposal_shows_the_answer_deadline_and_no_author(client, world, make_proposal):
    proposal = make_proposal(title=SECRET)
    status, html = track(client, reference_for("proposal", proposal.id))
    assert status == 200
    assert "Published, waiting for the government's answer" in html
    assert "Answer due by" in html
    assert (world.today + timedelta(days=33)).isoformat() in html
    assert f'href="/en/proposals/{proposal.id}"' in html
    assert "Citizen" not in html and world.people.citizen.email not in html
    assert "Herzl" not in html


def test_a_hidden_proposal_shows_the_reason_and_nothing_of_its_words(client, world, make_proposal):
    proposal = make_proposal(title=SECRET, problem=SECRET, solution=SECRET)
    services.hide_proposal(world.people.moderator, proposal, "It names a private person.")
    status, html = track(client, reference_for("proposal", proposal.id))
    assert status == 200
    assert "Hidden by a moderator" in html and "It names a private person." in html
    assert "Herzl" not in html and "Citizen" not in html
    assert "Answer due by" not in html


def test_an_answered_proposal_shows_outcome_reasons_and_date_once_published(
    client, world, make_proposal
):
    proposal = make_proposal(title=SECRET)
    reference = reference_for("proposal", proposal.id)
    services.answer_proposal(
        world.people.national,
        proposal,
        outcome="not_included",
        reasons="Out of the plan's scope this cycle.",
        language="en",
    )
    _status, html = track(client, reference)
    assert "Out of the plan's scope" not in html  # written, not yet published
    services.publish_answers(world.people.national, world.plan)
    status, html = track(client, reference)
    assert status == 200
    assert "Answered" in html and "not included" in html
    assert "Out of the plan&#39;s scope this cycle." in html
    assert "Answer published" in html and world.today.isoformat() in html
    assert "Herzl" not in html and "Citizen" not in html
    assert "National coordinator" not in html  # who wrote the answer is not the point here


def test_a_deleted_proposal_is_an_unknown_number(client, world, make_proposal):
    proposal = make_proposal()
    reference = reference_for("proposal", proposal.id)
    db.session.delete(proposal)
    db.session.commit()
    assert track(client, reference)[0] == 404
