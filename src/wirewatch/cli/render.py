"""Readable, plain-text views of records for a person at a terminal."""
from __future__ import annotations

import textwrap

from wirewatch.record import DateRange, Quote, Record


def render_text(record: Record, *, width: int = 100) -> str:
    """Return a readable summary of one record: metadata, body excerpt and what cleaning removed."""
    lines = [f"── {record.source_id} " + "─" * max(0, width - len(record.source_id) - 4)]
    fields = [
        ("title", record.title), ("standfirst", record.standfirst), ("publisher", record.publisher),
        ("authors", ", ".join(record.authors) or None), ("published", record.published), ("updated", record.updated),
        ("language", record.language), ("url", record.url),
    ]
    for name, value in fields:
        if value:
            lines.extend(textwrap.wrap(value, width=width, initial_indent=f"{name:>11}: ", subsequent_indent=" " * 13))
    for caption in record.image_captions:
        lines.extend(textwrap.wrap(caption, width=width, initial_indent="    caption: ", subsequent_indent=" " * 13))
    words = len(record.text.split())
    lines.append(f"{'body':>11}: {len(record.paragraphs)} paragraphs, {words} words")
    for paragraph in record.paragraphs[:3]:
        lines.extend(textwrap.wrap(paragraph, width=width, initial_indent=" " * 13, subsequent_indent=" " * 13,
                                   max_lines=3, placeholder=" …"))
    if len(record.paragraphs) > 3:
        lines.append(" " * 13 + f"… {len(record.paragraphs) - 3} more paragraphs")
    if record.entities:
        names = [f"{e.name} ({e.type})" for e in sorted(record.entities, key=lambda e: -len(e.mentions))[:8]]
        lines.extend(textwrap.wrap(", ".join(names), width=width, initial_indent=f"{'entities':>11}: ",
                                   subsequent_indent=" " * 13))
    for quote in record.quotes[:6]:
        speaker = (quote.speaker.name if quote.speaker else None) or "?"
        how = " ".join(x for x in (quote.cue, f"on {quote.channel}" if quote.channel else None) if x)
        lines.extend(textwrap.wrap(f"{speaker} [{quote.type}{', ' + how if how else ''}]: “{quote.text}”", width=width,
                                   initial_indent=f"{'quote':>11}: ", subsequent_indent=" " * 13, max_lines=2,
                                   placeholder=" …”"))
    if len(record.quotes) > 6:
        lines.append(" " * 13 + f"… {len(record.quotes) - 6} more quotes")
    if record.times:
        times = [f"{t.text} → {t.value}" for t in record.times if t.value][:6]
        lines.extend(textwrap.wrap("; ".join(times), width=width, initial_indent=f"{'times':>11}: ",
                                   subsequent_indent=" " * 13))
    if record.places:
        places = [f"{p.name} ({p.country or '?'})" for p in record.places][:8]
        lines.extend(textwrap.wrap(", ".join(places), width=width, initial_indent=f"{'places':>11}: ",
                                   subsequent_indent=" " * 13))
    for event in record.events[:6]:
        who = ", ".join(event.actors or [f"claimed by {c}" for c in event.claimed_by]) or "?"
        whom = f" → {', '.join(event.targets)}" if event.targets else ""
        where = f" in {event.place.name}" if event.place else ""
        when = _event_when(event.date)
        killed = f", {'~' if event.fatalities.approximate else ''}{event.fatalities.min} killed" \
            if event.fatalities and event.fatalities.min is not None else ""
        lines.extend(textwrap.wrap(f"{event.type} [{event.certainty}{killed}]: {who}{whom}{where}{when}", width=width,
                                   initial_indent=f"{'event':>11}: ", subsequent_indent=" " * 13))
    if len(record.events) > 6:
        lines.append(" " * 13 + f"… {len(record.events) - 6} more events")
    for relation in record.relations[:6]:
        lines.extend(textwrap.wrap(f"{relation.subject} {relation.predicate} {relation.object}", width=width,
                                   initial_indent=f"{'relation':>11}: ", subsequent_indent=" " * 13))
    if record.removed:
        reasons: dict[str, int] = {}
        for item in record.removed:
            reasons[item.reason] = reasons.get(item.reason, 0) + 1
        lines.append(f"{'removed':>11}: " + ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items())))
    for warning in record.warnings:
        lines.append(f"{'warning':>11}: {warning}")
    return "\n".join(lines)


def _event_when(date: DateRange | None) -> str:
    """ " (mid-March)", " (by 2025-04-27)" for an event known only to precede publication, or ""."""
    if date is None:
        return ""
    if date.text:
        return f" ({date.text})"
    if date.latest and date.earliest != date.latest:
        return f" (by {date.latest})"
    return f" ({date.latest})" if date.latest else ""


def render_quotes(record: Record, *, width: int = 100, speaker: str | None = None) -> str:
    """Return who said what in one article: each quote with its speaker, cue, channel and addressee.

    With ``speaker``, only the quotes of speakers whose name or an alias contains it (any case), and an empty
    string for an article where they say nothing.
    """
    quotes = [q for q in record.quotes if speaker is None or _spoken_by(record, q, speaker)]
    if speaker is not None and not quotes:
        return ""
    header = record.title or record.source_id
    lines = [f"── {header} " + "─" * max(0, width - len(header) - 4)]
    if not quotes:
        lines.append("   (no quotes found)")
    for quote in quotes:
        speaker = quote.speaker.name if quote.speaker and quote.speaker.name else "(unknown speaker)"
        if quote.speaker and quote.speaker.mention and quote.speaker.mention.text not in speaker:
            speaker += f" (“{quote.speaker.mention.text}”)"
        details = [quote.type]
        if quote.cue:
            details.append(quote.cue)
        if quote.channel:
            details.append(f"via {quote.channel}")
        if quote.addressee:
            details.append(f"to {quote.addressee}")
        lines.append(f"{speaker} — {', '.join(details)}")
        body = f"“{quote.text}”" if quote.type != "indirect" else quote.text
        lines.extend(textwrap.wrap(body, width=width, initial_indent="    ", subsequent_indent="    "))
    return "\n".join(lines)


def _spoken_by(record: Record, quote: Quote, wanted: str) -> bool:
    if quote.speaker is None or not quote.speaker.name:
        return False
    names = [quote.speaker.name]
    names += [alias for e in record.entities if e.id == quote.speaker.entity for alias in e.aliases]
    return any(wanted.casefold() in name.casefold() for name in names)
