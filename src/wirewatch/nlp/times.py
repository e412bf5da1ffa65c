"""The ``wirewatch_times`` spaCy component: TIMEX3-style time expressions as spans with normalized values.

Candidates come from the rules in :mod:`wirewatch.nlp.timex` run over ``doc.text``; each is anchored on
``doc._.published`` (set it before the pipeline runs, see :func:`docs_with_published`) and, where the
parse allows, on the tense of the clause that governs it ("will meet on Friday" is the next Friday,
"met on Friday" the previous one). Results go to ``doc.spans[spans_key]`` with ``span._.timex``.
The record field they feed is ``times[]``.
"""
# No "from __future__ import annotations": spaCy validates factory arguments from real annotations.

import bisect
import logging
import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from wirewatch.nlp.extensions import register_extensions
from wirewatch.nlp.timex import Tense, Timex, find_timexes, interval_of

logger = logging.getLogger(__name__)

__all__ = ["TimeTagger", "clause_tense", "docs_with_published", "make_time_tagger"]

# Verbs whose infinitive complement is about the future: "is set to open", "plans to close".
FUTURE_HEADS = frozenset({"set", "plan", "expect", "schedule", "due", "aim", "intend", "prepare", "hope", "go",
                          "slate", "poised", "likely", "want", "seek", "propose", "promise", "vow", "pledge",
                          "threaten", "agree", "decide", "announce"})
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
# Prepositions that fix the direction whatever the verb says: "since Monday" lies behind, "until" ahead.
PAST_PREPOSITIONS = frozenset({"since", "ago"})
FUTURE_PREPOSITIONS = frozenset({"until", "till", "ahead"})
COUNTED_UNITS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years", "fortnight"})


@Language.factory(
    "wirewatch_times",
    assigns=["doc.spans"],
    requires=["token.dep", "token.tag"],
    default_config={"spans_key": "wirewatch_times"},
)
def make_time_tagger(nlp: Language, name: str, *, spans_key: str) -> "TimeTagger":
    """Build the time tagger (registered as ``wirewatch_times``).

    Args:
        nlp: the pipeline it joins.
        name: the component's name in the pipeline.
        spans_key: the ``doc.spans`` key its spans go to.

    Returns:
        A :class:`TimeTagger`.
    """
    register_extensions()  # idempotent: Doc._.published, Span._.timex
    return TimeTagger(nlp.vocab, name, spans_key=spans_key)


class TimeTagger:
    """Finds time expressions, normalizes them against ``doc._.published`` and stores them as spans."""

    def __init__(self, vocab: Vocab, name: str = "wirewatch_times", *, spans_key: str = "wirewatch_times") -> None:
        """Create the tagger.

        Args:
            vocab: the pipeline's vocab.
            name: the component's name.
            spans_key: the ``doc.spans`` key to write.
        """
        self.vocab = vocab
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        """Tag ``doc``: set ``doc.spans[spans_key]``, each span with ``span._.timex``.

        Args:
            doc: a Doc; with tags and a dependency parse the tense of each clause is used.

        Returns:
            The same Doc.
        """
        try:
            return self._tag(doc)
        except Exception as e:  # noqa: BLE001  the caller's error handler decides: raise (default) or skip
            error_handler = self.get_error_handler()
            error_handler(self.name, self, [doc], e)
            return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Tag a stream of Docs (each one on its own; the rules need no batching).

        Args:
            stream: the Docs.
            batch_size: unused; kept for spaCy's ``pipe`` signature.
        """
        for doc in stream:
            yield self(doc)

    def get_error_handler(self):
        """Return the error handler spaCy set on this component (raising by default)."""
        from spacy.util import raise_error

        return getattr(self, "_error_handler", raise_error)

    def set_error_handler(self, error_handler) -> None:
        """Set the function called with (name, component, docs, exception) when tagging fails."""
        self._error_handler = error_handler

    def _tag(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            doc.spans[self.spans_key] = []
            return doc
        # to_array is a fast check; has_annotation would build a Token object for every token.
        arr = doc.to_array(["DEP", "TAG", "ENT_IOB"])
        parsed = bool(arr[:, 0].any() and arr[:, 1].any())
        has_ents = bool(arr[:, 2].any())
        token_starts = doc.to_array("IDX")

        def tense(start: int, end: int) -> Tense | None:
            i = int(bisect.bisect_right(token_starts, start)) - 1  # the token the expression starts in
            if i < 0:
                return None
            prev = doc[i - 1] if i > 0 else None
            if prev is not None and prev.lower_ in PAST_PREPOSITIONS:
                return "PAST"
            if prev is not None and prev.lower_ in FUTURE_PREPOSITIONS:
                return "FUTURE"
            if prev is not None and prev.lower_ == "from" and i > 1 and doc[i - 2].lower_ in COUNTED_UNITS:
                return "FUTURE"  # "a week from Monday": counted forward from the next one
            return clause_tense(doc[i]) if parsed else None

        found = find_timexes(doc.text, doc._.published, tense=tense)
        # The model's DATE/TIME entities that no rule read: an absolute date there is still worth a value.
        if has_ents:
            taken = [(t.start, t.end) for t in found]
            for ent in doc.ents:
                if ent.label_ in ("DATE", "TIME") and not any(s < ent.end_char and ent.start_char < e
                                                               for s, e in taken):
                    t = _absolute_entity(ent)
                    if t is not None:
                        found.append(t)
            found.sort(key=lambda t: (t.start, -t.end))
        spans = []
        for t in found:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None:
                continue
            info = t.as_dict()
            info.update(start=t.start, end=t.end, text=t.text)
            span._.timex = info
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    # No data of its own beyond the config: these keep nlp.to_disk/from_disk complete.
    def to_disk(self, path, *, exclude=()) -> None:
        """Nothing to save: the rules ship with the package and the settings live in the config."""

    def from_disk(self, path, *, exclude=()) -> "TimeTagger":
        """Nothing to load; returns self."""
        return self

    def to_bytes(self, *, exclude=()) -> bytes:
        """Nothing to serialize; returns empty bytes."""
        return b""

    def from_bytes(self, data: bytes, *, exclude=()) -> "TimeTagger":
        """Nothing to deserialize; returns self."""
        return self


_ABSOLUTE_CUE = re.compile(r"\b(?:1[5-9]|2[01])\d\d\b")
_DATE_PARSER = None


def _absolute_entity(ent: Span) -> Timex | None:
    """Read an entity with an explicit year through dateparser, at the precision the text gives; else None.

    dateparser never fills a missing part here: a year is required and the value stops at the period it
    reports ("the year 2012" -> "2012", not a day of it).
    """
    global _DATE_PARSER
    if not _ABSOLUTE_CUE.search(ent.text) or ent.text.strip().isdigit():
        return None  # a bare number was the year rule's to judge, and it said no
    if _DATE_PARSER is None:
        from dateparser.date import DateDataParser  # lazy: only texts with an unread dated entity pay for it

        _DATE_PARSER = DateDataParser(languages=["en"], settings={"REQUIRE_PARTS": ["year"],
                                                                   "PREFER_DAY_OF_MONTH": "first"})
    try:
        data = _DATE_PARSER.get_date_data(ent.text)
    except Exception:  # noqa: BLE001  dateparser raises odd errors on odd strings; an unread entity is no failure
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    value = {"year": str(d.year), "month": d.isoformat()[:7]}.get(data.period or "day", d.isoformat())
    earliest, latest, gran = interval_of(value)
    return Timex(text=ent.text, start=ent.start_char, end=ent.end_char, value=value, type="DATE",
                 earliest=earliest, latest=latest, granularity=gran, rule="entity_dateparser")


def clause_tense(token: Token) -> Tense | None:
    """Return the tense of the clause governing ``token``, read from its nearest verb up the parse.

    "will", "'ll", "shall" and "is set to"/"plans to" heads give FUTURE; a past-tense verb or auxiliary,
    a perfect ("has closed") or a bare past participle ("released Thursday") gives PAST; a present-tense
    verb gives PRESENT; a modal ("would", "could") gives FUTURE, or PAST with a perfect ("could have"); anything
    unclear gives None.

    Args:
        token: a token inside the time expression.
    """
    verb = token
    for _ in range(12):  # parse trees are shallow; the bound guards against odd cycles
        if verb.tag_.startswith("VB") or verb.tag_ == "MD":
            break
        if verb.head is verb:
            return None
        verb = verb.head
    else:
        return None
    if not verb.tag_.startswith("VB"):
        return None
    for _ in range(4):
        result = _verb_tense(verb)
        if result != "INFINITIVE":
            return result  # type: ignore[return-value]  # every other value is a Tense or None
        # "to open" in "is set to open": the head decides, and a future-minded head makes it future.
        head = verb.head
        if head is verb or not head.tag_.startswith(("VB", "JJ")):
            return None
        if head.lemma_.lower() in FUTURE_HEADS:
            return "FUTURE"
        verb = head
    return None


def _verb_tense(verb: Token) -> Tense | None | str:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "FUTURE"
    if any(a.tag_ == "MD" for a in auxes):
        # "could be held Friday", "said it would vote on Tuesday": a modal looks ahead, unless it is perfect
        # ("could have sunk on Friday").
        return "PAST" if any(a.lemma_ == "have" for a in auxes) else "FUTURE"
    if "to" in words:
        if verb.dep_ in ("acl", "relcl"):
            return "FUTURE"  # "an event to be held on October 12": a noun's infinitive looks ahead
        return "INFINITIVE"
    if any(a.lower_ == "going" for a in auxes):
        return "FUTURE"
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        return "PAST"
    if verb.tag_ == "VBN":
        if verb.lemma_.lower() in FUTURE_HEADS and verb.lemma_.lower() not in ("announce", "agree", "decide"):
            return "FUTURE"  # "has been scheduled for June 3", "is set for Monday"
        if any(a.lemma_ == "have" for a in auxes):
            return "PAST"  # present perfect: the event lies behind
        if any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
            if verb.lemma_.lower() in FUTURE_HEADS:
                return "FUTURE"  # "is scheduled for Monday", "is set for March"
            return "PRESENT"
        return "PAST"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "PRESENT"
    if verb.tag_ == "VBG":
        return "INFINITIVE" if verb.head is not verb else None
    if verb.tag_ == "VB":
        return "INFINITIVE"
    return None


def docs_with_published(nlp: Language, items: Iterable[tuple[str, str | None]]) -> Iterator[Doc]:
    """Yield tokenized Docs with ``doc._.published`` set, ready for ``nlp.pipe``.

    ``nlp.pipe`` accepts Docs, so the publication date travels with each one into every component
    (also with ``n_process > 1``: the Doc is pickled with its user data)::

        docs = docs_with_published(nlp, ((item["text"], item["published"]) for item in items))
        for doc in nlp.pipe(docs): ...

    Args:
        nlp: the pipeline whose tokenizer to use.
        items: (text, published ISO string or None) pairs.
    """
    register_extensions()
    for text, published in items:
        doc = nlp.make_doc(text)
        doc._.published = published
        yield doc
