"""The cue and channel lexicons of the quote finder, shipped as package data (``nlp/data/*.txt``).

Both are plain tab-separated text so a newsroom can extend them without code; ``CueLexicon`` reads them,
answers lookups and writes them back for ``QuoteFinder.to_disk``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

CUE_FILE = "cue_verbs.txt"
CHANNEL_FILE = "quote_channels.txt"
CUE_KINDS = ("speech", "question", "answer", "belief", "phrase", "noun", "source", "stance", "raising")
CHANNEL_KINDS = ("platform", "medium", "press")


def _read_table(text: str, kinds: tuple[str, ...], source: str) -> dict[str, dict[str, str]]:
    """Parse ``ENTRY<TAB>KIND[<TAB>FRAMES]`` lines into {kind: {entry_lower: entry or entry<TAB>frames}}.

    The first line for an entry and kind wins.

    Raises:
        ValueError: a line names a kind the table does not know (the message gives file and line).
    """
    table: dict[str, dict[str, str]] = {k: {} for k in kinds}
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        entry, kind, *rest = [part.strip() for part in line.split("\t")]
        if kind not in table:
            raise ValueError(f"{source}:{n}: unknown kind {kind!r}; use one of {', '.join(kinds)}")
        table[kind].setdefault(entry.casefold(), "\t".join([entry, *rest]))
    return table


def _dump_table(table: dict[str, dict[str, str]], header: str) -> str:
    lines = [header]
    for kind, entries in table.items():
        for value in entries.values():
            entry, _, frames = value.partition("\t")
            lines.append("\t".join([entry, kind] + ([frames] if frames else [])))
    return "\n".join(lines) + "\n"


def _parse_frames(spec: str) -> tuple[frozenset[str], frozenset[str]]:
    """'dobj,prep=for|about' -> ({'dobj', 'prep'}, {'for', 'about'})."""
    frames: set[str] = set()
    preps: set[str] = set()
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, _, values = part.partition("=")
        frames.add(name)
        preps.update(v for v in values.split("|") if v)
    return frozenset(frames), frozenset(preps)


@dataclass
class CueLexicon:
    """Cue words by kind (speech, question, answer, belief, phrase, noun, source, stance, raising), channel words by
    kind."""

    cues: dict[str, dict[str, str]] = field(default_factory=dict)
    channels: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        verbs: dict[str, str] = {}
        self.frames: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        for kind in ("speech", "question", "answer", "belief"):
            for lemma, value in self.cues.get(kind, {}).items():
                verbs.setdefault(lemma, kind)
                self.frames.setdefault(lemma, _parse_frames(value.partition("\t")[2]))
        self.verb_kind = verbs  # lemma -> kind, the hot lookup
        self.phrases = [tuple(p.split()) for p in self.cues.get("phrase", {})]
        self.nouns = set(self.cues.get("noun", {}))
        self.stances = {lemma: _parse_frames(value.partition("\t")[2])
                        for lemma, value in self.cues.get("stance", {}).items()}
        self.noun_prep_frames = {lemma: _parse_frames(value.partition("\t")[2])[1]
                                 for lemma, value in self.cues.get("noun", {}).items()}
        self.sources = set(self.cues.get("source", {}))
        self.raising = set(self.cues.get("raising", {}))
        self.platforms = {k: v.partition("\t")[0] for k, v in self.channels.get("platform", {}).items()}
        self.media = set(self.channels.get("medium", {}))
        self.press = set(self.channels.get("press", {}))

    @classmethod
    def from_texts(cls, cue_text: str, channel_text: str) -> CueLexicon:
        """Build the lexicon from the two files' contents."""
        return cls(_read_table(cue_text, CUE_KINDS, CUE_FILE), _read_table(channel_text, CHANNEL_KINDS, CHANNEL_FILE))

    @classmethod
    def default(cls) -> CueLexicon:
        """The lexicon shipped with wirewatch (``wirewatch/nlp/data``)."""
        data = resources.files("wirewatch.nlp") / "data"
        return cls.from_texts((data / CUE_FILE).read_text("utf-8"), (data / CHANNEL_FILE).read_text("utf-8"))

    @classmethod
    def from_disk(cls, path: Path) -> CueLexicon:
        """Read the lexicon written by ``to_disk`` from the folder ``path``."""
        return cls.from_texts((path / CUE_FILE).read_text("utf-8"), (path / CHANNEL_FILE).read_text("utf-8"))

    def to_disk(self, path: Path) -> None:
        """Write both files into the folder ``path`` (created when missing)."""
        path.mkdir(parents=True, exist_ok=True)
        (path / CUE_FILE).write_text(_dump_table(self.cues, "# wirewatch cue lexicon"), "utf-8")
        (path / CHANNEL_FILE).write_text(_dump_table(self.channels, "# wirewatch quote channels"), "utf-8")

    def cue_kind(self, lemma: str) -> str | None:
        """The kind of a cue verb lemma, or None when it is no cue."""
        return self.verb_kind.get(lemma.casefold())

    def stance_frames(self, lemma: str) -> tuple[frozenset[str], frozenset[str]] | None:
        """The frames (ccomp, xcomp, prep) of a stance adjective ("critical of", "confident that"), or None."""
        return self.stances.get(lemma.casefold())

    def noun_preps(self, lemma: str) -> frozenset[str]:
        """The prepositions through which a report noun takes what it is about ("criticism of", "support for")."""
        return self.noun_prep_frames.get(lemma.casefold(), frozenset())

    def verb_frames(self, lemma: str) -> tuple[frozenset[str], frozenset[str]]:
        """The extra frames (dobj, xcomp, prep) a cue verb reports speech in, and the prepositions of its prep frame."""
        return self.frames.get(lemma.casefold(), (frozenset(), frozenset()))
