"""``wirewatch_relations``: facts linking two entities, each tied to the sentence that states it.

Predicates and the patterns behind them (cue words are data: ``data/relation_cues.txt``):
- ``role``: the role phrases ``wirewatch_entities`` read off a person's premodifiers and appositions; a newsroom
  job takes the one outlet its sentence names ("In an interview with Sky News, presenter X" -> "presenter at
  Sky News");
- ``alias``: an organisation's short name as the text uses it: in parentheses or after "or" right after its name
  ("The Resistance Front (TRF)", "the Juba Valley Front, or JVF,"), spelling the initials of a longer name the
  text gives it (in the same sentence when there is one), or a KB acronym of a name the text also writes;
- ``offshoot_of``, ``member_of``, ``leader_of``: a relational noun in apposition to an entity or predicated of it,
  with "of"/"for" another organisation ("X, an offshoot of Y", "X is a front for Y", "X, the leader of Y"), or a
  leader noun right before a person's name after an organisation ("Y chief X", "Y's commander X");
- ``claimed_responsibility``: "X claimed responsibility for the attack in P", "the attack in P, for which X
  claimed responsibility", "X, which claimed the bombing"; the object names the act ("P attack");
- ``located_in``: two places written as "A in B", "A district in B" or "A, B" where the gazetteer puts A inside
  B (B is A's first-level division or its country);
- ``banned_by``: a ban verb with its authority ("banned by the UN", "Britain proscribed X"); with no authority
  ("the banned X", "X was outlawed") the predicate is ``status`` with the value "banned".

Result: ``doc._.relations`` = ``[{"predicate", "subject": {"start", "end", "text"}, "object": {"start", "end",
"text"}, "value", "sentence": {"start", "end"}, "rule"}]``; ``value`` is the object as a phrase for the
predicates whose object is not an entity (role, alias, claimed act, status), else None. The resolver turns the
spans into canonical names (record field ``relations``).
"""
# No "from __future__ import annotations": spaCy validates factory arguments from real annotations.

import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from itertools import pairwise
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from wirewatch.nlp.extensions import register_extensions
from wirewatch.nlp.gazetteer import fold
from wirewatch.nlp.kb import KnowledgeBase, default_kb, is_acronym, normalize_name
from wirewatch.nlp.naming import given_name

CUES_FILE = "relation_cues.txt"
_RELATIONAL_KINDS = ("offshoot_of", "member_of", "leader_of")
# The preposition that links a relational noun to its organisation ("a front for", "a proxy for").
_RELATIONAL_PREPS = {"offshoot_of": ("of", "for", "to"), "member_of": ("of",), "leader_of": ("of",)}
_GROUP_TYPES = ("ORG", "NORP")
_SUBJECT_TYPES = {"offshoot_of": _GROUP_TYPES, "member_of": ("PERSON", "ORG", "NORP", "GPE"),
                  "leader_of": ("PERSON",)}
_WH_WORDS = {"which", "who", "that", "whom"}
_ACT_PLACE_PREPS = ("in", "on", "at", "near")
_NAME_KINDS = ("name", "alias")
# A short name right after a name: "The Resistance Front (TRF)", "the Juba Valley Front, or JVF,".
_ALIAS_AFTER = re.compile(r"\s*(?:\(\s*([A-Za-z0-9&.\-]{2,10})\s*\)|,?\s+or\s+([A-Za-z0-9&.\-]{2,10})\b)")
_INITIALS_CONNECTORS = {"of", "the", "and", "for", "in", "e", "i", "ul", "ur", "al", "el", "de", "la", "le"}


@dataclass(frozen=True)
class RelationCues:
    """Lower-case cue lemmas by kind, read from ``data/relation_cues.txt``."""

    kinds: dict[str, frozenset[str]] = field(default_factory=dict)
    text: str = ""
    by_word: dict[str, frozenset[str]] = field(default_factory=dict)

    def kinds_of(self, token: Token) -> frozenset[str]:
        """The kinds the token's lemma or lower-case form is a cue of (empty for most words)."""
        lower = token.lower_
        found = self.by_word.get(lower, frozenset())
        lemma = token.lemma_.lower()
        return found | self.by_word[lemma] if lemma != lower and lemma in self.by_word else found

    def has(self, kind: str, token: Token) -> bool:
        """True when the token's lemma (or its lower-case form) is a cue of this kind."""
        return kind in self.kinds_of(token)

    def relational_kind(self, noun: Token, kinds: frozenset[str]) -> str | None:
        """The predicate a relational noun signals: its own lemma (``kinds``), or a modifier's ("splinter group")."""
        for kind in _RELATIONAL_KINDS:
            if kind in kinds:
                return kind
        for child in noun.lefts:
            if child.dep_ in ("compound", "amod") and self.has("offshoot_of", child):
                return "offshoot_of"
        return None


def parse_cues(text: str) -> RelationCues:
    """Parse the ``WORD<TAB>KIND`` lines of a relation cue lexicon."""
    kinds: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, kind = line.strip().partition("\t")
        kinds.setdefault(kind.strip(), set()).add(word.strip().lower())
    by_word: dict[str, set[str]] = {}
    for kind, words in kinds.items():
        for word in words:
            by_word.setdefault(word, set()).add(kind)
    return RelationCues({k: frozenset(v) for k, v in kinds.items()}, text,
                        {w: frozenset(k) for w, k in by_word.items()})


def default_cues() -> RelationCues:
    """Return the cue lexicon shipped with wirewatch."""
    return parse_cues((resources.files("wirewatch.nlp") / "data" / CUES_FILE).read_text(encoding="utf-8"))


@dataclass
class _EntityMention:
    start: int
    end: int
    text: str
    cluster: dict
    kind: str
    token_end: int

    @property
    def type(self) -> str:
        return str(self.cluster["type"])


@Language.factory(
    "wirewatch_relations",
    assigns=["doc._.relations"],
    requires=["doc._.entities", "doc.spans", "token.dep", "token.lemma"],
    default_config={"places_key": "wirewatch_places", "cues_path": None},
)
def make_relation_finder(nlp: Language, name: str, *, places_key: str, cues_path: str | None) -> "RelationFinder":
    """Build the ``wirewatch_relations`` component.

    Args:
        nlp: the pipeline.
        name: the component's name.
        places_key: the span group of ``wirewatch_places`` (for ``located_in``).
        cues_path: a cue lexicon to use instead of the shipped ``data/relation_cues.txt``.
    """
    register_extensions()
    cues = parse_cues(Path(cues_path).read_text(encoding="utf-8")) if cues_path else default_cues()
    return RelationFinder(name, cues=cues, places_key=places_key)


class RelationFinder:
    """Finds relations between the entities of a Doc (``doc._.relations``)."""

    def __init__(self, name: str = "wirewatch_relations", *, cues: RelationCues, places_key: str = "wirewatch_places",
                 kb: KnowledgeBase | None = None):
        self.name = name
        self.cues = cues
        self.places_key = places_key
        self.kb = kb or default_kb()

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc._.relations``; return the Doc."""
        try:
            relations = self.find(doc)
        except Exception as exc:  # noqa: BLE001  the caller's error handler decides: raise (default) or skip
            self.get_error_handler()(self.name, self, [doc], exc)
            relations = []
        doc._.relations = relations
        return doc

    def get_error_handler(self) -> Callable:
        """Return the error handler spaCy set on this component (raise by default)."""
        return getattr(self, "_error_handler", _raise_error)

    def set_error_handler(self, error_handler: Callable) -> None:
        """Set the function called with (name, component, docs, exception) when a Doc fails."""
        self._error_handler = error_handler

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of Docs."""
        for doc in docs:
            yield self(doc)

    def find(self, doc: Doc) -> list[dict]:
        """Return the relations of a Doc (see the module docstring), in text order, without repeats."""
        index = _MentionIndex(doc)
        found: list[dict] = []
        found += self._roles(doc, index)
        found += self._aliases(doc, index)
        for tok in doc:
            kinds = self.cues.kinds_of(tok)
            pos = tok.pos_
            kind = self.cues.relational_kind(tok, kinds) if pos in ("NOUN", "PROPN") else None
            if kind:
                found += self._relational_noun(tok, kind, index)
            if kinds and (pos in ("VERB", "ADJ", "AUX") or tok.dep_ == "amod"):
                if "claim" in kinds and pos == "VERB":
                    found += self._claims(tok, index)
                if "ban" in kinds:
                    found += self._bans(tok, index)
        found += self._leader_premodifiers(doc, index)
        found += self._located_in(doc)
        seen, out = set(), []
        for rel in sorted(found, key=lambda r: (r["subject"]["start"], r["object"]["start"])):
            key = (rel["predicate"], rel["subject"]["start"], rel["object"]["start"], rel["object"]["end"])
            if key not in seen:
                seen.add(key)
                out.append(rel)
        return out

    # -- role and alias: read off the entity clusters --------------------------------------------------------

    def _roles(self, doc: Doc, index: "_MentionIndex") -> list[dict]:
        out = []
        for cluster in doc._.entities or []:
            if cluster["type"] != "PERSON":
                continue
            names = [m for m in cluster["mentions"] if m.get("kind") in _NAME_KINDS]
            for role in (m for m in cluster["mentions"] if m.get("kind") == "role"):
                span = _own_role(doc.char_span(role["start"], role["end"], alignment_mode="expand"))
                if span is None:
                    continue
                sent = span.sent
                near = [m for m in names if sent.start_char <= m["start"] and m["end"] <= sent.end_char]
                if not near:
                    continue
                subject = min(near, key=lambda m: min(abs(m["start"] - role["end"]), abs(role["start"] - m["end"])))
                value = self._with_outlet(span, index) or span.text
                out.append(_relation("role", subject, _char(span), sent, "role", value=value))
        return out

    def _with_outlet(self, role: Span, index: "_MentionIndex") -> str | None:
        """ "presenter at <outlet>" when a newsroom job names no body and its sentence names exactly one outlet."""
        if not self.cues.has("media_role", role[-1]) or any(t.ent_type_ in ("ORG", "GPE", "NORP") for t in role):
            return None
        outlets = {m.cluster["name"] for m in index.in_span(role.sent) if m.type == "ORG"
                   and (self.kb.lookup(m.cluster["name"], ("ORG",)) or {}).get("kind") == "outlet"}
        return f"{role.text} at {outlets.pop()}" if len(outlets) == 1 else None

    def _aliases(self, doc: Doc, index: "_MentionIndex") -> list[dict]:
        """Short names the text gives: "Name (ACR)", "Name, or ACR,", initials in one sentence, KB acronyms."""
        out = []
        for long in index.mentions:
            if long.type not in _GROUP_TYPES or is_acronym(long.text) or long.token_end >= len(doc):
                continue
            if doc[long.token_end].text not in ("(", ",", "or"):
                continue
            window = doc[long.token_end:long.token_end + 5]  # "(ACR)" or ", or ACR": a few tokens at most
            found = _ALIAS_AFTER.match(window.text)
            if not found:
                continue
            group = 1 if found.group(1) else 2
            acronym = found.group(group)
            start, end = window.start_char + found.start(group), window.start_char + found.end(group)
            token = doc.char_span(start, end, alignment_mode="expand")
            if token is None or not is_acronym(acronym):
                continue
            same = index.at(token[0])
            # "X, or Y" is a list as often as a renaming: only initials that spell X make Y its short name.
            if _spells_initials(long.text, acronym) or group == 1 and same is not None \
                    and same.cluster is long.cluster:
                short = {"start": start, "end": end, "text": acronym}
                out.append(_relation("alias", _char_of(long), short, token.sent, "alias-definition", value=acronym))
        for cluster in doc._.entities or []:
            if cluster["type"] not in _GROUP_TYPES:
                continue
            names = [m for m in cluster["mentions"] if m.get("kind") in _NAME_KINDS]
            shorts = [m for m in names if is_acronym(m["text"])]
            for short in shorts:
                span = doc.char_span(short["start"], short["end"], alignment_mode="expand")
                if span is None:
                    continue
                sent = span.sent
                # The name it spells, in its own sentence if there ("the United Nations ... the UN" otherwise).
                spelled = sorted((m for m in names if m not in shorts and _spells_initials(m["text"], short["text"])),
                                 key=lambda m: not (sent.start_char <= m["start"] and m["end"] <= sent.end_char))
                if spelled:
                    out.append(_relation("alias", spelled[0], short, sent, "alias-initials", value=short["text"]))
                    break
            out += self._kb_aliases(doc, cluster, names, shorts)
        return out

    def _kb_aliases(self, doc: Doc, cluster: dict, names: list[dict], shorts: list[dict]) -> list[dict]:
        """A KB acronym of an organisation whose own name the text also writes ("the United Nations ... the UN")."""
        if not shorts:
            return []
        row = self.kb.lookup(cluster["name"], _GROUP_TYPES)
        full = [m for m in names if normalize_name(m["text"]) == normalize_name(cluster["name"])]
        if not row or not full:
            return []
        known = {normalize_name(a) for a in row.get("aliases", [])}
        out = []
        for short in shorts:
            span = doc.char_span(short["start"], short["end"], alignment_mode="expand")
            if span is not None and normalize_name(short["text"]) in known:
                out.append(_relation("alias", full[0], short, span.sent, "alias-kb", value=short["text"]))
                break
        return out

    # -- dependency patterns ---------------------------------------------------------------------------------

    def _relational_noun(self, noun: Token, kind: str, index: "_MentionIndex") -> list[dict]:
        """ "X, an offshoot of Y", "X is a member of Y", "the leader of Y, X"."""
        subjects: list[Token] = []
        if noun.dep_ == "appos":
            subjects.append(noun.head)
        if noun.dep_ == "attr" and noun.head.lemma_ == "be":
            subjects += [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        subjects += [c for c in noun.children if c.dep_ == "appos"]
        if kind != "offshoot_of" and any(self.cues.has("past", c) for c in noun.lefts):
            return []  # "the former leader of Y": the tie is over (the role phrase keeps "former")
        preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in _RELATIONAL_PREPS[kind]]
        if kind == "offshoot_of":
            # "a splinter group that broke away from Y"
            verbs = [v for v in noun.children if v.dep_ == "relcl" and self.cues.has("split", v)]
            preps += [c for v in verbs for head in (v, *(a for a in v.children if a.dep_ in ("advmod", "prt")))
                      for c in head.children if c.dep_ == "prep" and c.lower_ == "from"]
        objects = [pobj for prep in preps for pobj in prep.children if pobj.dep_ == "pobj"]
        out = []
        for s_tok in subjects:
            subject = index.at(s_tok)
            if subject is None or subject.type not in _SUBJECT_TYPES[kind]:
                continue
            for o_tok in objects:
                obj = index.group_at(o_tok)
                if obj is None or obj.type not in _GROUP_TYPES or obj.cluster is subject.cluster:
                    continue
                out.append(_relation(kind, _char_of(subject), _char_of(obj), noun.sent, f"{kind}-noun"))
        return out

    def _leader_premodifiers(self, doc: Doc, index: "_MentionIndex") -> list[dict]:
        """ "Shield Army chief Omar Bakri", "the Front's commander Omar Bakri": organisation, leader noun, name."""
        out = []
        for person in index.mentions:
            if person.type != "PERSON" or person.kind not in _NAME_KINDS:
                continue
            span = doc.char_span(person.start, person.end, alignment_mode="expand")
            if span is None or span.start < 2:
                continue
            noun = doc[span.start - 1]
            if not self.cues.has("leader_of", noun) or noun.head.i not in range(span.start, span.end) \
                    or any(self.cues.has("past", t) for t in doc[max(noun.i - 4, 0):noun.i]):
                continue
            before = doc[noun.i - 1]
            if before.lower_ in ("'s", "\u2019s") and noun.i >= 2:
                before = doc[noun.i - 2]
            group = index.at(before)
            # An organisation only: before "leader" a nationality names a country's people ("Libyan leader X").
            if group is None or group.type != "ORG":
                continue
            out.append(_relation("leader_of", _char_of(person), _char_of(group), noun.sent, "leader-premodifier"))
        return out

    def _claims(self, verb: Token, index: "_MentionIndex") -> list[dict]:
        """ "X claimed responsibility for the attack in P", "... for which X claimed responsibility"."""
        subject = self._clause_subject(verb, index, ("nsubj",))
        if subject is None or subject.type not in (*_GROUP_TYPES, "PERSON"):
            return []
        acts: list[Token] = []
        for dobj in (c for c in verb.children if c.dep_ == "dobj"):
            if self.cues.has("claim_object", dobj):
                preps = [p for p in [*dobj.children, *verb.children] if p.dep_ == "prep" and p.lower_ == "for"]
                for pobj in (c for p in preps for c in p.children if c.dep_ == "pobj"):
                    # "the attack ..., for which X claimed responsibility": the act is what the clause describes.
                    acts.append(verb.head if pobj.lower_ in _WH_WORDS and verb.dep_ == "relcl" else pobj)
                if not preps and (earlier := self._act_before(verb)) is not None:
                    acts.append(earlier)  # "X claimed responsibility in a statement": for the act just reported
            else:
                acts.append(dobj)
        out = []
        for act in acts:
            if not self.cues.has("act", act):
                continue
            name, span = _act_name(act, index)
            evidence = verb.sent if act.sent == verb.sent else verb.doc[act.sent.start:verb.sent.end]
            out.append(_relation("claimed_responsibility", _char_of(subject), _char(span), evidence, "claim",
                                 value=name))
        return out

    def _bans(self, word: Token, index: "_MentionIndex") -> list[dict]:
        """ "banned by the UN", "Britain proscribed X", "X, outlawed in 2019", "the banned X"."""
        if any(c.dep_ == "prep" and c.lower_ == "from" for c in word.children):
            return []  # "banned from entering": kept out of somewhere, not outlawed
        if word.dep_ == "amod":
            banned = index.at(word.head)
            if banned is None or banned.type != "ORG":
                return []
            return [_relation("status", _char_of(banned), _char(word.doc[word.i:word.i + 1]), word.sent,
                              "ban-modifier", value="banned")]
        banned = self._clause_subject(word, index, ("nsubjpass",))
        if banned is None and word.dep_ == "acl":
            banned = index.at(word.head)
        authority = None
        for child in word.children:
            if child.dep_ == "agent":
                authority = next((index.at(c) for c in child.children if c.dep_ == "pobj"), None)
        if banned is None and authority is None:
            # Active voice: "Britain proscribed X".
            banned = next((index.at(c) for c in word.children if c.dep_ == "dobj"), None)
            authority = self._clause_subject(word, index, ("nsubj",))
            if authority is None:
                return []
        if banned is None or banned.type != "ORG":  # groups are outlawed; a people ("Muslims") is not
            return []
        if authority is not None and authority.type in ("ORG", "GPE") and authority.cluster is not banned.cluster:
            return [_relation("banned_by", _char_of(banned), _char_of(authority), word.sent, "ban-agent")]
        if any(c.dep_ == "auxpass" for c in word.children) or word.dep_ == "acl":
            return [_relation("status", _char_of(banned), _char(word.doc[word.i:word.i + 1]), word.sent,
                              "ban-passive", value="banned")]
        return []

    def _act_before(self, verb: Token) -> Token | None:
        """The last act named before ``verb`` in its sentence or the one before it (news often gives the claim
        its own paragraph right after the attack); further back, the claim may be about something else."""
        doc = verb.doc
        sent = verb.sent
        start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        return next((t for t in reversed(doc[start:verb.i]) if t.pos_ == "NOUN" and self.cues.has("act", t)), None)

    @staticmethod
    def _clause_subject(verb: Token, index: "_MentionIndex", deps: tuple[str, ...]) -> "_EntityMention | None":
        """The entity a verb's subject names; a relative pronoun stands for the noun its clause modifies."""
        for child in verb.children:
            if child.dep_ in deps:
                if child.lower_ in _WH_WORDS and verb.dep_ == "relcl":
                    return index.at(verb.head)
                found = index.at(child)
                if found is None and (name := given_name(child)) is not None:
                    found = index.at(name)  # "a little-known group, X, claimed", "a group calling itself X claimed"
                return found
        return None

    # -- places ----------------------------------------------------------------------------------------------

    def _located_in(self, doc: Doc) -> list[dict]:
        """ "Pahalgam in Jammu and Kashmir", "the Mastung district in Balochistan", "Menaka, Mali"."""
        if self.places_key not in doc.spans:
            return []
        places = sorted((s for s in doc.spans[self.places_key] if s._.place), key=lambda s: s.start)
        out = []
        for first, second in pairwise(places):
            if first.sent.start != second.sent.start:
                continue
            between = [t.lower_ for t in doc[first.end:second.start]]
            if between in (["'s"], ["\u2019s"]):  # "Chhattisgarh's Bijapur district"
                inner, outer = second, first
            elif self._links_places(doc[first.end:second.start]):
                inner, outer = first, second
            else:
                continue
            if _contains(outer._.place, inner._.place):
                out.append(_relation("located_in", _char(inner), _char(outer), inner.sent, "place-in-place"))
        return out

    def _links_places(self, between: Span) -> bool:
        """The words between two places say the second holds the first: "in", ",", "district in", "district of"."""
        words = [t.lower_ for t in between]
        nouns = 0
        while nouns < len(words) and self.cues.kinds.get("place_noun", frozenset()) & {words[nouns], between[nouns].lemma_.lower()}:
            nouns += 1
        rest = words[nouns:]
        if rest and rest[-1] == "the":
            rest = rest[:-1]
        return rest in (["in"], [","], [",", "in"]) or (nouns > 0 and rest == ["of"])

    # -- serialization: the cue lexicon travels with the pipeline --------------------------------------------

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the cue lexicon as ``relation_cues.txt`` in ``path``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.cues.text:
            (path / CUES_FILE).write_text(self.cues.text, encoding="utf-8")
        else:
            shutil.copyfile(str(resources.files("wirewatch.nlp") / "data" / CUES_FILE), path / CUES_FILE)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "RelationFinder":
        """Read the cue lexicon written by ``to_disk``."""
        file = Path(path) / CUES_FILE
        if file.is_file():
            self.cues = parse_cues(file.read_text(encoding="utf-8"))
        return self


class _MentionIndex:
    """The name and alias mentions of ``doc._.entities``, looked up by token."""

    def __init__(self, doc: Doc):
        self.mentions: list[_EntityMention] = []
        self._by_token: dict[int, _EntityMention] = {}
        for cluster in doc._.entities or []:
            for m in cluster["mentions"]:
                if m.get("kind") not in _NAME_KINDS:
                    continue
                span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
                if span is None:
                    continue
                mention = _EntityMention(m["start"], m["end"], m["text"], cluster, m["kind"], span.end)
                self.mentions.append(mention)
                for tok in span:
                    self._by_token.setdefault(tok.i, mention)

    def at(self, token: Token) -> _EntityMention | None:
        """The mention covering a token, or None."""
        return self._by_token.get(token.i)

    def group_at(self, token: Token) -> _EntityMention | None:
        """The mention covering a noun, or its possessor's ("the Maoists' south Bastar command")."""
        found = self.at(token)
        if found is None:
            found = next((self.at(c) for c in token.children if c.dep_ == "poss"), None)
        return found

    def in_span(self, span: Span) -> list[_EntityMention]:
        """The mentions inside a span."""
        return [m for m in self.mentions if span.start_char <= m.start and m.end <= span.end_char]


def _own_role(role: Span | None) -> Span | None:
    """The role phrase without the list or date the premodifier run swallowed before it, or None.

    "Jane Roe and former Governor" -> "former Governor"; "Thursday to Libyan leader" -> None.
    """
    if role is None:
        return None
    conj = [t.i for t in role if t.pos_ == "CCONJ" and not t.ent_type_]  # "Ways and Means" is one name
    if conj:
        role = role.doc[conj[-1] + 1:role.end]
    if not len(role) or any(t.ent_type_ in ("DATE", "TIME") for t in role):
        return None
    return role


def _raise_error(name: str, component: object, docs: list[Doc], exc: Exception) -> None:
    raise exc


def _act_name(act: Token, index: "_MentionIndex") -> tuple[str, Span]:
    """A short name for a claimed act: its place and noun ("Pahalgam attack"), else its modifiers and noun."""
    doc = act.doc
    for prep in act.children:
        if prep.dep_ == "prep" and prep.lower_ in _ACT_PLACE_PREPS:
            for pobj in prep.children:
                place = index.at(pobj)
                if pobj.dep_ == "pobj" and place is not None and place.type in ("GPE", "LOC", "FAC"):
                    name = doc.text[place.start:place.end]
                    return f"{name} {act.text}", doc[act.i:pobj.right_edge.i + 1]
    mods = [c for c in act.lefts if c.dep_ in ("compound", "amod", "nmod")]
    start = min((c.left_edge.i for c in mods), default=act.i)
    span = doc[start:act.i + 1]
    return span.text, span


def _contains(outer: dict, inner: dict) -> bool:
    """True when the gazetteer puts place ``inner`` inside ``outer``: its first-level division or its country."""
    if inner.get("geonameid") is not None and inner.get("geonameid") == outer.get("geonameid"):
        return False
    if fold(inner["name"]) == fold(outer["name"]):
        return False
    if outer.get("admin1") and inner.get("admin1") and fold(outer["name"]) == fold(inner["admin1"]) \
            and outer["admin1"] == inner["admin1"]:
        return True
    # A country: no first-level division of its own, the same country code as a place that has one.
    return not outer.get("admin1") and bool(inner.get("admin1")) and bool(outer.get("country")) \
        and outer.get("country") == inner.get("country")


def _spells_initials(name: str, acronym: str) -> bool:
    """True when the acronym's letters, or its capitals ("CoBRA", "LeT"), are the initials of the name's words,
    with or without connectors."""
    letters = "".join(c for c in acronym if c.isalnum()).upper()
    capitals = "".join(c for c in acronym if c.isupper() or c.isdigit())
    parts = [p for p in re.split(r"[\s\-\u2013]+", name) if p]
    initials = {"".join(p[0] for p in parts).upper(),
                "".join(p[0] for p in parts if p.lower() not in _INITIALS_CONNECTORS).upper()}
    return len(parts) >= 2 and len(capitals) >= 2 and bool({letters, capitals} & initials)


def _char(span: Span) -> dict:
    return {"start": span.start_char, "end": span.end_char, "text": span.text}


def _char_of(mention: _EntityMention) -> dict:
    return {"start": mention.start, "end": mention.end, "text": mention.text}


def _relation(predicate: str, subject: dict, obj: dict, sent: Span, rule: str, *, value: str | None = None) -> dict:
    # The parser may run a sentence across a paragraph break: the evidence keeps to the lines of the relation.
    text, base = sent.text, sent.start_char
    inside = [m for m in (subject, obj) if base <= m["start"] and m["end"] <= sent.end_char] or [obj]
    lo, hi = min(m["start"] for m in inside) - base, max(m["end"] for m in inside) - base
    start = base + text.rfind("\n", 0, max(lo, 0)) + 1
    line_end = text.find("\n", hi)
    end = base + (line_end if line_end >= 0 else len(text))
    return {"predicate": predicate,
            "subject": {"start": subject["start"], "end": subject["end"], "text": subject["text"]},
            "object": {"start": obj["start"], "end": obj["end"], "text": obj["text"]},
            "value": value, "sentence": {"start": start, "end": end}, "rule": rule}
