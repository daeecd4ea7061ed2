"""Near-identical comments (campaigns): texts whose word shingles overlap almost entirely.

Two texts are near-identical when the Jaccard similarity of their 3-word shingles, taken
on normalised text (case-folded, punctuation stripped, whitespace collapsed), is at least
0.9. Comparing every pair would grow with the square of the comments, so:

1. texts that normalise to the same string are merged first (a hash lookup);
2. each remaining text gets a MinHash signature (one-permutation hashing), cut into bands;
   texts sharing a band's values land in the same bucket and become candidates
   (locality-sensitive hashing);
3. candidates are checked with the exact Jaccard similarity, and accepted pairs are joined
   into groups (a group holds every text linked to it through accepted pairs).

Pure functions, no database: the report feeds them (key, text) pairs.
"""

from __future__ import annotations

import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Hashable, Iterable

THRESHOLD = 0.9
SHINGLE_WORDS = 3
# A 32-value signature in 8 bands of 4 rows: a pair with similarity 0.9 becomes a candidate
# with probability about 1 - (1 - 0.9**4)**8 > 0.999; one with 0.3, about 6 % of the time.
BANDS = 8
ROWS = 4
BINS = BANDS * ROWS
EMPTY = 1 << 32  # above every 32-bit shingle hash
MAX_REPRESENTATIVES = 16
# Fixed per-bin salts for re-hashing, the same on every server and run.
_SALTS = tuple(zlib.crc32(b"salt %d" % slot) for slot in range(BINS))


class _Separators(dict):
    """str.translate table: punctuation, spaces and control characters become spaces."""

    def __missing__(self, code: int) -> int:
        kind = unicodedata.category(chr(code))[0]
        self[code] = 32 if kind in "PZC" else code
        return self[code]


_SEPARATORS = _Separators()


def normalise(text: str) -> str:
    """Case-folded text without punctuation, with single spaces between words."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(text.translate(_SEPARATORS).split())


def shingles(normalised: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """The text's runs of `size` consecutive words (a shorter text is one shingle)."""
    words = normalised.split()
    if not words:
        return frozenset()
    if len(words) <= size:
        return frozenset({" ".join(words)})
    runs = zip(*(words[i:] for i in range(size)), strict=False)
    return frozenset(map(" ".join, runs))


def hashed_shingles(normalised: str, size: int = SHINGLE_WORDS) -> frozenset[int]:
    """`shingles` through `shingle_hash`, worked on bytes for speed (the same values)."""
    words = normalised.encode().split()
    if len(words) <= size:
        return frozenset({zlib.crc32(b" ".join(words))})
    runs = zip(*(words[i:] for i in range(size)), strict=False)
    return frozenset(map(zlib.crc32, map(b" ".join, runs)))


def jaccard(first: frozenset, second: frozenset) -> float:
    """Shared shingles over all shingles of the two texts (0 when both are empty)."""
    if not first and not second:
        return 0.0
    shared = len(first & second)
    return shared / (len(first) + len(second) - shared)


def shingle_hash(shingle: str) -> int:
    """A stable 32-bit hash, the same on every server and every run."""
    return zlib.crc32(shingle.encode())


def signature(hashes: frozenset[int]) -> tuple[int, ...]:
    """The MinHash signature by one-permutation hashing, with every bin filled.

    Each shingle's hash falls into one of `BINS` bins (by its lowest bits) and each bin keeps
    its smallest hash, so two texts agree on a bin about as often as their shingles overlap.
    A bin no shingle fell into (short texts leave many) takes the smallest of the shingles'
    hashes re-hashed for that bin, marked as such: it too agrees about as often as the texts
    overlap, so short texts do not crowd into the same buckets.
    """
    smallest = [EMPTY] * BINS
    for value in hashes:
        slot = value % BINS
        if value < smallest[slot]:
            smallest[slot] = value
    for slot, value in enumerate(smallest):
        if value == EMPTY:
            smallest[slot] = EMPTY + min(map(_SALTS[slot].__xor__, hashes))
    return tuple(smallest)


def candidate_pairs(signatures: dict[int, tuple[int, ...]]) -> Iterable[list[int]]:
    """Buckets of indexes whose signatures agree on all rows of at least one band."""
    for band in range(BANDS):
        buckets: dict[tuple[int, ...], list[int]] = defaultdict(list)
        start = band * ROWS
        for index, values in signatures.items():
            buckets[values[start : start + ROWS]].append(index)
        for members in buckets.values():
            if len(members) > 1:
                yield members


class _Groups:
    """Union-find over indexes."""

    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def join(self, first: int, second: int) -> None:
        self.parent[self.find(first)] = self.find(second)


def find_groups(
    items: Iterable[tuple[Hashable, str]], threshold: float = THRESHOLD, min_size: int = 2
) -> list[list[Hashable]]:
    """Groups of keys whose texts are near-identical, largest first, keys in input order."""
    keys_by_text: dict[str, list[Hashable]] = defaultdict(list)
    order: dict[Hashable, int] = {}
    for key, text in items:
        order[key] = len(order)
        normalised = normalise(text)
        if normalised:
            keys_by_text[normalised].append(key)
    texts = list(keys_by_text)
    hashed = [hashed_shingles(text) for text in texts]
    signatures = {index: signature(values) for index, values in enumerate(hashed)}
    groups = _Groups(len(texts))
    for members in candidate_pairs(signatures):
        _link(members, hashed, groups, threshold)
    by_root: dict[int, list[Hashable]] = defaultdict(list)
    for index, text in enumerate(texts):
        by_root[groups.find(index)].extend(keys_by_text[text])
    found = [sorted(keys, key=order.__getitem__) for keys in by_root.values()]
    found = [keys for keys in found if len(keys) >= min_size]
    return sorted(found, key=lambda keys: (-len(keys), order[keys[0]]))


def _link(members: list[int], hashed: list[frozenset], groups: _Groups, threshold: float) -> None:
    """Join the bucket's members whose texts pass the exact check.

    Each member is compared with one text of every group met so far in the bucket, so a
    large campaign costs one comparison per member rather than one per pair. Texts that
    merely share a common core can still fill a bucket; comparisons stop at
    `MAX_REPRESENTATIVES` groups per bucket, since a near-identical pair also meets in the
    smaller buckets its own shingles make.
    """
    representatives: list[int] = []
    for index in members:
        linked = False
        size = len(hashed[index])
        for other in representatives:
            if groups.find(other) == groups.find(index):
                linked = True
            elif min(size, len(hashed[other])) >= threshold * max(size, len(hashed[other])) and (
                jaccard(hashed[index], hashed[other]) >= threshold
            ):
                groups.join(index, other)
                linked = True
        if not linked and len(representatives) < MAX_REPRESENTATIVES:
            representatives.append(index)
