"""Places of an annotated Doc as record ``places``: one Place per distinct resolved location, with its mentions."""
from __future__ import annotations

from spacy.tokens import Doc

from wirewatch.record import Mention, Place

SPANS_KEY = "wirewatch_places"


def places_from_doc(doc: Doc, *, spans_key: str = SPANS_KEY) -> list[Place]:
    """Return one Place per distinct location tagged by ``wirewatch_places``, in order of first mention.

    Mentions keep their character offsets into ``doc.text``. Metonymic mentions ("Islamabad said") still count
    as mentions of the place; only events must not take them as where something happened.

    Args:
        doc: a Doc processed by the ``wirewatch_places`` component.
        spans_key: the span group the component wrote.

    Returns:
        The record's ``places`` list (empty when the component did not run).
    """
    order: list[str] = []
    groups: dict[str, tuple[dict, list[Mention]]] = {}
    for span in doc.spans.get(spans_key, []) if spans_key in doc.spans else []:
        place = span._.place if span.has_extension("place") else None
        if not place:
            continue
        ident = str(place.get("geonameid") or (place.get("name") or span.text).casefold())
        if ident not in groups:
            order.append(ident)
            groups[ident] = (place, [])
        groups[ident][1].append(Mention(start=span.start_char, end=span.end_char, text=span.text))
    out = []
    for ident in order:
        place, mentions = groups[ident]
        out.append(Place(name=place.get("name") or mentions[0].text, lat=place.get("lat"), lon=place.get("lon"),
                         country=place.get("country"), admin1=place.get("admin1"),
                         geonameid=place.get("geonameid"), mentions=mentions))
    return out
