"""The article text as HTML with quotes, entities, places and times marked from the record's offsets.

Every piece of article text is escaped on its own with `markupsafe`; only the tags built here are markup,
so a ``<script>`` in an article shows as text.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from wirewatch.record import Entity, Quote, Record

EntityLink = Callable[[Entity], str | None]
"""Gives the URL of an entity's page, or None when it has none."""


@dataclass(frozen=True, slots=True)
class _Mark:
    """One marked span of the text: where it is, its CSS class, hover title and optional link."""

    start: int
    end: int
    css: str
    title: str
    href: str | None = None


def highlight_record(record: Record, entity_link: EntityLink, place_link: Callable[[str], str]) -> Markup:
    """Return the record's clean text as HTML, with quotes wrapping entity, place and time marks.

    Args:
        record: the article record; its offsets index `record.text`.
        entity_link: the URL of an entity's page (None: the mention is marked but not linked).
        place_link: the URL that shows a place (by name) on the map.

    Returns:
        Markup safe to put in a template: the text escaped, the marks as ``<q>``, ``<a>`` and ``<span>`` tags.
    """
    size = len(record.text)
    quotes = _without_overlaps([_quote_mark(quote) for quote in record.quotes], size)
    inner = _without_overlaps(_entity_marks(record, entity_link) + _place_marks(record, place_link)
                              + _time_marks(record), size)
    # An inner mark that straddles a quote's edge cannot nest in it; the quote wins.
    inner = [mark for mark in inner if not any(_straddles(mark, quote) for quote in quotes)]
    parts: list[Markup] = []
    position = 0
    for quote in quotes:
        parts.append(_render_range(record.text, position, quote.start, inner))
        parts.append(Markup('<q class="{}" title="{}">{}</q>').format(
            quote.css, quote.title, _render_range(record.text, quote.start, quote.end, inner)))
        position = quote.end
    parts.append(_render_range(record.text, position, size, inner))
    return Markup("").join(parts)


def quote_speaker(quote: Quote) -> str:
    """Return who a quote is attributed to, or "unattributed"."""
    if quote.speaker and quote.speaker.name:
        return quote.speaker.name
    if quote.speaker and quote.speaker.mention:
        return quote.speaker.mention.text
    return "unattributed"


def _quote_mark(quote: Quote) -> _Mark:
    cue = f", {quote.cue}" if quote.cue else ""
    return _Mark(quote.start, quote.end, f"quote quote-{quote.type}", f"{quote.type} quote · {quote_speaker(quote)}{cue}")


def _entity_marks(record: Record, entity_link: EntityLink) -> list[_Mark]:
    return [_Mark(m.start, m.end, f"mark entity entity-{entity.type.lower()}", f"{entity.type} · {entity.name}",
                  entity_link(entity))
            for entity in record.entities for m in entity.mentions]


def _place_marks(record: Record, place_link: Callable[[str], str]) -> list[_Mark]:
    marks: list[_Mark] = []
    for place in record.places:
        where = ", ".join(part for part in (place.admin1, place.country) if part)
        title = f"place · {place.name}" + (f" ({where})" if where else "")
        href = place_link(place.name) if place.lat is not None and place.lon is not None else None
        marks.extend(_Mark(m.start, m.end, "mark place", title, href) for m in place.mentions)
    return marks


def _time_marks(record: Record) -> list[_Mark]:
    return [_Mark(time.start, time.end, "mark time", f"{time.type or 'time'} · {time.value or time.text}")
            for time in record.times]


def _without_overlaps(marks: list[_Mark], size: int) -> list[_Mark]:
    """Keep the marks that fit the text and overlap no earlier-starting (or, at a tie, longer) kept mark."""
    kept: list[_Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if not 0 <= mark.start < mark.end <= size:
            continue  # an offset past the text is a record bug; showing the text matters more
        if kept and mark.start < kept[-1].end:
            continue
        kept.append(mark)
    return kept


def _straddles(mark: _Mark, quote: _Mark) -> bool:
    overlaps = mark.start < quote.end and quote.start < mark.end
    inside = quote.start <= mark.start and mark.end <= quote.end
    return overlaps and not inside


def _render_range(text: str, start: int, end: int, marks: list[_Mark]) -> Markup:
    parts: list[Markup] = []
    position = start
    for mark in marks:
        if mark.start < start or mark.end > end:
            continue
        parts.append(escape(text[position:mark.start]))
        body = escape(text[mark.start:mark.end])
        if mark.href:
            parts.append(Markup('<a class="{}" href="{}" title="{}">{}</a>').format(mark.css, mark.href, mark.title, body))
        else:
            parts.append(Markup('<span class="{}" title="{}">{}</span>').format(mark.css, mark.title, body))
        position = mark.end
    parts.append(escape(text[position:end]))
    return Markup("").join(parts)
