"""The record's ``entities`` from ``doc._.entities``, and the entity behind a span of text.

``entity_for_span`` is how the quotes resolver turns a speaker mention ("he", "Khalilzad", "the minister")
into the canonical speaker.
"""
from __future__ import annotations

from spacy.tokens import Doc

from wirewatch.record import Entity, Mention

# Mentions the record lists: the words that name or stand for the entity, not the role phrases around them.
_RECORD_KINDS = ("name", "alias", "pronoun", "nominal")


def entities_from_doc(doc: Doc) -> list[Entity]:
    """Return the record's entities, in order of first mention.

    Args:
        doc: a Doc processed by ``wirewatch_entities`` (and optionally ``wirewatch_coref``).

    Returns:
        One ``Entity`` per cluster; mentions keep their character offsets into ``doc.text``.
    """
    out = []
    for cluster in doc._.entities or []:
        mentions = [Mention(start=m["start"], end=m["end"], text=m["text"])
                    for m in cluster["mentions"] if m.get("kind", "name") in _RECORD_KINDS]
        out.append(Entity(id=cluster["id"], name=cluster["name"], type=cluster["type"],
                          aliases=list(cluster.get("aliases", [])), roles=list(cluster.get("roles", [])),
                          wikidata=cluster.get("wikidata"), mentions=mentions))
    return out


def entity_for_span(doc: Doc, start: int, end: int, head: tuple[int, int] | None = None) -> dict | None:
    """Return the cluster of ``doc._.entities`` with a mention overlapping the characters ``[start, end)``.

    A name or alias mention wins over a pronoun, nominal or role one; among equals, the largest overlap.

    Args:
        doc: a Doc processed by ``wirewatch_entities``.
        start: first character of the span.
        end: character after the span.
        head: the characters of the span's head word, when only a mention covering it may count (in "the
            Republican candidate" the entity "Republican" is not the one the span names).

    Returns:
        The cluster dict (``{"id", "name", "type", ...}``), or None when no mention overlaps.
    """
    best, best_key = None, None
    for cluster in doc._.entities or []:
        for m in cluster["mentions"]:
            overlap = min(end, m["end"]) - max(start, m["start"])
            if overlap <= 0 or head and not (m["start"] < head[1] and head[0] < m["end"]):
                continue
            key = (m.get("kind", "name") in ("name", "alias"), m.get("kind") != "role", overlap)
            if best_key is None or key > best_key:
                best, best_key = cluster, key
    return best
