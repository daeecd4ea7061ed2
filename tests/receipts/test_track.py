"""The track page: where a comment stands, for anyone with its number, and nothing more."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from consultations.clock import now
from consultations.comments import services as comments
from consultations.comments.models import Comment
from consultations.extensions import db
from consultations.moderation import services as moderation
from consultations.receipts.models import Receipt
from consultations.receipts.services import reference_for
from consultations.responses import services as responses

from helpers import login

SECRET = "My neighbour at 12 Herzl Street never pays his taxes."


def page(client, reference: str, lang: str = "en"):
    response = client.get(f"/{lang}/track/{reference}")
    return response.status_code, response.get_data(as_text=True)


def reference_of(comment: Comment) -> str:
    return reference_for("comment", comment.id)


def test_a_published_comment_shows_received_published_and_the_response_deadline(client, world):
    author = world.make_user("Dana Cohen")
    comment = world.comment(author, "Publish the budget as open data.")
    status, html = page(client, reference_of(comment))
    assert status == 200
    assert f"Reference <bdi>{reference_of(comment)}</bdi>" in html
    assert "Published, waiting for its reasoned response" in html
    assert "Open data law" in html and 'href="/en/consultations/open-data"' in html
    deadline = world.consultation.response_deadline
    assert "Response due by" in html and deadline.strftime("%Y-%m-%d") in html
    assert "Dana Cohen" not in html and author.email not in html


def test_a_held_comment_shows_only_that_it_is_held(client, world):
    author = world.make_user("Dana Cohen")
    comment = world.comment(author, SECRET)
    comment.held = True
    db.session.commit()
    status, html = page(client, reference_of(comment))
    assert status == 200
    assert "Held for review" in html
    assert SECRET not in html and "Herzl" not in html
    assert "Dana Cohen" not in html and author.email not in html


def test_a_hidden_comment_shows_the_rule_it_broke_and_nothing_of_its_text(client, world):
    author = world.make_user("Dana Cohen")
    comment = world.comment(author, SECRET)
    moderation.hide_comment(world.moderator, comment, "privacy", "Names a private person.")
    status, html = page(client, reference_of(comment))
    assert status == 200
    assert "Hidden by a moderator" in html
    assert "Protect personal data" in html and 'href="/en/rules#privacy"' in html
    assert SECRET not in html and "Herzl" not in html
    assert "Names a private person." not in html  # the moderator's note is for the author
    assert "Dana Cohen" not in html and author.email not in html
    assert "Moshe Mod" not in html


def test_an_answered_comment_shows_the_outcome_reasons_and_date(client, world):
    author = world.make_user("Dana Cohen")
    comment = world.comment(author, "Publish the budget as open data.")
    response = responses.publish_response(
        world.coordinator,
        world.consultation,
        outcome="partly_adopted",
        texts={"en": {"reasons": "The budget will be published every quarter."}},
        comment_ids=[comment.id],
    )
    status, html = page(client, reference_of(comment))
    assert status == 200
    assert "Answered" in html and "partly adopted" in html
    assert "The budget will be published every quarter." in html
    assert response.published_at.strftime("%Y-%m-%d") in html
    assert "Dana Cohen" not in html and "Noa Levi" not in html


def test_a_withdrawn_comment_says_so_without_its_text(client, world):
    author = world.make_user("Dana Cohen")
    comment = world.comment(author, SECRET)
    comments.remove_comment(author, comment)
    status, html = page(client, reference_of(comment))
    assert status == 200 and "Withdrawn by its author" in html and SECRET not in html


def test_the_page_speaks_the_readers_language(client, world):
    comment = world.comment(world.make_user(), "Publish the budget.")
    status, html = page(client, reference_of(comment), lang="he")
    assert status == 200
    assert '<html lang="he" dir="rtl">' in html
    assert "חוק המידע הפתוח" in html
    assert "Published, waiting for its reasoned response" not in html


def test_a_reference_typed_loosely_leads_to_its_page(client, world):
    comment = world.comment(world.make_user(), "Publish the budget.")
    reference = reference_of(comment)
    loose = reference.lower().replace("-", "")
    response = client.get(f"/en/track/{loose}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/en/track/{reference}")


@pytest.mark.parametrize("reference", ["C-0000-0000", "not-a-number", "C-7K3Q", "P-7K3Q-9M2P"])
def test_unknown_and_malformed_numbers_get_the_same_translated_404(client, world, reference):
    world.comment(world.make_user(), "Publish the budget.")
    english = client.get(f"/en/track/{reference}")
    assert english.status_code == 404
    assert "Page not found" in english.get_data(as_text=True)
    hebrew = client.get(f"/he/track/{reference}")
    assert hebrew.status_code == 404
    assert "Page not found" not in hebrew.get_data(as_text=True)
    assert '<html lang="he" dir="rtl">' in hebrew.get_data(as_text=True)


def test_a_number_whose_comment_is_gone_is_as_unknown_as_any(client, app_ctx):
    db.session.add(
        Receipt(reference="C-1234-5678", subject_type="comment", subject_id=999, created_at=now())
    )
    db.session.commit()
    assert client.get("/en/track/C-1234-5678").status_code == 404


def test_the_lookup_form_works_without_javascript(client, world):
    comment = world.comment(world.make_user(), "Publish the budget.")
    reference = reference_of(comment)
    form = client.get("/en/track")
    html = form.get_data(as_text=True)
    assert form.status_code == 200
    assert 'method="get" action="/en/track"' in html and 'name="reference"' in html
    found = client.get("/en/track", query_string={"reference": f" {reference.lower()} "})
    assert found.status_code == 302
    assert found.headers["Location"].endswith(f"/en/track/{reference}")
    unknown = client.get("/en/track", query_string={"reference": "C-0000-0000"})
    assert unknown.status_code == 404
    empty = client.get("/en/track", query_string={"reference": ""})
    assert empty.status_code == 422
    assert "Type the reference number you were given." in empty.get_data(as_text=True)


def test_sending_a_comment_shows_its_reference_with_a_link_to_track_it(
    client, make_consultation, make_user
):
    make_consultation(slug="open-data", titles={"en": "Open data law"})
    login(client, make_user("Dana Cohen"))
    sent = client.post(
        "/en/consultations/open-data/comments",
        data={"body": "Publish the budget.", "language": "en"},
    )
    assert sent.status_code == 302
    reference = db.session.scalar(select(Receipt.reference))
    html = client.get(sent.headers["Location"]).get_data(as_text=True)
    flashes = html.split('<div class="flashes" role="status">', 1)[1].split("</main>", 1)[0]
    assert "Thank you. Your comment is published." in flashes
    assert f'<strong class="reference"><bdi>{reference}</bdi></strong>' in flashes
    assert f'href="/en/track/{reference}"' in flashes


def test_a_reply_gets_its_own_reference(world):
    parent = world.comment(world.make_user(), "Publish the budget.")
    reply = world.comment(world.make_user(), "And the spending too.", hours=2, parent=parent)
    assert reference_of(reply) and reference_of(reply) != reference_of(parent)


def test_sending_the_same_text_twice_keeps_one_reference(world):
    author = world.make_user()
    first = world.comment(author, "Publish the budget.")
    again = world.comment(author, "Publish the budget.", hours=1)
    assert again.id == first.id
    assert db.session.scalar(select(db.func.count()).select_from(Receipt)) == 1


def test_the_track_pages_are_rate_limited(make_app):
    app = make_app(RATELIMIT_ENABLED=True)
    client = app.test_client()
    statuses = [client.get("/en/track/C-0000-0000").status_code for _ in range(31)]
    assert statuses[:30] == [404] * 30
    assert statuses[30] == 429


def test_the_track_page_reads_the_same_few_rows_however_big_the_consultation(
    client, world, count_queries
):
    """The answered comment's page costs the same with 2 or 30 other answered comments."""
    tracked = world.comment(world.make_user(), "Publish the budget.")
    answer = dict(outcome="adopted", texts={"en": {"reasons": "Yes."}, "he": {"reasons": "כן."}})
    responses.publish_response(
        world.coordinator, world.consultation, comment_ids=[tracked.id], **answer
    )
    url = f"/en/track/{reference_of(tracked)}"

    def add(number: int) -> None:
        for n in range(number):
            other = world.comment(world.make_user(), f"Comment number {n}.", hours=n + 2)
            responses.publish_response(
                world.coordinator, world.consultation, comment_ids=[other.id], **answer
            )

    def queries() -> int:
        client.get(url)
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    add(2)
    small = queries()
    add(30)
    assert queries() == small
