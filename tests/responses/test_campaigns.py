"""Grouping near-identical comments: pure functions, no database."""

from __future__ import annotations

import random
import time

from consultations.responses import campaigns

LETTER = (
    "We ask the ministry to publish every contract above one million shekels within "
    "thirty days of signing, in a machine readable format, with the names of all bidders "
    "and the reasons for choosing the winner, so that the public can check how money is spent."
)


def test_normalise_folds_case_strips_punctuation_and_collapses_spaces():
    assert campaigns.normalise("  Open   DATA, now!\n\t«Please»…  ") == "open data now please"
    assert campaigns.normalise("ÁRVÍZTŰRŐ  tükörfúrógép.") == "árvíztűrő tükörfúrógép"
    assert campaigns.normalise("שקיפות\u200f, עכשיו!") == "שקיפות עכשיו"


def test_shingles_are_three_word_runs_and_a_short_text_is_one():
    assert campaigns.shingles("a b c d") == frozenset({"a b c", "b c d"})
    assert campaigns.shingles("i agree") == frozenset({"i agree"})
    assert campaigns.shingles("") == frozenset()


def test_hashed_shingles_are_the_shingles_hashes():
    for text in ("a b c d e f", "two words", "árvíztűrő tükörfúrógép és שקיפות עכשיו"):
        expected = frozenset(map(campaigns.shingle_hash, campaigns.shingles(text)))
        assert campaigns.hashed_shingles(text) == expected


def test_jaccard():
    assert campaigns.jaccard(frozenset("abc"), frozenset("abc")) == 1
    assert campaigns.jaccard(frozenset("ab"), frozenset("bc")) == 1 / 3
    assert campaigns.jaccard(frozenset(), frozenset()) == 0


def test_near_identical_texts_are_grouped_and_different_ones_are_not():
    items = [
        (1, LETTER),
        (2, "Something else entirely about bus timetables in Riga."),
        (3, LETTER.upper().replace(",", "")),  # same after normalising
        (4, LETTER + " Thank you."),  # one extra sentence: similarity above 0.9
        (5, "Another unrelated remark on the draft's second section."),
        (6, LETTER.replace("thirty days", "ninety days").replace("shekels", "euros")),
    ]
    assert campaigns.find_groups(items) == [[1, 3, 4]]


def test_similarity_threshold_is_checked_exactly():
    words = LETTER.split()
    shorter = " ".join(words[:-5])
    assert (
        campaigns.jaccard(
            campaigns.shingles(campaigns.normalise(LETTER)),
            campaigns.shingles(campaigns.normalise(shorter)),
        )
        < 0.9
    )
    assert campaigns.find_groups([(1, LETTER), (2, shorter)]) == []
    assert campaigns.find_groups([(1, LETTER), (2, shorter)], threshold=0.8) == [[1, 2]]


def test_every_copy_is_kept_so_each_author_is_counted():
    items = [(key, "I support the open budget commitment.") for key in "abcd"]
    items.append(("e", "I SUPPORT the open-budget commitment!"))
    assert campaigns.find_groups(items) == [["a", "b", "c", "d", "e"]]


def test_groups_come_largest_first_and_singletons_and_empty_texts_are_left_out():
    items = [
        (1, "Short campaign text number one here."),
        (2, "Short campaign text number one here!"),
        (3, LETTER),
        (4, LETTER),
        (5, LETTER),
        (6, "..."),
        (7, "..."),
        (8, "A lone comment."),
    ]
    assert campaigns.find_groups(items) == [[3, 4, 5], [1, 2]]


def test_many_short_similar_texts_do_not_crowd_one_bucket():
    # Thousands of texts sharing most of their few shingles (similarity about 0.5): none
    # is near-identical, and the check must not compare every pair.
    items = [(n, f"Comment {n} lorem ipsum dolor sit amet {n * 7919 % 1000}") for n in range(4000)]
    started = time.perf_counter()
    assert campaigns.find_groups(items) == []
    assert time.perf_counter() - started < 10


def test_grouping_scales_to_thousands_of_comments():
    rng = random.Random(7)
    vocabulary = [f"word{n}" for n in range(5000)]
    items = [(n, " ".join(rng.choices(vocabulary, k=40))) for n in range(3000)]
    base = items[0][1]
    items += [(10_000 + n, f"{base} addendum") for n in range(50)]
    groups = campaigns.find_groups(items)
    assert groups == [[0, *range(10_000, 10_050)]]


def test_signatures_are_stable_and_agree_as_often_as_the_texts_overlap():
    def sign(text: str) -> tuple[int, ...]:
        shingles = campaigns.shingles(campaigns.normalise(text))
        return campaigns.signature(frozenset(map(campaigns.shingle_hash, shingles)))

    assert sign(LETTER) == sign(LETTER.upper())
    assert len(sign(LETTER)) == campaigns.BANDS * campaigns.ROWS
    other = sign("Nothing in common with the letter whatsoever, just other words here.")
    assert sum(a == b for a, b in zip(sign(LETTER), other, strict=True)) <= 2
    assert len(set(sign("one short text"))) == campaigns.BINS  # empty bins re-hash, marked
