"""Dependency-parse helpers of the quote finder: who speaks, to whom, through which channel.

Each helper reads one cue token's neighbourhood in the parse and returns spaCy spans or plain strings;
``quotes.py`` decides which quote they belong to.
"""
from __future__ import annotations

from importlib import resources

from spacy.tokens import Doc, Span, Token

from wirewatch.nlp.cue_lexicon import CueLexicon

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# A participle or conjoined verb takes its subject from the verb it hangs on ("..., warning that", "and said"),
# and so does an adjective the cue hangs on ("she is likely to stress", "he was quick in denouncing").
INHERIT_SUBJECT_DEPS = {"advcl", "conj", "xcomp", "acomp"}
NAME_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT", "EVENT", "LOC"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
NOUN_MODIFIER_DEPS = {"det", "poss", "amod", "compound", "nummod", "flat", "case", "nmod"}
CHANNEL_PREPS = {"on", "in", "via", "through", "during", "at", "with"}


def load_titles() -> frozenset[str]:
    """The shipped speaker titles (``nlp/data/speaker_titles.txt``), lower case."""
    text = (resources.files("wirewatch.nlp") / "data" / "speaker_titles.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


class Attributor:
    """Finds speakers, addressees and channels around cue tokens of one document."""

    def __init__(self, doc: Doc, lexicon: CueLexicon, titles: frozenset[str]) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.titles = titles
        self._ent_of: dict[int, Span] = {}
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS:
                for tok in ent:
                    self._ent_of[tok.i] = ent

    # -- speakers -------------------------------------------------------------------------------------------
    def subject_of(self, verb: Token) -> Token | None:
        """The grammatical subject of a cue verb, following participles and conjuncts up to their main verb."""
        for _ in range(4):
            # The subject nearest the verb: a quote before '"..., I am sorry," Quick said' may parse as a second one.
            for child in sorted(verb.children, key=lambda c: abs(c.i - verb.i)):
                if child.dep_ in ("nsubj", "csubj") or (child.dep_ == "nsubjpass" and verb.lemma_ != "tell"):
                    if child.dep_ == "nsubjpass" and verb.tag_ == "VBN":
                        return None  # "he was told that ..." / "it was reported that": the subject did not speak
                    return child
            outer = self._report_around(verb)
            if outer is not None:
                verb = outer
                continue
            if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and self.lexicon.cue_kind(verb.lemma_) \
                    and self.lexicon.cue_kind(verb.head.head.lemma_):
                # "She said the plan had failed and called for an inquiry": the parser hangs the second cue on the
                # reported clause; a cue verb's partner is the first cue, so she did both.
                verb = verb.head.head
                continue
            if (verb.dep_ in INHERIT_SUBJECT_DEPS or verb.dep_ == "attr" and verb.pos_ == "ADJ") \
                    and verb.head.i != verb.i:
                verb = verb.head
                continue
            if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "..., after saying that": prep, then its verb
                verb = verb.head.head
                continue
            if verb.dep_ == "relcl":  # "the minister, who said ..." : the relative clause's head noun
                return verb.head
            if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ == "PROPN" and verb.lemma_ != "tell" \
                    and verb.doc[verb.i - 1].text == "," and self.lexicon.cue_kind(verb.lemma_) == "speech":
                return verb.head  # "Ann Moss, the party's nominee, tweeted:": a past tense the parser read as a participle
            if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN") \
                    and self.lexicon.cue_kind(verb.lemma_):
                noun = verb.head
                if noun.dep_ == "dobj" and noun.ent_type_ not in ("PERSON", "ORG", "NORP") \
                        and any(c.dep_ == "nsubj" for c in noun.head.children):
                    verb = noun.head  # "The council issued a statement condemning X": the issuer, not the paper
                    continue
                return noun  # "donors supporting Smith", "Lee, speaking of X": the noun the participle describes
            return None
        return None

    def _report_around(self, verb: Token) -> Token | None:
        """The cue verb whose reported clause the parser hung a trailing participle of saying on.

        In "Lee argued that the fee would cut traffic, saying ..." the comma sets "saying" off as Lee's second
        report; the parser may make it an adverbial of "cut", whose subject is no speaker. Returns "argued" then;
        likewise "saying that the fee works and arguing that ..." hangs "arguing" on the first report's clause.
        """
        if verb.tag_ != "VBG" or verb.i == 0 or self.lexicon.cue_kind(verb.lemma_) not in ("speech", "question", "answer"):
            return None
        before = verb.doc[verb.i - 1]
        if not (verb.dep_ == "advcl" and before.text == "," or verb.dep_ == "conj" and before.dep_ == "cc"):
            return None  # "..., saying ..." or "saying ... and arguing ...": a participle set off from the clause
        head = verb.head
        for _ in range(3):
            if head.dep_ == "ccomp" and head.head.i < head.i and self.lexicon.cue_kind(head.head.lemma_):
                return head.head
            if head.dep_ not in ("conj", "xcomp", "advcl") or head.head.i == head.i:
                return None
            head = head.head
        return None

    @staticmethod
    def _may_invert(verb: Token) -> bool:
        """A speaker stands after its verb only where the verb follows the quote or clause it reports ('"...," said
        Lee', '..., said Lee'): after a mark or at the sentence start, and never as a participle ("after slamming
        Republicans", "to discuss the threat": the word after is the object)."""
        if verb.tag_ in ("VBG", "VB"):
            return False
        i = verb.i - 1
        while i >= 0 and verb.doc[i].is_space:
            i -= 1
        return i < verb.sent.start or verb.doc[i].is_punct

    def inverted_subject(self, verb: Token) -> Token | None:
        """The speaker after the verb in '"...," said the minister' when the parser made it an object."""
        nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if nxt is None or nxt.ent_type_ in ("DATE", "TIME"):  # "said Tuesday"
            return None
        if nxt.is_title and nxt.is_alpha and nxt.pos_ in ("ADV", "X", "INTJ"):
            return nxt  # the parser may tag an unknown surname as an adverb: "said Skelly"
        # A title's participle may start the name: "said retired surgeon Ann Beck".
        if nxt.pos_ in ("PROPN", "NOUN", "PRON", "DET", "ADJ") or nxt.dep_ == "amod":
            head = nxt
            while head.head.i != head.i and head.head.i > verb.i and head.dep_ in NOUN_MODIFIER_DEPS:
                head = head.head
            if head.pos_ in ("PROPN", "NOUN", "PRON"):
                return head
        return None

    def mention(self, token: Token) -> Span:
        """The words that name a speaker: a pronoun alone, a name without its titles, else the noun phrase."""
        doc = token.doc
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            token = token.head.head
        if token.pos_ == "PRON":
            return doc[token.i : token.i + 1]
        # "The party's chair, Moyra Baxter, said": the appositive name beats the role noun.
        if token.i not in self._ent_of:
            for child in token.children:
                if child.dep_ == "appos" and (child.i in self._ent_of or child.pos_ == "PROPN"):
                    token = child
                    break
        ent = self._ent_of.get(token.i)
        if ent is None:
            # The name may sit in the compound chain of a title noun ("presenter Yalda Hakim" headed by a name).
            for child in token.children:
                if child.dep_ in ("compound", "flat", "appos") and child.i in self._ent_of \
                        and self._ent_of[child.i].label_ == "PERSON":
                    ent = self._ent_of[child.i]
                    break
        if ent is not None:
            return self._strip_titles(ent)
        if token.pos_ == "PROPN":
            start = token.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in range(start, token.i + 1):
                start -= 1
            return self._strip_titles(doc[start : token.i + 1])
        left = token.i
        for child in token.lefts:
            if child.dep_ in NOUN_MODIFIER_DEPS and child.left_edge.i < left:
                left = child.left_edge.i
        return doc[left : token.i + 1]

    def _strip_titles(self, span: Span) -> Span:
        start = span.start
        while start < span.end - 1 and span.doc[start].lower_ in self.titles:
            start += 1
        return span.doc[start : span.end]

    def speaker(self, verb: Token, allow_inversion: bool = True) -> Span | None:
        """The speaker mention of a cue verb: its subject, else the noun right after it ("said Smith")."""
        subj = self.subject_of(verb)
        if subj is None and allow_inversion:
            if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i < verb.i \
                    and self.lexicon.cue_kind(verb.head.lemma_) == "speech":
                subj = self.inverted_subject(verb.head)  # '"...," said Lee, adding that ...': Lee does both
            if subj is None and self._may_invert(verb):
                subj = self.inverted_subject(verb)
        if subj is None or subj.lower_ in ("there", "this", "what"):
            return None
        if subj.lower_ == "it" and self.lexicon.cue_kind(verb.lemma_) in (None, "belief"):
            return None  # "it seems", "it shows": no one holds the view; "it said" points back to an outlet or a paper
        return self.mention(subj)

    # -- addressees and channels ----------------------------------------------------------------------------
    def addressee(self, verb: Token) -> Span | None:
        """Whom a question or a telling is put to: the verb's object or dative ("asked Asif", "told reporters")."""
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "iobj") and child.pos_ in ("PROPN", "NOUN", "PRON"):
                return self.mention(child)
        return None

    def channel(self, verb: Token) -> str | None:
        """Where the words were said or written, when the sentence says so; None otherwise.

        Looks at the cue verb's prepositions ("in a statement", "on Facebook", "in an interview with Sky News"),
        at "taking to X" participles, at the press as an audience ("told reporters"), then at the same things
        on the main verb a participle cue hangs on.
        """
        for v in (verb, verb.head) if verb.dep_ in ("advcl", "conj", "xcomp") else (verb,):
            found = self._channel_at(v)
            if found:
                return found
        return None

    def _channel_at(self, verb: Token) -> str | None:
        lex = self.lexicon
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and verb.lemma_ in ("tell", "say"):
                if self._subtree_lower(child) in lex.press:
                    return self._subtree_text(child)
                ent = self._ent_of.get(child.i)
                if ent is not None and ent.label_ == "ORG":  # "told BBC Sport", "told Reuters": the outlet
                    return ent.text
            if child.dep_ == "advcl" and child.lemma_ in ("speak", "talk") and child.i < verb.i:
                for prep in child.children:  # "Speaking to reporters in Islamabad, the spokesperson said ..."
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.lower_ == "to" else None
                    if obj is not None and (self._subtree_lower(obj) in lex.press or obj.lower_ in lex.press):
                        return self._subtree_text(obj)
            if child.dep_ == "advcl" and child.lemma_ == "take" and child.i < verb.i:  # "Taking to X, ..."
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "to":
                        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                        if obj is not None:
                            return self._name_text(obj)
            if child.dep_ == "prep" and child.lower_ in CHANNEL_PREPS:
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is None:
                    continue
                found = self._channel_from_object(obj)
                if found:
                    return found
        return None

    def _channel_from_object(self, obj: Token) -> str | None:
        lex = self.lexicon
        name = self._name_text(obj)
        if name.casefold() in lex.platforms:
            return lex.platforms[name.casefold()]
        if obj.lemma_.casefold() in lex.media or obj.lower_ in lex.media:
            # "in an interview with Sky News", "in a post on X": the named outlet or platform is the channel.
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ in ("on", "with", "to", "for"):
                    inner = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if inner is not None and (inner.pos_ == "PROPN" or self._name_text(inner).casefold() in lex.platforms):
                        return self._name_text(inner)
            left = min((c.i for c in obj.lefts if c.dep_ in ("det", "amod", "compound", "poss")), default=obj.i)
            return obj.doc[left : obj.i + 1].text
        return None

    def _name_text(self, token: Token) -> str:
        ent = self._ent_of.get(token.i)
        if ent is not None:
            return ent.text
        left = token.i
        while left > 0 and token.doc[left - 1].dep_ in ("compound", "flat") and token.doc[left - 1].head.i >= left:
            left -= 1
        return token.doc[left : token.i + 1].text

    @staticmethod
    def _subtree_text(token: Token) -> str:
        return token.doc[token.left_edge.i : token.right_edge.i + 1].text

    @classmethod
    def _subtree_lower(cls, token: Token) -> str:
        return cls._subtree_text(token).casefold()
