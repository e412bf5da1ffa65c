"""The record's ``relations`` from ``doc._.relations``: spans turned into canonical entity names."""
from __future__ import annotations

from spacy.tokens import Doc

from wirewatch.record import Entity, Relation
from wirewatch.resolve.entities import entity_for_span
from wirewatch.resolve.places import SPANS_KEY as PLACES_KEY

# Predicates whose object is a phrase of the text (a role, a short name, a claimed act, a status), not an entity.
_PHRASE_OBJECTS = {"role", "alias", "claimed_responsibility", "status"}


def relations_from_doc(doc: Doc, entities: list[Entity]) -> list[Relation]:
    """Return the record's relations, one per distinct (subject, predicate, object), in text order.

    Args:
        doc: a Doc processed by ``wirewatch_relations``.
        entities: the record's entities (``entities_from_doc``), whose canonical names the relations use.

    Returns:
        ``Relation``s whose ``evidence`` is the sentence the relation was read from.
    """
    names = {e.id: e.name for e in entities}
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    for rel in doc._.relations or []:
        subject = _canonical(doc, rel["subject"], names)
        if rel["predicate"] in _PHRASE_OBJECTS and rel["value"]:
            obj = rel["value"]
        else:
            obj = _canonical(doc, rel["object"], names)
        key = (subject.casefold(), rel["predicate"], obj.casefold())
        if key in seen or subject.casefold() == obj.casefold():
            continue
        seen.add(key)
        sentence = rel["sentence"]
        out.append(Relation(subject=subject, predicate=rel["predicate"], object=obj,
                            evidence=doc.text[sentence["start"]:sentence["end"]].strip()))
    return out


def _canonical(doc: Doc, mention: dict, names: dict[str, str]) -> str:
    """The canonical name of the entity a mention names, or the mention's own text when it names none."""
    cluster = entity_for_span(doc, mention["start"], mention["end"])
    if cluster is not None and cluster["id"] in names:
        return names[cluster["id"]]
    for span in doc.spans[PLACES_KEY] if PLACES_KEY in doc.spans else []:  # a place the entity linker left out ("MOGADISHU —"): its gazetteer name
        if span.start_char == mention["start"] and span.end_char == mention["end"] and span._.place:
            return str(span._.place["name"])
    return str(mention["text"])
