"""The ``wirewatch_events`` spaCy component: who did what to whom, where and when, and how sure the text is.

Triggers come from the verb and noun lexicon (``data/event_triggers.tsv``), each with a PLOVER type and, where
ACLED's codebook applies, ACLED's event and sub-event type. Roles come from the parse: actors from the subject
(the agent of a passive, the subject of a light verb for a noun trigger: "carried out an attack"), targets from
the object or an "on"/"against" phrase. Place and date come from the closest grammatical attachment, then the
sentence, then the paragraph. Certainty comes from the hedge, attribution, condition, modal and negation cues in
``data/event_cues.tsv``. Results go to ``doc._.events`` as plain dicts with character offsets; the record field
they feed is ``events[]``.
"""
# No "from __future__ import annotations": spaCy validates factory arguments from real annotations.

import bisect
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import IS_SPACE, LEMMA, LOWER, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from wirewatch.nlp.event_lexicon import CERTAINTIES, EventLexicon, Trigger
from wirewatch.nlp.extensions import register_extensions
from wirewatch.nlp.naming import given_name

__all__ = ["EventFinder", "make_event_finder"]

# The further down this list, the less sure: when cues disagree, the weakest wins.
CERTAINTY_ORDER = ("confirmed", "reported", "claimed", "alleged", "hypothetical", "denied")
# Paths from a trigger up to another trigger along which the lower one is the upper one's content
# ("agreed to set up", "demanded the withdrawal", "threatened to shell", "blocked roads demanding ...").
CONTENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "advcl", "acl", "attr", "oprd", "conj"})
# Edges that start a new clause: a place or date below one belongs to that clause, not to the trigger.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "xcomp", "conj", "acl"})
PARTY_DROP_DEPS = frozenset({"relcl", "acl", "appos", "punct", "conj", "cc", "advcl", "parataxis", "prep"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
TARGET_PREPS = frozenset({"on", "against", "at", "to", "with", "into", "upon"})
NOUN_TARGET_PREPS = frozenset({"on", "against", "of", "at", "upon", "over", "about", "between"})
# A place after one of these is beside the event, not where it happened: "in X" beats "close to Y".
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
PROXIMITY_WORDS = frozenset({"near", "close", "outside", "off", "around", "towards", "toward", "beyond", "from"})
PHRASE_MAX_TOKENS = 10  # a longer party phrase loses its "of" tail
# A noun act after these on a verb is one the verb's subject takes part in: "gathered *for* a rally".
SETTING_PREPS = frozenset({"for", "in", "during", "at", "into", "on"})
NOMINAL_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "compound", "poss"})
# Where a weapon hangs off an attack: "with a drone", "by an IED", "a grenade attack", "mortars hit", "fired rockets".
WEAPON_DEPS = frozenset({"prep", "agent", "compound", "nsubj", "nsubjpass", "dobj"})
# Clauses a weapon in one types an attack in the other: "a missile struck ..., *killing* four", "*killed* when a
# landmine went off", "the IED that *killed* ...".
WEAPON_CLAUSE_DEPS = frozenset({"advcl", "conj", "xcomp", "relcl", "acl"})
# ACLED's codebook: when one attack names several weapons the more specific means decides ("a car bomb driven by
# a suicide attacker" is a suicide bomb, "shells carrying chlorine" a chemical attack, "a drone dropped grenades"
# an air strike).
WEAPON_PRECEDENCE = ("Chemical weapon", "Suicide bomb", "Air/drone strike", "Shelling/artillery/missile attack",
                     "Grenade", "Remote explosive/landmine/IED")
# The protest sub-events from mildest to gravest: one demonstration is coded by the gravest thing said of it.
PROTEST_SEVERITY = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                    "Violent demonstration")
# Sub-events of taking or seizing that the object re-decides: a town taken, weapons seized.
TAKING_SUBS = frozenset({"Non-state actor overtakes territory", "Government regains territory",
                         "Looting/property destruction"})
PARTY_ENT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
AMOUNT_ENT_TYPES = frozenset({"MONEY", "QUANTITY", "PERCENT", "DATE", "TIME"})
# Where the other side of an act is looked for: objects, complements and their modifiers, never adverbials.
TARGET_SEARCH_DEPS = frozenset({"dobj", "dative", "prep", "pobj", "xcomp", "ccomp", "compound", "poss", "nsubj",
                                "nsubjpass", "attr", "oprd", "acomp", "conj", "amod", "pcomp", "appos"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION"})
# Types a noun names as an event even with no one doing it in the sentence: "the attack in X", "protests in Y".
STANDALONE_NOUN_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})
# Acts done by speaking: the quote a trigger of these types cues is the act ("condemned ...", "urged ...").
STATEMENT_TYPES = frozenset({"DISAPPROVE", "CONCEDE", "DEMAND", "THREATEN", "REJECT", "SUPPORT", "AGREE"})
# A place after these is where the act happened, not whom it was aimed at.
LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "around", "within",
                            "during", "since", "until", "after", "before", "following", "amid", "despite"})
STANCE_TYPES = frozenset({"REJECT", "SUPPORT", "AGREE"})  # "is opposed to", "is committed to"
COOPERATIVE = frozenset({"SUPPORT", "AID", "COOPERATE", "CONSULT", "CONCEDE", "RETREAT"})
OBLIGATION = frozenset({"must", "should"})
# Auxiliaries that make a negated cooperative act a refusal: "would not meet demands", "won't withdraw", "cannot
# accept" (CAMEO's REJECT), where a bare "did not" only denies the act.
REFUSAL_AUX = frozenset({"will", "would", "'ll", "wo", "shall", "can", "ca"})
CONDITION_MARKS = frozenset({"if", "unless"})
TOPIC_PREPS = frozenset({"on", "about", "over", "for"})  # what talks, deals or appeals are about
# An agentless act named after these, under another act, is the background the story gives for it ("declared a
# ceasefire after 12 days of battles", "in retaliation for an air raid"), reported before: not an event again.
BACKGROUND_PREPS = frozenset({"after", "following", "since"})
CAUSE_NOUNS = frozenset({"retaliation", "response", "reprisal", "revenge"})
SPEECH_LEMMAS = frozenset({"say", "declare", "reiterate", "warn", "insist", "stress", "tell", "write", "add", "state"})
NUMBER_WORDS = {w: n for n, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"))}
NUMBER_WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                 "hundred": 100, "dozen": 12}
COUNT_REACH = 4  # words after a casualty verb a misparsed count may stand in ("killed nearly 30 farmers")
MERGE_SENTENCE_GAP = 2  # an agentless follow-up ("12 were killed") joins an attack at most this many sentences back


@Language.factory(
    "wirewatch_events",
    assigns=["doc._.events"],
    requires=["token.dep", "token.lemma", "doc.sents"],
    default_config={"places_key": "wirewatch_places", "times_key": "wirewatch_times",
                    "quotes_key": "wirewatch_quotes"},
)
def make_event_finder(nlp: Language, name: str, *, places_key: str, times_key: str,
                      quotes_key: str) -> "EventFinder":
    """Build the event finder with the shipped lexicons (registered as ``wirewatch_events``).

    Args:
        nlp: the pipeline it joins.
        name: the component's name in the pipeline.
        places_key: the span group of ``wirewatch_places`` (places with ``span._.place``).
        times_key: the span group of ``wirewatch_times`` (dates with ``span._.timex``).
        quotes_key: the span group of ``wirewatch_quotes`` (quotes with ``span._.quote``).

    Returns:
        An :class:`EventFinder`.
    """
    register_extensions()  # idempotent: Doc._.events among them
    return EventFinder(nlp.vocab, name, places_key=places_key, times_key=times_key, quotes_key=quotes_key)


@dataclass
class _Event:
    """An event under construction, in token terms; ``as_dict`` gives the JSON-able form."""

    trigger: Token
    row: Trigger
    type: str
    acled: dict[str, str | None] | None
    actors: list[Span] = field(default_factory=list)
    targets: list[Span] = field(default_factory=list)
    claimed_by: list[Span] = field(default_factory=list)
    place: Span | None = None
    date: Span | None = None
    fatalities: dict[str, Any] | None = None
    injured: dict[str, Any] | None = None
    certainty: str = "reported"
    in_quote: Span | None = None
    statement: Span | None = None
    sentence: Span | None = None

    def absorb(self, other: "_Event") -> None:
        """Fold a follow-up of the same act into this event: fill what is missing, keep the weaker certainty."""
        self.targets = self.targets or other.targets
        self.place = self.place or other.place
        self.date = self.date or other.date
        self.fatalities = self.fatalities or other.fatalities
        self.injured = self.injured or other.injured
        self.claimed_by = self.claimed_by or other.claimed_by
        self.certainty = max(self.certainty, other.certainty, key=CERTAINTY_ORDER.index)

    def as_dict(self) -> dict[str, Any]:
        """The event with character offsets only (see ``Doc._.events`` in ``extensions.py``)."""
        words = [t for t in (self.sentence or self.trigger.sent) if not t.is_space]
        return {
            "type": self.type, "acled": self.acled, "trigger": _chars(self.trigger),
            "sentence": {"start": words[0].idx, "end": words[-1].idx + len(words[-1])},
            "actors": [_party(s) for s in self.actors], "targets": [_party(s) for s in self.targets],
            "claimed_by": [_party(s) for s in self.claimed_by],
            "place": {**_chars(self.place), "place": dict(self.place._.place)} if self.place is not None else None,
            "date": {**_chars(self.date), "timex": dict(self.date._.timex)} if self.date is not None else None,
            "fatalities": self.fatalities, "injured": self.injured, "certainty": self.certainty,
            "in_quote": _chars(self.in_quote) if self.in_quote is not None else None,
            "quote": _chars(self.statement) if self.statement is not None else None,
            "channel": (self.statement._.quote or {}).get("channel") if self.statement is not None else None,
        }


def _noun_phrase_top(tok: Token) -> Token:
    """The head of the whole noun phrase a name sits in: "Khalilzad" → "Ambassador" in "Former US Ambassador to
    Afghanistan Zalmay Khalilzad", where the parser hangs the name on the title as an apposition."""
    while tok.dep_ in ("compound", "appos", "flat") and tok.head is not tok and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head
    return tok


def _chars(span: Span | Token) -> dict[str, Any]:
    if isinstance(span, Token):
        return {"start": span.idx, "end": span.idx + len(span), "text": span.text}
    return {"start": span.start_char, "end": span.end_char, "text": span.text}


def _party(span: Span) -> dict[str, Any]:
    """A party with the offsets of its head word, which decides whether it is a known entity."""
    return {**_chars(span), "head": _chars(span.root)}


class EventFinder:
    """Finds events in a Doc and stores them in ``doc._.events``."""

    def __init__(self, vocab: Vocab, name: str = "wirewatch_events", *, places_key: str = "wirewatch_places",
                 times_key: str = "wirewatch_times", quotes_key: str = "wirewatch_quotes",
                 lexicon: EventLexicon | None = None) -> None:
        """Create the finder.

        Args:
            vocab: the pipeline's vocab.
            name: the component's name.
            places_key: the span group holding place spans.
            times_key: the span group holding time spans.
            quotes_key: the span group holding quote spans.
            lexicon: triggers and cues; the shipped lexicon when None.
        """
        self.vocab = vocab
        self.name = name
        self.places_key, self.times_key, self.quotes_key = places_key, times_key, quotes_key
        self.lexicon = lexicon or EventLexicon.default()
        self._hash_words()

    def _hash_words(self) -> None:
        """The string hashes of the words that make a token worth a closer look, for a vectorized first pass."""
        strings = self.vocab.strings
        self.trigger_hashes = numpy.array(sorted({strings.add(head) for head, _ in self.lexicon.triggers}),
                                          dtype="uint64")
        self.obligation_hashes = numpy.array(sorted(strings.add(w) for w in OBLIGATION), dtype="uint64")
        self.claim_hashes = numpy.array(sorted(strings.add(w) for w in self.lexicon.cues["claim"]), dtype="uint64")

    # -- spaCy component protocol ----------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        """Annotate one document: set ``doc._.events`` to a list of event dicts in text order."""
        try:
            doc._.events = self.find_events(doc)
        except Exception as exc:  # noqa: BLE001  the caller's error handler decides: raise (default) or skip
            self.get_error_handler()(self.name, self, [doc], exc)
            doc._.events = []
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Annotate a stream of documents, one at a time (the work is per document)."""
        for doc in stream:
            yield self(doc)

    def get_error_handler(self):  # type: ignore[no-untyped-def]
        """Return the error handler spaCy set on this component (raise by default)."""
        return getattr(self, "_error_handler", _raise_error)

    def set_error_handler(self, error_handler) -> None:  # type: ignore[no-untyped-def]
        """Set the function called with (name, component, docs, exception) when a Doc fails."""
        self._error_handler = error_handler

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the settings and both lexicon files into the folder ``path``."""
        path = Path(path)
        self.lexicon.to_disk(path)
        (path / "cfg.json").write_text(json.dumps({"places_key": self.places_key, "times_key": self.times_key,
                                                   "quotes_key": self.quotes_key}), "utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "EventFinder":
        """Read what ``to_disk`` wrote; return self."""
        path = Path(path)
        self.lexicon = EventLexicon.from_disk(path)
        self._hash_words()
        cfg = json.loads((path / "cfg.json").read_text("utf-8"))
        self.places_key, self.times_key, self.quotes_key = cfg["places_key"], cfg["times_key"], cfg["quotes_key"]
        return self

    # -- extraction ----------------------------------------------------------------------------------------
    def find_events(self, doc: Doc) -> list[dict[str, Any]]:
        """Return the events of ``doc`` in text order (follow-ups of one act folded into it), as the plain dicts
        ``doc._.events`` holds; a Doc without a dependency parse has none."""
        if not doc.has_annotation("DEP"):
            return []
        return [event.as_dict() for event in _DocEvents(doc, self).run()]


def _raise_error(name: str, component: object, docs: list[Doc], error: Exception) -> None:
    raise error


class _DocEvents:
    """The event search over one Doc, with the span lookups it needs built once."""

    def __init__(self, doc: Doc, finder: EventFinder) -> None:
        self.doc = doc
        self.finder = finder
        self.lex = finder.lexicon
        self.places = self._by_token(doc.spans.get(finder.places_key, []), lambda s: not (s._.place or {}).get(
            "metonymy") and s._.place is not None)
        self.times = self._by_token(doc.spans.get(finder.times_key, []), _is_dated)
        starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist() or [0]
        if starts[0] != 0:
            starts.insert(0, 0)
        self.sentences = [doc[a:b] for a, b in zip(starts, starts[1:] + [len(doc)]) if b > a]
        self._starts = [s.start for s in self.sentences]
        self._phrase_cache: dict[int, set[str]] = {}
        # each quote with its quoted stretches and the token its cue stands on, looked up once per Doc
        self.quotes = [(q, (q._.quote or {}).get("fragments") or [(q.start_char, q.end_char)], self._cue_root(q))
                       for q in doc.spans.get(finder.quotes_key, [])]
        self.paragraphs = self._paragraph_bounds()

    def _paragraph_bounds(self) -> list[tuple[int, int]]:
        """Character bounds of the paragraphs: the text between blank lines, which the tokenizer keeps as space
        tokens (read from those few tokens: rebuilding ``doc.text`` costs more than the whole event search)."""
        bounds, start = [], 0
        for i in numpy.flatnonzero(self.doc.to_array(IS_SPACE)).tolist():
            token = self.doc[i]
            if "\n\n" in token.text:
                bounds.append((start, token.idx))
                start = token.idx + len(token.text)
        last = self.doc[-1] if len(self.doc) else None
        bounds.append((start, last.idx + len(last.text_with_ws) if last is not None else 0))
        return [(a, b) for a, b in bounds if b > a]

    def _sent(self, tok: Token) -> Span:
        """The sentence holding ``tok`` (a lookup, where ``Token.sent`` walks the tokens)."""
        return self.sentences[bisect.bisect_right(self._starts, tok.i) - 1]

    def _cue_root(self, quote: Span) -> int | None:
        cue = (quote._.quote or {}).get("cue")
        span = self.doc.char_span(cue["start"], cue["end"], alignment_mode="expand") if cue else None
        return span.root.i if span is not None else None

    @staticmethod
    def _by_token(spans: Iterable[Span], keep: Any) -> dict[int, Span]:
        out: dict[int, Span] = {}
        for span in spans:
            if keep(span):
                for i in range(span.start, span.end):
                    out.setdefault(i, span)
        return out

    def run(self) -> list[_Event]:
        # Only tokens whose lemma or form heads a trigger, says "must" or names a claim are looked at closely:
        # building a Token for every word costs more than the rules themselves.
        words = self.doc.to_array([LEMMA, LOWER])
        triggers = _indices(words, self.finder.trigger_hashes)
        obligations = _indices(words, self.finder.obligation_hashes)
        claims = _indices(words, self.finder.claim_hashes)
        events: list[_Event] = []
        before: list[_Event] = []  # the events of the sentence before: a claim may follow in a sentence of its own
        for sent in self.sentences:
            found = {i: row for i in _within(triggers, sent) if (row := self._trigger(self.doc[i])) is not None}
            sent_events = [self._event(self.doc[i], row, found) for i, row in found.items() if not self._is_content(
                self.doc[i], row, found)]
            sent_events.extend(self._demands(_within(obligations, sent), found))
            self._attach_claims(_within(claims, sent), sent_events, before)
            before = [e for e in sent_events if e is not None]
            for event in before:
                event.sentence = sent
                events.append(event)
        return self._grade_protests(self._fold(sorted(events, key=lambda e: e.trigger.i)))

    def _grade_protests(self, events: list[_Event]) -> list[_Event]:
        """Code a demonstration by the gravest thing told of it nearby: "Hundreds marched ... Police fired tear gas to
        disperse them" is a protest with intervention, "... threw stones during a demonstration" a riot."""
        sent_index = {s.start: n for n, s in enumerate(self.sentences)}
        graded = [(e, e.acled, sent_index[self._sent(e.trigger).start], self._paragraph(e.trigger.idx))
                  for e in events if e.acled and e.acled.get("sub_event_type") in PROTEST_SEVERITY]
        for event, _, n, para in graded:
            near = [acled for _, acled, m, p in graded if p == para and abs(m - n) <= MERGE_SENTENCE_GAP]
            event.acled = dict(max(near, key=lambda a: PROTEST_SEVERITY.index(str(a["sub_event_type"]))))
        return events

    # -- triggers ------------------------------------------------------------------------------------------
    def _trigger(self, tok: Token) -> Trigger | None:
        row = self.lex.match(tok)
        if row is None or tok.dep_ == "amod" or (tok.pos_ == "VERB" and tok.dep_ == "compound"):
            return None  # "the banned group", "a kill list": a modifier, not an act
        if tok.i in self.times or tok.ent_type_ in ("DATE", "TIME"):
            return None  # "in March": a month, not a march
        if row.pos == "NOUN" and tok.dep_ == "compound" and self.lex.match(tok.head) is None:
            return None  # "riot police", "aid groups": a kind of someone, not an act
        if row.pos == "VERB" and tok.dep_ in NOMINAL_DEPS:
            return None  # "evacuated the wounded": a verb form used as a noun
        if row.role == "impact" and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and self._carried_weapon(c)
                                            for c in tok.children):
            return None  # "prices hit a record": only a weapon landing or thrown makes these an attack
        if row.role == "arms" and not self._names_arms(tok):
            return None  # "recovered the bodies": only weapons found make it a blow to an armed group
        if row.role == "territory" and not any(c.dep_ in ("dobj", "nsubjpass") and self._is_territory(c)
                                               for c in tok.children):
            return None  # "took over the company": only ground taken is a battle
        if row.role == "forces" and not self._names_forces(tok):
            return None  # "mobilized voters": only troops or weapons moved make it a mobilization
        if row.role == "complement" and not any(self._wants(c) for c in tok.children):
            return None  # "pressed the button", "insisted he was innocent": only what someone is to do is a demand
        if row.role == "threat" and not self._warns_of_act(tok):
            return None  # "warned of heavy rain": a warning threatens only an act or a condition
        if row.pos == "VERB" and row.plover != "ASSAULT" and tok.dep_ == "acl" and tok.tag_ == "VBN" \
                and tok.head.dep_ != "ROOT":  # a noun as root means the parser lost the clause's own verb
            return None  # "weapons seized last year": a participle describing a thing, background to the story
        return row

    def _is_content(self, tok: Token, row: Trigger, found: dict[int, Trigger]) -> bool:
        """True when the trigger is what a trigger above it is about ("agreed to *set up*", "demanded the *withdrawal*").

        Violence named by a noun stays an event of its own ("blamed for the *attack*"); under a certainty governor
        ("denied *attacking*") the governor is the one dropped.
        """
        if self._is_background(tok, found):
            return True
        if row.plover == "ASSAULT" and (row.pos == "NOUN" or row.role in ("fatal", "injury")):
            return False  # a toll ("..., killing 12") is folded into its attack later, not dropped
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and (self._is_named(tok.head) or self._is_party_noun(tok.head)):
            return False  # "dispersed demonstrators protesting X": the people's own act, not what was done to them
        node = tok
        while node.dep_ in CONTENT_DEPS and node.head is not node:
            if node.dep_ == "conj" and node.head.i in found and found[node.head.i].plover != row.plover:
                return False  # "attacked and detained": two acts
            node = node.head
            if node.i in found and row.pos == "NOUN" and found[node.i].plover == row.plover:
                return False  # "threw stones during demonstrations": one act, folded into one event later
            if node.i in found and not self._is_certainty_governor(node, found):
                return True
            if node.dep_ == "prep" and node.lower_ in TOPIC_PREPS and any(
                    c.dep_ == "dobj" and c.i in found for c in node.head.children) and self.lex.cue(
                    "light", node.head.lemma_) is not None:
                return True  # "renewed negotiations today on a pullback": the parser hangs the topic on the verb
        return False

    def _is_background(self, tok: Token, found: dict[int, Trigger]) -> bool:
        """True for an act with no one doing it, after "after"/"following"/"in retaliation for" under another act:
        what that act followed ("set fire to offices following the killing of a man", "in retaliation for a raid
        on X, where 100 were killed")."""
        if any(c.dep_ in ("poss", "nsubj", "agent") for c in tok.children) or self._by_phrase(tok, "by") is not None:
            return False
        node, behind = tok, False
        while node.dep_ in ("pobj", "prep", "relcl") and node.head is not node:
            node = node.head
            behind = behind or (node.dep_ == "prep" and node.lower_ in BACKGROUND_PREPS) or node.lemma_ in CAUSE_NOUNS
        return behind and node.i in found and node.i != tok.i

    def _is_certainty_governor(self, tok: Token, found: dict[int, Trigger]) -> bool:
        """True when the trigger only frames another act's certainty: "denied *attacking*", "claimed it *killed*"."""
        if self.lex.cue("governor", tok.lemma_) is None:
            return False
        content = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "prep")]
        # a request turned down is no doubt about an act: "rejected calls for talks" is a rejection
        return any(t.i in found and t.pos_ == "VERB" and found[t.i].plover != "DEMAND"
                   for c in content for t in c.subtree)

    def _event(self, tok: Token, row: Trigger, found: dict[int, Trigger]) -> _Event | None:
        if self._is_certainty_governor(tok, found):
            return None  # "denied attacking": the attack is the event, denied
        plover = row.plover or ""
        verb = tok.head if row.pos == "NOUN" and tok.dep_ == "dobj" else tok  # "will extend the curfew"
        intent = self._intent(verb)
        clause = verb
        while clause.dep_ in ("xcomp", "acomp") and clause.head is not clause:
            clause = clause.head  # "the US must be ready to mediate": the obligation sits on the clause head
        if self._obligation(clause):
            return self._demand(tok, row, clause)  # "X must withdraw": someone demands it of X
        if plover == "PROTEST" and row.pos == "VERB" and (any(c.dep_ == "ccomp" for c in tok.children) or any(
                cue == tok.i for _, _, cue in self.quotes)):
            plover = "DISAPPROVE"  # "protested that ...", "..., a rights group protested": a protest in words
        targets = self._targets(tok, row)
        refusal = plover in COOPERATIVE | {"AGREE"} and any(c.dep_ == "neg" for c in verb.children) and any(
            c.dep_ == "aux" and c.lower_ in REFUSAL_AUX for c in verb.children)
        if refusal:
            plover = "REJECT"  # "would not meet demands", "will not withdraw": PLOVER codes the refusal
        elif intent and plover in COOPERATIVE and (intent == "word" or targets):
            # "ready to send troops", "will support X": a promise, to whom the act is for; with no one it is for,
            # a bare "will" only puts the act itself in the future ("will resign")
            plover = "AGREE"
        elif intent and plover in HOSTILE:
            plover = "THREATEN"
        event = _Event(tok, row, plover, self._acled(row) if plover == row.plover else None)
        event.actors = self._actors(tok, row)
        if row.pos == "NOUN" and not event.actors and plover not in STANDALONE_NOUN_TYPES:
            return None  # "poses a threat to X": a non-violent act named by a noun needs someone doing it
        event.targets = targets
        self._refine_acled(event)
        if row.role in ("fatal", "injury"):
            count = self._casualties(tok)
            if row.role == "fatal":
                event.fatalities = count
            else:
                event.injured = count
        self._locate(tok, event)
        event.date = self._nearest(tok, self.times, exclude=[])
        event.certainty = self._certainty(tok, own_cues=not refusal)
        self._link_quotes(event)
        return event

    @staticmethod
    def _acled(row: Trigger) -> dict[str, str | None] | None:
        return {"event_type": row.acled_event, "sub_event_type": row.acled_sub} if row.acled_event else None

    def _intent(self, tok: Token) -> str | None:
        """"word" for a promised or planned act ("is ready to contribute", "plans to impose"), "aux" for one only
        put in the future ("will send"), else None."""
        kind = "aux" if self._intent_aux(tok) else None
        node = tok
        while node.dep_ in ("xcomp", "conj") and node.head is not node:
            node = node.head
            if self.lex.cue("intent", node.lemma_) or self.lex.cue("intent", node.lower_):
                return "word"
            if self._intent_aux(node):
                kind = "aux"
        return kind

    def _intent_aux(self, verb: Token) -> bool:
        """A future or intent auxiliary in statement order ("X will send"), not a question ("Will X send?")."""
        subject = next((c.i for c in verb.children if c.dep_ in SUBJECT_DEPS), -1)
        return any(c.dep_ == "aux" and c.i > subject and self.lex.cue("intent", c.lower_) for c in verb.children)

    # -- roles ---------------------------------------------------------------------------------------------
    def _actors(self, tok: Token, row: Trigger) -> list[Span]:
        if row.pos == "NOUN":
            owner = [c for c in tok.children if c.dep_ == "poss" and c.lower_ not in RELATIVE_PRONOUNS]
            if owner and owner[0].pos_ != "PRON":
                return self._parties(owner[0])
            agent = self._by_phrase(tok, "by")
            if agent is not None:
                return self._parties(agent)
            node = tok
            while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
                node = node.head.head  # "opened a new round *of* talks", "launched a wave of arrests"
            if node.dep_ == "dobj" and (owner or self.lex.cue("light", node.head.lemma_) is not None):
                # "carried out an attack", "completed its investigation": the doer of the verb
                return self._actors(node.head, _plain_row(node.head))
            if owner:
                return self._parties(owner[0])
            if tok.dep_ == "pobj" and tok.head.lower_ in SETTING_PREPS and tok.head.head.pos_ == "VERB" \
                    and self.lex.match(tok.head.head) is None:
                # "thousands gathered for a rally", "youths threw stones during demonstrations": the participants
                verb = tok.head.head
                return self._actors(verb, _plain_row(verb))
            return []
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        if passive:
            for child in tok.children:
                if child.dep_ == "agent":
                    objs = [g for g in child.children if g.dep_ == "pobj"]
                    if objs and not self._is_weapon(objs[0]):
                        return self._parties(objs[0])
            patient = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if patient is not None and row.plover in STANCE_TYPES and self._by_phrase(tok, "to") is not None:
                return self._parties(patient)  # "Israel is opposed to X": a stance its subject holds
            return []
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                subject = tok.head  # "fighters who attacked the post"
            if self._is_weapon(subject) or self.lex.match(subject) is not None:
                return []  # "a bomb killed 12", "the bombing wounded four": a weapon or the act, not a doer
            if self._toll_subject(tok, row):
                return []  # "12 died", "11 others injured": the victims
            if subject.pos_ == "PRON" and tok.dep_ == "ccomp" and subject.lower_ in ("it", "they"):
                reporter = [c for c in tok.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
                # "X announced it will ...": X; but in words quoted verbatim, "they" is somebody else.
                if reporter and (subject.lower_ == "it" or not self._in_direct_quote(tok)):
                    return self._parties(reporter[0])  # "X announced it will ...": X
            return self._parties(subject)
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and (self._is_named(tok.head) or self._is_party_noun(tok.head)):
            return self._parties(tok.head)  # "demonstrators protesting X", not "a law recognizing X"
        root = self._sent(tok).root
        if tok.dep_ == "acl" and root.pos_ in ("NOUN", "PROPN") and self.lex.match(root) is None:
            # a noun as root means the parser lost the clause's own verb and hung it on a noun of the subject
            # ("Doctors from two aid groups donated ..."): the root phrase is who acted
            return self._parties(root)
        verb = tok.head.head
        if tok.dep_ == "pcomp" and verb.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in verb.children):
            return self._actors(verb, _plain_row(verb))  # "youths resorted to throwing stones": the youths
        active = tok.tag_ != "VBN" or any(c.dep_ == "aux" for c in tok.children)  # not "were killed or *wounded*"
        if tok.dep_ == "conj" and active and (patients := [c for c in tok.head.children if c.dep_ == "nsubjpass"]):
            return self._parties(patients[0])  # "X has been indicted ... and will resign": X resigns
        if tok.dep_ in ("xcomp", "conj", "advcl", "acomp") and tok.head is not tok:
            purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            if tok.dep_ == "advcl" and tok.tag_ != "VBG" and not purpose:
                return []  # a participle ("..., killing 12") or a purpose ("... to protest") shares the subject
            return self._actors(tok.head, _plain_row(tok.head))
        return []

    def _targets(self, tok: Token, row: Trigger) -> list[Span]:
        if row.plover in STANCE_TYPES and any(c.dep_ == "auxpass" for c in tok.children) and (
                stance := self._by_phrase(tok, "to")) is not None:  # "X is opposed to French mediation": French
            named = self._named_party(stance, row, self._is_named) if self.lex.match(stance) else stance
            if named is not None and named.dep_ in ("amod", "compound") and named.ent_type_ in ("NORP", ""):
                named = named.head
            return self._parties(named, narrow=True) if named is not None else []
        if row.pos == "VERB" and self.lex.cue("give", tok.lemma_) and (recipient := self._recipient(tok)):
            return recipient  # "offered its troops to X": PLOVER codes who gets it, not what is given
        for clause in tok.children:  # "pushed for the US to support ...": the one asked is the clause's subject
            if clause.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ in row.parts
                                                         for m in clause.children):
                subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
                if subjects:
                    return self._parties(subjects[0], narrow=True)
        patient = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and self._can_be_target(c)), None)
        if patient is not None and (patient.dep_ == "nsubjpass" or self._is_named(patient) or self._is_party_noun(patient)):
            return self._parties(patient, narrow=True)  # "abducted three traders": the people it was done to
        for child in tok.children:  # "demanded the withdrawal of X", "urged the release of Y": X, Y
            if child.dep_ == "dobj" and child.pos_ == "NOUN" and self.lex.match(child) is not None and (
                    of := self._by_phrase(child, "of")) is not None and (self._is_named(of) or self._is_party_noun(of)):
                return self._parties(of, narrow=True)
        named = self._named_party(tok, row, self._is_named) or self._named_party(tok, row, self._is_party_noun)
        if named is not None and named.dep_ in ("amod", "compound") and named.ent_type_ in ("NORP", ""):
            return self._parties(named.head)  # "the Azerbaijani republic of X", "bus drivers": the whole group
        if named is not None:
            return self._parties(named, narrow=True)
        if row.pos == "NOUN":
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ in NOUN_TARGET_PREPS:
                    objs = [g for g in prep.children if g.dep_ == "pobj" and self._can_be_target(g)]
                    if objs and not self._is_place(objs[0]):
                        return self._parties(objs[0], narrow=True)
            if tok.dep_ == "dobj" and self.lex.cue("light", tok.head.lemma_) is not None:
                # "gave a warm welcome to X", "opened investigations against Y": the parser hangs the
                # recipient on the light verb, not on the noun naming the act
                return self._prep_target(tok.head)
            return []
        for child in tok.children:
            if child.dep_ == "dobj" and child.lemma_.casefold() in row.parts:
                # "raised concerns over X": the object is part of the trigger, the target hangs off it
                return self._targets(child, _plain_row(child))
            if child.dep_ in ("dobj", "nsubjpass", "dative") and not child.like_num and self._can_be_target(child):
                if child.dep_ == "dobj" and self.lex.match(child) is not None:
                    continue  # "imposed sanctions": the object names the act, not its target
                return self._parties(child, narrow=True)
            if child.dep_ == "dobj" and child.like_num:
                return []  # "arresting 12": a count, no named target
        if by_prep := self._prep_target(tok):
            return by_prep
        for child in tok.children:  # "imposed sanctions on X": the target hangs off the act's noun
            if child.dep_ == "dobj":
                return self._targets(child, _plain_row(child))
        return []

    def _recipient(self, verb: Token) -> list[Span]:
        """Who is given something: the indirect object or the "to" phrase ("granted X asylum", "sent aid to Y")."""
        for child in verb.children:
            objs = [child] if child.dep_ == "dative" and child.pos_ != "ADP" else [
                g for g in child.children if g.dep_ == "pobj"] if child.lower_ == "to" and child.dep_ in (
                "prep", "dative") else []
            if objs and self._can_be_target(objs[0]) and not self._is_place(objs[0]):
                of = self._by_phrase(objs[0], "of")
                if of is not None and self._is_named(of) and self.lex.cue("territory", objs[0].lemma_):
                    return self._parties(of, narrow=True)  # "to drought-hit regions of Ethiopia": Ethiopia
                return self._parties(objs[0], narrow=True)
        return []

    def _prep_target(self, verb: Token) -> list[Span]:
        """The object of the verb's first target preposition ("fired on X", "sent troops to Y")."""
        for prep in verb.children:
            if prep.dep_ in ("prep", "dative") and prep.lower_ in TARGET_PREPS:
                objs = [g for g in prep.children if g.dep_ == "pobj" and self._can_be_target(g)]
                if objs:
                    return self._parties(objs[0], narrow=True)
        return []

    def _named_party(self, tok: Token, row: Trigger, accept: Any) -> Token | None:
        """The closest named party in the trigger's objects and complements: the other side of the act.

        PLOVER and ACLED code who an act is aimed at, which is often not the grammatical object: "sent arms to
        *Pakistan*", "rejected a *U.S.* request", "demanded that *the United States* match ...".
        """
        frontier, seen = [tok], {tok.i}
        while frontier:
            hits = [t for t in frontier if t is not tok and accept(t)]
            if hits:
                return min(hits, key=lambda t: t.i)
            nxt = []
            for node in frontier:
                for child in node.children:
                    own_subject = node is tok and child.dep_ in ("nsubj", "csubj", "agent")
                    if child.i in seen or own_subject or child.dep_ not in TARGET_SEARCH_DEPS:
                        continue
                    if child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPS:
                        continue
                    nxt.append(child)
                    seen.add(child.i)
            frontier = nxt
        return None

    def _is_named(self, tok: Token) -> bool:
        return tok.ent_type_ in PARTY_ENT_TYPES and tok.i not in self.times

    def _is_party_noun(self, tok: Token) -> bool:
        """A common noun for people or a body ("civilians", "the government"), when no name is at hand."""
        return tok.pos_ == "NOUN" and self.lex.cue("party", tok.lemma_) is not None

    def _is_weapon(self, tok: Token) -> bool:
        """A thing that kills ("a bomb", "mortars"), as opposed to the people using it ("suicide bombers")."""
        row = self.lex.instrument(tok)
        return row is not None and row.role == "instrument"

    def _can_be_target(self, tok: Token) -> bool:
        """Not a time, an amount, a weapon ("fired mortars"), a reflexive ("blew himself up") or the act itself
        ("agreed to a truce")."""
        if tok.i in self.times or tok.ent_type_ in AMOUNT_ENT_TYPES or self._is_weapon(tok):
            return False
        if tok.pos_ == "PRON" and tok.lower_.endswith(("self", "selves")):
            return False
        return tok.pos_ != "NOUN" or self.lex.match(tok) is None

    def _by_phrase(self, tok: Token, prep_word: str) -> Token | None:
        for prep in tok.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ == prep_word:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None

    def _is_place(self, tok: Token) -> bool:
        return tok.i in self.places and self.places[tok.i].root == tok

    def _parties(self, head: Token, *, narrow: bool = False) -> list[Span]:
        """The noun phrase headed by ``head`` and by each head conjoined with it ("Jordan and Britain")."""
        heads = [head] + [t for t in head.conjuncts if t.i > head.i]
        return [self._phrase(h, narrow=narrow) for h in heads]

    def _phrase(self, head: Token, *, narrow: bool) -> Span:
        """The phrase a head stands for, without clauses, appositions or prepositional tails.

        A target that names a thing an entity owns ("an ISIS camp", "Pakistan's links") is narrowed to the owner,
        so the target is the entity and not the building.
        """
        if (name := given_name(head)) is not None:
            return self._phrase(name, narrow=narrow)  # "a little-known group, X,": the name says who
        if narrow and not head.ent_type_:
            for child in head.children:
                if child.dep_ in ("poss", "compound") and child.ent_type_ in ("ORG", "GPE", "PERSON", "NORP"):
                    ents = [e for e in self.doc.ents if e.start <= child.i < e.end]
                    if ents:
                        return ents[0]
        keep = [head.i]
        tail: list[int] = []
        for child in head.children:
            noun_of = child.dep_ == "prep" and child.lower_ == "of" and any(
                g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN", "PRON") for g in child.children)
            if child.dep_ in PARTY_DROP_DEPS and not noun_of:
                continue  # "leaders of the coalition" keeps its "of", "accused the party of rigging" does not
            (tail if child.dep_ == "prep" else keep).extend(t.i for t in child.subtree)
        if len(keep) + len(tail) <= PHRASE_MAX_TOKENS:
            keep.extend(tail)  # "leaders of the coalition", but not a whole clause hanging off "of"
        start, end = min(keep), max(keep) + 1
        while start < head.i and (self.doc[start].dep_ in ("det", "predet") or self.doc[start].is_punct):
            start += 1
        while end - 1 > head.i and self.doc[end - 1].is_punct:
            end -= 1
        return self.doc[start:end]

    def _weapon(self, tok: Token) -> Trigger | None:
        """The weapon an attack is carried out with, looked for on the trigger and the clauses tied to it; the most
        specific by ACLED's precedence when there are several."""
        clauses = [tok, *(c for c in tok.children if c.dep_ in WEAPON_CLAUSE_DEPS)]
        node = tok
        while tok.pos_ == "NOUN" and node.dep_ in ("dobj", "pobj", "prep") and node.head is not node:
            node = node.head  # "warplanes carried out a series of *raids*": the verb that has the doer
        if node.pos_ == "VERB":
            clauses.append(node)
        while node.dep_ in WEAPON_CLAUSE_DEPS and node.head is not node:
            node = node.head
            clauses.append(node)
        found = [self.lex.instrument(node, modifiers=True) for node in clauses if node.i != tok.i]
        for node in clauses:
            for child in node.children:
                if child.dep_ in WEAPON_DEPS:
                    found += [self._carried_weapon(c)
                              for c in (child, *[g for g in child.children if g.dep_ in ("pobj", "conj")])]
        found += [self.lex.instrument(tok, modifiers=True)] if tok.pos_ == "NOUN" else []
        subs = [w for w in found if w is not None and w.acled_sub in WEAPON_PRECEDENCE]
        return min(subs, key=lambda w: WEAPON_PRECEDENCE.index(w.acled_sub)) if subs else None

    def _carried_weapon(self, tok: Token) -> Trigger | None:
        """The weapon a word names or holds: "mortar rounds", "barrels *of chlorine*"."""
        held = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return next((w for c in (tok, *held) if (w := self.lex.instrument(c, modifiers=True)) is not None), None)

    def _names_arms(self, tok: Token) -> bool:
        """True when the act's object names weapons: "seized a cache of *rifles*", "recovered *explosives*"."""
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        return any(self.lex.cue("arms", t.lemma_) or self._is_weapon(t) for c in objects for t in c.subtree)

    @staticmethod
    def _wants(child: Token) -> bool:
        """True for a complement saying what someone is to do: "pressed X *to open*", "pushed *for* talks", "for X
        to act", "insisted that X *withdraw*" (a subjunctive, or "must"/"should")."""
        if child.dep_ == "xcomp" or (child.dep_ == "prep" and child.lower_ == "for"):
            return True
        if child.dep_ == "advcl":
            return any(m.dep_ == "mark" and m.lower_ == "for" for m in child.children)
        if child.dep_ != "ccomp":
            return False
        auxes = [c for c in child.children if c.dep_ in ("aux", "auxpass")]
        subjunctive = child.tag_ == "VB" and not auxes and any(c.dep_ in SUBJECT_DEPS for c in child.children)
        return subjunctive or any(c.lower_ in OBLIGATION for c in auxes)

    def _names_forces(self, tok: Token) -> bool:
        """True when the act moves troops or weapons ("massed tanks and troops"), or names no object at all."""
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        return not objects or any(self.lex.cue("party", t.lemma_) == "armed" or self.lex.cue("arms", t.lemma_)
                                  for c in objects for t in c.subtree)

    def _warns_of_act(self, tok: Token) -> bool:
        """True when what a warning says would happen names an act ("of a general strike", "that police will break
        up rallies") or a condition ("if the talks fail"); one that says someone must act is a demand instead."""
        content = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "advcl")
                   or (c.dep_ == "prep" and c.lower_ in ("of", "against"))]
        words = [t for c in content for t in c.subtree]
        if any(t.dep_ == "aux" and t.lower_ in OBLIGATION for t in words):
            return False  # "warned that X must withdraw": a demand, found as one
        return any(t.dep_ == "mark" and t.lower_ in CONDITION_MARKS for t in words) or any(
            t.pos_ in ("VERB", "NOUN") and self.lex.match(t) is not None for t in words)

    def _side(self, spans: list[Span]) -> str | None:
        """Whose side the parties are on: "state" ("government troops"), "rebel" ("M23 fighters"), else None."""
        sides = {self.lex.cue("side", t.lemma_) for s in spans
                 for t in (s.root, *(c for c in s.root.children if c.dep_ in ("compound", "amod", "poss")))}
        return "state" if "state" in sides else "rebel" if "rebel" in sides else None

    def _kind(self, span: Span) -> str | None:
        """The party cue of a phrase's head, or of the noun a name modifies ("five *Boko Haram* fighters")."""
        root = span.root
        kind = self.lex.cue("party", root.lemma_)
        if kind is None and root.dep_ in ("compound", "poss", "amod"):
            kind = self.lex.cue("party", root.head.lemma_)
        return kind

    def _is_territory(self, tok: Token) -> bool:
        return self.lex.cue("territory", tok.lemma_) is not None or tok.ent_type_ in ("GPE", "LOC") \
            or self._is_place(tok)

    def _refine_acled(self, event: _Event) -> None:
        """Set the ACLED sub-event from the weapon ("with a drone", "an IED"), the parties ("civilians",
        "protesters") and what was taken ("the town of X", "a cache of rifles")."""
        tok = event.trigger
        weapon = self._weapon(tok) if event.type == "ASSAULT" else None
        if weapon is not None:  # the means decides over the verb: "militants attacked ... with mortars"
            event.acled = {"event_type": weapon.acled_event, "sub_event_type": weapon.acled_sub}
            return
        sub = (event.acled or {}).get("sub_event_type")
        if event.type == "COERCE" and sub != "Arrests" and self._names_arms(tok):
            event.acled = {"event_type": "Strategic developments", "sub_event_type": "Disrupted weapons use"}
            return  # "seized a cache of rifles", "confiscated explosives": weapons taken out of use
        taken = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")] or [s.root for s in event.targets]
        if sub in TAKING_SUBS and taken and all(self._is_territory(c) for c in taken):
            # who took the ground decides; with no side named, the verb's own reading ("retook", "overran")
            side = self._side(event.actors)
            regains = side == "state" or (side is None and event.row.acled_sub == "Government regains territory")
            sub = "Government regains territory" if regains else "Non-state actor overtakes territory"
            event.acled = {"event_type": "Battles", "sub_event_type": sub}
            return
        doers = {self._kind(s) for s in event.actors}
        kinds = {self._kind(s) for s in event.targets} - {None}
        if not kinds:  # "a terror attack" with no target named: aimed at civilians
            kinds = {aim for c in tok.children if c.dep_ in MODIFIER_DEPS and (aim := self.lex.cue("aim", c.lower_))}
        violent = event.type == "ASSAULT" or (event.acled or {}).get("sub_event_type") == "Looting/property destruction"
        if violent and ("protester" in doers or "mob" in doers):  # "rioters torched cars", "a mob beat a man"
            sub = "Mob violence" if "mob" in doers else "Violent demonstration"
            event.acled = {"event_type": "Riots", "sub_event_type": sub}
        elif "protester" in kinds and event.type in ("ASSAULT", "COERCE"):  # force used on a protest
            sub = "Excessive force against protesters" if event.type == "ASSAULT" else "Protest with intervention"
            event.acled = {"event_type": "Protests", "sub_event_type": sub}
        if event.acled is None or event.acled.get("sub_event_type") not in ("Armed clash", "Attack"):
            return
        if "civilian" in kinds:
            event.acled = {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
        elif "armed" in kinds or (event.targets and any(s.root.ent_type_ == "ORG" for s in event.targets)):
            event.acled = {"event_type": "Battles", "sub_event_type": "Armed clash"}

    # -- casualties ------------------------------------------------------------------------------------------
    def _casualties(self, tok: Token) -> dict[str, Any] | None:
        """The count of the people a casualty trigger names: "killed some 30 fighters", "12 were wounded"."""
        patient = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if patient is None and self._toll_subject(tok, None):
            patient = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        count = self._count(patient) if patient is not None else None
        if count is None and tok.i + 1 < len(self.doc):
            # a parse that lost the object ("killed nearly 30 farmers ..., residents said"): the words right after
            for word in self.doc[tok.i + 1:min(tok.i + 1 + COUNT_REACH, self._sent(tok).end)]:
                if word.is_punct or word.pos_ in ("VERB", "AUX"):
                    break
                if word.like_num and word.head.pos_ == "NOUN":
                    return self._count(word.head)
        return count

    @staticmethod
    def _toll_subject(tok: Token, row: Trigger | None) -> bool:
        """True when a casualty verb's subject is its victims: "12 died", "11 others injured" (a reduced passive)."""
        if row is not None and row.role not in ("fatal", "injury"):
            return False
        has_perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
        no_object = not any(c.dep_ == "dobj" for c in tok.children)
        return no_object and (tok.lemma_ == "die" or (tok.tag_ == "VBN" and not has_perfect))

    def _count(self, head: Token) -> dict[str, Any] | None:
        vague = self.lex.cue("quantity", head.lower_)
        if vague and vague.startswith("min:"):
            return {"min": int(vague[4:]), "max": None, "approximate": True, **_chars(head)}
        number = head if head.like_num else next((c for c in head.children if c.dep_ == "nummod"), None)
        if number is None:
            return None
        if (vague := self.lex.cue("quantity", number.lower_)) and vague.startswith("min:"):
            return {"min": int(vague[4:]), "max": None, "approximate": True, **_chars(number)}
        value = _number(number)
        if value is None:
            return None
        # "about a dozen": the article belongs to the number word, so the hedge is looked for before it.
        article = int(number.i > 0 and self.doc[number.i - 1].lower_ in ("a", "an"))
        end = number.i - article
        before = [t.lower_ for t in self.doc[max(number.left_edge.i, end - 3):end]]
        kind = None
        for width in (3, 2, 1):
            if len(before) >= width and (kind := self.lex.cue("quantity", " ".join(before[-width:]))):
                break
        span = self.doc[end - (width if kind else 0):number.i + 1]
        if kind == "approx":
            return {"min": value, "max": value, "approximate": True, **_chars(span)}
        if kind == "min":
            return {"min": value, "max": None, "approximate": False, **_chars(span)}
        if kind == "max":
            return {"min": None, "max": value, "approximate": True, **_chars(span)}
        return {"min": value, "max": value, "approximate": False, **_chars(span)}

    # -- place and date ------------------------------------------------------------------------------------
    def _locate(self, tok: Token, event: _Event) -> None:
        event.place = self._place(tok, event)
        if event.actors and not event.targets and event.place is not None \
                and self._sent(tok) == self._sent(event.place.root):
            # Someone's act that names no recipient is aimed at the people of its place ("X lifted the curfew in
            # Y", "rallies shut down Z"): PLOVER and CAMEO code the location as the target. An act with no
            # actor either stays as it was, so the place does not make a bare mention ("the attack in Y") an event.
            event.targets = [event.place]

    def _place(self, tok: Token, event: _Event) -> Span | None:
        """Where the act happened: never the actor ("Israel attacked"), an owner ("Serbia's crackdown") or a word
        describing a party ("an anti-Syria journalist")."""
        barred = [t for s in event.actors for t in s] + [t for s in event.targets for t in s if t.dep_ in MODIFIER_DEPS]
        barred += [self.doc[i] for i, span in self.places.items() if span.root.dep_ == "poss"]
        # A place in a person's title ("Ambassador to Afghanistan Zalmay Khalilzad") is where their office is.
        for actor in event.actors:
            phrase = list(_noun_phrase_top(actor.root).subtree)
            if any(t.ent_type_ == "PERSON" for t in phrase):
                barred += phrase
        return self._nearest(tok, self.places, exclude=barred)

    def _nearest(self, tok: Token, spans: dict[int, Span], *, exclude: list[Token]) -> Span | None:
        """The span attached closest to the trigger in its own clause, else the nearest in its sentence, else in
        its paragraph; never from another paragraph."""
        if not spans:
            return None
        barred = {t.i for t in exclude}
        attached: list[tuple[bool, int, int, Span]] = []
        frontier, depth, seen = [(tok, False)], 0, {tok.i}
        while frontier:  # breadth first over the trigger's own clause: the shallowest attachment wins
            for node, beside in frontier:
                if node.i in spans and node.i not in barred and node is not tok:
                    attached.append((beside, depth, spans[node.i].start, spans[node.i]))
            nxt = []
            for node, beside in frontier:
                for child in node.children:
                    if child.i not in seen and child.dep_ not in CLAUSE_DEPS:
                        seen.add(child.i)
                        nxt.append((child, beside or (child.dep_ in ("prep", "advmod") and child.lower_ in PROXIMITY_WORDS)))
            frontier, depth = nxt, depth + 1
        if attached:
            return min(attached, key=lambda a: a[:3])[3]
        sent = self._sent(tok)
        in_sentence = [s for i, s in spans.items() if sent.start <= i < sent.end and i not in barred]
        if in_sentence:
            return min(in_sentence, key=lambda s: (abs(s.start - tok.i), s.start))
        para = self._paragraph(tok.idx)
        in_para = [s for s in set(spans.values())
                   if para[0] <= s.start_char and s.end_char <= para[1] and s.root.i not in barred]
        return min(in_para, key=lambda s: (abs(s.start - tok.i), s.start)) if in_para else None

    def _paragraph(self, char: int) -> tuple[int, int]:
        for start, end in self.paragraphs:
            if start <= char < end:
                return start, end
        return 0, len(self.doc.text)

    # -- certainty -----------------------------------------------------------------------------------------
    def _certainty(self, tok: Token, *, own_cues: bool = True) -> str:
        """How sure the text is of the act; without ``own_cues`` the trigger's own negation and modal are the act
        (a refusal: "would not meet"), not a doubt about it."""
        found = set()
        clause = [tok]
        node = tok
        while node.dep_ in ("xcomp", "conj", "pobj", "prep", "dobj", "nsubj", "nsubjpass") and node.head is not node:
            node = node.head
            clause.append(node)
        for node in clause:
            for child in node.children:
                if child.dep_ == "advmod" and (value := self.lex.cue("adverb", child.lower_)):
                    found.add(value)
                elif child.dep_ == "neg" and node is tok and own_cues:
                    found.add("denied")
                elif child.dep_ == "aux" and node is tok and own_cues and (value := self.lex.cue("modal", child.lower_)):
                    found.add(value)
        for node in (tok, *tok.ancestors):
            claim_of_responsibility = any(c.dep_ == "dobj" and self.lex.cue("claim", c.lemma_) for c in node.children)
            if node is not tok and not claim_of_responsibility and (value := self.lex.cue("governor", node.lemma_)):
                found.add(value)
            for child in node.children:
                if child.dep_ == "mark" and (value := self.lex.cue("condition", child.lower_)):
                    found.add(value)
        sent = self._sent(tok)
        found.update(self._sentence_cues(sent))
        stop = next((t.text for t in self.doc[tok.i:sent.end] if t.text in (".", "?", "!")), None)
        if stop == "?":
            found.add("hypothetical")  # asked about, not asserted
        found &= set(CERTAINTIES)
        return max(found, key=CERTAINTY_ORDER.index) if found else "reported"

    def _sentence_cues(self, sent: Span) -> set[str]:
        """The certainties the sentence's attribution phrases give ("there are reports", "according to")."""
        if sent.start not in self._phrase_cache:
            text = sent.text.casefold()
            self._phrase_cache[sent.start] = {value for pattern, value in self.lex.phrase_patterns
                                              if pattern.search(text)}
        return self._phrase_cache[sent.start]

    # -- quotes, claims, statements --------------------------------------------------------------------------
    def _in_direct_quote(self, tok: Token) -> bool:
        return any((quote._.quote or {}).get("type") != "indirect" and start <= tok.idx < end
                   for quote, fragments, _ in self.quotes for start, end in fragments)

    def _link_quotes(self, event: _Event) -> None:
        """The quote the event is told in (its speaker reports it) and the quote the event's trigger cues."""
        tok = event.trigger
        near = {tok.i, *(c.i for c in tok.children)}  # the cue is the act ("urged") or hangs off it ("..., saying")
        cued = []
        for quote, fragments, cue_root in self.quotes:
            if any(start <= tok.idx < end for start, end in fragments):
                event.in_quote = quote
            if cue_root in near and event.type in STATEMENT_TYPES:
                cued.append(quote)
        if cued:  # the words said, before the object of the verb the quote finder also reads as a report
            event.statement = max(cued, key=lambda q: ((q._.quote or {}).get("type") != "indirect", len(q)))
        if event.statement is not None and not event.actors:
            speaker = (event.statement._.quote or {}).get("speaker")
            span = self.doc.char_span(speaker["start"], speaker["end"], alignment_mode="expand") if speaker else None
            if span is not None:
                event.actors = [span]

    def _obligation(self, verb: Token) -> bool:
        modal = any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in verb.children)
        past = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
        return modal and not past and verb.dep_ in ("ccomp", "acl")  # "said that ...", "a reminder that ..."

    def _demand(self, tok: Token, row: Trigger, verb: Token) -> _Event:
        """The demand a reported obligation makes: "Chirac said Iraq must cooperate" (Chirac DEMAND of Iraq)."""
        speech = verb.head
        event = _Event(tok, row, "DEMAND", None)
        event.actors = self._actors(speech, _plain_row(speech))  # "said that ...", "issued a reminder that ..."
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        event.targets = self._parties(subjects[0], narrow=True) if subjects else []
        self._locate(tok, event)
        event.date = self._nearest(speech, self.times, exclude=[]) or self._nearest(tok, self.times, exclude=[])
        event.certainty = self._certainty(speech)
        self._link_quotes(event)
        return event

    def _demands(self, candidates: list[int], found: dict[int, Trigger]) -> list[_Event]:
        """A speech verb reporting what someone must do is a demand: "X said Y must withdraw" (DEMAND, Y)."""
        out = []
        for tok in (self.doc[i] for i in candidates):
            if tok.dep_ != "aux":
                continue
            clause = tok.head
            speech = clause.head
            if clause.dep_ != "ccomp" or speech.i in found or speech.lemma_ not in SPEECH_LEMMAS:
                continue
            if clause.i in found or any(c.i in found for c in clause.children if c.dep_ in ("xcomp", "acomp")):
                continue  # a trigger heading the clause makes the demand itself ("must *withdraw*")
            if any(c.dep_ == "aux" and c.lemma_ == "have" for c in clause.children):
                continue  # "should have learned": a reproach about the past, not a demand
            row = Trigger((speech.lemma_,), "VERB", "DEMAND", None, None, None)
            event = _Event(speech, row, "DEMAND", None)
            event.actors = self._actors(speech, row)
            subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
            event.targets = self._parties(subjects[0], narrow=True) if subjects else []
            self._locate(speech, event)
            event.date = self._nearest(speech, self.times, exclude=[])
            event.certainty = self._certainty(speech)
            self._link_quotes(event)
            out.append(event)
        return out

    def _attach_claims(self, candidates: list[int], events: list[_Event | None], before: list[_Event]) -> None:
        """"X claimed responsibility for the attack": X goes into the attack's ``claimed_by``. A claim naming no
        act in a sentence with none ("X claimed responsibility in a statement") is for the last act just before."""
        for claimed in (self.doc[i] for i in candidates):
            if claimed.dep_ != "dobj" or claimed.head.pos_ != "VERB":
                continue
            tok = claimed.head
            claimants = [c for c in tok.children if c.dep_ == "nsubj"]
            act = self._by_phrase(tok, "for")
            live = [e for e in events if e is not None] or ([] if act is not None else before[-1:])
            if not claimants or not live:
                continue
            if act is not None and act.lower_ in RELATIVE_PRONOUNS:
                act = next((a for a in act.ancestors if a.dep_ == "relcl"), act).head  # "... for which X claimed"
            anchor = act.i if act is not None else tok.i
            chosen = min(live, key=lambda e: (abs(e.trigger.i - anchor) if act is None or e.trigger.i != act.i else -1))
            if act is not None:
                owners = [e for e in live if e.trigger.i == act.i or e.trigger.i == act.head.i]
                chosen = owners[0] if owners else chosen
            chosen.claimed_by = self._parties(claimants[0])

    def _fold(self, events: list[_Event]) -> list[_Event]:
        """Fold follow-ups of one act into it: a second trigger of the same type in the sentence with no other
        actor ("attacked ..., killing 12"), and an agentless attack or toll right after an attack in the same
        paragraph ("Some 30 fighters were killed")."""
        out: list[_Event] = []
        sent_index = {s.start: n for n, s in enumerate(self.sentences)}
        for event in events:
            host = None
            for prior in reversed(out):
                gap = sent_index[self._sent(event.trigger).start] - sent_index[self._sent(prior.trigger).start]
                same_para = self._paragraph(prior.trigger.idx) == self._paragraph(event.trigger.idx)
                if not same_para or gap > MERGE_SENTENCE_GAP:
                    break
                if prior.type != "ASSAULT" and (gap or prior.type != event.type):
                    continue
                follow_up = not event.actors and event.statement is None and (
                    event.type == prior.type or (event.acled or {}).get("sub_event_type") == "Looting/property destruction")
                same_actor = gap == 0 and event.type == prior.type and (
                    not event.actors or [a.text for a in event.actors] == [a.text for a in prior.actors])
                if gap == 0 and event.type == prior.type and any(
                        a.start <= prior.trigger.i < a.end for a in event.actors):
                    # "suicide bombers killed 23": the noun names the doers of the verb's act, one event
                    event.absorb(prior)
                    out[out.index(prior)] = event
                    host = event
                    break
                if follow_up or same_actor:
                    host = prior
                    host.absorb(event)
                    break
            if host is None:
                out.append(event)
        return out


def _plain_row(tok: Token) -> Trigger:
    """A lexicon-like row for a word that names no act, so the role rules can run on it ("carried out" an attack)."""
    return Trigger((tok.lemma_.casefold(),), "NOUN" if tok.pos_ in ("NOUN", "PROPN") else "VERB", None, None, None, None)


def _indices(words: Any, hashes: Any) -> list[int]:
    """Positions whose lemma (column 0) or lower-case form (column 1) is one of ``hashes``."""
    if not len(words):
        return []
    hit = numpy.isin(words[:, 0], hashes) | numpy.isin(words[:, 1], hashes)
    return numpy.flatnonzero(hit).tolist()


def _within(indices: list[int], sent: Span) -> list[int]:
    return indices[bisect.bisect_left(indices, sent.start):bisect.bisect_left(indices, sent.end)]


def _is_dated(span: Span) -> bool:
    timex = span._.timex or {}
    return timex.get("type") in ("DATE", "TIME") and bool(timex.get("earliest") or timex.get("latest")) and \
        timex.get("value") != "PRESENT_REF"


def _number(tok: Token) -> int | None:
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    try:
        return int(float(text))
    except ValueError:
        return None
