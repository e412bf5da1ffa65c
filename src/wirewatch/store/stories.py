"""Near-duplicates and stories: MinHash on 5-word shingles, LSH bands kept in SQL, confirmed exactly.

Each article's MinHash is cut into bands of `BAND_ROWS` values; each band hashes to one bucket row in
``story_buckets``. Articles that share a bucket are candidates, and a candidate joins the story only when the
exact shingle sets agree: Jaccard at least `MIN_JACCARD` (syndicated copies, light edits) or the smaller set
contained at least `MIN_CONTAINMENT` in the larger (a teaser of a longer article). Bands of two rows catch
pairs with a Jaccard as low as ~0.2, which a teaser a fifth the length of its article reaches.
"""
from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from datasketch import MinHash

SHINGLE_WORDS = 5
NUM_PERM = 128
BAND_ROWS = 2
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.8
MIN_SHINGLES_FOR_CONTAINMENT = 8  # a few words contained in a long text say nothing

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[str]:
    """Return the set of 5-word shingles of `text`, words casefolded (the whole text if it is shorter)."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def buckets(shingle_set: set[str]) -> list[int]:
    """Return the LSH bucket of each band of the MinHash of `shingle_set`, as signed 64-bit integers."""
    if not shingle_set:
        return []
    scheme, permutations = _permutations()
    minhash = MinHash(num_perm=NUM_PERM, permutations=permutations, scheme=scheme)
    minhash.update_batch([s.encode("utf-8") for s in shingle_set])
    values = minhash.hashvalues
    out = []
    for band in range(NUM_PERM // BAND_ROWS):
        part = values[band * BAND_ROWS:(band + 1) * BAND_ROWS]
        digest = hashlib.blake2b(struct.pack(f"<I{BAND_ROWS}Q", band, *map(int, part)), digest_size=8).digest()
        out.append(struct.unpack("<q", digest)[0])  # signed: fits SQLite INTEGER and PostgreSQL BIGINT
    return out


@lru_cache(maxsize=1)
def _permutations() -> tuple[str, tuple]:
    """The MinHash scheme and permutations (seed 1): drawing them costs more than hashing a whole article."""
    template = MinHash(num_perm=NUM_PERM)
    return template.scheme, template.permutations


@dataclass(frozen=True, slots=True)
class Overlap:
    """How much two shingle sets share."""

    jaccard: float
    containment: float  # share of the smaller set found in the larger

    @property
    def same_story(self) -> bool:
        return self.jaccard >= MIN_JACCARD or self.containment >= MIN_CONTAINMENT

    @property
    def strength(self) -> float:
        return max(self.jaccard, self.containment)


def sizes_can_match(size_a: int, size_b: int) -> bool:
    """Return whether sets of these sizes can reach either threshold (Jaccard is at most smaller / larger)."""
    smaller, larger = sorted((size_a, size_b))
    return smaller >= MIN_SHINGLES_FOR_CONTAINMENT or (larger > 0 and smaller / larger >= MIN_JACCARD)


def overlap(a: set[str], b: set[str]) -> Overlap:
    """Return the exact Jaccard and containment of two shingle sets."""
    if not a or not b:
        return Overlap(0.0, 0.0)
    common = len(a & b)
    smaller = min(len(a), len(b))
    containment = common / smaller if smaller >= MIN_SHINGLES_FOR_CONTAINMENT else 0.0
    return Overlap(common / len(a | b), containment)
