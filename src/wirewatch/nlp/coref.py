"""``wirewatch_coref``: pronouns and role nouns resolved to the entities of ``doc._.entities``.

A rule-based, salience-driven resolver, built for finding who a quote's "he said" is:
- he/him/his and she/her go to a person of a compatible gender (from courtesy titles, gendered role nouns,
  a first-name lexicon when ``gender_guesser`` is installed, and earlier unambiguous pronouns) named in the
  last few narrative sentences. Names inside quotation marks are not antecedents of pronouns outside them.
- With several candidates, the one person named before the pronoun in its own sentence wins; else the subject
  of the most recent sentence with a person subject; else, for a quote's speaker ("he said"), the previous
  quote's speaker (when ``wirewatch_quotes`` ran before); when none decides, the pronoun stays unresolved
  rather than guessed. A quote's "he said" right after a sentence with one person subject tells that person's
  gender for the next few sentences.
- they/them/their go to an organisation that was the subject of this or the previous sentence, when no
  plural noun subject comes between (outside quotations and background clauses); so does "it" as a quote's speaker
  ("It said"), when no singular noun subject comes between. A quote's "they said"/"it said" with no such subject
  continues the previous quote's speaker when that was an organisation.
- "the minister", "the former envoy" go to the one person whose role has that noun; "Pakistan's Defence
  Minister" to the one person whose role also names Pakistan. Titles count as roles ("Sen. Jane Roe" is a senator),
  and so does what the text called a person before. A subject "the prime minister" that no role decides goes to
  the person without a role the article names most (it is about them: "Sir Keir Starmer ... The Prime Minister
  said").
- A subject "the company", "the agency" goes to the organisation just named with that noun in its name, else to the
  one that was a subject just before, else to the only one named.
- Repeats of a person's surname the recogniser missed join that person ("Mills said" after "Tom Mills").

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
# Offices a report may name its holder by after giving only the name ("Sir Keir Starmer told MPs ... The Prime
# Minister said"): a subject "the <office>" with no holder in the text goes to the person the article is about.
# ("the leader", "the chairman" too often name someone the text never named.)
_OFFICE_HEADS = {"president", "minister", "premier", "chancellor", "senator", "governor", "mayor", "secretary",
                 "congressman", "congresswoman", "lawmaker", "mp", "representative", "candidate", "nominee"}
# Nouns by which a report names an organisation it has named before ("Harlow Appliances ... the company said").
_ORG_NOUNS = {"company", "firm", "group", "agency", "department", "ministry", "foundation", "organisation",
              "organization", "bank", "union", "council", "committee", "commission", "board", "charity",
              "university", "airline", "retailer", "carrier", "manufacturer", "insurer", "lender", "regulator",
              "institute", "network", "broadcaster", "newspaper", "club", "team", "party", "watchdog"}
_BACKGROUND_CLAUSES = {"advcl", "relcl", "acl"}
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
            clusters = [dict(e, mentions=list(e["mentions"])) for e in doc._.entities]
            doc._.entities = self.resolve(doc, _merge_misread_names(doc.text, clusters, self.roles))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of Docs."""
        for doc in docs:
            yield self(doc)

    def resolve(self, doc: Doc, clusters: list[dict]) -> list[dict]:
        """Return the clusters with resolved pronoun and nominal mentions added."""
        in_quote = quoted_mask(doc)
        # what the quote finder read as quoted, too: single quotation marks (‘...’) are no reliable pairs to the mask
        spoken = _quoted_by_finder(doc, self.quotes_key, in_quote)
        owner = _token_owner(doc, clusters)
        _link_surnames(doc, clusters, owner, self.roles)
        text = doc.text  # built anew on each access: read it once
        genders = [self._gender(text, c) if c["type"] == "PERSON" else None for c in clusters]
        learned: dict[int, tuple[str, int]] = {}  # cluster -> (gender, sentence) told by a resolved pronoun
        role_words = [self._role_words(text, c) if c["type"] == "PERSON" else set() for c in clusters]
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
                    hit = self._resolve_person(clusters, genders, learned, history, sent_no, gender,
                                               in_quote[tok.i], last_speaker if tok.idx in speakers else None,
                                               tok.idx in speakers and low in ("he", "she"))
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
                    hit = self._resolve_group(doc, clusters, history, sent_no, tok, owner, spoken,
                                              last_speaker if tok.idx in speakers else None)
                    if hit is not None and tok.idx in speakers:
                        last_speaker = hit
                    if hit is not None:
                        self._add(doc, clusters[hit], tok.i, tok.i + 1, "pronoun")
                        history.append(_Seen(hit, sent_no, tok.i, _is_subject(tok), in_quote[tok.i]))
                elif low == "the" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in _ORG_NOUNS \
                        and doc[tok.i + 1].dep_ in _SUBJECT_DEPS and tok.i + 1 not in owner and not in_quote[tok.i]:
                    hit = self._resolve_organisation(clusters, history, sent_no, doc[tok.i + 1].lower_)
                    if hit is not None:
                        self._add(doc, clusters[hit], tok.i, tok.i + 2, "nominal")
                        history.append(_Seen(hit, sent_no, tok.i, True, False))
                else:
                    found = self._nominal(doc, tok, owner, clusters)
                    if found is None:
                        continue
                    start, end, words = found
                    hit = self._resolve_nominal(clusters, role_words, history, words, doc[start].lower_ != "the")
                    # "the Louisiana governor" names whom only the place tells: no guessing, nothing to learn
                    placed = any(t.ent_type_ in ("GPE", "LOC") for t in doc[start:end - 1])
                    if hit is None and doc[start].lower_ == "the" and not placed and _is_subject(doc[end - 1]):
                        hit = self._office_holder(clusters, genders, role_words, history, sent_no, words)
                    if hit is not None:
                        self._add(doc, clusters[hit], start, end, "nominal")
                        history.append(_Seen(hit, sent_no, start, _is_subject(doc[end - 1]), in_quote[start]))
                        if not placed:  # what the text called them is a role of theirs: "the senator" finds them
                            role_words[hit] |= {_fold(w) for w in words}
                    skip_to = end
        for c in clusters:
            c["mentions"].sort(key=lambda m: (m["start"], m["end"]))
        return clusters

    # -- persons ---------------------------------------------------------------------------------------------

    def _gender(self, text: str, cluster: dict) -> str | None:
        """A person's gender from titles and gendered roles before a mention, roles, then the first name."""
        votes = set()
        for m in cluster["mentions"]:
            title = _title_word(text, m, self.roles)
            if title and m["kind"] != "role":
                g = self.roles.gender(title.rstrip(".") if title.lower() not in ("mr.", "mrs.", "ms.") else title)
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

    def _resolve_person(self, clusters: list[dict], genders: list[str | None], learned: dict[int, tuple[str, int]],
                        history: list[_Seen], sent_no: int, gender: str, pronoun_in_quote: bool,
                        last_speaker: int | None = None, speaker_says: bool = False) -> int | None:
        """The person a he/she pronoun stands for, or None. ``last_speaker``: the previous quote's speaker, when the
        pronoun is a quote's speaker; ``speaker_says``: the pronoun is a quote's "he"/"she" (said)."""
        recent = [h for h in history if clusters[h.cluster]["type"] == "PERSON" and sent_no - h.sent < self.window
                  and (pronoun_in_quote or not h.in_quote)]
        # A gender a pronoun told holds for the next few sentences only: a wrong guess must not spread.
        told = {ci: g for ci, (g, at) in learned.items() if sent_no - at < self.window}
        candidates = {h.cluster for h in recent if (genders[h.cluster] or told.get(h.cluster)) in (gender, None)}
        if not candidates:
            return None
        hit = self._pick_person(recent, candidates, sent_no, last_speaker)
        if hit is None or genders[hit] is not None:
            return hit
        if len({h.cluster for h in recent}) == 1:
            genders[hit] = gender  # the only person around: the pronoun tells their gender
        elif speaker_says and not any(h.cluster == hit and h.sent == sent_no for h in recent) and (
                learned.get(hit, ("",))[0] == gender
                or {h.cluster for h in recent if h.subject and h.sent == sent_no - 1} == {hit}):
            # A quote's "he said" right after a sentence whose only person subject they were tells it too - likely,
            # not certain, so for a few sentences only; each such pronoun that agrees renews it. Other pronouns,
            # and a person named in the pronoun's own sentence, are resolved too loosely to teach anything.
            learned[hit] = (gender, sent_no)
        return hit

    @staticmethod
    def _pick_person(recent: list[_Seen], candidates: set[int], sent_no: int, last_speaker: int | None) -> int | None:
        if len(candidates) == 1:
            return next(iter(candidates))
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
                       tok: Token, owner: dict[int, int], spoken: list[bool], last_speaker: int | None = None
                       ) -> int | None:
        """The organisation a they/it stands for: the one subject of this or the previous sentence; else, for a
        quote's speaker, the previous quote's speaker when that was an organisation named in the last few sentences
        ("The union said ... 'X,' it said. ... 'Y,' they said"). ``last_speaker`` only for a quote's speaker."""
        recent = [h for h in history if clusters[h.cluster]["type"] == "ORG" and h.subject and not h.in_quote
                  and sent_no - h.sent <= 1 and h.token < tok.i]
        if not recent and last_speaker is not None and clusters[last_speaker]["type"] == "ORG":
            recent = [h for h in history if h.cluster == last_speaker and not h.in_quote
                      and sent_no - h.sent < self.window and h.token < tok.i]
        if not recent:
            return None
        last = recent[-1]
        between = doc[last.token + 1:tok.i]
        # A noun subject of the pronoun's number in between ("officials said they", "the report found it") is the
        # likelier antecedent; not one inside a quotation ("'Our members ...,' they said") or of a background clause
        # ("after talks broke down", "which talks had ...").
        number = ("NN", "NNP") if tok.lower_ == "it" else ("NNS", "NNPS")
        if any(t.dep_ in _SUBJECT_DEPS and t.tag_ in number and t.i not in owner and not spoken[t.i]
               and t.head.dep_ not in _BACKGROUND_CLAUSES for t in between):
            return None
        if len({h.cluster for h in recent if h.sent == last.sent}) > 1:
            return None
        return last.cluster

    def _resolve_organisation(self, clusters: list[dict], history: list[_Seen], sent_no: int,
                              noun: str) -> int | None:
        """The organisation a subject "the company" stands for: the one of those named in the last few narrative
        sentences whose name has that noun ("the bank" -> "Bank of Canada"), else the one that was the subject of
        this or the previous sentence, else the only one named."""
        recent = [h for h in history if clusters[h.cluster]["type"] == "ORG" and not h.in_quote
                  and sent_no - h.sent < self.window]
        named = {h.cluster for h in recent if noun in clusters[h.cluster]["name"].lower().split()}
        subjects = {h.cluster for h in recent if h.subject and sent_no - h.sent <= 1}
        for found in (named, subjects, {h.cluster for h in recent}):
            if found:
                return found.pop() if len(found) == 1 else None
        return None

    # -- role nouns ------------------------------------------------------------------------------------------

    def _nominal(self, doc: Doc, tok: Token, owner: dict[int, int],
                 clusters: list[dict]) -> tuple[int, int, list[str]] | None:
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
            if t.i in owner and doc[start].lower_ == "the" and clusters[owner[t.i]]["type"] == "PERSON":
                return None  # "the Obama aide" is about a named person; "the Health Secretary" only names a field
            if self.roles.is_role(t.text) and t.tag_ in ("NN", "NNP"):
                nxt = doc[i + 1] if i + 1 < len(doc) else None
                if nxt is not None and self.roles.is_role(nxt.text) and nxt.tag_ in ("NN", "NNP") \
                        and nxt.i not in owner:
                    words.append(t.text)  # a two-noun office: "the attorney general", "the secretary general"
                    i += 1
                    continue
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

    def _role_words(self, text: str, cluster: dict) -> set[str]:
        """The folded words of a person's roles, plus the offices their titles stand for ("Sen." -> senator)."""
        words = {_fold(w) for r in cluster.get("roles", []) for w in re.findall(r"[\w-]+", r)}
        for m in cluster["mentions"]:
            title = _title_word(text, m, self.roles)
            if title and m["kind"] in ("name", "alias"):
                words.update(self.roles.title_roles(title))
        return words

    def _office_holder(self, clusters: list[dict], genders: list[str | None], role_words: list[set[str]],
                       history: list[_Seen], sent_no: int, words: list[str]) -> int | None:
        """The person a subject "the <office>" stands for when no one in the text holds that office by role: among
        the persons without a role named in the last few narrative sentences, the one the article has named most so
        far (its protagonist)."""
        head = _fold(words[-1])
        if head not in _OFFICE_HEADS:
            return None
        office_gender = self.roles.gender(words[-1])
        recent = {h.cluster for h in history if clusters[h.cluster]["type"] == "PERSON" and not h.in_quote
                  and sent_no - h.sent < self.window and not role_words[h.cluster]
                  and (not office_gender or genders[h.cluster] in (office_gender, None))}
        if not recent:
            return None
        counts = {ci: sum(h.cluster == ci for h in history) for ci in recent}
        top = max(counts.values())
        leaders = [ci for ci, n in counts.items() if n == top]
        return leaders[0] if len(leaders) == 1 else None  # two as salient: it could be either

    def _resolve_nominal(self, clusters: list[dict], role_words: list[set[str]], history: list[_Seen],
                         words: list[str], possessive: bool) -> int | None:
        head = _fold(words[-1])
        heads = _ROLE_SYNONYMS.get(head, set()) | {head}
        mods = {_fold(w) for w in words[:-1]} - {"former", "then", "the"}
        seen = {h.cluster for h in history}
        scored = []
        for ci, c in enumerate(clusters):
            if c["type"] != "PERSON" or not role_words[ci]:
                continue
            if not possessive and ci not in seen:
                continue  # "the minister" looks back; a possessive role may name someone introduced later
            if not heads & role_words[ci]:
                continue
            overlap = len(mods & role_words[ci])
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


def _quoted_by_finder(doc: Doc, key: str, in_quote: list[bool]) -> list[bool]:
    """``in_quote`` widened by the content of the direct and partial quotes ``wirewatch_quotes`` found."""
    spoken = list(in_quote)
    for span in doc.spans.get(key, ()):
        info = span._.quote if span.has_extension("quote") else None
        if (info or {}).get("type") in ("direct", "partial"):
            for start, end in info.get("fragments") or [(span.start_char, span.end_char)]:
                inner = doc.char_span(start, end, alignment_mode="expand")
                for t in inner if inner is not None else ():
                    spoken[t.i] = True
    return spoken


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


def _title_word(text: str, mention: dict, roles: RoleLexicon) -> str | None:
    """The word that may title a mention: its own first word when that is a title ("Mrs Lee"), else the word
    right before it ("Sen. Jane Roe")."""
    words = mention["text"].split()
    if len(words) > 1 and words[0].lower() in roles.titles:
        return words[0]
    before = text[max(0, mention["start"] - 12):mention["start"]].split()
    return before[-1] if before else None


def _surnames(text: str, clusters: list[dict], roles: RoleLexicon) -> dict[str, int]:
    """Surname -> person cluster, for persons with a full name or a courtesy title; a surname two share is left out.
    (A one-word "person" is often a misread organisation, "Twitter": it needs a title, "Mrs Lee".)"""
    by_surname: dict[str, set[int]] = {}
    for ci, c in enumerate(clusters):
        if c["type"] == "PERSON" and (" " in c["name"] or any(
                (_title_word(text, m, roles) or "").lower() in roles.titles for m in c["mentions"])):
            for form in [c["name"], *c.get("aliases", [])]:
                by_surname.setdefault(form.split()[-1], set()).add(ci)
    return {word: cis.pop() for word, cis in by_surname.items() if len(cis) == 1 and word[:1].isupper()}


def _merge_misread_names(text: str, clusters: list[dict], roles: RoleLexicon) -> list[dict]:
    """Fold a two-word place or organisation the knowledge base does not know, whose last word is the surname of a
    person known only by title and surname, into that person: "Kemi Badenoch" read as a place is "Mrs Badenoch"."""
    surnames = _surnames(text, clusters, roles)
    drop = set()
    for ci, c in enumerate(clusters):
        words = c["name"].split()
        person = surnames.get(words[-1])
        if c["type"] == "PERSON" or c.get("wikidata") or len(words) != 2 or not words[0].istitle() \
                or person is None or " " in clusters[person]["name"]:
            continue
        target = clusters[person]
        target["aliases"] = [*target.get("aliases", []), target["name"]]
        target["name"] = c["name"]
        target["mentions"] += c["mentions"]
        target["roles"] = [*target.get("roles", []), *c.get("roles", [])]
        drop.add(ci)
    return [c for ci, c in enumerate(clusters) if ci not in drop]


def _link_surnames(doc: Doc, clusters: list[dict], owner: dict[int, int], roles: RoleLexicon) -> None:
    """Add the repeats of a person's surname the recogniser missed ("Mills said" after "Tom Mills") as alias
    mentions, and a first name + surname run as the name of a person known only by the surname ("Kemi Badenoch"
    for "Mrs Badenoch"). A surname two persons share links to neither."""
    surnames = _surnames(doc.text, clusters, roles)
    if not surnames:
        return
    for tok in doc:
        ci = surnames.get(tok.text)
        # the tagger reads some surnames as nouns at a sentence's start ("Mills said"): a subject there is a name
        if ci is None or tok.i in owner or not (tok.pos_ == "PROPN" or tok.pos_ == "NOUN" and tok.dep_ == "nsubj"):
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title:
            continue  # a longer name of its own ("Harper Lee" is not "Linda Harper")
        prev = doc[tok.i - 1] if tok.i else None
        first_name = prev is not None and prev.pos_ == "PROPN" and prev.is_title and prev.i not in owner \
            and prev.ent_type_ in ("", "PERSON") and not roles.is_role(prev.text) \
            and prev.lower_ not in roles.titles and prev.lower_ + "." not in roles.titles
        start = prev.i if first_name else tok.i
        span = doc[start:tok.i + 1]
        cluster = clusters[ci]
        if first_name and " " in cluster["name"] and span.text != cluster["name"]:
            continue  # another person with the same surname
        if first_name and span.text != cluster["name"]:
            cluster["aliases"] = [*cluster.get("aliases", []), cluster["name"]]
            cluster["name"] = span.text
        cluster["mentions"].append({"start": span.start_char, "end": span.end_char, "text": span.text,
                                    "kind": "name" if first_name else "alias"})
        for t in span:
            owner[t.i] = ci


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
