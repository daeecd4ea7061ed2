"""Proposals in the API: visible ones with their answer once published; hidden ones never."""

from __future__ import annotations

from consultations.extensions import db
from consultations.proposals import services

from helpers import login


def test_the_api_lists_visible_proposals_and_published_answers_only(client, world, make_proposal):
    shown, hidden = make_proposal(title="Open budgets"), make_proposal(title="Rude words")
    services.hide_proposal(world.people.moderator, hidden, "Insults")
    services.answer_proposal(
        world.people.lead,
        shown,
        outcome="included",
        reasons="Taken up",
        language="en",
        commitment_id=world.commitment.id,
    )
    body = client.get("/api/v1/proposals?plan=il-draft").get_json()
    assert [item["title"] for item in body["data"]] == ["Open budgets"]
    assert body["data"][0]["answer"] is None  # written, not yet published
    assert client.get(f"/api/v1/proposals/{hidden.id}").status_code == 404
    services.publish_answers(world.people.national, world.plan)
    item = client.get(f"/api/v1/proposals/{shown.id}").get_json()
    assert item["answer"]["outcome"] == "included"
    assert item["answer"]["commitment"] == world.commitment.reference
    assert item["supporters"] == 0 and item["ogp_values"] == ["access_to_information"]


def test_the_open_data_file_lists_visible_proposals_with_published_answers(
    client, world, make_proposal
):
    shown, hidden = make_proposal(title="Open budgets"), make_proposal(title="Rude words")
    services.hide_proposal(world.people.moderator, hidden, "Insults")
    services.answer_proposal(
        world.people.lead, shown, outcome="not_included", reasons="Too costly", language="en"
    )
    text = client.get("/data/proposals.csv").get_data(as_text=True)
    assert "Open budgets" in text and "Rude words" not in text and "Too costly" not in text
    services.publish_answers(world.people.national, world.plan)
    text = client.get("/data/proposals.csv").get_data(as_text=True)
    assert "Too costly" in text and "not_included" in text


def test_search_finds_visible_proposals_and_forgets_hidden_ones(client, world, make_proposal):
    proposal = make_proposal(title="Transparent lobbying register", problem="Secret meetings")
    page = client.get("/en/search?q=lobbying").get_data(as_text=True)
    assert "1 proposal" in page and f"/en/proposals/{proposal.id}" in page
    services.hide_proposal(world.people.moderator, proposal, "Spam")
    if "page_cache" in client.application.extensions:
        client.application.extensions["page_cache"].clear()
    page = client.get("/en/search?q=lobbying").get_data(as_text=True)
    assert f"/en/proposals/{proposal.id}" not in page


def test_published_answers_reach_the_plan_and_commitment_feeds(client, world, make_proposal):
    proposal = make_proposal(title="Open budgets")
    services.answer_proposal(
        world.people.lead,
        proposal,
        outcome="included",
        reasons="Taken up in full",
        language="en",
        commitment_id=world.commitment.id,
    )
    assert "Taken up in full" not in client.get("/en/plans/il-draft/feed.atom").get_data(
        as_text=True
    )
    services.publish_answers(world.people.national, world.plan)
    for path in (
        "/en/plans/il-draft/feed.atom",
        f"/en/commitments/{world.commitment.reference}/feed.atom",
    ):
        if "page_cache" in client.application.extensions:
            client.application.extensions["page_cache"].clear()
        feed = client.get(path).get_data(as_text=True)
        assert "Answer to the proposal" in feed and "Taken up in full" in feed, path


def test_a_held_proposal_waits_out_of_every_public_list_until_a_moderator_checks_it(
    app, client, world, make_proposal
):
    proposal = make_proposal(title="Transparent lobbying register", problem="Secret meetings")
    proposal.held, proposal.flag_count = True, 3  # as three flags leave it
    db.session.commit()
    public = {
        "list": "/en/plans/il-draft/proposals",
        "api": "/api/v1/proposals?plan=il-draft",
        "file": "/data/proposals.csv",
        "search": "/en/search?q=lobbying",
        "repository": "/en/plans/il-draft/repository",
    }
    link = f"/en/proposals/{proposal.id}"  # search marks the words it found
    for where, path in public.items():
        page = client.get(path).get_data(as_text=True)
        assert "lobbying register" not in page and link not in page, where
    assert client.get(f"/api/v1/proposals/{proposal.id}").status_code == 404
    moderator = app.test_client()
    login(moderator, world.people.moderator)
    listed = moderator.get("/en/plans/il-draft/proposals").get_data(as_text=True)
    assert "Transparent lobbying register" in listed

    services.restore_proposal(world.people.moderator, proposal)  # the flags are dismissed
    if "page_cache" in app.extensions:
        app.extensions["page_cache"].clear()
    for where, path in public.items():
        page = client.get(path).get_data(as_text=True)
        assert "lobbying register" in page or link in page, where
