"""The record's ``quotes`` from the ``wirewatch_quotes`` spans, speakers resolved to canonical entities.

A speaker's name is the canonical name of the entity that covers the head noun of the speaker's phrase (not one
named inside it, as "Republican" in "the Republican candidate"); of a statement's owner ("his remarks"); else the
whole phrase ("The Prime Minister", not "Minister"); an unresolved "he said" continues an unnamed person who
spoke just before ("A police spokesman ... he said"); and a narrator's "I said" in a first-person piece is its one
byline author.
"""
from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from wirewatch.nlp.coref import quoted_mask
from wirewatch.nlp.cue_lexicon import CueLexicon
from wirewatch.nlp.roles import RoleLexicon, default_roles
from wirewatch.record import Entity, Mention, Quote, Speaker
from wirewatch.resolve.entities import entity_for_span

_PRONOUNS = frozenset("he she they i we you it him her them his their its who".split())
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
_PERSONAL = {"he": "m", "she": "f"}
_FIRST_PERSON = frozenset({"i", "we"})
_FIRST_PERSON_WORDS = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})
# Words to the left of a speaker's head noun that belong to its phrase ("The Prime Minister", "a police spokesman").
_PREMODIFIER_DEPS = frozenset({"det", "compound", "amod", "nmod", "nummod"})


def quotes_from_doc(doc: Doc, entities: list[Entity], spans_key: str = "wirewatch_quotes",
                    authors: list[str] | None = None) -> list[Quote]:
    """Return one record `Quote` per quote span, in text order.

    The speaker's in-text mention ("he", "the minister", "Khalilzad") is looked up among the entity clusters;
    a match gives the canonical name and entity id, an unresolved pronoun keeps only its mention.

    Args:
        doc: a Doc processed by ``wirewatch_quotes`` (and ``wirewatch_entities``/``wirewatch_coref``).
        entities: the record's entities, whose ids the speakers refer to.
        spans_key: the span group the quote component wrote.
        authors: the record's byline authors: the narrator of a first-person piece.
    """
    if spans_key not in doc.spans:
        return []
    known_ids = {entity.id for entity in entities}
    quotes = []
    for span in doc.spans[spans_key]:
        info = span._.quote or {}
        addressee = info.get("addressee")
        quotes.append(Quote(
            # a split quote ("A," he said, "B.") is its fragments joined, without the attribution between them
            text=" ".join(doc.text[start:end] for start, end in info.get("fragments") or [(span.start_char, span.end_char)]),
            type=info.get("type", "direct"), speaker=_speaker(doc, info.get("speaker"), info.get("cue"), known_ids),
            cue=(info.get("cue") or {}).get("text"), channel=info.get("channel"),
            addressee=_name_for(doc, addressee, known_ids) if addressee else None,
            start=span.start_char, end=span.end_char,
        ))
    quotes.sort(key=lambda q: (q.start, q.end))
    _continue_speakers(doc, quotes)
    if authors and len(authors) == 1:
        _name_narrator(doc, quotes, authors[0], entities)
    return quotes


def _name_narrator(doc: Doc, quotes: list[Quote], author: str, entities: list[Entity]) -> None:
    """Name an "I"/"we" speaker outside every quotation after the byline author, when the body's own narration is
    first-person ("I have run a bookshop ... 'X,' I told the council"): besides the speaker mentions, a first-person
    word outside quotation marks and quotes' content. A "we" inside a quotation is someone else's."""
    mentions = [q.speaker.mention for q in quotes if q.speaker and not q.speaker.name and q.speaker.mention
                and q.speaker.mention.text.casefold() in _FIRST_PERSON]
    if not mentions:
        return
    quoted = quoted_mask(doc)
    inside = [(q.start, q.end) for q in quotes]
    spoken = {m.start for m in mentions}

    def narrated(tok: Token) -> bool:
        return not quoted[tok.i] and not any(s <= tok.idx < e for s, e in inside)

    if not any(t.lower_ in _FIRST_PERSON_WORDS and t.idx not in spoken and narrated(t) for t in doc):
        return
    entity = next((e.id for e in entities if e.name == author), None)
    for quote in quotes:
        speaker = quote.speaker
        if speaker and speaker.mention in mentions:
            tok = doc.char_span(speaker.mention.start, speaker.mention.end, alignment_mode="expand")
            if tok is not None and len(tok) and narrated(tok[0]):
                speaker.name, speaker.entity = author, entity


def _speaker(doc: Doc, mention: dict | None, cue: dict | None, known_ids: set[str]) -> Speaker | None:
    if not mention:
        return None
    phrase = _speaker_phrase(doc, mention)
    head = phrase.root if phrase is not None else None
    # The entity must cover the phrase's head noun: in "the Republican presidential candidate" or "Clinton's
    # lawyers" the entity named inside the phrase is not the speaker.
    cluster = entity_for_span(doc, mention["start"], mention["end"],
                              (head.idx, head.idx + len(head)) if head is not None else None)
    if cluster is None and head is not None and head.lemma_.lower() in _speech_nouns():
        # "his remarks", "Clinton's statement": who made the statement is the speaker
        owner = next((t for t in head.children if t.dep_ == "poss"), None)
        cluster = entity_for_span(doc, owner.idx, owner.idx + len(owner)) if owner is not None else None
    relative = _relative_subject(doc, mention, cue)
    # "analysts, who said ...": the in-text mention is the relative pronoun; the name comes from its antecedent
    in_text = Mention(start=relative.idx, end=relative.idx + len(relative), text=relative.text) if relative else \
        Mention(start=mention["start"], end=mention["end"], text=mention["text"])
    if cluster and cluster["id"] in known_ids:
        return Speaker(name=cluster["name"], entity=cluster["id"], mention=in_text)
    if mention["text"].casefold() in _PRONOUNS:
        return Speaker(name=None, mention=in_text)
    # an unresolved role noun keeps its whole phrase: "The Prime Minister", not "Minister"
    return Speaker(name=_phrase_name(doc, phrase, known_ids) if phrase is not None else mention["text"],
                   mention=in_text)


def _phrase_name(doc: Doc, phrase: Span, known_ids: set[str]) -> str:
    """The phrase's words, a possessive pronoun replaced by whom it stands for ("his campaign" -> "Bernie
    Sanders's campaign"): a name must not hang on a pronoun."""
    words = []
    for tok in phrase:
        owner = entity_for_span(doc, tok.idx, tok.idx + len(tok)) if tok.dep_ == "poss" and tok.pos_ == "PRON" \
            else None
        words.append((f"{owner['name']}'s" if owner and owner["id"] in known_ids else tok.text) + tok.whitespace_)
    return "".join(words).rstrip()


@cache
def _speech_nouns() -> frozenset[str]:
    return frozenset(CueLexicon.default().nouns)


def _speaker_phrase(doc: Doc, mention: dict) -> Span | None:
    """The speaker mention widened to the left over its head noun's premodifiers the mention left out."""
    span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    start = span.start
    for child in head.lefts:
        if child.dep_ in _PREMODIFIER_DEPS and child.i < start:
            start = min(start, child.left_edge.i)
    if start < head.sent.start or any(t.is_punct for t in doc[start:span.start]):
        return span
    return doc[start:span.end]


def _continue_speakers(doc: Doc, quotes: list[Quote]) -> None:
    """Name an unresolved "he said"/"she said" after the previous named speaker when that speaker is a person the
    entities do not hold, so coreference could not see them ("A police spokesman said ... 'We ...,' he said"): in
    the same or the previous paragraph, and of an agreeing gender and number."""
    roles = default_roles()
    text = doc.text
    previous: Speaker | None = None
    for quote in quotes:
        speaker = quote.speaker
        if speaker is None or speaker.mention is None:
            continue
        gender = _PERSONAL.get(speaker.mention.text.casefold())
        if gender and not speaker.name and previous is not None and previous.entity is None \
                and previous.mention.start < speaker.mention.start \
                and text.count("\n\n", previous.mention.start, speaker.mention.start) <= 1 \
                and _one_person(doc, previous.mention, gender, roles):
            speaker.name = previous.name
        if speaker.name:
            previous = speaker


def _one_person(doc: Doc, mention: Mention, gender: str, roles: RoleLexicon) -> bool:
    """Whether an unresolved speaker mention can be one person of ``gender``: a singular name or role noun."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span) or span.root.lower_ in _PRONOUNS or span.root.tag_ in ("NNS", "NNPS"):
        return False
    head = span.root
    if head.pos_ != "PROPN" and not roles.is_role(head.text):
        return False  # "the company", "a statement"
    cues = {roles.gender(t.text.rstrip(".")) for t in span} - {None}
    return not cues or cues == {gender}


def _relative_subject(doc: Doc, mention: dict, cue: dict | None) -> Token | None:
    """The relative pronoun subject of the clause holding the cue, when it refers back to the speaker mention."""
    cue_span = doc.char_span(cue["start"], cue["end"], alignment_mode="expand") if cue else None
    if cue_span is None or not len(cue_span) or cue["start"] < mention["end"]:
        return None
    verb = cue_span[0]
    for tok in doc[verb.sent.start : verb.i]:
        clause = tok.head
        if tok.lower_ in _RELATIVE_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass") and clause.dep_ == "relcl" \
                and clause.head.left_edge.idx <= mention["start"] and mention["end"] <= tok.idx \
                and clause.left_edge.i <= verb.i <= clause.right_edge.i:
            return tok
    return None


def _name_for(doc: Doc, mention: dict, known_ids: set[str]) -> str:
    cluster = entity_for_span(doc, mention["start"], mention["end"])
    return cluster["name"] if cluster and cluster["id"] in known_ids else mention["text"]
