"""Text and queries made comparable in every language, the same way, before the index sees them.

Both sides go through `fold`: Unicode NFKC, case folding, and no diacritics or niqqud, so
"ūdens" is found by "udens" and "hozzáférés" by "hozzaferes". A Hebrew word is indexed
also without its one-letter prefixes (ו, ה, ב, ל, מ, ש, כ and their combinations), and a
Hebrew query word is looked for with and without them, so "בשקיפות", "והשקיפות" and
"שקיפות" find each other. Arabic loses its vowel marks (tashkeel) and tatweel, and its
letter variants are read as one: أ إ آ ٱ as ا, ى as ي, ة as ه, so "المُشارَكة" is found by
"المشاركه". Russian ё is е (by dropping its diaeresis), while й stays a letter of its own.
PostgreSQL indexes the folded text with the 'simple' configuration, so both databases
see exactly these words in every language. Query words are reduced to letters and digits,
so no search syntax from the user ever reaches FTS5 or PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

MAX_QUERY_LENGTH = 200  # characters read from the search box
MAX_TERMS = 10  # words of a query that count
MAX_WORD_LENGTH = 60
MIN_STEM = 3  # letters that must remain once a Hebrew prefix is taken off
MIN_PREFIX_WORD = 3  # the last typed word matches longer words from this length on

_HEBREW_LETTER = re.compile(r"[\u05d0-\u05ea]")
# Quotes inside Hebrew acronyms (צה"ל, ח"כ) belong to the word.
_ACRONYM_QUOTE = re.compile(r"(?<=[\u05d0-\u05ea])[\"'\u05f3\u05f4](?=[\u05d0-\u05ea])")
_QUOTES = frozenset("\"'\u05f3\u05f4")


def _hebrew_prefixes() -> tuple[str, ...]:
    """ו, then ש or כש, then one of ה ב ל מ כ (or מה): every combination, longest first."""
    found = {
        conjunction + relative + preposition
        for conjunction in ("", "ו")
        for relative in ("", "ש", "כש")
        for preposition in ("", "ה", "ב", "ל", "מ", "כ", "מה")
    }
    found.discard("")
    return tuple(sorted(found, key=len, reverse=True))


HEBREW_PREFIXES = _hebrew_prefixes()


class _Unmarked(dict):
    """str.translate table dropping nonspacing marks and format characters, filled as it
    meets characters (a few hundred in practice)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) in ("Mn", "Cf") else code
        self[code] = kept
        return kept


_UNMARKED = _Unmarked()
# Arabic letter variants written interchangeably, and the tatweel that only stretches a word;
# hamza and madda on alef (أ إ آ) are marks, dropped with the others.
_ARABIC_LETTERS = str.maketrans({"\u0671": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647"})
_TATWEEL = "\u0640"
# й is not и with a mark but a letter of its own: kept through the decomposition.
_SHORT_I, _KEPT_SHORT_I = "\u0439", "\ue000"


def fold(text: str) -> str:
    """NFKC, case-folded, without diacritics, niqqud, cantillation or invisible marks."""
    text = text or ""
    if text.isascii():  # nothing to normalise, no marks, no Hebrew
        return text.lower()
    text = unicodedata.normalize("NFKC", text).casefold()
    short_i = _SHORT_I in text
    if short_i:
        text = text.replace(_SHORT_I, _KEPT_SHORT_I)
    kept = unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_UNMARKED))
    if short_i:
        kept = kept.replace(_KEPT_SHORT_I, _SHORT_I)
    if _TATWEEL in kept:
        kept = kept.replace(_TATWEEL, "")
    return _ACRONYM_QUOTE.sub("", kept.translate(_ARABIC_LETTERS))


def _is_word_char(text: str, index: int) -> bool:
    ch = text[index]
    if unicodedata.category(ch)[0] in "LNM":
        return True
    # A quote between Hebrew letters (marks may follow the first one) joins an acronym.
    if ch in _QUOTES and 0 < index < len(text) - 1:
        before = index - 1
        while before > 0 and unicodedata.category(text[before]) == "Mn":
            before -= 1
        return bool(_HEBREW_LETTER.match(text[before]) and _HEBREW_LETTER.match(text[index + 1]))
    return False


# Letters and digits: always part of a word. Whatever else lies between them (spaces,
# punctuation, combining marks, quotes in Hebrew acronyms) is looked at one by one.
ALNUM_RUN = re.compile(r"[^\W_]+")


def word_spans(text: str) -> Iterator[tuple[int, int]]:
    """Start and end of each word: a run of letters, digits and combining marks."""
    start = None
    index = 0
    for run in (*ALNUM_RUN.finditer(text), None):
        run_start, run_end = run.span() if run else (len(text), len(text))
        gap = text[index:run_start]
        if gap.isascii() and '"' not in gap and "'" not in gap:  # spaces, punctuation
            if gap and start is not None:
                yield start, index
                start = None
        else:
            for between in range(index, run_start):
                if _is_word_char(text, between):
                    if start is None:
                        start = between
                elif start is not None:
                    yield start, between
                    start = None
        if run is not None and start is None:
            start = run_start
        index = run_end
    if start is not None:
        yield start, len(text)


def words(text: str) -> list[str]:
    """The folded words of `text`."""
    folded = fold(text)
    return [folded[start:end] for start, end in word_spans(folded)]


def forms(word: str) -> list[str]:
    """A folded word and, for Hebrew, the word without each prefix it may carry."""
    return list(_forms(word))


@lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, ...]:
    found = [word]
    if _HEBREW_LETTER.match(word):
        for prefix in HEBREW_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
                stem = word[len(prefix) :]
                if stem not in found:
                    found.append(stem)
    return tuple(found)


def index_text(*parts: str) -> str:
    """What the index stores: every folded word followed by its other forms."""
    return " ".join(form for part in parts for word in words(part) for form in _forms(word))


@dataclass(frozen=True)
class Term:
    """One query word: any of its forms matches; `prefix` also matches longer words."""

    forms: tuple[str, ...]
    prefix: bool

    def matches(self, word: str) -> bool:
        for candidate in forms(word):
            for form in self.forms:
                if candidate == form or (self.prefix and candidate.startswith(form)):
                    return True
        return False


@dataclass(frozen=True)
class Query:
    """What the reader typed, reduced to words; every term must match."""

    text: str
    terms: tuple[Term, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)

    def matches(self, word: str) -> bool:
        return any(term.matches(word) for term in self.terms)


def parse_query(raw: str | None) -> Query:
    """The reader's query as terms; never raises, whatever was typed."""
    raw = (raw or "")[:MAX_QUERY_LENGTH]
    typed = list(dict.fromkeys(word[:MAX_WORD_LENGTH] for word in words(raw)))[:MAX_TERMS]
    still_typing = bool(raw) and not raw[-1].isspace()
    terms = []
    for position, word in enumerate(typed):
        last = position == len(typed) - 1
        prefix = last and still_typing and len(word) >= MIN_PREFIX_WORD
        terms.append(Term(tuple(forms(word)), prefix))
    # Control characters would make the page invalid where the query is shown again.
    shown = "".join(ch for ch in raw if unicodedata.category(ch) != "Cc")
    return Query(" ".join(shown.split()), tuple(terms))


def highlight(text: str, query: Query, length: int | None = None) -> Markup:
    """`text` escaped, cut to about `length` characters around the first match, matches marked.

    Stored text is never trusted as HTML: every piece is escaped, then only our <mark> added.
    """
    cut = bool(length) and len(text) > length
    if text.isascii():
        spans, begin, finish = _ascii_spans(text, query, length if cut else None)
    else:
        spans, begin, finish = _scanned_spans(text, query, length if cut else None)
    if cut and not spans:
        begin, finish = _around(text, 0, length)
    pieces: list[str] = ["…"] if begin > 0 else []
    cursor = begin
    for start, end in spans:
        if start < begin or end > finish:
            continue
        pieces.append(escape(text[cursor:start]))
        pieces.append(Markup("<mark>%s</mark>") % text[start:end])
        cursor = end
    pieces.append(escape(text[cursor:finish]))
    if finish < len(text):
        pieces.append("…")
    return Markup("").join(pieces)


def _ascii_spans(text: str, query: Query, length: int | None):
    """The matching words of an ASCII text, found by one expression: its words are its runs
    of letters and digits, and folding it is lowering it (a page of results is mostly
    English text, and scanning it word by word was most of the search page's work)."""
    spans = []
    begin, finish = 0, len(text)
    pattern = _ascii_pattern(query)
    if pattern is None:
        return spans, begin, finish
    for match in pattern.finditer(text.lower()):
        start, end = match.span()
        if start >= finish:
            break
        spans.append((start, end))
        if length and len(spans) == 1:
            begin, finish = _around(text, start, length)
    return spans, begin, finish


@lru_cache(maxsize=8)
def _ascii_pattern(query: Query) -> re.Pattern | None:
    """Whole ASCII words `query` matches: one of a term's forms, or a word beginning with it."""
    exact, starts = set(), set()
    for term in query.terms:
        for form in term.forms:
            if form.isascii() and form:
                (starts if term.prefix else exact).add(re.escape(form))
    if not exact and not starts:
        return None
    choices = []
    if exact:  # the whole word: no letter or digit follows
        choices.append(f"(?:{_longest_first(exact)})(?![^\\W_])")
    if starts:  # and the rest of the word
        choices.append(f"(?:{_longest_first(starts)})[^\\W_]*")
    # A word begins where no letter or digit comes before.
    return re.compile(f"(?<![^\\W_])(?:{'|'.join(choices)})")


def _longest_first(forms: set[str]) -> str:
    return "|".join(sorted(forms, key=len, reverse=True))


def _scanned_spans(text: str, query: Query, length: int | None):
    """The matching words of any text, word by word."""
    marked = _marked_words(query)
    spans = []
    begin, finish = 0, len(text)
    for start, end in word_spans(text):
        if start >= finish:
            break  # past the cut: a long text is read only up to its snippet's end
        word = text[start:end]
        if word not in marked:
            marked[word] = any(query.matches(folded) for folded in words(word))
        if marked[word]:
            spans.append((start, end))
            if length and len(spans) == 1:
                begin, finish = _around(text, start, length)
    return spans, begin, finish


def _around(text: str, first: int, length: int) -> tuple[int, int]:
    """Where a snippet of about `length` characters around the first match begins and ends."""
    begin = _word_start(text, max(0, first - length // 3))
    return begin, _word_end(text, min(len(text), begin + length))


@lru_cache(maxsize=8)
def _marked_words(query: Query) -> dict[str, bool]:
    """Whether each word met so far is marked for `query`: a page of results repeats words."""
    return {}


def _word_start(text: str, index: int) -> int:
    """`index`, moved forward past a word it cuts through."""
    if index == 0:
        return 0
    space = text.find(" ", index)
    return index if space == -1 or space - index > 30 else space + 1


def _word_end(text: str, index: int) -> int:
    """`index`, moved back before a word it cuts through."""
    if index >= len(text):
        return len(text)
    space = text.rfind(" ", 0, index)
    return index if space == -1 or index - space > 30 else space
