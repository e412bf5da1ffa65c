"""An offline gazetteer: place names -> GeoNames-based candidates, read from a compact SQLite file.

The file is package data (``data/gazetteer.sqlite``) built by ``scripts/build_gazetteer.py`` from PyPI data
packages; nothing downloads at run time. Lookups go by a normalized key (:func:`normalize_key`) and, for
spelling variants ("Baluchistan" / "Balochistan", "Turkiye" / "Turkey"), by a consonant skeleton
(:func:`skeleton_key`).
"""
from __future__ import annotations

import logging
import os
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_PATH = DATA_DIR / "gazetteer.sqlite"

# Name kinds in the ``names`` table: how much a match on it says. A code ("GA") names a US state only as written
# after a town ("Athens, GA").
KIND_NAME, KIND_ALT, KIND_ABBREV, KIND_CODE = 0, 1, 2, 3

# Feature codes, GeoNames style; the build script assigns them.
COUNTRY_CODES = frozenset({"PCLI"})
ADMIN_CODES = frozenset({"ADM1", "ADM2"})
# Continents, world regions, seas and the physical features of the curated table (islands, ranges, rivers, deltas,
# lakes, deserts): areas larger than or apart from any admin area.
AREA_CODES = frozenset({"CONT", "RGN", "OCN", "SEA", "ISL", "MTS", "STM", "DLTA", "LK", "DSRT"})

_FOLD = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ð": "d", "þ": "th",
                       "’": "'", "‘": "'", "ʼ": "'", "`": "'", "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Return ``text`` case-folded, without accents ("Doğubayazıt" -> "dogubayazit").

    Args:
        text: any string.
    """
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)  # the same names recur across a batch's mentions and candidates
def normalize_key(name: str) -> str:
    """Return the lookup key of a place name: folded, punctuation as spaces, no leading article.

    "St. Louis" and "St Louis" share a key, so do "Xi'an" and "Xian", "Port-au-Prince" and "Port au Prince".

    Args:
        name: a place name as written.
    """
    key = fold(name).replace("'", "").replace(".", " ")
    key = re.sub(r"[^\w]+", " ", key).strip()
    key = re.sub(r"^the ", "", key)
    key = re.sub(r" of the ", " of ", key)  # "Democratic Republic of (the) Congo"
    key = re.sub(r"\bsaint\b", "st", key)
    key = re.sub(r"\bmount\b", "mt", key)
    return re.sub(r"\s+", " ", key)


_SKELETON_RULES = [
    (r"kh", "k"), (r"gh", "g"), (r"ph", "f"), (r"q", "k"), (r"ck", "k"), (r"c(?=[aou])", "k"), (r"dh", "d"),
    (r"th", "t"), (r"sh", "s"), (r"ch", "c"), (r"w", "v"), (r"z", "s"), (r"j", "y"), (r"(.)\1", r"\1"),
]


def skeleton_key(name: str) -> str:
    """Return a consonant skeleton for spelling variants of transliterated names, or "" when too short to trust.

    Digraphs fold (kh -> k, gh -> g, ph -> f, sh -> s), doubled letters merge, and vowels after the first letter
    drop, so "Baluchistan" and "Balochistan" meet, as do "Turkiye"/"Turkey" and "Peshawar"/"Pashawar".

    Args:
        name: a place name as written.
    """
    key = normalize_key(name).replace(" ", "")
    if len(key) < 6 or not key.isalpha():
        return ""
    for pat, rep in _SKELETON_RULES:
        key = re.sub(pat, rep, key)
    skel = key[0] + re.sub(r"[aeiouy]", "", key[1:])
    return skel if len(skel) >= 4 else ""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    admin1_id: int
    feature: str
    population: int
    kind: int = KIND_NAME

    @property
    def is_country(self) -> bool:
        """True for a country (or dependent territory)."""
        return self.feature in COUNTRY_CODES

    @property
    def is_admin(self) -> bool:
        """True for a first- or second-order administrative division."""
        return self.feature in ADMIN_CODES

    @property
    def precision(self) -> int:
        """ACLED-style geo precision: 1 a town, 2 a district (resolved to its seat), 3 a region or larger."""
        if self.feature.startswith("PPL"):
            return 1
        if self.feature == "ADM2":
            return 2
        return 3


class Gazetteer:
    """Read-only access to the gazetteer file: candidates by name, demonyms, metadata.

    Args:
        path: the SQLite file; the packaged one by default.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else DEFAULT_PATH
        if not self.path.exists():
            raise FileNotFoundError(f"gazetteer file not found: {self.path}; run scripts/build_gazetteer.py")
        self._connect()
        self._cache: dict[str, list[Candidate]] = {}
        self._skel_cache: dict[str, list[Candidate]] = {}
        self.meta = dict(self._db.execute("SELECT key, value FROM meta"))
        self.demonyms: dict[str, str] = dict(self._db.execute("SELECT key, cc FROM demonyms"))
        self.countries: dict[str, Candidate] = {}
        for c in self._rows(f"SELECT {self._COLS}, 0 FROM places p LEFT JOIN places a ON a.id = p.a1 "
                            "WHERE p.fcode = 'PCLI'", ()):
            self.countries.setdefault(c.country, c)

    def _connect(self) -> None:
        # Read-only and immutable: the file is package data and never written at run time.
        self._conn = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._pid = os.getpid()

    @property
    def _db(self) -> sqlite3.Connection:
        if self._pid != os.getpid():  # a forked worker (nlp.pipe(n_process=2)) opens its own connection
            self._connect()
        return self._conn

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state.pop("_conn", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._connect()

    def _rows(self, sql: str, params: Iterable) -> list[Candidate]:
        out = []
        for gid, name, lat, lon, cc, a1name, a1, fcode, pop, kind in self._db.execute(sql, tuple(params)):
            out.append(Candidate(gid, name, lat, lon, cc or "", a1name or "", a1 or 0, fcode, pop or 0, kind))
        return out

    _COLS = "p.id, p.name, round(p.lat * 1e-4, 4), round(p.lon * 1e-4, 4), p.cc, a.name, p.a1, p.fcode, p.pop"
    _SELECT = ("SELECT " + _COLS + ", n.kind FROM {table} n JOIN places p ON p.id = n.id "
               "LEFT JOIN places a ON a.id = p.a1 WHERE n.key IN ({marks})")

    def prefetch(self, keys: Iterable[str]) -> None:
        """Look up many normalized keys at once (one query per batch), so later :meth:`lookup` calls are cached.

        Args:
            keys: normalized keys (see :func:`normalize_key`).
        """
        todo = sorted({k for k in keys if k and k not in self._cache})
        for i in range(0, len(todo), 500):
            chunk = todo[i:i + 500]
            for k in chunk:
                self._cache[k] = []
            sql = self._SELECT.format(table="names", marks=",".join("?" * len(chunk))).replace(
                "SELECT ", "SELECT n.key, ", 1)
            for row in self._db.execute(sql, chunk):
                key, rest = row[0], row[1:]
                gid, name, lat, lon, cc, a1name, a1, fcode, pop, kind = rest
                self._cache[key].append(Candidate(gid, name, lat, lon, cc or "", a1name or "", a1 or 0, fcode,
                                                  pop or 0, kind))

    def lookup(self, name: str, *, key: str | None = None) -> list[Candidate]:
        """Return the candidates whose name or alias has the key of ``name`` (most populous first).

        Args:
            name: a place name as written.
            key: its normalized key, when the caller has it already.
        """
        key = key if key is not None else normalize_key(name)
        if key not in self._cache:
            self.prefetch([key])
        cands = self._cache.get(key, [])
        best: dict[int, Candidate] = {}
        for c in cands:  # one entry per place, the strongest name kind
            if c.geonameid not in best or c.kind < best[c.geonameid].kind:
                best[c.geonameid] = c
        return sorted(best.values(), key=lambda c: (-c.population, c.geonameid))

    def lookup_variant(self, name: str) -> list[Candidate]:
        """Return candidates that share the spelling skeleton of ``name`` (for "Baluchistan" -> Balochistan).

        Args:
            name: a place name as written.
        """
        skel = skeleton_key(name)
        if not skel:
            return []
        if skel not in self._skel_cache:
            sql = self._SELECT.format(table="skeletons", marks="?").replace("n.kind", "1")
            self._skel_cache[skel] = self._rows(sql, (skel,))
        return sorted({c.geonameid: c for c in self._skel_cache[skel]}.values(),
                      key=lambda c: (-c.population, c.geonameid))

    def has_key(self, key: str) -> bool:
        """True when some place has this normalized key as a name or alias."""
        if key not in self._cache:
            self.prefetch([key])
        return bool(self._cache.get(key))

    def get(self, geonameid: int) -> Candidate | None:
        """Return the entry with this id, or None."""
        rows = self._rows(f"SELECT {self._COLS}, 0 FROM places p LEFT JOIN places a ON a.id = p.a1 "
                          "WHERE p.id = ?", (geonameid,))
        return rows[0] if rows else None

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()


def locate(name: str) -> tuple[float, float] | None:
    """Return (lat, lon) of the most populous place called `name` (spelling variants too), or None; offline.

    Opens and closes its own connection, so any thread may call it (`--near` in the CLI and the API).
    """
    gazetteer = Gazetteer()
    try:
        candidates = gazetteer.lookup(name) or gazetteer.lookup_variant(name)
    finally:
        gazetteer.close()
    return (candidates[0].lat, candidates[0].lon) if candidates else None
