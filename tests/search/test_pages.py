"""The search page, the places results lead to, and the reindex command."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select, text

from consultations.clock import now
from consultations.extensions import db
from consultations.search.index import PER_PAGE
from consultations.search.models import INDEX_NAME, SearchDocument


def test_empty_search_shows_the_form_and_how_search_works(client, app_ctx):
    response = client.get("/en/search")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'type="search"' in page and '<label for="q">' in page
    assert "How search works" in page
    assert 'search-results"' not in page


def test_results_keep_the_query_in_the_box_and_show_counts(commitment_with, client):
    commitment_with(en={"title": "Kestrel data"}, lv={"title": "Kestrel dati"})
    commitment_with(en={"title": "Kestrel maps"})
    page = client.get("/en/search?q=kestrel").get_data(as_text=True)
    assert 'value="kestrel"' in page
    assert "2 results for “kestrel”" in page
    assert "2 commitments" in page
    assert page.count('search-result"') == 2
    assert "<mark>Kestrel</mark>" in page


def test_a_result_in_another_language_says_so_with_lang_and_dir(commitment_with, client):
    commitment_with(lv={"title": "Dzērvju dati"})
    page = client.get("/en/search?q=dzervju").get_data(as_text=True)
    assert '<bdi lang="lv"><mark>Dzērvju</mark> dati</bdi>' in page
    assert 'Found in: <bdi lang="lv">Latviešu</bdi>' in page


def test_no_results_page_is_helpful(client, app_ctx):
    response = client.get("/he/search?q=zzqxj")
    assert response.status_code == 200
    assert 'value="zzqxj"' in response.get_data(as_text=True)
    assert 'class="search-empty"' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "q",
    ['"', "*", "-", "NEAR(a b)", "a OR", "(((", "title:x", "x" * 10_000, "'; DROP TABLE x; --",
     "x:* & !y", "\u202e\u200f", "%00", "ab\x00cd"],
)  # fmt: skip
def test_hostile_queries_never_fail(q, client, commitment_with):
    commitment_with(en={"title": "Title x"})
    for kind in ("", "comment", "<script>"):
        response = client.get("/en/search", query_string={"q": q, "kind": kind, "page": "2"})
        assert response.status_code == (400 if "\x00" in q else 200)  # refused at the edge
        assert "\x00" not in response.get_data(as_text=True)


def test_bad_page_numbers_are_harmless(client, commitment_with):
    commitment_with(en={"title": "Wren"})
    for page in ("0", "-1", "abc", "99999999999999999999"):
        assert client.get(f"/en/search?q=wren&page={page}").status_code == 200


def test_pagination_links_keep_the_query(commitment_with, client):
    for number in range(PER_PAGE + 1):
        commitment_with(en={"title": f"Sparrow {number}"})
    page = client.get("/en/search?q=sparrow&kind=commitment").get_data(as_text=True)
    assert 'rel="next" href="/en/search?q=sparrow&amp;kind=commitment&amp;page=2"' in page
    second = client.get("/en/search?q=sparrow&kind=commitment&page=2").get_data(as_text=True)
    assert second.count('search-result"') == 1
    assert 'start="21"' in second


def test_query_count_does_not_grow_with_the_data(
    commitment_with, make_update, make_consultation, make_comment, client, count_queries
):
    def fill(number: int) -> None:
        consultation = make_consultation(titles={"en": "Swift consultation"})
        for n in range(number):
            thing = commitment_with(en={"title": f"Swift {n}"})
            make_update(thing, narratives={"en": "Swift progress."})
            make_comment(consultation, text=f"Swift comment {n}.")

    def queries() -> int:
        with count_queries() as counter:
            assert client.get("/en/search?q=swift").status_code == 200
        return counter.count

    fill(3)
    small = queries()
    fill(30)
    assert queries() == small


def test_comment_results_lead_to_the_comment_on_its_page(make_consultation, make_comment, client):
    consultation = make_consultation()
    comments = [
        make_comment(consultation, text=f"Heron {n}.", created_at=now() + timedelta(seconds=n))
        for n in range(25)
    ]
    response = client.get(f"/en/search/go/comment/{comments[-1].id}")
    assert response.status_code == 302
    assert response.location.endswith(
        f"/en/consultations/{consultation.slug}?page=2#comment-{comments[-1].id}"
    )


def test_hidden_comments_have_no_place(make_consultation, make_comment, client):
    comment = make_comment(make_consultation(), text="Gone.")
    comment.held = True
    db.session.commit()
    assert client.get(f"/en/search/go/comment/{comment.id}").status_code == 404
    assert client.get("/en/search/go/comment/999999").status_code == 404
    assert client.get("/en/search/go/other/1").status_code == 404


def test_update_results_lead_to_the_update_in_the_timeline(commitment_with, make_update, client):
    thing = commitment_with(en={"title": "Plover"})
    first = make_update(thing, published_at=now() - timedelta(days=400))
    for n in range(20):
        make_update(thing, published_at=now() - timedelta(days=n))
    response = client.get(f"/en/search/go/update/{first.id}")
    assert response.location.endswith(f"/en/commitments/{thing.reference}?page=2#update-{first.id}")


def test_search_reindex_rebuilds_every_document(
    commitment_with, make_consultation, make_comment, runner, find
):
    thing = commitment_with(en={"title": "Curlew"})
    make_comment(make_consultation(), text="Curlew comment.")
    before = db.session.scalar(select(func.count(SearchDocument.id)))
    db.session.execute(delete(SearchDocument))
    db.session.commit()
    assert find("curlew") == []
    db.session.rollback()  # end this session's transaction; the command writes on its own

    result = runner.invoke(args=["search-reindex"])
    assert result.exit_code == 0, result.output
    assert "Search index rebuilt" in result.output
    db.session.expire_all()
    assert db.session.scalar(select(func.count(SearchDocument.id))) == before
    assert ("commitment", thing.id, "en") in find("curlew")
    if db.engine.dialect.name == "sqlite":
        check = f"INSERT INTO {INDEX_NAME}({INDEX_NAME}, rank) VALUES ('integrity-check', 1)"
        db.session.execute(text(check))
        # The index's words are read again from it: "curl" still finds "curlew".
        assert ("commitment", thing.id, "en") in find("curl")
        words = db.session.scalars(text(f"SELECT word FROM {INDEX_NAME}_words")).all()
        assert "curlew" in words


def test_the_kind_chosen_is_the_one_selected_whatever_was_asked_before(client, app_ctx):
    """The kind list is kept once per language and kind, never with another's choice."""

    def selected(path: str) -> str:
        page = client.get(path).get_data(as_text=True)
        return page.split('id="kind"')[1].split("<option selected")[1].split('"')[1]

    for kind in ("comment", "", "update", "comment", "nonsense", "proposal"):
        expected = "" if kind == "nonsense" else kind
        assert selected(f"/en/search?q=budget&kind={kind}") == expected
    hebrew = client.get("/he/search?q=budget&kind=comment").get_data(as_text=True)
    english = client.get("/en/search?q=budget&kind=comment").get_data(as_text=True)
    assert (
        hebrew.split('id="kind"')[1].split("</select>")[0]
        != english.split('id="kind"')[1].split("</select>")[0]
    )
