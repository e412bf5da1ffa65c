"""``wirewatch_coref``: pronouns and role nouns resolved to the entities of ``doc._.entities``.

A rule-based, salience-driven resolver, built for finding who a quote's "he said" is:
- he/him/his and she/her go to a person of a compatible gender (from courtesy titles, gendered role nouns,
  a first-name lexicon when ``gender_guesser`` is installed, and earlier unambiguous pronouns) named in the
  last few narrative sentences. Names inside quotation marks are not antecedents of pronouns outside them.
- With several candidates, the one person named before the pronoun in its own sentence wins; else the subject
  of the most recent sentence with a person subject; else, for a quote's speaker ("he said"), the previous
  quote's speaker (when ``wirewatch_quotes`` ran before); when none decides, the pronoun stays unresolved
  rather than guessed.
- "the minister", "the former envoy" go to the one person whose role has that noun; "Pakistan's Defence
  Minister" to the one person whose role also names Pakistan.
- they/them/their go to an organisation that was the subject of this or the previous sentence, when no
  plural noun subject comes between; so does "it" as a quote's speaker ("It said"), when no singular noun subject
  comes between.

Resolved mentions are added to their cluster's ``mentions`` with kind ``pronoun`` or ``nominal``.
"""
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from wirewatch.nlp.extensions import register_extensions
from wirewatch.nlp.roles import RoleLexicon, default_roles

logger = logging.getLogger(__name__)

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Role nouns that name the same kind of job ("the envoy" may be the ambassador).
_ROLE_SYNONYMS = {
    "envoy": {"ambassador", "diplomat", "envoy", "representative"},
    "diplomat": {"ambassador", "envoy", "diplomat", "secretary"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson"},
    "lawmaker": {"senator", "representative", "mp", "legislator", "congressman", "congresswoman", "lawmaker"},
    "official": {"official", "officer", "minister", "secretary", "director", "commissioner"},
}
_QUOTE_OPEN = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb"}


@Language.factory(
    "wirewatch_coref",
    assigns=["doc._.entities"],
    requires=["doc._.entities", "token.dep", "token.morph"],
    default_config={"window_sentences": 4, "resolve_in_quotes": False, "use_name_lexicon": True,
                    "quotes_key": "wirewatch_quotes"},
)
def make_coreferencer(nlp: Language, name: str, *, window_sentences: int, resolve_in_quotes: bool,
                      use_name_lexicon: bool, quotes_key: str) -> "Coreferencer":
    """Build the ``wirewatch_coref`` component.

    Args:
        nlp: the pipeline.
        name: the component's name.
        window_sentences: how many narrative sentences back a pronoun looks for its antecedent.
        resolve_in_quotes: also resolve pronouns inside quotation marks (their frame is the speaker's).
        use_name_lexicon: guess a person's gender from the first name when ``gender_guesser`` is installed.
        quotes_key: the span group of ``wirewatch_quotes``, when it runs before: a tied speaker pronoun goes to
            the previous quote's speaker.
    """
    register_extensions()
    return Coreferencer(name, roles=default_roles(), window_sentences=window_sentences,
                        resolve_in_quotes=resolve_in_quotes, quotes_key=quotes_key,
                        name_gender=_load_name_gender() if use_name_lexicon else None)


def _load_name_gender():
    """A first name -> "m"/"f"/None function from gender_guesser, or None when it is not installed."""
    try:
        import gender_guesser.detector as gd
    except ImportError:
        return None
    detector = gd.Detector(case_sensitive=False)
    table = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}
    return lambda first: table.get(detector.get_gender(first))


@dataclass
class _Seen:
    """A mention of a cluster in reading order: where, and whether it was a subject outside quotes."""

    cluster: int
    sent: int
    token: int
    subject: bool
    in_quote: bool


class Coreferencer:
    """Adds pronoun and role-noun mentions to the clusters in ``doc._.entities``."""

    def __init__(self, name: str = "wirewatch_coref", *, roles: RoleLexicon, window_sentences: int = 4,
                 resolve_in_quotes: bool = False, quotes_key: str = "wirewatch_quotes", name_gender=None):
        self.name = name
        self.quotes_key = quotes_key
        self.roles = roles
        self.window = window_sentences
        self.resolve_in_quotes = resolve_in_quotes
        self.name_gender = name_gender

    def __call__(self, doc: Doc) -> Doc:
        """Resolve the Doc's pronouns and role nouns; return the Doc."""
        if doc._.entities:
            doc._.entities = self.resolve(doc, [dict(e, mentions=list(e["mentions"])) for e in doc._.entities])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of Docs."""
        for doc in docs:
            yield self(doc)

    def resolve(self, doc: Doc, clusters: list[dict]) -> list[dict]:
        """Return the clusters with resolved pronoun and nominal mentions added."""
        in_quote = quoted_mask(doc)
        owner = _token_owner(doc, clusters)
        text = doc.text  # built anew on each access: read it once
        genders = [self._gender(text, c) if c["type"] == "PERSON" else None for c in clusters]
        history: list[_Seen] = []
        speakers = _speaker_starts(doc, self.quotes_key)
        last_speaker: int | None = None  # the cluster of the previous quote's speaker
        sent_no = 0
        skip_to = -1
        for sent in doc.sents:
            narrative = any(not in_quote[t.i] and t.is_alpha for t in sent)
            if narrative:
                sent_no += 1
            for tok in sent:
                if tok.i < skip_to:
                    continue
                if tok.i in owner:
                    ci = owner[tok.i]
                    head_tok = _mention_root(doc, clusters[ci], tok)
                    if head_tok is not None:
                        history.append(_Seen(ci, sent_no, tok.i, _is_subject(head_tok), in_quote[tok.i]))
                    if tok.idx in speakers:
                        last_speaker = ci
                    if clusters[ci]["type"] == "PERSON" or tok.i + 1 >= len(doc) or doc[tok.i + 1].tag_ != "POS":
                        continue
                low = tok.lower_
                if (low in MALE or low in FEMALE) and tok.pos_ == "PRON" or low in ("his", "her") and tok.tag_ == "PRP$":
                    if in_quote[tok.i] and not self.resolve_in_quotes:
                        continue
                    gender = "m" if low in MALE else "f"
                    hit = self._resolve_person(clusters, genders, history, sent_no, gender, in_quote[tok.i],
                                               last_speaker if tok.idx in speakers else None)
                    if hit is not None and tok.idx in speakers:
                        last_speaker = hit
                    if hit is not None:
                        self._add(doc, clusters[hit], tok.i, tok.i + 1, "pronoun")
                        history.append(_Seen(hit, sent_no, tok.i, _is_subject(tok), in_quote[tok.i]))
                elif tok.tag_ in _RELATIVE_TAGS and tok.head.dep_ == "relcl" and tok.head.head.i in owner:
                    # a relative pronoun names the noun its clause hangs on ("Smith, who said ...")
                    self._add(doc, clusters[owner[tok.head.head.i]], tok.i, tok.i + 1, "pronoun")
                elif (low in PLURAL or low == "it" and tok.idx in speakers) and tok.pos_ == "PRON":
                    # "it" only as a quote's speaker ('The agency ... It said'): elsewhere it is rarely an organisation
                    if in_quote[tok.i] and not self.resolve_in_quotes:
                        continue
                    hit = self._resolve_group(doc, clusters, history, sent_no, tok, owner)
                    if hit is not None:
                        self._add(doc, clusters[hit], tok.i, tok.i + 1, "pronoun")
                else:
                    found = self._nominal(doc, tok, owner)
                    if found is None:
                        continue
                    start, end, words = found
                    hit = self._resolve_nominal(clusters, history, words, doc[start].lower_ != "the")
                    if hit is not None:
                        self._add(doc, clusters[hit], start, end, "nominal")
                        history.append(_Seen(hit, sent_no, start, _is_subject(doc[end - 1]), in_quote[start]))
                    skip_to = end
        for c in clusters:
            c["mentions"].sort(key=lambda m: (m["start"], m["end"]))
        return clusters

    # -- persons ---------------------------------------------------------------------------------------------

    def _gender(self, text: str, cluster: dict) -> str | None:
        """A person's gender from titles and gendered roles before a mention, roles, then the first name."""
        votes = set()
        for m in cluster["mentions"]:
            before = text[max(0, m["start"] - 12):m["start"]].split()
            if before and m["kind"] != "role":
                g = self.roles.gender(before[-1].rstrip(".") if before[-1].lower() not in ("mr.", "mrs.", "ms.")
                                      else before[-1])
                if g:
                    votes.add(g)
        for role in cluster.get("roles", []):
            for word in role.split():
                g = self.roles.gender(word)
                if g:
                    votes.add(g)
        if len(votes) == 1:
            return votes.pop()
        if not votes and self.name_gender is not None and " " in cluster["name"]:
            return self.name_gender(cluster["name"].split()[0])
        return None

    def _resolve_person(self, clusters: list[dict], genders: list[str | None], history: list[_Seen], sent_no: int,
                        gender: str, pronoun_in_quote: bool, last_speaker: int | None = None) -> int | None:
        recent = [h for h in history if clusters[h.cluster]["type"] == "PERSON" and sent_no - h.sent < self.window
                  and (pronoun_in_quote or not h.in_quote)]
        candidates = {h.cluster for h in recent if genders[h.cluster] in (gender, None)}
        if not candidates:
            return None
        if len(candidates) == 1:
            ci = candidates.pop()
            if genders[ci] is None and len({h.cluster for h in recent}) == 1:
                genders[ci] = gender  # the only person around: the pronoun tells their gender
            return ci
        # Several. In the pronoun's own sentence, a lone candidate named before it is the likeliest
        # ("Trump's remarks ahead of his speech"), unless the sentence's subject says otherwise.
        here = [h for h in recent if h.sent == sent_no and h.cluster in candidates]
        if here and not any(h.subject for h in here) and len({h.cluster for h in here}) == 1:
            return here[0].cluster
        # Else the subject of the most recent sentence that has a person subject, if that decides.
        for sent in sorted({h.sent for h in recent}, reverse=True):
            subjects = {h.cluster for h in recent if h.sent == sent and h.subject}
            if subjects:
                hits = subjects & candidates
                if len(hits) == 1:
                    return hits.pop()
                break
        # Still tied: a quote's speaker pronoun continues the previous quote's speaker, if that is a candidate.
        return last_speaker if last_speaker in candidates else None

    # -- groups ----------------------------------------------------------------------------------------------

    def _resolve_group(self, doc: Doc, clusters: list[dict], history: list[_Seen], sent_no: int,
                       tok: Token, owner: dict[int, int]) -> int | None:
        recent = [h for h in history if clusters[h.cluster]["type"] == "ORG" and h.subject and not h.in_quote
                  and sent_no - h.sent <= 1 and h.token < tok.i]
        if not recent:
            return None
        last = recent[-1]
        between = doc[last.token + 1:tok.i]
        # A noun subject of the pronoun's number in between ("officials said they", "the report found it") is the
        # likelier antecedent.
        number = ("NN", "NNP") if tok.lower_ == "it" else ("NNS", "NNPS")
        if any(t.dep_ in _SUBJECT_DEPS and t.tag_ in number and t.i not in owner for t in between):
            return None
        if len({h.cluster for h in recent if h.sent == last.sent}) > 1:
            return None
        return last.cluster

    # -- role nouns ------------------------------------------------------------------------------------------

    def _nominal(self, doc: Doc, tok: Token, owner: dict[int, int]) -> tuple[int, int, list[str]] | None:
        """A definite role phrase at ``tok``: "the (former) minister", "Pakistan's Defence Minister"."""
        if tok.lower_ == "the":
            start, i = tok.i, tok.i + 1
        elif (tok.ent_type_ in ("GPE", "ORG", "NORP") or tok.i in owner) and tok.i + 1 < len(doc) \
                and doc[tok.i + 1].tag_ == "POS":
            start, i = tok.i, tok.i + 2
        else:
            return None
        words = [doc[start].text] if doc[start].lower_ != "the" else []
        while i < len(doc) and i - start <= 5:
            t = doc[i]
            if t.i in owner and doc[start].lower_ == "the":
                return None
            if self.roles.is_role(t.text) and t.tag_ in ("NN", "NNP"):
                nxt = doc[i + 1] if i + 1 < len(doc) else None
                if nxt is not None and (nxt.pos_ in ("PROPN", "NOUN") or nxt.i in owner or nxt.lower_ == "of"
                                        or t.dep_ == "compound"):
                    return None  # "the minister Khawaja Asif" names them; "the head of ..." is not a role noun
                return start, i + 1, words + [t.text]
            if t.pos_ in ("ADJ", "NOUN", "PROPN") or t.lower_ in self.roles.modifiers or t.text == "-":
                words.append(t.text)
                i += 1
                continue
            return None
        return None

    def _resolve_nominal(self, clusters: list[dict], history: list[_Seen], words: list[str],
                         possessive: bool) -> int | None:
        head = _fold(words[-1])
        heads = _ROLE_SYNONYMS.get(head, set()) | {head}
        mods = {_fold(w) for w in words[:-1]} - {"former", "then", "the"}
        seen = {h.cluster for h in history}
        scored = []
        for ci, c in enumerate(clusters):
            if c["type"] != "PERSON" or not c.get("roles"):
                continue
            if not possessive and ci not in seen:
                continue  # "the minister" looks back; a possessive role may name someone introduced later
            role_words = {_fold(w) for r in c["roles"] for w in re.findall(r"[\w-]+", r)}
            if not heads & role_words:
                continue
            overlap = len(mods & role_words)
            if possessive and not overlap:
                continue
            scored.append((overlap, ci))
        if not scored:
            return None
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            return None
        return scored[0][1]

    def _add(self, doc: Doc, cluster: dict, start: int, end: int, kind: str) -> None:
        span = doc[start:end]
        cluster["mentions"].append({"start": span.start_char, "end": span.end_char, "text": span.text, "kind": kind})


_RELATIVE_TAGS = frozenset({"WP", "WDT"})


def quoted_mask(doc: Doc) -> list[bool]:
    """For each token, whether it lies inside quotation marks (curly or straight, paired within a paragraph)."""
    inside = [False] * len(doc)
    # Typewriter pairs ('' and ``, as some wires write double quotes) count as one straight double quote.
    text = doc.text.replace("''", '" ').replace("``", '" ')
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        open_at, close = None, None
        for i in range(para.start(), para.end()):
            ch = text[i]
            if open_at is None and ch in _QUOTE_OPEN:
                open_at, close = i, _QUOTE_OPEN[ch]
            elif open_at is not None and ch == close:
                spans.append((open_at, i))
                open_at = None
        if open_at is not None:  # a quote left open runs to the paragraph's end, as news style does
            spans.append((open_at, para.end()))
    k = 0
    for tok in doc:
        while k < len(spans) and spans[k][1] < tok.idx:
            k += 1
        if k < len(spans) and spans[k][0] < tok.idx < spans[k][1]:
            inside[tok.i] = True
    return inside


def _speaker_starts(doc: Doc, key: str) -> set[int]:
    """Start characters of the speaker mentions ``wirewatch_quotes`` attached to its quotes (empty without it)."""
    if key not in doc.spans:
        return set()
    starts = set()
    for span in doc.spans[key]:
        info = span._.quote if span.has_extension("quote") else None
        speaker = (info or {}).get("speaker")
        if speaker:
            starts.add(speaker["start"])
    return starts


def _token_owner(doc: Doc, clusters: list[dict]) -> dict[int, int]:
    """Token index -> cluster index for every name or alias mention."""
    owner = {}
    for ci, c in enumerate(clusters):
        for m in c["mentions"]:
            if m["kind"] not in ("name", "alias"):
                continue
            span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
            if span is not None:
                for t in span:
                    owner[t.i] = ci
    return owner


def _mention_root(doc: Doc, cluster: dict, tok: Token) -> Token | None:
    """The syntactic head of the mention that starts at ``tok`` (None inside a mention already seen)."""
    for m in cluster["mentions"]:
        if m["start"] == tok.idx and m["kind"] in ("name", "alias"):
            span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
            return span.root if span is not None else tok
    return None


def _is_subject(tok: Token) -> bool:
    """A subject, or a conjunct of one ("Malik and Shah met": both are subjects)."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok.dep_ in _SUBJECT_DEPS


def _fold(word: str) -> str:
    """Lower case, British and American spellings folded ("Defense" -> "defence")."""
    w = word.lower().strip(".")
    return re.sub(r"ense$", "ence", w)
