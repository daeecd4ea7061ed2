"""Normalising text and queries: the same rules on both sides, in every language."""

from __future__ import annotations

import pytest

from consultations.search.text import fold, forms, highlight, index_text, parse_query


def test_fold_strips_case_diacritics_and_niqqud():
    assert fold("Ūdens HOZZÁFÉRÉS Szervezetek") == "udens hozzaferes szervezetek"
    assert fold("שָׁלוֹם") == "שלום"
    assert fold("ﬁle") == "file"  # NFKC: the ligature is two letters


def test_hebrew_acronyms_keep_their_quote_inside_the_word():
    assert index_text('צה"ל') == index_text("צה״ל") == "צהל"


@pytest.mark.parametrize("word", ["בשקיפות", "והשקיפות", "השקיפות", "לשקיפות", "מהשקיפות"])
def test_hebrew_words_are_also_indexed_without_their_prefixes(word):
    assert "שקיפות" in forms(word)


def test_hebrew_prefix_is_kept_when_too_little_would_remain():
    assert forms("בית") == ["בית"]
    assert forms("ולשר") == ["ולשר", "לשר"]  # not "שר": two letters are too few


def test_latin_words_have_no_other_forms():
    assert forms("hozzaferes") == ["hozzaferes"]


@pytest.mark.parametrize(
    "raw",
    [
        '"',
        "'",
        "*",
        "-",
        "NEAR(a b)",
        "a OR b NOT c",
        "title:x",
        "(((",
        ")",
        "^x",
        "a" * 5000,
        "\x00",
        "   ",
        "' OR 1=1 --",
        "x:*",
        "&|!<->",
    ],
)
def test_queries_never_raise_and_keep_only_letters_and_digits(raw):
    query = parse_query(raw)
    for term in query.terms:
        for form in term.forms:
            assert form.isalnum(), form


def test_query_terms_are_bounded():
    query = parse_query(" ".join(f"w{n}" for n in range(100)))
    assert len(query.terms) == 10
    assert len(parse_query("x" * 5000).terms[0].forms[0]) <= 60


def test_only_the_last_word_still_being_typed_matches_as_a_prefix():
    assert [term.prefix for term in parse_query("open gover").terms] == [False, True]
    assert [term.prefix for term in parse_query("open gover ").terms] == [False, False]
    assert [term.prefix for term in parse_query("open go").terms] == [False, False]


def test_highlight_escapes_everything_and_marks_only_matches():
    html = highlight("<script>alert('x')</script> Ūdens & udens", parse_query("udens"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert html.count("<mark>") == 2
    assert "<mark>Ūdens</mark> &amp; <mark>udens</mark>" in html


def test_highlight_marks_hebrew_words_with_prefixes_both_ways():
    html = highlight("השקיפות והשקיפות שקיפות", parse_query("בשקיפות "))
    assert html.count("<mark>") == 3


def test_snippet_is_cut_around_the_first_match():
    text = "filler " * 200 + "needle " + "tail " * 200
    html = highlight(text, parse_query("needle"), 120)
    assert "<mark>needle</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html) < 200


def test_arabic_loses_its_marks_and_tatweel_and_reads_letter_variants_as_one():
    assert fold("المُشارَكة") == "المشاركه"  # tashkeel gone, ta marbuta read as heh
    assert fold("عـــربـــي") == "عربي"  # tatweel only stretches the word
    assert fold("أحمد إلى آمن ٱلله") == "احمد الي امن الله"  # alef forms, alef maqsura
    assert index_text("مستشفى") == index_text("مستشفي") == "مستشفي"


def test_russian_yo_reads_as_ye_and_case_folds_but_short_i_stays_a_letter():
    assert fold("Ёлка") == fold("елка") == "елка"
    assert fold("ЙОД") == "йод"  # not "иод": й is a letter, not и with a mark
    assert fold("Прозрачность") == "прозрачность"


def test_arabic_and_russian_queries_keep_their_letters():
    assert parse_query("الشفافيّة ").terms[0].forms == ("الشفافيه",)
    assert parse_query("ОТКРЫТЫЕ ").terms[0].forms == ("открытые",)


def test_english_text_is_marked_as_word_by_word_scanning_marks_it():
    """ASCII text takes a shorter way (one expression); it must mark exactly the same words,
    cut at the same places, for any words, punctuation, digits, quotes or case."""
    import random

    from consultations.search.text import _ascii_spans, _scanned_spans

    vocabulary = [
        "tax", "taxes", "Taxation", "TAX", "tax_data", "data", "open", "opening", "re-open",
        "2024", "x2", "it's", '"quoted"', "don't", "co-operation", "a", "budget.", "(budget)",
        "budgets,", "udens", "hozzaferes", "...", "-", "e-mail", "mail", "_", "'", '"',
    ]  # fmt: skip
    typed = ["tax", "tax ", "taxation budget", "open data ", "dat", "mai", "2024", "x", "e-m",
             "co operation ", "it", "budget ta", "hozzáférés", "שקיפות", "udens"]  # fmt: skip
    chance = random.Random(7)
    for _ in range(400):
        text = " ".join(chance.choice(vocabulary) for _ in range(chance.randint(1, 60)))
        text = text.replace(" ", chance.choice([" ", " ", "  ", ", ", "\n"]), 3)
        query = parse_query(chance.choice(typed))
        for length in (None, 40, 120):
            cut = length if length and len(text) > length else None
            assert _ascii_spans(text, query, cut) == _scanned_spans(text, query, cut), (
                text,
                query,
                length,
            )
