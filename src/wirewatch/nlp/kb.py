"""The entity knowledge base: canonical names and aliases of armed groups, countries, nationalities and outlets.

The data is ``data/kb.jsonl``, built by ``scripts/build_kb.py`` from UCDP, a Wikipedia demonym table, ISO 3166
and wirewatch's publishers table (see ``data/NOTICE``). It is read when a component is built, never at import.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path

KB_FILE = "kb.jsonl"

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-"})
# Words dropped before looking a name up: "the Islamic State group" is "Islamic State".
_LEAD = re.compile(r"^(the)\s+", re.IGNORECASE)
_TRAIL = re.compile(r"\s+(group|movement|militants|militia|organisation|organization)$", re.IGNORECASE)


# A transliterated Arabic or Urdu construct name: head word, particle, complement ("Lashkar-e-Jhangvi").
_CONSTRUCT_NAME = re.compile(r"^([A-Z][a-z]+)-(?:e|i|o|ul|al|el|ut|ud|un|us|ush|ur|ar|as|ad|an|at|az|ash)-[A-Z]")


def normalize_name(name: str) -> str:
    """Return the lookup key of a name: no diacritics, straight quotes, case-folded, no leading "the"."""
    name = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = re.sub(r"[’']s$", "", re.sub(r"\s+", " ", name).strip()).rstrip(".")
    return _LEAD.sub("", name).casefold()


def is_acronym(name: str) -> bool:
    """True for short upper-case names: "TTP", "LeT", "M23", "ISIS" (dots allowed: "U.S.")."""
    return bool(re.fullmatch(r"[A-Za-z0-9&.\-]{2,10}", name)) and sum(c.isupper() for c in name) >= 2


class KnowledgeBase:
    """Canonical entities with an alias index.

    Args:
        rows: KB rows, each ``{"id", "name", "type", "kind", "aliases", "country", "wikidata", ...}``.
    """

    def __init__(self, rows: Iterable[dict]):
        self.rows: dict[str, dict] = {}
        self._by_key: dict[str, list[str]] = {}
        # Spelling variants ("Taliban" for UCDP's "Taleban") are asked only when no name or alias matches.
        self._by_variant: dict[str, list[str]] = {}
        self._group_heads: frozenset[str] | None = None
        for row in rows:
            self.rows[row["id"]] = row
            for alias in [row["name"], *row.get("aliases", [])]:
                ids = self._by_key.setdefault(normalize_name(alias), [])
                if row["id"] not in ids:
                    ids.append(row["id"])
            for variant in row.get("variants", []):
                ids = self._by_variant.setdefault(normalize_name(variant), [])
                if row["id"] not in ids:
                    ids.append(row["id"])

    @classmethod
    def from_path(cls, path: str | Path) -> KnowledgeBase:
        """Load a KB from a JSON Lines file."""
        with open(path, encoding="utf-8") as fh:
            return cls(json.loads(line) for line in fh if line.strip())

    def __len__(self) -> int:
        return len(self.rows)

    def lookup(self, name: str, types: Iterable[str] | None = None) -> dict | None:
        """Return the KB row a name stands for, or None when unknown or ambiguous.

        An alias shared by several rows resolves to the row whose canonical name it is ("Islamic State" is
        UCDP's IS, not Darul Islam's English gloss), or to rows that agree on one canonical name.

        Args:
            name: the surface form.
            types: entity types to accept (None: any).
        """
        key = normalize_name(name)
        for index in (self._by_key, self._by_variant):
            for variant in (key, _TRAIL.sub("", key)):
                ids = index.get(variant)
                if not ids:
                    continue
                rows = [self.rows[i] for i in ids if types is None or self.rows[i]["type"] in types]
                if not rows:
                    continue
                own = [r for r in rows if normalize_name(r["name"]) == variant]
                if len(own) == 1 or (own and len({r["name"] for r in own}) == 1):
                    return own[0]
                if len({r["name"] for r in rows}) == 1:
                    return rows[0]
                return None
        return None

    def is_variant(self, name: str, row: dict) -> bool:
        """True when ``name`` reaches ``row`` only as a spelling variant, not as its name or one of its aliases.

        Args:
            name: a surface form.
            row: a KB row.
        """
        key = normalize_name(name)
        keys = {normalize_name(a) for a in [row["name"], *row.get("aliases", [])]}
        return key not in keys and _TRAIL.sub("", key) not in keys and \
            row["id"] in self._by_variant.get(key, self._by_variant.get(_TRAIL.sub("", key), []))

    def group_name_heads(self) -> frozenset[str]:
        """The head words of armed groups' construct names ("Lashkar", "Jaish", "Tehrik"): a name built on one
        of them ("Jaish-ul-Wadi") names a group even when the KB does not know it."""
        if self._group_heads is None:
            self._group_heads = frozenset(
                m.group(1) for row in self.rows.values() if row.get("kind") == "armed_group"
                for alias in [row["name"], *row.get("aliases", [])] if (m := _CONSTRUCT_NAME.match(alias)))
        return self._group_heads

    def construct_group_name(self, name: str) -> bool:
        """True for a construct name whose head word heads an armed group's name in the KB."""
        m = _CONSTRUCT_NAME.match(name)
        return bool(m) and m.group(1) in self.group_name_heads()

    def aliases(self) -> Iterator[tuple[str, dict]]:
        """Yield every (surface form, row) pair that resolves unambiguously to its row."""
        for row in self.rows.values():
            for alias in [row["name"], *row.get("aliases", [])]:
                if self.lookup(alias) is row:
                    yield alias, row


@cache
def default_kb() -> KnowledgeBase:
    """Return the KB shipped with wirewatch (read once per process)."""
    with resources.as_file(resources.files("wirewatch.nlp") / "data" / KB_FILE) as path:
        return KnowledgeBase.from_path(path)
