"""Comments on proposals and flags on proposals and their comments: the same rules as a
consultation's comments, through the real pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from proposals.dates import stage_dates

from consultations.audit.models import AuditEvent
from consultations.extensions import db
from consultations.proposals import discussion, services
from consultations.proposals.models import ProposalComment, ProposalFlag
from consultations.receipts.models import Receipt

from helpers import login

ROLES = ["anonymous", "citizen", "author", "monitor", "lead", "moderator", "admin"]


def client_as(app, world, role):
    client = app.test_client()
    if role == "author":
        login(client, world.people.speaker)
    elif role != "anonymous":
        login(client, getattr(world.people, role))
    return client


def comment_on(world, proposal, text="A fair point about the registry.", who=None):
    return discussion.add_comment(who or world.people.speaker, proposal, text, language="en")


def test_a_comment_is_published_with_a_receipt_and_listed(app, world, make_proposal):
    proposal = make_proposal()
    client = client_as(app, world, "monitor")
    body = {"body": "Publish the *registry* as open data.", "language": "en", "website": ""}
    response = client.post(f"/en/proposals/{proposal.id}/comments", data=body)
    assert response.status_code == 302
    again = client.post(f"/en/proposals/{proposal.id}/comments", data=body)  # a second click
    assert again.status_code == 302
    comment = db.session.scalar(db.select(ProposalComment))
    assert db.session.scalar(db.select(db.func.count()).select_from(ProposalComment)) == 1
    assert comment.body_html == "<p>Publish the <em>registry</em> as open data.</p>"
    receipt = db.session.scalar(
        db.select(Receipt).where(Receipt.subject_type == "proposal_comment")
    )
    assert receipt.reference.startswith("C-")
    page = client.get(f"/en/proposals/{proposal.id}").get_data(as_text=True)
    assert "as open data." in page and receipt.reference in page
    track = client.get(f"/en/track/{receipt.reference}")
    assert track.status_code == 200 and "comment on a proposal" in track.get_data(as_text=True)


def test_the_bot_trap_and_an_empty_text_write_nothing(app, world, make_proposal):
    proposal = make_proposal()
    client = client_as(app, world, "citizen")
    trapped = {"body": "Buy now", "language": "en", "website": "http://spam.example"}
    assert client.post(f"/en/proposals/{proposal.id}/comments", data=trapped).status_code == 302
    empty = client.post(
        f"/en/proposals/{proposal.id}/comments", data={"body": " ", "language": "en"}
    )
    assert empty.status_code == 422
    assert "Write your comment before sending it." in empty.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(ProposalComment)) == 0


def test_comments_close_with_the_proposals_stage(app, world, make_proposal):
    proposal = make_proposal()
    today = world.today
    services.save_timeline(
        world.people.admin,
        world.plan,
        stage_dates(today - timedelta(days=9), today - timedelta(days=1)),
        note="Closed early.",
    )
    client = client_as(app, world, "citizen")
    page = client.get(f"/en/proposals/{proposal.id}").get_data(as_text=True)
    assert "proposals no longer take comments" in page
    assert 'name="body"' not in page
    body = {"body": "Too late?", "language": "en"}
    assert client.post(f"/en/proposals/{proposal.id}/comments", data=body).status_code == 403


def test_the_proposal_page_costs_the_same_queries_for_3_or_30_comments(
    app, world, make_proposal, count_queries
):
    proposal = make_proposal()
    client = client_as(app, world, "citizen")
    for number in range(3):
        comment_on(world, proposal, f"Comment {number}")
    with count_queries() as few:
        assert client.get(f"/en/proposals/{proposal.id}").status_code == 200
    for number in range(3, 30):
        comment_on(world, proposal, f"Comment {number}", who=world.people.monitor)
    if "page_cache" in app.extensions:
        app.extensions["page_cache"].clear()
    with count_queries() as many:
        page = client.get(f"/en/proposals/{proposal.id}?page=2")
    assert page.status_code == 200 and "Comment 29" in page.get_data(as_text=True)
    assert many.count == few.count


def test_flags_once_per_account_hold_and_reach_the_queue(app, world, make_proposal):
    proposal = make_proposal(author=world.people.speaker)
    comment = comment_on(world, proposal)
    flaggers = (world.people.citizen, world.people.monitor, world.people.lead)
    for person in flaggers:
        client = client_as(app, world, "anonymous")
        login(client, person)
        for path in (
            f"/en/proposals/{proposal.id}/flag",
            f"/en/proposal-comments/{comment.id}/flag",
        ):
            assert client.post(path, data={"reason": "on_topic"}).status_code == 302
            second = client.post(path, data={"reason": "spam"})
            assert second.status_code == 422
            assert "You have already flagged this." in second.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(ProposalFlag)) == 6
    db.session.refresh(proposal)
    db.session.refresh(comment)
    assert (proposal.flag_count, proposal.held, comment.flag_count, comment.held) == (
        3,
        True,
        3,
        True,
    )
    held = client_as(app, world, "citizen").get(f"/en/proposals/{proposal.id}")
    assert "Proposal awaiting moderator review" in held.get_data(as_text=True)
    assert proposal.problem not in held.get_data(as_text=True)
    body = {"body": "Meanwhile?", "language": "en"}
    blocked = client_as(app, world, "citizen").post(
        f"/en/proposals/{proposal.id}/comments", data=body
    )
    assert blocked.status_code == 403
    own = client_as(app, world, "author")  # nobody flags their own words
    assert own.get(f"/en/proposals/{proposal.id}/flag").status_code == 403
    queue = client_as(app, world, "moderator").get("/en/moderation/proposals")
    text = queue.get_data(as_text=True)
    assert proposal.title in text and "A fair point about the registry." in text
    assert client_as(app, world, "citizen").get("/en/moderation/proposals").status_code == 403


def test_a_moderator_hides_and_restores_a_proposal_comment_with_audit(app, world, make_proposal):
    proposal = make_proposal()
    comment = comment_on(world, proposal)
    client = client_as(app, world, "moderator")
    hidden = client.post(
        f"/en/moderation/proposal-comments/{comment.id}/hide",
        data={f"hide-{comment.id}-rule": "respect", f"hide-{comment.id}-note": ""},
    )
    assert hidden.status_code == 302
    db.session.refresh(comment)
    assert comment.state == "hidden" and comment.hidden_rule == "respect"
    queue = client.get("/en/moderation/proposals?state=hidden").get_data(as_text=True)
    assert "A fair point about the registry." in queue
    restored = client.post(f"/en/moderation/proposal-comments/{comment.id}/restore", data={})
    assert restored.status_code == 302
    db.session.refresh(comment)
    assert comment.state == "visible"
    actions = db.session.scalars(
        db.select(AuditEvent.action).where(AuditEvent.target_type == "proposal_comment")
    ).all()
    assert sorted(actions) == ["proposal_comment.hide", "proposal_comment.restore"]
    citizen = client_as(app, world, "citizen")
    assert citizen.post(f"/en/moderation/proposal-comments/{comment.id}/hide").status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_hidden_proposals_and_comments_answer_every_role_as_hidden_comments_do(
    app, world, make_proposal, role
):
    proposal = make_proposal(author=world.people.speaker, title="Secret title")
    comment_on(world, proposal, "A comment everyone reads.", who=world.people.monitor)
    hidden = comment_on(world, proposal, "An insulting comment.")
    discussion.hide_comment(world.people.moderator, hidden, "respect")
    client = client_as(app, world, role)
    page = client.get(f"/en/proposals/{proposal.id}").get_data(as_text=True)
    # A hidden comment is a placeholder with its rule for everyone, moderators included
    # (they read it in the queue), as on a consultation's page.
    assert "An insulting comment." not in page
    assert "hidden by a moderator for breaking the rule: Respect other people" in page
    assert "A comment everyone reads." in page
    services.hide_proposal(world.people.moderator, proposal, "Off topic.")
    response = client.get(f"/en/proposals/{proposal.id}")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    moderator = role == "moderator"
    assert ("Secret title" in text) is moderator
    assert ("A comment everyone reads." in text) is moderator
    assert "Hidden by a moderator: Off topic." in text
    if role != "anonymous":  # nobody flags or comments on a hidden proposal
        assert client.get(f"/en/proposals/{proposal.id}/flag").status_code == 403


def test_the_data_download_and_account_deletion_cover_proposal_comments(world, make_proposal):
    from consultations.privacy.services import delete_account, personal_data

    from helpers import PASSWORD

    proposal = make_proposal()
    citizen = world.people.citizen
    comment = comment_on(world, proposal, "My words on it.", who=citizen)
    other = make_proposal(author=world.people.monitor)
    flag = discussion.flag(citizen, other, "spam", "Looks pasted.")
    data = personal_data(citizen)["proposal_discussion"]
    assert [row["text"] for row in data["comments"]] == ["My words on it."]
    assert [row["note"] for row in data["flags"]] == ["Looks pasted."]
    delete_account(citizen, PASSWORD, "remove")
    db.session.refresh(comment)
    assert (comment.author_id, comment.body_text, comment.state) == (None, "", "removed")
    db.session.refresh(flag)
    assert (flag.user_id, flag.note) == (None, "")


def test_moderators_are_told_of_proposal_items_held_too_long(app, world, make_proposal):
    from consultations.proposals.staff_items import held_items
    from consultations.staff.items import count_items

    proposal = make_proposal()
    comment = comment_on(world, proposal)
    later = comment.created_at + timedelta(hours=app.config["STAFF_HELD_HOURS"] + 1)
    comment.held, comment.held_at = True, comment.created_at
    db.session.commit()
    moderator, citizen = world.people.moderator, world.people.citizen
    with app.test_request_context("/en/staff"):
        assert "1 proposal or comment on a proposal" in held_items(moderator, later)[0].text
        assert held_items(citizen, later) == []
        assert count_items(moderator, later) >= 1
