"""The trigger and cue lexicons of the event finder, shipped as package data (``nlp/data/event_*.tsv``).

Both are plain tab-separated text so an analyst can add a trigger or a hedge without code; ``EventLexicon``
reads them, matches tokens against them and writes them back for ``EventFinder.to_disk``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from spacy.tokens import Token

TRIGGER_FILE = "event_triggers.tsv"
CUE_FILE = "event_cues.tsv"
CUE_KINDS = ("adverb", "governor", "phrase", "condition", "modal", "intent", "light", "claim", "quantity", "party",
             "side", "territory", "arms", "aim", "give")
CERTAINTIES = ("confirmed", "reported", "alleged", "claimed", "denied", "hypothetical")
# Words that must sit under a multi-word trigger's head: its object, particle, preposition or modifier.
_PART_DEPS = frozenset({"dobj", "prt", "prep", "pobj", "compound", "amod", "acomp", "attr", "advmod", "nsubjpass",
                        "dative"})
_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "xcomp"})
_TRIGGER_POS = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}


@dataclass(frozen=True)
class Trigger:
    """One lexicon row: the words of a trigger and what it codes for.

    Attributes:
        words: the lemmas as the row writes them ("raise concern", "hunger strike", "state of siege").
        pos: VERB, NOUN or ADJ.
        plover: the PLOVER type, or None for a row that only names an instrument ("drone").
        acled_event: ACLED's event type, or None where the codebook does not apply.
        acled_sub: ACLED's sub-event type, or None.
        role: "fatal" or "injury" when the patient is a casualty count, "instrument" for a weapon; "impact",
            "arms" or "territory" for a verb that is an act only with a weapon, weapons or ground as its subject or
            object ("a shell landed", "recovered rifles", "captured the town"); else None.
    """

    words: tuple[str, ...]
    pos: str
    plover: str | None
    acled_event: str | None
    acled_sub: str | None
    role: str | None

    @property
    def head(self) -> str:
        """The word the parse hangs the others on: a verb's first word, a compound noun's last ("hunger *strike*")."""
        return self.words[-1] if self.pos == "NOUN" and "of" not in self.words else self.words[0]

    @property
    def parts(self) -> tuple[str, ...]:
        """The words that must stand under the head."""
        rest = list(self.words)
        rest.remove(self.head)
        return tuple(rest)


def _parse_triggers(text: str, source: str) -> list[Trigger]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) < 5:
            raise ValueError(f"{source}:{n}: expected LEMMA, POS, PLOVER, ACLED type, ACLED sub-event; got {line!r}")
        words, pos, plover, acled_event, acled_sub = parts[:5]
        role = parts[5] if len(parts) > 5 and parts[5] else None
        rows.append(Trigger(tuple(words.casefold().split()), pos, None if plover == "-" else plover,
                            None if acled_event == "-" else acled_event, None if acled_sub == "-" else acled_sub, role))
    return rows


def _parse_cues(text: str, source: str) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {kind: {} for kind in CUE_KINDS}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cue, kind, value = ([p.strip() for p in line.split("\t")] + ["-"])[:3]
        if kind not in table:
            raise ValueError(f"{source}:{n}: unknown kind {kind!r}; use one of {', '.join(CUE_KINDS)}")
        table[kind].setdefault(cue.casefold(), value)
    return table


@dataclass
class EventLexicon:
    """Triggers by head lemma and part of speech, and the cues around them by kind."""

    trigger_text: str
    cue_text: str
    triggers: dict[tuple[str, str], list[Trigger]] = field(init=False)
    instruments: dict[str, Trigger] = field(init=False)
    cues: dict[str, dict[str, str]] = field(init=False)

    def __post_init__(self) -> None:
        self.triggers, self.instruments = {}, {}
        for row in _parse_triggers(self.trigger_text, TRIGGER_FILE):
            if row.role == "instrument" or (row.pos == "NOUN" and row.acled_event == "Explosions/Remote violence"):
                self.instruments.setdefault(" ".join(row.words), row)  # "a suicide bomber struck": the weapon
            if row.plover:
                self.triggers.setdefault((row.head, row.pos), []).append(row)
        for rows in self.triggers.values():
            rows.sort(key=lambda r: -len(r.words))  # the longest match wins: "hunger strike" before "strike"
        self.cues = _parse_cues(self.cue_text, CUE_FILE)
        self.phrase_patterns = [(re.compile(r"\b" + r"\s+".join(map(re.escape, p.split())) + r"\b"), c)
                                for p, c in self.cues["phrase"].items()]

    @classmethod
    def default(cls) -> EventLexicon:
        """The lexicon shipped with wirewatch (``wirewatch/nlp/data``)."""
        data = resources.files("wirewatch.nlp") / "data"
        return cls((data / TRIGGER_FILE).read_text("utf-8"), (data / CUE_FILE).read_text("utf-8"))

    @classmethod
    def from_disk(cls, path: Path) -> EventLexicon:
        """Read the two files ``to_disk`` wrote into the folder ``path``."""
        return cls((path / TRIGGER_FILE).read_text("utf-8"), (path / CUE_FILE).read_text("utf-8"))

    def to_disk(self, path: Path) -> None:
        """Write both files into the folder ``path`` (created when missing)."""
        path.mkdir(parents=True, exist_ok=True)
        (path / TRIGGER_FILE).write_text(self.trigger_text, "utf-8")
        (path / CUE_FILE).write_text(self.cue_text, "utf-8")

    def match(self, token: Token) -> Trigger | None:
        """Return the longest trigger row headed by ``token`` whose other words stand under it, or None."""
        pos = _TRIGGER_POS.get(token.pos_)
        if pos is None:
            return None
        rows = self.triggers.get((token.lemma_.casefold(), pos)) or self.triggers.get((token.lower_, pos))
        if not rows:
            return None
        near: set[str] | None = None
        below: set[str] = set()
        for row in rows:
            if len(row.words) == 1:
                return row
            if near is None:
                children = [child for child in token.children if child.dep_ in _PART_DEPS]
                # "call for the UN to act": the parser makes "for" the mark of the clause, not the verb's particle
                children += [m for child in token.children if child.dep_ in _CLAUSE_DEPS
                             for m in child.children if m.dep_ == "mark"]
                near = {w for child in children for w in (child.lemma_.casefold(), child.lower_)}
                below = near | {w for child in children for t in child.children for w in (t.lemma_.casefold(), t.lower_)}
            # the first word hangs on the head ("call *for*"), later ones may hang on it ("call for *sanctions*")
            if row.parts[0] in near and all(w in below for w in row.parts):
                return row
        return None

    def instrument(self, token: Token, *, modifiers: bool = False) -> Trigger | None:
        """Return the weapon row a token (with its compound or adjective modifier) names, or None.

        With ``modifiers`` a modifier alone may name the weapon ("*mortar* rounds", "a *suicide* attacker",
        "*chlorine* gas"): enough to type an attack, but the phrase still names people where it names people.
        """
        lemma = token.lemma_.casefold()
        mods = [t for t in token.children if t.dep_ in ("compound", "amod")]
        compound = " ".join(t.lower_ for t in mods if t.dep_ == "compound")
        keys = [f"{compound} {lemma}".strip(), *(f"{t.lower_} {lemma}" for t in mods), lemma, token.lower_]
        if modifiers:
            keys += [k for t in mods for k in (t.lemma_.casefold(), t.lower_)]
        return next((self.instruments[key] for key in keys if key in self.instruments), None)

    def cue(self, kind: str, word: str) -> str | None:
        """The value of a cue of ``kind`` ("adverb", "governor", ...), or None when ``word`` is none."""
        return self.cues[kind].get(word.casefold())
