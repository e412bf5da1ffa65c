"""GeoJSON export (RFC 7946): a FeatureCollection with a Point per located event and per located place.

Positions are [longitude, latitude] in WGS 84, as RFC 7946 orders them, rounded to six decimals (about 10 cm,
the precision it recommends). Events and places without coordinates, or with coordinates out of range, are left
out: a feature without a position cannot be drawn on a map.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from wirewatch.record import Event, Place, PlaceRef, Record

COORDINATE_DECIMALS = 6


def write_geojson(records: Iterable[Record], out: TextIO) -> int:
    """Write one FeatureCollection of every record's events and places; return the number of features."""
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for record in records:
        for feature in record_features(record):
            out.write(("," if count else "") + "\n" + json.dumps(feature, ensure_ascii=False))
            count += 1
    out.write("\n]}\n")
    return count


def record_features(record: Record) -> Iterator[dict[str, Any]]:
    """Yield the GeoJSON Features of one record: its located events first, then its located places."""
    for index, event in enumerate(record.events, start=1):
        where = event.place
        point = _point(where.lon, where.lat) if where else None
        if where and point:
            yield {"type": "Feature", "id": f"{record.id}/event/{index}", "geometry": point,
                   "properties": _article_properties(record) | _event_properties(record, event, where)}
    for index, place in enumerate(record.places, start=1):
        point = _point(place.lon, place.lat)
        if point:
            yield {"type": "Feature", "id": f"{record.id}/place/{index}", "geometry": point,
                   "properties": _article_properties(record) | _place_properties(record, place)}


def valid_position(lat: float | None, lon: float | None) -> bool:
    """True when both coordinates are given, finite and in range for WGS 84."""
    if lon is None or lat is None or not (math.isfinite(lon) and math.isfinite(lat)):
        return False
    return -180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0


def _point(lon: float | None, lat: float | None) -> dict[str, Any] | None:
    if lon is None or lat is None or not valid_position(lat, lon):
        return None
    return {"type": "Point", "coordinates": [round(lon, COORDINATE_DECIMALS), round(lat, COORDINATE_DECIMALS)]}


def _article_properties(record: Record) -> dict[str, Any]:
    return {"article_id": record.id, "title": record.title, "url": record.url, "publisher": record.publisher,
            "published": record.published}


def _event_properties(record: Record, event: Event, place: PlaceRef) -> dict[str, Any]:
    fatalities = event.fatalities
    return {
        "kind": "event",
        "type": event.type,
        "event_type": event.acled.event_type if event.acled else None,
        "sub_event_type": event.acled.sub_event_type if event.acled else None,
        "name": place.name,
        "names": [place.name],
        "country": place.country,
        "admin1": place.admin1,
        # The event's own date where the text gives one, else the article's.
        "date": event.date.earliest if event.date and event.date.earliest else record.published,
        "date_latest": event.date.latest if event.date else None,
        "date_text": event.date.text if event.date else None,
        "actors": event.actors,
        "targets": event.targets,
        "claimed_by": event.claimed_by,
        "fatalities_min": fatalities.min if fatalities else None,
        "fatalities_max": fatalities.max if fatalities else None,
        "certainty": event.certainty,
        "reported_by": event.reported_by,
        "evidence": event.evidence,
    }


def _place_properties(record: Record, place: Place) -> dict[str, Any]:
    names = list(dict.fromkeys([place.name, *(mention.text for mention in place.mentions)]))
    return {
        "kind": "place",
        "name": place.name,
        "names": names,
        "country": place.country,
        "admin1": place.admin1,
        "geonameid": place.geonameid,
        "mentions": len(place.mentions),
        "date": record.published,
    }
