"""Quote extraction: the ``wirewatch_quotes`` spaCy component.

Finds direct quotes (any quotation-mark style, split and multi-paragraph), partial quotes (a few quoted words
inside a reported clause), mixed quotes, and indirect quotes (reported clauses after cue verbs, "according to
X", report nouns such as "his claim that" or "her criticism of", stance adjectives such as "critical of", passive
reports and questions such as "she was asked whether"), each with its cue, speaker mention, channel and addressee
where the text gives them. Every quote is a span of the quoted content (marks left out) in
``doc.spans[spans_key]``; ``span._.quote`` holds a plain dict with character offsets, which ``resolve`` turns into
``Record.quotes``. A split quote ('"A," she said, "B."') or a multi-paragraph quote is one span from its first to
its last word; ``fragments`` lists the quoted pieces, and the record's quote text is those pieces joined by a space.

Speaker mentions are the words in the text: a name, a pronoun ("he"), a role ("the minister"). Pronouns stay
pronouns so the coreference component can resolve them.
"""
# No "from __future__ import annotations": spaCy validates factory arguments from real annotations.
import bisect
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from wirewatch.nlp.attribution import Attributor, load_titles
from wirewatch.nlp.cue_lexicon import CueLexicon
from wirewatch.nlp.extensions import register_extensions
from wirewatch.nlp.quote_marks import Stretch, find_stretches, paragraph_bounds

logger = logging.getLogger(__name__)

FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
SENTENCE_END = {".", "!", "?", "...", "\u2026"}
DASHES = {"\u2014", "\u2013", "-", "--"}
PARTIAL_MAX_WORDS = 6  # a quoted stretch of at most this many words inside a reported clause is a partial quote
MIXED_MIN_UNQUOTED = 4  # unquoted words a reported clause needs around a long quoted stretch to count as mixed
CUE_REACH_AFTER = 10  # tokens after a closing mark a cue may stand at, more only past a bare noun phrase
FRAME_LIMIT = 40  # tokens of unquoted text looked at on each side of a quote
GOVERNOR_DEPTH = 8  # parse steps from a quote inside a sentence up to the verb that reports it
TRANSCRIPT_NAME_MAX_TOKENS = 5  # 'Sen. Ann Marie Lee: "..."': a longer run before a colon is a sentence, not a name
# Objects that make a cue verb an act rather than a report: "claimed responsibility for the bombing" is a claim of
# authorship (an event), not words put in someone's mouth.
ACT_OBJECTS = {"responsibility", "credit"}
FRAMED_MIN_TOKENS = 1  # "backs Smith", "vowed to resign": what a cue frames as its object may be short
# A phrase right after a reported object that gives the judgement's ground or yardstick belongs to the report
# ("blasted Rubio for his vote", "compared Trump to Wilson", "criticized the plan over its cost").
LIST_GAP = re.compile(r"[\s,;]*(?:(?:and|or)\b[\s,]*)?")  # between two items of a list of quoted terms
OBJECT_COMPLEMENT_PREPS = frozenset({"for", "to", "as", "over", "of"})


@dataclass
class _Quote:
    """A quote under construction: character offsets, parts and attribution."""

    start: int
    end: int
    type: str
    para: int
    fragments: list[tuple[int, int]]
    cue: Span | None = None
    cue_token: Token | None = None
    speaker: Span | None = None
    channel: str | None = None
    addressee: Span | None = None
    closed: bool = True
    stretch: Stretch | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@Language.factory(
    "wirewatch_quotes",
    assigns=["doc.spans"],
    requires=["token.dep", "token.tag", "doc.ents"],
    default_config={"spans_key": "wirewatch_quotes", "max_quote_tokens": 250},
)
def make_quote_finder(nlp: Language, name: str, *, spans_key: str, max_quote_tokens: int) -> "QuoteFinder":
    """Build the quote finder with the shipped cue lexicon.

    Args:
        nlp: the pipeline it joins; it needs a parser, a tagger and NER before it.
        name: the component's name in the pipeline.
        spans_key: the span group the quotes go into (``doc.spans[spans_key]``).
        max_quote_tokens: quotes longer than this are dropped unless both their marks are present.
    """
    register_extensions()
    return QuoteFinder(nlp.vocab, name, spans_key=spans_key, max_quote_tokens=max_quote_tokens)


class QuoteFinder(Pipe):
    """Find quotes, their cues, speakers, channels and addressees; write them to a span group."""

    def __init__(self, vocab: Vocab, name: str = "wirewatch_quotes", *, spans_key: str = "wirewatch_quotes",
                 max_quote_tokens: int = 250, lexicon: CueLexicon | None = None) -> None:
        """Create the component.

        Args:
            vocab: the pipeline's vocabulary.
            name: the component's name.
            spans_key: the span group to write.
            max_quote_tokens: the length limit for quotes without a closing mark and for reported clauses.
            lexicon: cue and channel words; the shipped lexicon when None.
        """
        self.vocab = vocab
        self.name = name
        self.spans_key = spans_key
        self.max_quote_tokens = max_quote_tokens
        self.lexicon = lexicon or CueLexicon.default()
        self.titles = load_titles()

    # -- spaCy component protocol ----------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        """Annotate one document: set ``doc.spans[spans_key]`` and ``span._.quote`` on each quote."""
        try:
            quotes = self.find_quotes(doc)
        except Exception as exc:  # noqa: BLE001  the caller's error handler decides: raise (default) or skip
            self.get_error_handler()(self.name, self, [doc], exc)
            quotes = []
        doc.spans[self.spans_key] = quotes
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Annotate a stream of documents, one at a time (the work is per document)."""
        for doc in stream:
            yield self(doc)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the settings and both lexicon files into the folder ``path``."""
        path = Path(path)
        self.lexicon.to_disk(path)
        (path / "cfg.json").write_text(json.dumps({"spans_key": self.spans_key,
                                                   "max_quote_tokens": self.max_quote_tokens}), "utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "QuoteFinder":
        """Read what ``to_disk`` wrote; return self."""
        path = Path(path)
        self.lexicon = CueLexicon.from_disk(path)
        cfg = json.loads((path / "cfg.json").read_text("utf-8"))
        self.spans_key, self.max_quote_tokens = cfg["spans_key"], cfg["max_quote_tokens"]
        return self

    # -- extraction ----------------------------------------------------------------------------------------
    def find_quotes(self, doc: Doc) -> list[Span]:
        """Return the quote spans of ``doc`` in text order, each with ``span._.quote`` set."""
        return _DocQuotes(doc, self).run()


class _DocQuotes:
    """The quote finder's working state for one document."""

    def __init__(self, doc: Doc, finder: "QuoteFinder") -> None:
        self.doc = doc
        self.finder = finder
        self.lex = finder.lexicon
        self.att = Attributor(doc, finder.lexicon, finder.titles)
        self.text = doc.text  # Doc.text rebuilds the string on every access
        self.paras = paragraph_bounds(self.text)
        self.para_starts = [p[0] for p in self.paras]
        self.stretches = find_stretches(self.text, self.paras)
        self.quoted = [-1] * len(doc)  # token -> index of the stretch whose marks or content hold it
        self.tok_range: list[tuple[int, int]] = []
        for si, st in enumerate(self.stretches):
            span = doc.char_span(st.open_start, st.close_end, alignment_mode="expand")
            a, b = (span.start, span.end) if span is not None else (0, 0)
            self.tok_range.append((a, b))
            for i in range(a, b):
                self.quoted[i] = si

    def run(self) -> list[Span]:
        direct = self._merge_split([q for si in range(len(self.stretches)) if (q := self._from_stretch(si))])
        indirect = self._indirect(direct)
        self._inherit_speakers(direct, indirect + self._anchors())
        return self._spans(sorted(direct + indirect, key=lambda q: q.start))

    # -- helpers on offsets --------------------------------------------------------------------------------
    def para_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def _cue_kind(self, tok: Token) -> str | None:
        if not tok.tag_.startswith("VB") or self.quoted[tok.i] != -1 or tok.dep_ == "amod":
            return None  # "a written statement", "the alleged bribe": a participle used as an adjective reports nothing
        return self.lex.cue_kind(tok.lemma_)

    def _frame_after(self, b: int) -> list[Token]:
        """Unquoted tokens after a closing mark, up to the sentence end, the next quote or the paragraph end."""
        out: list[Token] = []
        for i in range(b, min(len(self.doc), b + FRAME_LIMIT)):
            tok = self.doc[i]
            if self.quoted[i] != -1 or (tok.is_space and "\n" in tok.text):
                break
            if tok.is_space:
                continue
            out.append(tok)
            if tok.text in SENTENCE_END or "\n" in tok.whitespace_:
                break
        return out

    def _frame_before(self, a: int) -> list[Token]:
        """Unquoted tokens before an opening mark, back to the sentence start, a quote or the paragraph start."""
        out: list[Token] = []
        for i in range(a - 1, max(-1, a - 1 - FRAME_LIMIT), -1):
            tok = self.doc[i]
            if self.quoted[i] != -1 or (tok.is_space and "\n" in tok.text) or tok.text in SENTENCE_END:
                break
            if "\n" in tok.whitespace_:
                break
            if not tok.is_space:
                out.append(tok)
        out.reverse()
        return out

    # -- direct, partial and mixed quotes ------------------------------------------------------------------
    def _from_stretch(self, si: int) -> _Quote | None:
        st = self.stretches[si]
        a, b = self.tok_range[si]
        if b <= a:
            return None
        content = [t for t in self.doc[a:b] if not t.is_punct and not t.is_space]
        if not content:
            return None
        if not st.closed and b - a > self.finder.max_quote_tokens:
            return None  # an opening mark that never closes: don't let it swallow a long stretch of text
        q = _Quote(st.start, st.end, "direct", self.para_of(st.start), list(st.fragments), closed=st.closed, stretch=st)
        lead = self._lead_char(st.open_start)
        if (lead.isalnum() or lead == ",") and self._is_title(content, a, b):
            return None  # a comma may set off a title as an appositive: 'his film, "Hard Times," opens'
        after = self._frame_after(b)
        if not lead.isalnum() and after and after[0].lower_ == "by" and any(t.pos_ == "PROPN" for t in after[1:5]):
            return None  # a headline with its byline, no sentence around it: '"Port strike ends," by the Star's Ann Lee'
        if lead.isalnum() or lead in ("(", "$") or self._list_item(si):  # the quote sits inside a sentence
            cue = self._governing_cue(a, b)
            if cue is not None:
                self._attach(q, cue)
                if len(content) <= PARTIAL_MAX_WORDS:
                    q.type = "partial"
                else:
                    self._maybe_mixed(q, cue, a, b)
                return q
            if len(content) <= PARTIAL_MAX_WORDS:
                return None  # scare quotes or a title with no one saying them
        before = self._frame_before(a)
        colon = self._closing_colon(q.para - 1) if lead == "" and not before else None
        if colon is not None:  # 'The ministry said in a statement:' then the quote as a paragraph of its own
            before, lead = self._frame_before(colon.i + 1), ":"
        cue_after = self._cue_in_after(after)
        if cue_after is not None and self._reports_own_clause(cue_after[0]) and self._ends_sentence(st):
            cue_after = None  # '"... this year." Lee said the plan was dead': a new sentence with its own report
        cue_before = self._cue_in_before(before)
        if lead in (",", ":") and cue_before is not None:
            self._attach(q, cue_before)
        elif cue_after is not None:
            self._attach(q, cue_after)
            q.extra["frame_end"] = after[-1].idx + len(after[-1])
            if q.speaker is None and cue_after[1] != "phrase":
                q.speaker = self._name_before_cue(after, cue_after[0])
        elif cue_before is not None and (lead in (",", ":") or before and before[-1].i == cue_before[0].i):
            self._attach(q, cue_before)
        else:
            self._signature(q, after)
            if q.speaker is None and lead == ":" and before:
                self._colon_intro(q, before)
        return q

    def _list_item(self, si: int) -> bool:
        """True when a short quoted stretch follows another one with only a comma or a conjunction between them:
        'words such as "attack," "Benghazi" and "talking points"' lists terms or titles; each item is as much
        inside the sentence as the first, whose lead is a word."""
        if si == 0 or self._stretch_words(si) > PARTIAL_MAX_WORDS or self._stretch_words(si - 1) > PARTIAL_MAX_WORDS:
            return False
        prev, st = self.stretches[si - 1], self.stretches[si]
        if self.para_of(prev.start) != self.para_of(st.start):
            return False
        gap = self.text[prev.close_end : st.open_start]
        inner = self.text[prev.start : prev.end].rstrip()
        return bool(LIST_GAP.fullmatch(gap)) and bool(gap.strip() or inner.endswith(","))

    def _closing_colon(self, para: int) -> Token | None:
        """The colon a paragraph ends with, if it does."""
        if para < 0:
            return None
        lo, hi = self.paras[para]
        end = len(self.text[lo:hi].rstrip()) + lo
        if end <= lo or self.text[end - 1] != ":":
            return None
        span = self.doc.char_span(end - 1, end)
        return span[0] if span is not None and self.quoted[span[0].i] == -1 else None

    def _reports_own_clause(self, tok: Token) -> bool:
        """True when a cue verb reports unquoted words after it: a clause ("said the plan was dead") or a framed
        object ("noted a rally on Saturday")."""
        if any(c.dep_ == "ccomp" and c.i > tok.i and self.quoted[c.i] == -1 for c in tok.children):
            return True
        framed = self._framed_content(tok)
        return framed is not None and framed[0] > tok.i and self.quoted[framed[0]] == -1

    def _ends_sentence(self, st: Stretch) -> bool:
        """True when the quoted words close with a full stop, and the text after the quote starts a new sentence."""
        inner = self.text[st.start : st.end].rstrip()
        rest = self.text[st.close_end : st.close_end + 3].lstrip()
        return inner.endswith((".", "!", "?")) and rest[:1].isupper()

    def _is_title(self, content: list[Token], a: int, b: int) -> bool:
        """A short headline-case stretch named by a preposition or a noun ('said on "Meet the Press"', 'his book
        "Days of Hope"') is the title of a show or a work, not anyone's words."""
        words = [t for t in content if t.is_alpha and not t.is_stop]
        if not words or len(content) > PARTIAL_MAX_WORDS or not all(t.text[0].isupper() for t in words):
            return False
        if all(t.ent_type_ == "WORK_OF_ART" for t in content):
            return True
        heads = [t for t in self.doc[a:b] if not (a <= t.head.i < b) and not t.is_punct]
        return bool(heads) and all(t.dep_ in ("pobj", "pcomp", "appos", "compound") for t in heads)

    def _lead_char(self, pos: int) -> str:
        """The first non-space character before ``pos`` in its paragraph, or "" at the paragraph start."""
        text, lo = self.text, self.paras[self.para_of(pos)][0]
        i = pos - 1
        while i >= lo and text[i].isspace():
            i -= 1
        return text[i] if i >= lo else ""

    def _cue_in_after(self, frame: list[Token]) -> tuple[Token, str] | None:
        for n, tok in enumerate(frame):
            kind = self._cue_kind(tok)
            if n == 0 and tok.dep_ == "amod" and tok.tag_ in ("VBD", "VBN") and self.lex.cue_kind(tok.lemma_) == "speech":
                kind = "speech"  # '"...," tweeted spokesman Al Roe': right after the quote it reports, not describes
            if kind is None and n > 0 and tok.tag_ == "NNS" and frame[n - 1].pos_ == "PROPN" \
                    and (n + 1 == len(frame) or frame[n + 1].is_punct) \
                    and self.lex.cue_kind(tok.lemma_) in ("speech", "question", "answer"):
                kind = self.lex.cue_kind(tok.lemma_)  # '"...," Lee answers.': a present tense tagged as a plural noun
            if kind and kind != "belief":
                if n < CUE_REACH_AFTER or self._only_noun_phrase(frame[:n]):
                    return tok, kind
                return None
            if self._phrase_end(tok) is not None:
                return tok, "phrase"
        return None

    def _name_before_cue(self, frame: list[Token], cue: Token) -> Span | None:
        """The speaker named between a quote and its cue when the parser hung the name on the quote:
        '"...," Ann Lee, a former adviser, said' (the name read as part of the quoted clause)."""
        words = [t for t in frame if t.i < cue.i]
        if not words or not self._only_noun_phrase(words) or words[0].pos_ == "ADP":
            return None
        chunk: list[Token] = []
        for tok in words:  # the name before an appositive set off by commas
            if tok.text == ",":
                if chunk:
                    break
                continue
            chunk.append(tok)
        nouns = [t for t in chunk if t.pos_ in ("PROPN", "NOUN", "PRON") and t.ent_type_ not in ("DATE", "TIME")]
        if not nouns:
            return None
        lo, hi = chunk[0].i, chunk[-1].i
        root = next((t for t in nouns if not lo <= t.head.i <= hi or t.head.i == t.i), nouns[-1])
        mention = self.att.mention(root)
        return mention if mention.start >= lo and mention.end <= hi + 1 else None  # no quoted word names anyone

    def _phrase_end(self, tok: Token) -> int | None:
        """The index after a multi-word cue ("according to", "in the words of") starting at ``tok``, else None."""
        doc = self.doc
        for phrase in self.lex.phrases:
            n = len(phrase)
            if tok.lower_ == phrase[0] and tok.i + n <= len(doc) and \
                    all(doc[tok.i + k].lower_ == phrase[k] for k in range(1, n)):
                return tok.i + n
        return None

    @staticmethod
    def _only_noun_phrase(tokens: list[Token]) -> bool:
        """True when a long speaker description holds no clause of its own ('the economist X, a former adviser')."""
        return not any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl", "relcl", "compound") for t in tokens)

    def _cue_in_before(self, frame: list[Token]) -> tuple[Token, str] | None:
        for tok in reversed(frame):
            kind = self._cue_kind(tok)
            if kind:
                return tok, kind
            if self._phrase_end(tok) is not None:
                return tok, "phrase"
        return None

    def _governing_cue(self, a: int, b: int) -> tuple[Token, str] | None:
        """The cue verb a quote inside a sentence depends on ('called it "dirty work"', 'warned that "..."')."""
        heads = [t for t in self.doc[a:b] if not (a <= t.head.i < b) or t.head.i == t.i]
        for tok in heads:
            cur = tok
            held: tuple[Token, str] | None = None
            for _ in range(GOVERNOR_DEPTH):
                if cur.head.i == cur.i:
                    break
                cur = cur.head
                kind = self._cue_kind(cur)
                if kind == "belief" and held is None:
                    # 'Trump said he believes it was "a terrible mistake"': a thought verb inside a report
                    # quotes the reporter's words; look further up for a verb of saying before settling.
                    outer = self._outer_speech(cur)
                    if outer is not None:
                        return outer, self._cue_kind(outer) or "speech"
                    if self.att.speaker(cur, allow_inversion=False) is not None:
                        return cur, kind
                    held = (cur, kind)  # "admitting his history of supporting X as 'dirty work'": climb on
                    continue
                if kind == "belief":
                    continue
                if kind:
                    return cur, kind
                phrase = next((c for c in cur.children if c.dep_ == "prep" and self._phrase_end(c) is not None), None)
                if phrase is not None:
                    return phrase, "phrase"
                # "The industry, she said, is 'doing much better'": the cue is a parenthetical beside the path.
                aside = next((c for c in cur.children if c.dep_ in ("parataxis", "advcl") and self._cue_kind(c)), None)
                if aside is not None and any(ch.dep_ == "nsubj" for ch in aside.children):
                    return aside, self._cue_kind(aside) or "speech"
            if held is not None:
                return held
        return None

    def _outer_speech(self, tok: Token) -> Token | None:
        """The verb of saying a reported clause hangs on, a few steps up from ``tok``, if any."""
        cur = tok
        for _ in range(3):
            if cur.head.i == cur.i or cur.dep_ not in ("ccomp", "xcomp", "conj", "advcl"):
                return None
            cur = cur.head
            if self._cue_kind(cur) in ("speech", "question", "answer"):
                return cur
        return None

    def _attach(self, q: _Quote, cue: tuple[Token, str]) -> None:
        """Fill cue, speaker, addressee and channel of a quote from its cue token."""
        tok, kind = cue
        doc = self.doc
        if kind == "phrase":  # "according to X", "in the words of X": X is the last preposition's object
            end = self._phrase_end(tok) or tok.i + 1
            obj = next((c for c in doc[end - 1].children if c.dep_ == "pobj"), None)
            q.cue, q.cue_token = doc[tok.i : end], tok
            q.speaker = self.att.mention(obj) if obj is not None else None
            return
        end = tok.i + 1
        for child in tok.rights:  # keep a particle with its verb: "pointed out"
            if child.dep_ == "prt" and child.i == end:
                end += 1
        q.cue, q.cue_token = doc[tok.i : end], tok
        q.speaker = self.att.speaker(tok)
        if q.speaker is not None and q.start <= q.speaker.start_char < q.end:
            q.speaker = self.att.speaker(tok, allow_inversion=False)  # "backs Smith": the object is no speaker
        q.extra["kind"] = kind
        if kind == "question" or tok.lemma_ == "tell":
            q.addressee = self.att.addressee(tok)
        q.channel = self.att.channel(tok)

    def _maybe_mixed(self, q: _Quote, cue: tuple[Token, str], a: int, b: int) -> None:
        """Widen a long embedded quote to its reported clause when enough of the clause is unquoted."""
        tok = cue[0]
        clause = next((c for c in tok.children if c.left_edge.i <= a and c.right_edge.i >= b - 1
                       and c.dep_ in ("ccomp", "dobj", "xcomp", "advcl", "prep", "oprd", "attr")), None)
        if clause is None:
            return
        lo, hi = clause.left_edge.i, clause.right_edge.i + 1
        while lo < a and self.doc[lo].dep_ == "mark":
            lo += 1
        unquoted = [t for t in self.doc[lo:hi] if not (a <= t.i < b) and not t.is_punct and not t.is_space]
        if len(unquoted) >= MIXED_MIN_UNQUOTED and hi - lo <= self.finder.max_quote_tokens:
            q.type = "mixed"
            q.start, q.end = self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1])
            q.fragments = [(q.start, q.end)]

    def _signature(self, q: _Quote, after: list[Token]) -> None:
        """A dash signature after a quote: '"...." \u2014 Zalmay Khalilzad'."""
        if len(after) >= 2 and after[0].text in DASHES:
            for tok in after[1:4]:
                if tok.pos_ in ("PROPN", "NOUN") and tok.head.i not in range(after[1].i, after[-1].i + 1) or \
                        tok.pos_ == "PROPN" and tok.i == after[-1].i:
                    q.speaker = self.att.mention(tok)
                    return
            tok = after[1]
            if tok.pos_ == "PROPN":
                head = tok
                while head.head.i in range(after[1].i, after[-1].i + 1) and head.head.i != head.i \
                        and head.dep_ in ("compound", "flat"):
                    head = head.head
                q.speaker = self.att.mention(head)

    def _colon_intro(self, q: _Quote, before: list[Token]) -> None:
        """'The minister was blunt: "..."': the subject of the introducing clause speaks; the colon is the cue."""
        lo, hi = before[0].i, before[-1].i
        # The main verb first: in "When Wallace died, Clinton released a statement:" Clinton introduces the quote.
        verbs = sorted((t for t in before if t.pos_ in ("VERB", "AUX")),
                       key=lambda t: lo <= t.head.i <= hi and t.head.i != t.i)
        # The introducing clause's own verb: the one whose subject lies inside the frame (the parser may hang the
        # colon on a verb of the quote).
        subj = next((c for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and lo <= c.i <= hi),
                    None)
        if subj is None and not verbs:
            subj = self._transcript_name(before[:-1])
        # Any noun subject introduces: "The campaign worded it carefully:", "A footnote makes that clear:".
        if subj is not None and (subj.pos_ in ("PROPN", "PRON", "NOUN") or subj.ent_type_ in ("PERSON", "ORG")
                                 or subj.is_title or subj.lower_ in self.finder.titles):
            q.speaker = self.att.mention(subj)
            colon = before[-1]
            q.cue = self.doc[colon.i : colon.i + 1]

    def _transcript_name(self, frame: list[Token]) -> Token | None:
        """The last word of a bare name before a colon ('Bush: "..."', 'Rep. Ann Lee (D-Ore.): "..."'), else None."""
        words = []
        for tok in frame:
            if tok.text == "(":  # a party and state tag after the name
                break
            words.append(tok)
        if not words or len(words) > TRANSCRIPT_NAME_MAX_TOKENS:
            return None
        if all(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") or t.lower_.rstrip(".") in self.finder.titles
               or t.text == "." for t in words) and (words[-1].pos_ == "PROPN" or words[-1].is_title):
            return words[-1]
        return None

    def _merge_split(self, quotes: list[_Quote]) -> list[_Quote]:
        """Join '"A," she said, "B."' and '"A," she said. "B."' into one quote with two fragments.

        Partial quotes hanging on one cue ('called it "meritless" and "improper"') become one partial quote too.

        B joins A when it shares A's cue, or when it has no cue and opens right where A's cue frame ends, or when
        only a conjunction or A's attribution sentence (a quoted title inside it, a connective after it) lies between.
        """
        out: list[_Quote] = []
        for q in quotes:
            prev = out[-1] if out else None
            if prev is not None and prev.type == "partial" and q.type == "direct" and q.cue_token is None \
                    and q.speaker is None:
                # '"A," Lee said on CBC's "The House." "B."': look past a quoted title inside A's attribution
                k = len(out) - 1
                while k >= 0 and out[k].type == "partial" and out[k].para == q.para:
                    k -= 1
                host = out[k] if k >= 0 else None
                if host is not None and host.type == "direct" and host.para == q.para and host.cue_token is not None \
                        and all(p.cue_token is None or p.cue_token.i == host.cue_token.i for p in out[k + 1 :]):
                    prev = host
            if prev is not None and prev.type == q.type == "partial" and prev.cue_token is not None \
                    and q.cue_token is not None and prev.cue_token.i == q.cue_token.i:
                # 'called it "meritless" and "improper"': one report, quoted in pieces
                prev.fragments.extend(q.fragments)
                prev.end = q.end
                continue
            if prev is not None and prev.type == q.type == "direct" and prev.para == q.para \
                    and prev.cue is None and prev.speaker is None and prev.stretch is not None \
                    and q.stretch is not None and not self.text[prev.stretch.close_end : q.stretch.open_start].strip():
                # '"A?" "B," she said': quotes that abut with no word between them are one run of words
                prev.fragments.extend(q.fragments)
                prev.end, prev.closed = q.end, q.closed
                prev.cue, prev.cue_token, prev.speaker = q.cue, q.cue_token, q.speaker
                prev.addressee, prev.channel = q.addressee, q.channel
                prev.extra.update(q.extra)
                continue
            if prev is not None and prev.type == "direct" and q.type == "direct" and prev.para == q.para \
                    and prev.cue_token is not None and q.stretch is not None:
                shared = q.cue_token is not None and q.cue_token.i == prev.cue_token.i
                frame_end = prev.extra.get("frame_end")
                adjacent = q.cue_token is None and frame_end is not None \
                    and not self.text[frame_end : q.stretch.open_start].strip()
                continued = q.cue_token is None and q.speaker is None and prev.stretch is not None \
                    and self._only_attribution_between(prev.stretch, q.stretch, prev.cue_token)
                if shared or adjacent or continued:
                    prev.fragments.extend(q.fragments)
                    prev.end, prev.closed = q.end, q.closed
                    continue
            out.append(q)
        return out

    def _only_attribution_between(self, first: Stretch, second: Stretch, cue: Token) -> bool:
        """True when nothing but a conjunction ('"A," and, "B"') or one sentence holding A's cue ('"A," said Ann
        Lee, author of "Hard Times." "B."') separates two quotes: B goes on with A's words."""
        span = self.doc.char_span(first.close_end, second.open_start, alignment_mode="contract")
        if span is None:
            return False
        words = [t for t in span if not (t.is_punct or t.is_space) and self.quoted[t.i] == -1]
        if words and all(t.dep_ == "cc" for t in words):
            return True
        if not words or not span.start <= cue.i < span.end:
            return False
        # Only the full stop that closes the attribution may end a sentence (one in a quoted title does not), and
        # the next sentence may open with no more than a connective: '"A," Lee said. Instead, "B."'
        ends = [t for t in span if t.text in SENTENCE_END and self.quoted[t.i] == -1 and t.i < words[-1].i]
        if not ends:
            return True
        opening = [t for t in words if t.i > ends[-1].i]
        return len(ends) == 1 and ends[0].i > cue.i and all(t.pos_ in ("ADV", "CCONJ") for t in opening)

    # -- indirect quotes -----------------------------------------------------------------------------------
    def _indirect(self, direct: list[_Quote]) -> list[_Quote]:
        """Reported clauses: 'X said (that) ...', '..., X said.', 'Sadly, he said, ...', 'according to X, ...'."""
        # Only the quoted words are taken: '"A," Lee said, adding that X. "B."' reports X between a split quote's parts.
        taken = [f for q in direct for f in q.fragments]
        # A cue that introduces a direct quote reports that quote; a clause of its own only between the two.
        quoted_by = {q.cue_token.i: q for q in direct if q.cue_token is not None and q.cue_token.pos_ == "VERB"
                     and q.type in ("direct", "mixed")}
        out: list[_Quote] = []
        doc = self.doc
        for tok in doc:
            if self.quoted[tok.i] == -1 and tok.dep_ == "prep" and self._phrase_end(tok) is not None:
                q = self._according(tok)
            elif self.quoted[tok.i] == -1 and tok.dep_ == "prep" and tok.lower_ == "in":
                q = self._in_source(tok)
            elif tok.pos_ == "NOUN" and tok.lemma_.casefold() in self.lex.nouns and self.quoted[tok.i] == -1:
                q = self._nominal(tok)
            elif tok.pos_ == "ADJ" and tok.dep_ == "acomp" and self.quoted[tok.i] == -1:
                q = self._stance(tok)
            elif tok.pos_ == "VERB" and tok.lemma_ in self.lex.raising and self.quoted[tok.i] == -1:
                q = self._raised_passive(tok, "nsubj")
            else:
                kind = self._cue_kind(tok)
                q = self._reported_clause(tok, kind) if kind else None
            if q is None or (q.end - q.start < 8 and not q.extra.get("framed")):
                continue
            if q.cue_token is not None and self.para_of(q.cue_token.idx) != q.para:
                continue  # the parser joined two paragraphs: a cue never reports across a paragraph break
            host = self._quote_continuing(q, direct)
            if host is not None:  # 'Lee says the plan won't "..."': the clause and the quote are one mixed report
                self._widen(host, q)
                taken.append((q.start, q.end))
                continue
            if any(s < q.end and q.start < e for s, e in taken):
                continue  # the clause is a direct, mixed or partial quote already, or holds one
            if q.cue_token is not None and q.cue_token.i in quoted_by \
                    and not self._between(q, q.cue_token, quoted_by[q.cue_token.i]):
                continue  # '"...," he said as the crowd booed': the clause after the cue is no second report
            taken.append((q.start, q.end))  # one report per stretch of text: nested reports add more noise than hits
            out.append(q)
        return out

    def _quote_continuing(self, q: _Quote, direct: list[_Quote]) -> _Quote | None:
        """The direct quote that goes straight on from a reported clause, with no punctuation between them."""
        if q.extra.get("kind") not in ("speech", "question", "answer"):
            return None  # a belief or a stance inside a report ("they want to "...", he said") is not its frame
        for d in direct:
            if d.stretch is not None and d.para == q.para and d.type == "direct" \
                    and q.end <= d.stretch.open_start and not self.text[q.end : d.stretch.open_start].strip():
                return d
        return None

    @staticmethod
    def _widen(d: _Quote, clause: _Quote) -> None:
        """Make a direct quote a mixed one that starts with the unquoted clause leading into it."""
        d.type = "mixed"
        d.fragments[0] = (clause.start, d.fragments[0][1])
        d.start = clause.start
        if d.speaker is None:  # the verb that governs the clause reports the quoted rest too
            d.cue, d.cue_token, d.speaker = clause.cue, clause.cue_token, clause.speaker
            d.channel = clause.channel or d.channel

    @staticmethod
    def _between(q: _Quote, cue: Token, direct: _Quote) -> bool:
        """True when a reported clause lies between its cue and the direct quote the cue introduces."""
        if cue.idx < direct.start:
            return q.end <= direct.start
        return direct.end <= q.start and q.end <= cue.idx

    def _clause_chars(self, lo: int, hi: int, min_tokens: int = 3) -> tuple[int, int] | None:
        """Trim a token range to a reported clause: no leading 'that'/'if' or commas, no closing punctuation.

        Args:
            lo: first token of the range.
            hi: token after the range.
            min_tokens: the shortest clause kept; an object or infinitive a cue frames may be one word long.
        """
        doc = self.doc
        while lo < hi and (doc[lo].dep_ == "mark" and doc[lo].lower_ in ("that", "if", "whether")
                           or doc[lo].is_punct or doc[lo].is_space):
            lo += 1
        for i in range(lo, hi):  # a long quotation inside the clause is a direct quote of its own: stop before it
            si = self.quoted[i]
            if si != -1 and self._stretch_words(si) > PARTIAL_MAX_WORDS:
                hi = i
                break
        while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
            hi -= 1
        for i in range(lo + 1, hi - 1):  # "... the final bill, which includes ...": a closing aside is the writer's gloss
            nxt = doc[i + 1]
            if doc[i].text == "," and nxt.lower_ in ("which", "who") and nxt.head.dep_ == "relcl" \
                    and nxt.head.right_edge.i >= hi - 1:
                hi = i
                break
        for i in range(hi - 1, lo, -1):  # "..., but added," / "and he added": the next report's frame
            if doc[i].is_punct and doc[i].text == ",":
                break
            if self._cue_kind(doc[i]) and doc[i].dep_ == "conj" and not self._coordinated_report(doc[i]) \
                    and not (doc[i].tag_ == doc[i].head.tag_ == "VBG" and doc[i].head.i >= lo):
                hi = i  # a progressive goes on in a gerund ("is acting unlawfully and showing disregard")
                break
            if self._cue_kind(doc[i]) in ("speech", "question", "answer") and doc[i].tag_ == "VBG" \
                    and doc[i].dep_ in ("advcl", "conj", "xcomp") and doc[i - 1].text == "," \
                    and any(self.quoted[t.i] != -1 for t in doc[i:hi]):
                # "..., saying it is 'all about fairness'": the participle quotes words of its own, a report of its
                # own; without a quote, the clause goes on with the report ("warned that X, noting that Y")
                hi = i
                break
        while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space or doc[hi - 1].dep_ == "cc"):
            hi -= 1
        if hi - lo < min_tokens or hi - lo > self.finder.max_quote_tokens:
            return None
        if any(doc[i].is_space and "\n" in doc[i].text for i in range(lo, hi)):
            return None  # a reported clause never crosses a paragraph
        return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])

    @staticmethod
    def _coordinated_report(tok: Token) -> bool:
        """True when a conjoined verb opens a second that-clause of the same report ('says the city should do more
        and that she expects help'): it goes on with the reported words, it is no new report's frame."""
        return any(c.dep_ == "mark" and c.lower_ in ("that", "whether") and c.i < tok.i for c in tok.children)

    def _stretch_words(self, si: int) -> int:
        a, b = self.tok_range[si]
        return sum(1 for t in self.doc[a:b] if not t.is_punct and not t.is_space)

    def _reported_clause(self, tok: Token, kind: str) -> _Quote | None:
        """A report hanging on a cue verb: its ccomp, or a frame the lexicon allows for it (dobj, xcomp, prep)."""
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        if tok.tag_ == "VBN" and (kind == "question" and (passive or tok.dep_ == "advcl") or kind == "speech"
                                  and passive and any(c.dep_ == "ccomp" for c in tok.children)):
            return self._passive_report(tok, kind)
        if tok.tag_ == "VBN" and passive and tok.dep_ not in ("advcl", "acl"):
            return self._raised_passive(tok)
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)  # "as they have said ..."
        if tok.tag_ == "VBN" and not perfect and (tok.dep_ in ("advcl", "acl", "amod")
                                                  or any(c.dep_ == "auxpass" for c in tok.children)):
            return None  # "Pressed on ...", "he was told that ...": a passive cue is not the subject's report
        framed = False
        comp = next((c for c in tok.children if c.dep_ == "ccomp" and self.quoted[c.i] == -1
                     and not self._across_clause_break(c, tok) and not self._adverbial(c)), None)
        if comp is not None:
            lo, hi = comp.left_edge.i, comp.right_edge.i + 1
            if lo < tok.i < hi:  # a ccomp that wraps the cue is a parse error, not a report
                return None
        elif tok.dep_ in ("parataxis", "ccomp") and kind == "speech" and tok.head.i > tok.i:
            head = tok.head
            if any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < tok.i for c in head.children):
                # "Many of the closures, he said, have involved ...": the subject before the aside is reported too.
                return self._around_parenthetical(tok, kind)
            # "Sadly, he said, there were ...": the report is the main clause minus the parenthetical.
            lo, hi = tok.right_edge.i + 1, head.right_edge.i + 1
        elif tok.dep_ == "parataxis" and kind == "speech" and tok.head.i < tok.i \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            # "The tool was built for crises, a spokeswoman said on Saturday, and it has been used five times":
            # the report is the main clause on both sides of the parenthetical.
            return self._around_parenthetical(tok, kind)
        elif kind == "speech" and (clause := self._misparsed_clause(tok)) is not None:
            lo, hi = clause.left_edge.i, clause.right_edge.i + 1
        else:
            found = self._framed_content(tok)
            if found is None:
                return None
            lo, hi = found
            framed = True
        chars = self._clause_chars(lo, hi, FRAMED_MIN_TOKENS if framed else 3)
        if chars is None:
            return None
        q = _Quote(chars[0], chars[1], "indirect", self.para_of(chars[0]), [chars])
        q.extra["framed"] = framed
        self._attach(q, (tok, kind))
        if kind == "belief" and (q.speaker is None or q.speaker.text.casefold() == "you"):
            return None  # "it is expected that ...", "do you support ...?" state no one's view
        return q

    def _around_parenthetical(self, tok: Token, kind: str) -> _Quote | None:
        """The main clause a parenthetical cue interrupts, as the pieces before and after the cue's clause."""
        head = tok.head
        first = self._clause_chars(head.left_edge.i, tok.left_edge.i, 2)
        rest = self._clause_chars(tok.right_edge.i + 1, head.right_edge.i + 1) \
            if head.right_edge.i > tok.right_edge.i + 1 else None
        if first is None:
            return None
        parts = [first] + ([rest] if rest else [])
        q = _Quote(first[0], parts[-1][1], "indirect", self.para_of(first[0]), parts)
        self._attach(q, (tok, kind))
        return q

    @staticmethod
    def _adverbial(comp: Token) -> bool:
        """A clause opened by "as", "when", "because" ... says when or why, not what was said: the parser's ccomp
        in '"...," he said as the crowd booed' is an adverbial clause."""
        return any(c.dep_ == "mark" and c.lower_ not in ("that", "if", "whether") for c in comp.children)

    def _across_clause_break(self, comp: Token, tok: Token) -> bool:
        """True when a clause before its cue ends at a colon or semicolon: "X primes them: he says Y" reports Y,
        not X; a report before its cue is set off by a comma ("Y, he says")."""
        return comp.i < tok.i and any(t.text in (":", ";") for t in self.doc[comp.right_edge.i : tok.i])

    @staticmethod
    def _misparsed_clause(tok: Token) -> Token | None:
        """A reported clause the parser hung on a verb of saying as an xcomp, not a ccomp.

        "Economists say taxing consumption encourages savings" (a gerund subject whose verb became its child) and
        "a drawdown, which they say left a vacuum" (a finite verb): the xcomp holds a full clause, so it is the report.
        """
        for c in tok.rights:
            if c.dep_ == "xcomp" and (c.tag_ in FINITE_TAGS or any(d.dep_ == "nsubj" for d in c.subtree if d is not c)):
                return c
        return None

    def _passive_report(self, tok: Token, kind: str) -> _Quote | None:
        """A passive cue: the report or question put, its speaker the agent when one is named, else none.

        'It was reported that ...', 'she was told that ...' report a clause; 'she was asked whether ...', 'Asked
        about the deal, he said ...' put a question, a topic ("about the deal") or a request ("to respond"). The
        speaker is the agent ("by a reporter"); the one told or asked is the addressee.
        """
        if kind == "question":
            content = next((c for c in tok.rights if c.dep_ in ("ccomp", "xcomp", "dobj")
                            or c.dep_ == "prep" and c.lower_ == "about"), None)
        else:
            content = next((c for c in tok.rights if c.dep_ == "ccomp"), None)
        if content is None:
            return None
        lo = content.left_edge.i + (content.dep_ == "prep")  # the topic without its "about"
        chars = self._clause_chars(lo, content.right_edge.i + 1, FRAMED_MIN_TOKENS)
        if chars is None:
            return None
        q = _Quote(chars[0], chars[1], "indirect", self.para_of(chars[0]), [chars])
        q.extra["framed"] = True
        q.cue, q.cue_token = self.doc[tok.i : tok.i + 1], tok
        q.extra["kind"] = kind
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        speaker = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        q.speaker = self.att.mention(speaker) if speaker is not None else None
        addressee = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.lower_ != "it"), None)
        if addressee is None and tok.dep_ == "advcl":
            addressee = self.att.subject_of(tok.head)
        q.addressee = self.att.mention(addressee) if addressee is not None else None
        q.channel = self.att.channel(tok)
        return q

    def _raised_passive(self, tok: Token, subject_dep: str = "nsubjpass") -> _Quote | None:
        """'The bank is expected to raise rates', 'the donors appear to have ties to X': a report with no one named,
        its subject and infinitive the content (``subject_dep`` is nsubj for a raising verb such as "appear")."""
        subj = next((c for c in tok.children if c.dep_ == subject_dep), None)
        xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.tag_ == "VB" and c.i > tok.i), None)
        if subj is None or xcomp is None or any(c.dep_ == "agent" for c in tok.children) \
                or self.lex.cue_kind(tok.lemma_) != "belief" and "xcomp" in self.lex.verb_frames(tok.lemma_)[0]:
            return None  # "he was told to leave", "she was urged to run": the subject is the addressee
        first = self._clause_chars(subj.left_edge.i, subj.right_edge.i + 1, 1)
        rest = self._clause_chars(xcomp.left_edge.i, xcomp.right_edge.i + 1, 2)
        if first is None or rest is None:
            return None
        q = _Quote(first[0], rest[1], "indirect", self.para_of(first[0]), [first, rest])
        q.cue, q.cue_token = self.doc[tok.i : tok.i + 1], tok
        return q

    def _framed_content(self, tok: Token) -> tuple[int, int] | None:
        """Token range of what a cue verb reports through an object, an infinitive or a preposition."""
        frames, preps = self.lex.verb_frames(tok.lemma_)
        if not frames:
            return None
        children = list(tok.rights)
        dobj = next((c for c in children if c.dep_ == "dobj"), None)
        xcomp = next((c for c in children if c.dep_ == "xcomp" and c.tag_ == "VB"), None)
        if "xcomp" in frames:
            # "called on the council to act", "called for the minister to resign": the one urged belongs to the report
            urged = self._urged_clause(children)
            if urged is not None:
                return urged
        if "xcomp" in frames and xcomp is not None:  # "urged lawmakers to act", "vowed to fight on"
            lo = dobj.left_edge.i if dobj is not None and dobj.i < xcomp.i else xcomp.left_edge.i
            return lo, xcomp.right_edge.i + 1
        if dobj is not None and (dobj.lower_ == "itself" or dobj.lemma_ in ACT_OBJECTS):
            return None  # naming ("a group calling itself X") or an act ("claimed responsibility"), not a report
        if "oprd" in frames and dobj is not None:  # "called him divisive", "sees the deal as a mistake"
            pred = next((c for c in children if c.i > dobj.i and (c.dep_ == "oprd" or c.dep_ == "prep"
                                                                  and c.lower_ == "as")), None)
            if pred is None:  # "sees the vote held on Sunday as a test": the parser hung "as" inside the object
                pred = next((c for c in dobj.subtree if c.i > dobj.i and c.dep_ == "prep" and c.lower_ == "as"), None)
            if pred is not None:
                return dobj.left_edge.i, pred.right_edge.i + 1
        if "dobj" in frames and dobj is not None and dobj.pos_ in ("NOUN", "PROPN") \
                and (dobj.right_edge.i - dobj.left_edge.i >= 1 or dobj.pos_ == "PROPN"):
            hi = self._phrase_core_end(dobj)
            for c in children:  # "accused the minister of lying": keep the charge with its target
                if c.dep_ == "prep" and (c.lower_ in preps and c.i >= hi or c.lower_ in OBJECT_COMPLEMENT_PREPS
                                         and c.i == hi):
                    hi = c.right_edge.i + 1
            return dobj.left_edge.i, hi
        if "dobj" in frames and dobj is None:  # "denied taking the money", "proposed closing the border"
            gerund = next((c for c in children if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG"), None)
            if gerund is not None:
                return gerund.left_edge.i, gerund.right_edge.i + 1
        if "prep" in frames:
            prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in preps), None)
            if prep is not None and prep.i <= tok.i + 2:
                obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    return obj.left_edge.i, self._phrase_core_end(obj)
        return None

    @staticmethod
    def _urged_clause(children: list[Token]) -> tuple[int, int] | None:
        """Token range of 'on X to do Y' ("called on X to ...") or 'for X to do Y' after a verb, else None."""
        for c in children:
            if c.dep_ in ("xcomp", "advcl") and c.tag_ == "VB":
                subj = next((d for d in c.children if d.dep_ == "nsubj"), None)
                if subj is not None and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
                    return subj.left_edge.i, c.right_edge.i + 1
        prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in ("on", "upon")), None)
        obj = next((d for d in prep.children if d.dep_ == "pobj"), None) if prep is not None else None
        if obj is None:
            return None
        inf = next((c for c in children if c.dep_ in ("xcomp", "advcl") and c.tag_ == "VB" and c.i > obj.i
                    and any(d.lower_ == "to" for d in c.lefts)), None)
        return (obj.left_edge.i, inf.right_edge.i + 1) if inf is not None else None

    @staticmethod
    def _phrase_core_end(head: Token) -> int:
        """The token after a reported noun phrase, leaving out an aside set off by a comma.

        "his brother Freddy, who died in 1981" and "her granddaughter in speeches, a reference point for ..." report
        the phrase before the comma; the relative clause or appositive is the writer's description.
        """
        for tok in head.subtree:
            if tok.i > head.i and tok.dep_ in ("appos", "relcl") and tok.left_edge.i > 0 \
                    and tok.doc[tok.left_edge.i - 1].text == ",":
                return tok.left_edge.i - 1
        return head.right_edge.i + 1

    def _nominal(self, tok: Token) -> _Quote | None:
        """'his claim that ...', 'her plan to ...', 'his criticism of ...': what a report noun reports, its owner the
        speaker."""
        comp = next((c for c in tok.rights if c.dep_ in ("acl", "ccomp", "relcl")
                     and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if comp is None and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
            # "Her response was that ...", "The question is whether ...": the clause the copula links the noun to.
            comp = next((c for c in tok.head.rights if c.dep_ == "ccomp"
                         and any(m.dep_ == "mark" and m.lower_ in ("that", "whether") for m in c.children)), None)
        needs_owner = comp is None  # an intention or stance is a report only when someone holds it
        if comp is None:  # "her plan to cut taxes", "his call to ban the sale": an owned intention, 'to' kept
            comp = next((c for c in tok.rights if c.dep_ == "acl" and c.tag_ == "VB"
                         and any(m.dep_ == "aux" and m.lower_ == "to" for m in c.children)), None)
        framed = False
        if comp is None:  # "his criticism of the deal", "her support for the bill": an owned stance, object only
            preps = self.lex.noun_preps(tok.lemma_)
            prep = next((c for c in tok.rights if c.dep_ == "prep" and c.i == tok.i + 1 and c.lower_ in preps), None)
            comp = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
            framed = comp is not None
            if comp is None:
                return None
        chars = self._clause_chars(comp.left_edge.i, comp.right_edge.i + 1, FRAMED_MIN_TOKENS if framed else 3)
        if chars is None:
            return None
        q = _Quote(chars[0], chars[1], "indirect", self.para_of(chars[0]), [chars])
        q.extra["framed"] = framed
        q.cue, q.cue_token = self.doc[tok.i : tok.i + 1], tok
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None:
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
                    owner = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if owner is None and needs_owner:
            return None  # "a plan to rebuild the bridge", "support for the bill" with no one's name on it is no report
        q.speaker = self.att.mention(owner) if owner is not None else None
        return q

    def _stance(self, tok: Token) -> _Quote | None:
        """'She is critical of the deal', 'he was confident that ...': what a stance adjective is about, held by the
        subject of its verb."""
        found = self.lex.stance_frames(tok.lemma_)
        if found is None:
            return None
        frames, preps = found
        content = next((c for c in tok.rights if c.dep_ in frames & {"ccomp", "xcomp"}), None)
        if content is None and "prep" in frames:
            prep = next((c for c in tok.rights if c.dep_ in ("prep", "agent") and c.lower_ in preps), None)
            content = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
        if content is None:
            return None
        chars = self._clause_chars(content.left_edge.i, self._phrase_core_end(content), FRAMED_MIN_TOKENS)
        if chars is None:
            return None
        q = _Quote(chars[0], chars[1], "indirect", self.para_of(chars[0]), [chars])
        q.extra["framed"] = True
        q.cue, q.cue_token = self.doc[tok.i : tok.i + 1], tok
        q.speaker = self.att.speaker(tok.head, allow_inversion=False)
        return q if q.speaker is not None else None  # "it is clear that ..." is no one's view

    def _according(self, tok: Token) -> _Quote | None:
        """'According to X, ...' and '..., according to X.': the rest of the clause is X's report."""
        end = self._phrase_end(tok)
        main = tok.head
        if end is None or main.i == tok.i:
            return None
        last = self.doc[end - 1]
        acc_lo, acc_hi = tok.left_edge.i, max(tok.right_edge.i, last.right_edge.i) + 1
        sent = main.sent
        if acc_lo <= main.i < acc_hi:
            return None
        # At the sentence's edge the phrase sources the whole sentence, whatever word the parser hung it on.
        if acc_lo > main.i:  # "..., according to X."
            at_end = all(t.is_punct or t.is_space for t in self.doc[acc_hi : sent.end])
            lo, hi = sent.start if at_end else max(main.left_edge.i, sent.start), acc_lo
        else:  # "According to X, ..."
            lo, hi = acc_hi, sent.end if acc_lo == sent.start else min(main.right_edge.i + 1, sent.end)
        chars = self._clause_chars(lo, hi)
        if chars is None:
            return None
        q = _Quote(chars[0], chars[1], "indirect", self.para_of(chars[0]), [chars])
        self._attach(q, (tok, "phrase"))
        return q

    def _in_source(self, tok: Token) -> _Quote | None:
        """'In a new poll, X leads Y' and 'X leads Y in the latest survey': the clause is the poll's finding."""
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        main = tok.head
        if obj is None or obj.lemma_.casefold() not in self.lex.sources or main.i == tok.i \
                or main.dep_ != "ROOT" or main.pos_ not in ("VERB", "AUX") or self._cue_kind(main):
            return None  # "In a statement, she said ...": the verb of saying reports, not the prepositional phrase
        sent = main.sent
        if tok.left_edge.i == sent.start or self.doc[tok.left_edge.i - 1].is_space:  # "In a new poll, ..."
            lo, hi = tok.right_edge.i + 1, min(main.right_edge.i + 1, sent.end)
        elif all(t.is_punct or t.is_space for t in self.doc[tok.right_edge.i + 1 : sent.end]):  # "..., in a poll."
            lo, hi = max(main.left_edge.i, sent.start), tok.left_edge.i
        else:
            return None
        chars = self._clause_chars(lo, hi)
        if chars is None:
            return None
        q = _Quote(chars[0], chars[1], "indirect", self.para_of(chars[0]), [chars])
        q.cue, q.cue_token = self.doc[tok.i : tok.i + 1], tok
        q.speaker = self.att.mention(obj)
        return q

    # -- speakers from context -----------------------------------------------------------------------------
    def _anchors(self) -> list[_Quote]:
        """Every unquoted speech cue with a speaker, as a zero-width attribution a bare quote can lean on."""
        out = []
        for tok in self.doc:
            kind = self._cue_kind(tok)
            if kind in ("speech", "question", "answer"):
                q = _Quote(tok.idx, tok.idx, "anchor", self.para_of(tok.idx), [])
                self._attach(q, (tok, kind))
                if q.speaker is not None:
                    out.append(q)
        return out

    def _inherit_speakers(self, direct: list[_Quote], indirect: list[_Quote]) -> None:
        """Give a quote with no cue the speaker of the attribution next to it.

        Same paragraph first (an earlier quote or report, e.g. 'Sadly, he said, ... "For example ..."'), then,
        for a paragraph that opens with the quote, the last attribution of the paragraph before, and failing
        that the person the previous paragraph was about ('Hoyer was blunter.' then a bare quote paragraph).
        """
        everything = sorted(direct + indirect, key=lambda q: q.start)
        for q in direct:
            if q.speaker is not None:
                continue
            # A report nested in another ("he said there were reports pointing to ...") does not speak on.
            same = [p for p in everything if p.para == q.para and p.end <= q.start and p.speaker is not None
                    and not any(o is not p and o.start <= p.start and p.end <= o.end for o in everything)]
            if q.cue is not None and q.cue.text != ":":
                if same and same[-1].cue_token is not None and q.cue_token is not None \
                        and q.cue_token.dep_ == "conj":  # '... said X but added, "..."': the same speaker
                    q.speaker = same[-1].speaker
                continue
            if same:
                self._copy(q, same[-1])
                continue
            later = [p for p in everything if p.para == q.para and p.start > q.end and p.speaker is not None
                     and p.type == "direct" and p.cue is not None]
            starts_para = self._lead_char(q.stretch.open_start if q.stretch else q.start) == ""
            if not starts_para:
                if later:
                    self._copy(q, later[0])
                continue
            prev = [p for p in everything if p.para == q.para - 1 and p.speaker is not None]
            if prev:
                self._copy(q, prev[-1])
            elif q.para > 0:
                subj = self._last_subject(q.para - 1)
                if subj is not None:
                    q.speaker = subj

    @staticmethod
    def _copy(q: "_Quote", src: "_Quote") -> None:
        q.speaker, q.cue, q.cue_token = src.speaker, src.cue, src.cue_token
        q.channel = q.channel or src.channel

    def _last_subject(self, para: int) -> Span | None:
        """The person the last sentence of a paragraph is about, when a name or a pronoun is its subject."""
        lo, hi = self.paras[para]
        span = self.doc.char_span(lo, hi, alignment_mode="expand")
        if span is None or not len(span):
            return None
        last = self.doc[span.end - 1]
        while last.is_space and last.i > span.start:
            last = self.doc[last.i - 1]
        sent = last.sent
        subj = next((t for t in sent.root.children if t.dep_ == "nsubj"), None)
        if subj is None or self.quoted[subj.i] != -1:
            return None
        if subj.ent_type_ == "PERSON" or subj.lower_ in ("he", "she") or \
                any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in subj.children):
            return self.att.mention(subj)
        return None

    # -- output --------------------------------------------------------------------------------------------
    def _spans(self, quotes: list[_Quote]) -> list[Span]:
        # Answers carry on the channel of the question just before them ("In an interview with Sky News, ...").
        last_question: _Quote | None = None
        spans: list[Span] = []
        for q in quotes:
            kind = q.extra.get("kind")
            if kind == "answer" and last_question is not None and q.para - last_question.para <= 2:
                q.channel = q.channel or last_question.channel
                if q.addressee is None and last_question.speaker is not None:
                    q.addressee = last_question.speaker
            if kind == "question":
                last_question = q
            span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            span._.quote = {
                "type": q.type,
                "cue": _chars(q.cue),
                "speaker": _chars(q.speaker),
                "channel": q.channel,
                "addressee": _chars(q.addressee),
                "fragments": tuple((s, e) for s, e in q.fragments),  # tuples: what DocBin gives back
            }
            spans.append(span)
        return spans


def _chars(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start_char, "end": span.end_char, "text": span.text}
