"""Search across commitments, consultations, sections, updates and comments, in every language."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, text, update

from consultations.comments import services as comment_services
from consultations.comments.models import Comment, CommentState
from consultations.consultation.models import SectionText
from consultations.extensions import db
from consultations.moderation import services as moderation
from consultations.plans.models import CommitmentText
from consultations.search import index as search_index
from consultations.search.index import PER_PAGE, SqliteBackend, search
from consultations.search.models import SearchDocument
from consultations.search.text import Term, parse_query


def documents(kind: str | None = None) -> int:
    stmt = select(func.count(SearchDocument.id))
    if kind:
        stmt = stmt.where(SearchDocument.kind == kind)
    return db.session.scalar(stmt)


# Each language ----------------------------------------------------------------------------


def test_each_language_finds_its_own_words(commitment_with, find):
    he = commitment_with(he={"title": "מערכת מקוונת לבקשות חופש מידע"})
    lv = commitment_with(lv={"title": "Atvērto datu portāla attīstība"})
    hu = commitment_with(hu={"title": "Kereshető közbeszerzési adatok"})
    en = commitment_with(en={"title": "Open contracting data"})
    assert find("מקוונת") == [("commitment", he.id, "he")]
    assert find("portāla") == [("commitment", lv.id, "lv")]
    assert find("közbeszerzési") == [("commitment", hu.id, "hu")]
    assert find("contracting") == [("commitment", en.id, "en")]


def test_hebrew_prefixed_text_is_found_by_the_bare_word(commitment_with, find):
    one = commitment_with(he={"title": "קידום", "description": "ארגונים העוסקים בשקיפות"})
    two = commitment_with(he={"title": "דוח", "description": "המחויבות והשקיפות בממשלה"})
    assert {hit[1] for hit in find("שקיפות ")} == {one.id, two.id}


def test_hebrew_prefixed_query_finds_the_bare_and_other_prefixed_words(commitment_with, find):
    bare = commitment_with(he={"title": "קידום", "description": "שקיפות תקציבית"})
    other = commitment_with(he={"title": "דוח", "description": "מחויבות לשקיפות"})
    assert {hit[1] for hit in find("בשקיפות ")} == {bare.id, other.id}
    assert {hit[1] for hit in find("והשקיפות ")} == {bare.id, other.id}


def test_hebrew_niqqud_is_ignored_both_ways(commitment_with, find):
    pointed = commitment_with(he={"title": "שָׁלוֹם וּשְׁקִיפוּת"})
    assert find("שקיפות ") == [("commitment", pointed.id, "he")]


def test_latvian_and_hungarian_words_are_found_typed_without_diacritics(commitment_with, find):
    lv = commitment_with(
        lv={"title": "Tīrs ūdens visiem", "description": "Informācijas pieejamība"}
    )
    hu = commitment_with(
        hu={"title": "Civil szervezetek", "description": "Adatokhoz való hozzáférés"}
    )
    assert find("udens") == [("commitment", lv.id, "lv")]
    assert find("INFORMACIJAS pieejamiba") == [("commitment", lv.id, "lv")]
    assert find("hozzaferes") == [("commitment", hu.id, "hu")]
    assert find("szervezetek") == [("commitment", hu.id, "hu")]
    # and the other way round: typed with diacritics, stored without
    plain = commitment_with(lv={"title": "udens kvalitate"})
    assert find("ūdens kvalitāte ") == [("commitment", plain.id, "lv")]


def test_arabic_text_is_found_without_its_marks_and_with_any_letter_variant(commitment_with, find):
    marked = commitment_with(ar={"title": "تعزيز المُشارَكة العامّة", "description": "إتاحة البيانات"})
    plain = commitment_with(ar={"title": "الشفافيه في الميزانيه", "description": "مستشفى"})
    assert find("المشاركه ") == [("commitment", marked.id, "ar")]
    assert find("اتاحة") == [("commitment", marked.id, "ar")]
    assert find("الشَّفافِيَّة ") == [("commitment", plain.id, "ar")]
    assert find("مستشفي ") == [("commitment", plain.id, "ar")]
    assert find("الميزانـــية ") == [("commitment", plain.id, "ar")]


def test_russian_text_is_found_with_e_for_yo_and_in_any_case(commitment_with, find):
    thing = commitment_with(
        ru={"title": "Открытые данные о бюджете", "description": "Всё о её отчётах и йодировании"}
    )
    assert find("ОТКРЫТЫЕ данные ") == [("commitment", thing.id, "ru")]
    assert find("отчетах ") == [("commitment", thing.id, "ru")]
    assert find("бюдж") == [("commitment", thing.id, "ru")]
    assert find("йодировании ") == [("commitment", thing.id, "ru")]
    assert find("иодировании ") == []


def test_the_last_word_matches_as_the_beginning_of_a_longer_one(commitment_with, find):
    thing = commitment_with(en={"title": "Beneficial ownership register"})
    assert find("beneficial owner") == [("commitment", thing.id, "en")]
    assert find("beneficial owner ") == []


def test_the_word_being_typed_finds_the_words_it_begins_written_since_too(commitment_with, find):
    first = commitment_with(en={"title": "Beneficial ownership register"})
    assert find("beneficial owner") == [("commitment", first.id, "en")]
    second = commitment_with(en={"title": "Owners of beneficial land"})
    assert sorted(find("beneficial owner")) == sorted(
        [("commitment", first.id, "en"), ("commitment", second.id, "en")]
    )
    assert find("beneficial ownerl") == []


def test_on_sqlite_the_word_being_typed_is_searched_as_the_whole_words_it_begins(
    commitment_with, monkeypatch
):
    """FTS5 gathers a prefix's postings for every MATCH; the few whole words it stands for
    are read as they are (the index's words, kept as documents are written)."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL reads a prefix from its GIN index directly")
    commitment_with(en={"title": "Owners own their ownership"})
    expanded = SqliteBackend().whole_words(parse_query("their own")).terms
    assert expanded == (Term(("their",), False), Term(("own", "owners", "ownership"), False))
    # More words than are worth it, or none known: FTS5's prefix, as typed.
    monkeypatch.setattr(search_index, "MAX_WHOLE_WORDS", 2)
    assert SqliteBackend().whole_words(parse_query("own")).terms == (Term(("own",), True),)
    assert SqliteBackend().whole_words(parse_query("zzz")).terms == (Term(("zzz",), True),)


def test_on_postgresql_each_search_is_planned_for_its_own_words(commitment_with, find):
    """A statement run five times on a connection is prepared, and PostgreSQL may then plan
    it once for any words; which index reads best depends on how many documents the words
    match (a plan made for any words read the candidates 30% slower)."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite plans every statement as it runs it")
    first = commitment_with(en={"title": "Beneficial ownership register"})
    for _ in range(7):
        assert find("beneficial") == [("commitment", first.id, "en")]
        assert db.session.scalar(text("SHOW plan_cache_mode")) == "force_custom_plan"
        db.session.commit()
    assert db.session.scalar(text("SHOW plan_cache_mode")) == "auto"  # for that search only


def test_reference_finds_the_commitment(commitment_with, find):
    thing = commitment_with(en={"title": "Anything"})
    assert find(thing.reference.lower()) == [("commitment", thing.id, "en")]


# Which document, in which order ------------------------------------------------------------


def test_one_result_per_thing_in_the_readers_language_when_it_matches(commitment_with, find):
    thing = commitment_with(
        en={"title": "Budget data"}, lv={"title": "Budžeta dati"}, hu={"title": "Költségvetés"}
    )
    assert find(thing.reference, lang="lv") == [("commitment", thing.id, "lv")]
    assert find(thing.reference, lang="en") == [("commitment", thing.id, "en")]
    # Hebrew has no text: the result comes in a language that has one, marked as such.
    assert len(find(thing.reference, lang="he")) == 1
    assert find("budzeta", lang="en") == [("commitment", thing.id, "lv")]


def test_a_title_match_ranks_above_a_body_only_match(commitment_with, find):
    body = commitment_with(
        en={"title": "Registers", "description": "Publish procurement plans and procurement data."}
    )
    title = commitment_with(en={"title": "Procurement", "description": "Publish the registers."})
    assert [hit[1] for hit in find("procurement")] == [title.id, body.id]


def test_every_kind_is_searchable_and_filterable(
    commitment_with, make_update, make_consultation, make_comment, find
):
    commitment = commitment_with(en={"title": "Lighthouse commitment"})
    update_ = make_update(commitment, narratives={"en": "The lighthouse keeper reported."})
    consultation = make_consultation(titles={"en": "Lighthouse consultation"})
    section = consultation.sections[0]
    section.texts[0].body = "A lighthouse section."
    db.session.commit()
    comment = make_comment(consultation, text="I like the lighthouse.")
    found = set(find("lighthouse"))
    assert found == {
        ("commitment", commitment.id, "en"),
        ("update", update_.id, "en"),
        ("consultation", consultation.id, "en"),
        ("section", section.id, "en"),
        ("comment", comment.id, "en"),
    }
    assert find("lighthouse", kind="section") == [("section", section.id, "en")]
    assert len(find("lighthouse", kind="no-such-kind")) == 5


def test_results_are_paginated(commitment_with, find):
    for number in range(PER_PAGE + 5):
        commitment_with(en={"title": f"Harbour {number}"})
    results = search(parse_query("harbour"), "en", "", 1)
    assert results.total == PER_PAGE + 5 and results.pages == 2
    assert len(results.items) == PER_PAGE
    second = find("harbour", page=2)
    assert len(second) == 5
    assert not set(second) & set(find("harbour"))
    assert find("harbour", page=9) == []


# Comments that are not shown are never found -----------------------------------------------


def test_hidden_held_and_removed_comments_never_appear(
    make_consultation, make_comment, make_user, find
):
    consultation = make_consultation()
    moderator = make_user(roles=("moderator",))
    hidden = make_comment(consultation, text="Marmalade opinion one.")
    held = make_comment(consultation, text="Marmalade opinion two.")
    removed = make_comment(consultation, text="Marmalade opinion three.")
    assert len(find("marmalade")) == 3  # indexed while visible

    moderation.hide_comment(moderator, hidden, "respect", "")
    held.held = True
    db.session.commit()
    comment_services.remove_comment(removed.author, removed)
    assert find("marmalade") == []
    assert documents("comment") == 0

    moderation.restore_comment(moderator, hidden)
    assert find("marmalade") == [("comment", hidden.id, "en")]


def test_query_time_guard_hides_a_comment_hidden_behind_the_index_back(
    make_consultation, make_comment, find
):
    consultation = make_consultation()
    comment = make_comment(consultation, text="Quince remark.")
    # Raw SQL skips the session hooks; the document stays, the page still hides it.
    db.session.execute(
        text("UPDATE comments SET state = 'hidden' WHERE id = :id"), {"id": comment.id}
    )
    db.session.commit()
    assert documents("comment") == 1
    assert find("quince") == []


def test_a_comment_with_markup_is_shown_escaped(make_consultation, make_comment, client):
    consultation = make_consultation()
    make_comment(consultation, text="Walrus <script>alert('walrus')</script> <b>bold</b>")
    page = client.get("/en/search?q=walrus").get_data(as_text=True)
    assert "<script>alert" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(&#39;<mark>walrus</mark>&#39;)&lt;/script&gt;" in page


# Edits re-index --------------------------------------------------------------------------


def test_edits_reindex_in_the_same_transaction(
    commitment_with, make_consultation, make_comment, find
):
    thing = commitment_with(en={"title": "Old heron"})
    row = db.session.get(CommitmentText, (thing.id, "en"))
    row.title = "New egret"
    db.session.commit()
    assert find("heron") == [] and find("egret") == [("commitment", thing.id, "en")]

    consultation = make_consultation()
    section = consultation.sections[0]
    db.session.get(SectionText, (section.id, "en")).body = "Pelican wording."
    db.session.commit()
    assert find("pelican") == [("section", section.id, "en")]

    comment = make_comment(consultation, text="Cormorant first.")
    comment_services.edit_comment(comment.author, comment, "Gannet second.")
    assert find("cormorant") == [] and find("gannet") == [("comment", comment.id, "en")]


def test_a_renamed_consultation_renames_its_comments_context(
    make_consultation, make_comment, find, client
):
    consultation = make_consultation(titles={"en": "Before"})
    make_comment(consultation, text="Puffin note.")
    consultation.texts[0].title = "Albatross consultation"
    db.session.commit()
    page = client.get("/en/search?q=puffin").get_data(as_text=True)
    assert "Albatross consultation" in page


def test_deleted_text_rows_leave_the_index(commitment_with, find):
    thing = commitment_with(en={"title": "Osprey"}, lv={"title": "Zivjērglis"})
    thing.texts[:] = [row for row in thing.texts if row.locale == "en"]
    db.session.commit()
    assert find("zivjerglis") == []
    assert find("osprey") == [("commitment", thing.id, "en")]


def test_bulk_updates_and_deletes_reindex_too(make_consultation, make_comment, make_user, find):
    consultation = make_consultation()
    author = make_user()
    gone = make_comment(consultation, text="Bittern remark.", author=author)
    kept = make_comment(consultation, text="Bittern other remark.")
    # How account erasure removes every comment of a person at once.
    db.session.execute(
        update(Comment)
        .where(Comment.author_id == author.id)
        .values(state=CommentState.REMOVED, body_text="", body_html="")
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    assert find("bittern") == [("comment", kept.id, "en")]
    assert documents("comment") == 1
    db.session.execute(delete(CommitmentText).where(CommitmentText.title == "nothing matches this"))
    db.session.commit()
    assert gone.id not in {hit[1] for hit in find("bittern")}
