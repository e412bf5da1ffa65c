"""Role phrases around person names: premodifiers ("Pakistan Defence Minister Khawaja Asif", "presenter Yalda
Hakim") and appositions ("Ishaq Dar, the country's foreign minister,").

The role lexicon is ``data/roles.txt`` (head nouns, modifiers, courtesy titles, gender cues).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

from spacy.tokens import Doc, Span, Token

ROLES_FILE = "roles.txt"
_CONNECTORS = {"of", "to", "for", "and", "'s", "\u2019s", "at", "on", "in"}
_DETERMINERS = {"the", "a", "an", "this", "that"}
_MAX_ROLE_TOKENS = 12


@dataclass(frozen=True)
class RoleLexicon:
    """Lower-case words by kind, read from ``data/roles.txt``."""

    roles: frozenset[str] = field(default_factory=frozenset)
    modifiers: frozenset[str] = field(default_factory=frozenset)
    titles: frozenset[str] = field(default_factory=frozenset)
    male: frozenset[str] = field(default_factory=frozenset)
    female: frozenset[str] = field(default_factory=frozenset)
    # title -> the role nouns of its office, so that "the senator" can find "Sen. Jane Roe" (pairs: hashable)
    offices: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def is_role(self, word: str) -> bool:
        """True when a word heads a role phrase ("minister", "spokeswoman")."""
        w = word.lower()
        return w in self.roles or w.rstrip("s") in self.roles or w in self.male or w in self.female

    def title_roles(self, word: str) -> tuple[str, ...]:
        """The role nouns a title before a name stands for ("Sen." -> senator, lawmaker); empty for others."""
        return self._office_index.get(word.lower().rstrip("."), ())

    @cached_property
    def _office_index(self) -> dict[str, tuple[str, ...]]:
        return dict(self.offices)

    def gender(self, word: str) -> str | None:
        """Return "m", "f" or None for a gendered role or title ("spokeswoman", "Mr")."""
        w = word.lower()
        return "m" if w in self.male else "f" if w in self.female else None


@cache
def default_roles() -> RoleLexicon:
    """Return the role lexicon shipped with wirewatch (read once per process)."""
    text = (resources.files("wirewatch.nlp") / "data" / ROLES_FILE).read_text(encoding="utf-8")
    return parse_roles(text)


def parse_roles(text: str) -> RoleLexicon:
    """Parse the ``WORD<TAB>KIND`` lines of a role lexicon (``WORD<TAB>office<TAB>ROLE ROLE...`` for a title's office)."""
    kinds: dict[str, set[str]] = {"role": set(), "modifier": set(), "title": set(), "m": set(), "f": set()}
    offices: list[tuple[str, tuple[str, ...]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, rest = line.strip().partition("\t")
        kind, _, value = rest.partition("\t")
        if kind == "office":
            offices.append((word, tuple(value.split())))
        elif kind in ("gender_m", "title_m"):
            kinds["m"].add(word)
            kinds["role" if kind == "gender_m" else "title"].add(word)
        elif kind in ("gender_f", "title_f"):
            kinds["f"].add(word)
            kinds["role" if kind == "gender_f" else "title"].add(word)
        elif kind in kinds:
            kinds[kind].add(word)
    return RoleLexicon(frozenset(kinds["role"]), frozenset(kinds["modifier"]), frozenset(kinds["title"]),
                       frozenset(kinds["m"]), frozenset(kinds["f"]), tuple(offices))


def _premodifier_ok(tok: Token, lex: RoleLexicon) -> bool:
    if tok.is_punct or tok.is_space or tok.lower_ in _DETERMINERS or tok.lower_ in lex.titles:
        return False
    if tok.pos_ in ("VERB", "AUX", "PRON", "ADP", "CCONJ", "SCONJ", "NUM") and tok.lower_ not in _CONNECTORS:
        return False
    return tok.is_title or tok.is_upper or lex.is_role(tok.text) or tok.lower_ in lex.modifiers \
        or tok.ent_type_ in ("GPE", "ORG", "NORP")


def premodifier_role(doc: Doc, start: int, lex: RoleLexicon) -> Span | None:
    """Return the role words right before the name starting at token ``start``, or None.

    "Former US Ambassador to Afghanistan Zalmay Khalilzad" gives "Former US Ambassador to Afghanistan".
    The run stops at punctuation, determiners and verbs, and must hold a role noun.
    """
    i = start - 1
    sent_start = doc[start].sent.start
    while i >= sent_start:
        tok = doc[i]
        if tok.ent_type_ == "PERSON" and not lex.is_role(tok.text) and not _same_entity(tok, doc[start]):
            break  # another person's name ends the role ("Mayor Ann Lee and Police Chief Tom Roy")
        if tok.lower_ in _CONNECTORS and i > sent_start and i < start - 1 and _premodifier_ok(doc[i - 1], lex):
            i -= 1
            continue
        if not _premodifier_ok(tok, lex):
            break
        i -= 1
    lo = i + 1
    while lo < start and (doc[lo].lower_ in _CONNECTORS or doc[lo].lower_ in lex.titles):
        lo += 1
    while start - lo > _MAX_ROLE_TOKENS:
        lo += 1
    if lo >= start:
        return None
    span = doc[lo:start]
    # A role ends in its head noun, right before the name ("Defence Minister"), or is a lone role word.
    if not any(lex.is_role(t.text) for t in span):
        return None
    # The word next to the name is a role word or a place or body ("Pakistan Defence Minister", "Sky News
    # presenter", "Ambassador to Afghanistan"); a bare proper noun there is more likely part of the name.
    last = span[-1]
    if not (lex.is_role(last.text) or last.lower_ in lex.modifiers or last.ent_type_ in ("GPE", "ORG", "NORP", "LOC")):
        return None
    if span[-1].ent_type_ == "PERSON" or span[0].ent_type_ == "PERSON" and span[0].ent_iob_ == "I":
        return None
    return span


def _same_entity(tok: Token, name_start: Token) -> bool:
    """True when the model's entity holding ``tok`` runs on into the name (it swallowed the role before it)."""
    return tok.ent_iob_ in ("B", "I") and name_start.ent_iob_ == "I"


def apposition_role(name: Span, lex: RoleLexicon) -> Span | None:
    """Return an appositive role of a name ("X, the country's foreign minister," or "the minister, X,"), or None."""
    root = name.root
    doc = name.doc
    for child in root.children:
        if child.dep_ == "appos" and child.i >= name.end and lex.is_role(child.text):
            return _role_phrase(doc, child, exclude=name)
    if root.dep_ == "appos" and root.head.i < name.start and lex.is_role(root.head.text):
        return _role_phrase(doc, root.head, exclude=name)
    return None


def _role_phrase(doc: Doc, head: Token, exclude: Span) -> Span | None:
    """The noun phrase of a role head: its left modifiers and "of"/"to"/"at" attachments, no clauses."""
    lo = min((t.i for t in head.lefts if t.i not in range(exclude.start, exclude.end)), default=head.i)
    lo = min(lo, min((t.left_edge.i for t in head.lefts), default=head.i))
    hi = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "to", "at", "for", "in") and child.i == hi:
            hi = child.right_edge.i + 1
            break
    while lo < head.i and (doc[lo].lower_ in _DETERMINERS or doc[lo].is_punct):
        lo += 1
    if hi - lo > _MAX_ROLE_TOKENS or any(t.is_punct and t.text not in ("'s", "’s", "-") for t in doc[lo:hi]):
        return None
    if exclude.start < hi and lo < exclude.end:
        return None
    return doc[lo:hi]
