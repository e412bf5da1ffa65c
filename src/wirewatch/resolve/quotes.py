"""The record's ``quotes`` from the ``wirewatch_quotes`` spans, speakers resolved to canonical entities."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from wirewatch.record import Entity, Mention, Quote, Speaker
from wirewatch.resolve.entities import entity_for_span

_PRONOUNS = frozenset("he she they i we you it him her them his their its who".split())
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})


def quotes_from_doc(doc: Doc, entities: list[Entity], spans_key: str = "wirewatch_quotes") -> list[Quote]:
    """Return one record `Quote` per quote span, in text order.

    The speaker's in-text mention ("he", "the minister", "Khalilzad") is looked up among the entity clusters;
    a match gives the canonical name and entity id, an unresolved pronoun keeps only its mention.

    Args:
        doc: a Doc processed by ``wirewatch_quotes`` (and ``wirewatch_entities``/``wirewatch_coref``).
        entities: the record's entities, whose ids the speakers refer to.
        spans_key: the span group the quote component wrote.
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
    return quotes


def _speaker(doc: Doc, mention: dict | None, cue: dict | None, known_ids: set[str]) -> Speaker | None:
    if not mention:
        return None
    cluster = entity_for_span(doc, mention["start"], mention["end"])
    relative = _relative_subject(doc, mention, cue)
    # "analysts, who said ...": the in-text mention is the relative pronoun; the name comes from its antecedent
    in_text = Mention(start=relative.idx, end=relative.idx + len(relative), text=relative.text) if relative else \
        Mention(start=mention["start"], end=mention["end"], text=mention["text"])
    if cluster and cluster["id"] in known_ids:
        return Speaker(name=cluster["name"], entity=cluster["id"], mention=in_text)
    name = None if mention["text"].casefold() in _PRONOUNS else mention["text"]
    return Speaker(name=name, mention=in_text)


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
