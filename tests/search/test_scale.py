"""Search at national scale: bounded counts and candidates, and a write side that stays small.

The caps are lowered here so that a handful of rows behaves like 100,000."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from consultations.clock import now
from consultations.comments import services as comment_services
from consultations.extensions import db
from consultations.search import index
from consultations.search.index import search
from consultations.search.models import SearchDocument
from consultations.search.text import parse_query


@pytest.fixture
def small_caps(monkeypatch):
    """Counts exact up to 3 of each kind; 4 newest candidates of each group."""
    monkeypatch.setattr(index, "COUNT_CAP", 3)
    monkeypatch.setattr(index, "CANDIDATES", 4)
    monkeypatch.setattr(index, "PER_PAGE", 2)


def comments_saying(make_consultation, make_comment, text: str, number: int):
    consultation = make_consultation()
    return [
        make_comment(consultation, text=f"{text} {n}.", created_at=now() + timedelta(seconds=n))
        for n in range(number)
    ]


def document_ids(kind: str) -> list[int]:
    return list(db.session.scalars(select(SearchDocument.id).where(SearchDocument.kind == kind)))


# Counts stop at the cap --------------------------------------------------------------------


def test_counts_are_exact_up_to_the_cap(small_caps, make_consultation, make_comment, find):
    comments_saying(make_consultation, make_comment, "Avocet", 3)
    results = search(parse_query("avocet"), "en")
    assert results.counts == {"comment": 3}
    assert not results.capped() and results.found == 3


def test_past_the_cap_counts_say_more_than(
    small_caps, make_consultation, make_comment, commitment_with
):
    comments_saying(make_consultation, make_comment, "Bunting", 6)
    commitment_with(en={"title": "Bunting"}, lv={"title": "Bunting lv"})
    results = search(parse_query("bunting"), "en")
    assert results.capped("comment") and results.count("comment") == 3
    assert not results.capped("commitment") and results.count("commitment") == 1
    assert results.capped() and results.everything == 4


def test_each_thing_is_counted_once_whatever_its_languages(small_caps, commitment_with):
    for n in range(3):
        commitment_with(en={"title": f"Dunlin {n}"}, lv={"title": f"Dunlin {n}"})
    results = search(parse_query("dunlin"), "en", "commitment")
    assert results.counts == {"commitment": 3} and not results.capped()
    commitment_with(en={"title": "Dunlin 3"}, lv={"title": "Dunlin 3"})
    assert search(parse_query("dunlin"), "en", "commitment").capped()


def test_the_page_says_more_than_and_how_far_it_goes(
    small_caps, make_consultation, make_comment, client
):
    comments_saying(make_consultation, make_comment, "Godwit", 6)
    page = client.get("/en/search?q=godwit").get_data(as_text=True)
    assert "more than 3 results for “godwit”" in page
    assert "more than 3 comments" in page
    assert "more than 3 results in all" in page
    assert "Page 1 of 2" in page  # 4 candidates, 2 a page
    last = client.get("/en/search?q=godwit&page=2").get_data(as_text=True)
    assert "Only the first 4 results can be shown." in last
    past = client.get("/en/search?q=godwit&page=3").get_data(as_text=True)
    assert "This page is past the last page of results." in past


def test_below_the_caps_nothing_says_more_than(commitment_with, client):
    commitment_with(en={"title": "Whimbrel"})
    page = client.get("/en/search?q=whimbrel").get_data(as_text=True)
    assert "1 result for “whimbrel”" in page and "more than" not in page
    assert "can be shown" not in page


# Candidates: newest first, title matches before body-only ones ------------------------------


def test_candidates_are_the_newest_matches(small_caps, make_consultation, make_comment):
    comments = comments_saying(make_consultation, make_comment, "Knot", 6)
    results = search(parse_query("knot"), "en", "comment")
    seen = [hit.object_id for hit in results.items]
    seen += [hit.object_id for hit in search(parse_query("knot"), "en", "comment", 2).items]
    assert sorted(seen) == sorted(comment.id for comment in comments[-4:])
    assert results.total == 4 and results.pages == 2


def test_title_matches_come_first_even_when_older_than_every_body_match(
    small_caps, commitment_with, make_consultation, make_comment, find
):
    titled = commitment_with(en={"title": "Sanderling"})
    comments_saying(make_consultation, make_comment, "Sanderling", 6)
    assert find("sanderling")[0] == ("commitment", titled.id, "en")


def test_the_readers_language_is_chosen_among_the_candidates(small_caps, commitment_with, find):
    thing = commitment_with(
        en={"title": "Turnstone"}, lv={"title": "Turnstone"}, hu={"title": "Turnstone"}
    )
    for lang in ("en", "lv", "hu"):
        assert find("turnstone", lang=lang) == [("commitment", thing.id, lang)]


def test_multi_word_queries_rank_title_matches_first(
    small_caps, commitment_with, make_consultation, make_comment, find
):
    titled = commitment_with(en={"title": "Open stint", "description": "Register"})
    comments_saying(make_consultation, make_comment, "Open stint register", 3)
    assert find("open stint")[0] == ("commitment", titled.id, "en")
    assert len(find("open stint", kind="comment")) == 2  # PER_PAGE is 2 here


# The write side ---------------------------------------------------------------------------


def test_a_comment_costs_the_same_statements_in_a_big_consultation(
    make_consultation, make_comment, make_user, count_queries
):
    def statements(consultation) -> int:
        author = make_user()
        with count_queries() as counter:
            comment_services.add_comment(
                author, consultation, f"Ruff {author.id} remark.", language="en"
            )
        return counter.count

    small = make_consultation()
    big = make_consultation()
    for n in range(30):
        make_comment(big, text=f"Ruff filler {n}.")
    assert statements(small) == statements(big)


def test_counters_on_a_consultation_do_not_rewrite_its_comments(make_consultation, make_comment):
    consultation = make_consultation()
    for n in range(3):
        make_comment(consultation, text=f"Phalarope {n}.")
    before = document_ids("comment")
    consultation.responses_completed_at = now()
    db.session.commit()
    assert document_ids("comment") == before


def test_a_new_slug_rewrites_the_consultations_documents(make_consultation, make_comment, find):
    consultation = make_consultation()
    comment = make_comment(consultation, text="Shoveler note.")
    consultation.slug = "renamed-consultation"
    db.session.commit()
    url_keys = db.session.scalars(
        select(SearchDocument.url_key).where(
            SearchDocument.kind == "comment", SearchDocument.object_id == comment.id
        )
    ).all()
    assert url_keys == ["renamed-consultation"]
