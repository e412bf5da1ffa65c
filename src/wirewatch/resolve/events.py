"""The record's ``events`` from ``doc._.events``: parties as canonical entities, places geocoded, dates as ranges."""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from wirewatch.record import AcledType, DateRange, Entity, Event, Fatalities, Mention, PlaceRef, Quote
from wirewatch.resolve.entities import entity_for_span

# Violence and protest are worth a row even when the text names no one behind them ("the attack in X").
_STANDALONE_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "their", "its",
                       "who", "which", "that"})


def events_from_doc(doc: Doc, entities: list[Entity], quotes: list[Quote]) -> list[Event]:
    """Return one record `Event` per event the ``wirewatch_events`` component found, in text order.

    Actors, targets and claimants are the canonical names of the entities their head words belong to, else the
    phrase itself; an unresolved pronoun is dropped. ``reported_by`` is the canonical speaker of the quote the
    event is told in, ``quote`` the index of the quote the event is (a criticism, a demand...). An event with no
    date in its sentence or paragraph happened no later than publication, unless it is only hypothetical.

    Args:
        doc: a Doc processed by ``wirewatch_events`` (after the entity, quote, time and place components).
        entities: the record's entities, whose names the parties take.
        quotes: the record's quotes, in text order, which ``reported_by`` and ``quote`` refer to.

    Returns:
        The events; each ``evidence`` is the sentence that holds the trigger.
    """
    known_ids = {entity.id for entity in entities}
    quote_index = {(q.start, q.end): n for n, q in enumerate(quotes)}
    published = (doc._.published or "")[:10] or None
    out = []
    for info in doc._.events or []:
        actors, targets = _names(doc, info["actors"], known_ids), _names(doc, info["targets"], known_ids)
        if not actors and not targets and info["type"] not in _STANDALONE_TYPES and not info.get("acled"):
            continue  # "You do admit ...": an act by no one resolvable, on no one, codes nothing (ACLED's acts do)
        sentence = info["sentence"]
        in_quote = info.get("in_quote")
        told_in = quote_index.get((in_quote["start"], in_quote["end"])) if in_quote else None
        statement = info.get("quote")
        said_in = quote_index.get((statement["start"], statement["end"])) if statement else None
        out.append(Event(
            type=info["type"],
            acled=AcledType(**info["acled"]) if info.get("acled") else None,
            actors=actors, targets=targets,
            claimed_by=_names(doc, info["claimed_by"], known_ids),
            place=_place(info.get("place")), date=_date(info.get("date"), info["certainty"], published),
            fatalities=_count(info.get("fatalities")), injured=_count(info.get("injured")),
            certainty=info["certainty"],
            reported_by=_speaker_name(quotes[told_in]) if told_in is not None else None,
            evidence=doc.text[sentence["start"]:sentence["end"]],
            trigger=_mention(info["trigger"]), place_mention=_mention(info.get("place")),
            date_mention=_mention(info.get("date")),
            channel=_channel(doc, quotes, said_in) if said_in is not None else None, quote=said_in,
        ))
    return out


def _names(doc: Doc, parties: list[dict[str, Any]], known_ids: set[str]) -> list[str]:
    names: list[str] = []
    for party in parties:
        head = party["head"]
        cluster = entity_for_span(doc, head["start"], head["end"])
        if cluster and cluster["id"] in known_ids:
            name = cluster["name"]
        elif party["text"].casefold() in _PRONOUNS:
            continue  # a pronoun no cluster explains names no one
        else:
            name = party["text"]
        if name not in names:
            names.append(name)
    return names


def _channel(doc: Doc, quotes: list[Quote], index: int) -> str | None:
    """The medium of a statement: its quote's channel, else that of the speaker's next quote in the same or the
    next paragraph ("X raised concerns on Saturday ... Taking to X, he wrote ...")."""
    quote = quotes[index]
    if quote.channel or quote.speaker is None or quote.speaker.entity is None:
        return quote.channel
    paragraph = doc.text.count("\n\n", 0, quote.start)
    for later in quotes[index + 1:]:
        if doc.text.count("\n\n", 0, later.start) > paragraph + 1:
            break
        if later.speaker and later.speaker.entity == quote.speaker.entity and later.channel:
            return later.channel
    return None


def _mention(info: dict[str, Any] | None) -> Mention | None:
    return Mention(start=info["start"], end=info["end"], text=info["text"]) if info else None


def _speaker_name(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker else None


def _place(info: dict[str, Any] | None) -> PlaceRef | None:
    if not info:
        return None
    place = info["place"]
    return PlaceRef(name=place.get("name") or info["text"], lat=place.get("lat"), lon=place.get("lon"),
                    country=place.get("country"), admin1=place.get("admin1"))


def _date(info: dict[str, Any] | None, certainty: str, published: str | None) -> DateRange | None:
    if info:
        timex = info["timex"]
        return DateRange(earliest=timex.get("earliest"), latest=timex.get("latest"), text=info["text"])
    if published and certainty != "hypothetical":
        return DateRange(latest=published)  # reported in the article, so no later than its publication
    return None


def _count(info: dict[str, Any] | None) -> Fatalities | None:
    if not info:
        return None
    return Fatalities(min=info["min"], max=info["max"], approximate=info["approximate"])
