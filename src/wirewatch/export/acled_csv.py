"""CSV export: one row per event, in ACLED's column names and order, then wirewatch's own columns.

ACLED's codebook defines the columns; a cell wirewatch cannot know from one article (ACLED's numeric ISO code,
region, actor categories, second- and third-level divisions, source scale) is left empty, not guessed.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import cache
from typing import TextIO

from wirewatch.export.timestamps import parse_timestamp
from wirewatch.nlp.gazetteer import Gazetteer
from wirewatch.nlp.kb import default_kb
from wirewatch.record import Event, Record

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
WIREWATCH_COLUMNS = ("plover_type", "certainty", "claimed_by", "reported_by", "article_id", "url", "evidence")
COLUMNS = ACLED_COLUMNS + WIREWATCH_COLUMNS

# ACLED's disorder type follows from its event type.
_DISORDER_TYPES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection); tab and CR too.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LIST_SEPARATOR = "; "  # ACLED's separator for several associated actors


def write_csv(records: Iterable[Record], out: TextIO) -> int:
    """Write a header and one row per event of every record; return the number of rows."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for record in records:
        for index, event in enumerate(record.events, start=1):
            writer.writerow({column: _cell(value) for column, value in event_row(record, event, index).items()})
            count += 1
    return count


def event_row(record: Record, event: Event, index: int) -> dict[str, str | float | None]:
    """Return the CSV row of one event, by column name, before formula escaping.

    Args:
        record: the article the event comes from.
        event: the event.
        index: the event's 1-based position in the record, part of its stable id.
    """
    event_date, precision = _event_date(record, event)
    place = event.place
    country = place.country if place else None
    event_type = event.acled.event_type if event.acled else None
    civilians_targeted = event_type == "Violence against civilians"
    fatalities = event.fatalities
    timestamp = parse_timestamp(record.updated or record.published)
    return {
        "event_id_cnty": f"{country or 'XX'}-{record.id[:12]}-{index}",
        "event_date": event_date,
        "year": int(event_date[:4]) if event_date else None,
        "time_precision": precision,
        "disorder_type": _DISORDER_TYPES.get(event_type or ""),
        "event_type": event_type,
        "sub_event_type": event.acled.sub_event_type if event.acled else None,
        "actor1": event.actors[0] if event.actors else None,
        "assoc_actor_1": _LIST_SEPARATOR.join(event.actors[1:]),
        "inter1": None,
        "actor2": event.targets[0] if event.targets else None,
        "assoc_actor_2": _LIST_SEPARATOR.join(event.targets[1:]),
        # In ACLED, the second actor of violence against civilians is always civilians.
        "inter2": "Civilians" if civilians_targeted else None,
        "interaction": None,
        "civilian_targeting": "Civilian targeting" if civilians_targeted else None,
        "iso": None,
        "region": None,
        "country": country_name(country) if country else None,
        "admin1": place.admin1 if place else None,
        "admin2": None,
        "admin3": None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": _geo_precision(record, event),
        "source": record.publisher,
        "source_scale": None,
        "notes": event.evidence,
        # ACLED codes the lowest reported count.
        "fatalities": fatalities.min if fatalities and fatalities.min is not None else 0,
        "tags": _tags(event),
        "timestamp": int(timestamp.timestamp()) if timestamp else None,
        "plover_type": event.type,
        "certainty": event.certainty,
        "claimed_by": _LIST_SEPARATOR.join(event.claimed_by),
        "reported_by": event.reported_by,
        "article_id": record.id,
        "url": record.url,
        "evidence": event.evidence,
    }


def country_name(code: str) -> str:
    """Return the English short name of an ISO 3166-1 alpha-2 code from the knowledge base, or the code itself."""
    row = default_kb().rows.get(f"iso:{code.upper()}")
    return row["name"] if row else code


def _cell(value: str | float | None) -> str | float:
    """Return a cell value safe to open in a spreadsheet.

    Text starting with = + - @ (or a tab or CR) would run as a formula in Excel or LibreOffice, and article text
    is written by strangers: a leading apostrophe makes the cell plain text. Numbers are written as numbers,
    so a negative longitude stays a number.
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _event_date(record: Record, event: Event) -> tuple[str | None, int | None]:
    """Return the event's day (YYYY-MM-DD) and ACLED's time precision: 1 the day, 2 within a week, 3 vaguer.

    An event the text does not date falls back to the article's publication day, with precision 3.
    """
    earliest = event.date.earliest if event.date else None
    latest = event.date.latest if event.date else None
    if earliest:
        start, end = parse_timestamp(earliest), parse_timestamp(latest or earliest)
        day = earliest[:10] if _DAY.match(earliest) else (start.date().isoformat() if start else None)
        if start is None or end is None or day is None:
            return day, 3
        exact = _DAY.match(earliest) and _DAY.match(latest or earliest)
        span = (end - start).days
        return day, 1 if exact and span == 0 else 2 if exact and span <= 7 else 3
    published = record.published
    if published and _DAY.match(published):
        return published[:10], 3
    return None, None


@cache
def _gazetteer() -> Gazetteer:
    return Gazetteer()


def _geo_precision(record: Record, event: Event) -> int | None:
    """ACLED's geo precision of the event's place (1 town, 2 district, 3 region or larger), from the gazetteer."""
    place = event.place
    if place is None:
        return None
    geonameid = next((p.geonameid for p in record.places if p.name.casefold() == place.name.casefold()
                      and p.geonameid is not None), None)
    candidate = _gazetteer().get(geonameid) if geonameid is not None else None
    if candidate is not None:
        return candidate.precision
    if place.country and place.name.casefold() == country_name(place.country).casefold():
        return 3
    return None


def _tags(event: Event) -> str:
    tags: list[str] = []
    fatalities = event.fatalities
    if fatalities and fatalities.min is not None and fatalities.max is not None and fatalities.max != fatalities.min:
        tags.append(f"fatalities range={fatalities.min}-{fatalities.max}")
    if fatalities and fatalities.approximate:
        tags.append("fatalities approximate")
    if event.injured and event.injured.min is not None:
        tags.append(f"injured={event.injured.min}")
    return _LIST_SEPARATOR.join(tags)
