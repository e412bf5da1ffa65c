"""GeoJSON export: an RFC 7946 FeatureCollection of located events and places, longitude first."""
from __future__ import annotations

import io
import json
import math

from wirewatch.export import export_records
from wirewatch.record import Record


def _collection(records: list[Record]) -> tuple[int, dict]:
    out = io.StringIO()
    count = export_records(records, "geojson", out)
    return count, json.loads(out.getvalue())


def _assert_valid_feature_collection(collection: dict) -> None:
    """The parts of RFC 7946 the export relies on: Point features with [lon, lat] positions in range."""
    assert collection["type"] == "FeatureCollection"
    ids = [feature["id"] for feature in collection["features"]]
    assert len(ids) == len(set(ids))
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert math.isfinite(lon) and math.isfinite(lat)
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_events_and_places_become_points_longitude_first(event_records: list[Record]) -> None:
    count, collection = _collection(event_records)
    _assert_valid_feature_collection(collection)
    features = collection["features"]
    assert count == len(features) == 4  # 2 located events + 2 located places; 3 unlocated or out of range
    kinds = [(f["properties"]["kind"], f["properties"]["name"]) for f in features]
    assert kinds == [("event", "Lakeview"), ("place", "Lakeview"), ("event", "Northport"), ("place", "Northport")]
    # Northport is at lat 48.5, lon 120.25: in [lat, lon] order the first number would be out of range.
    northport = features[2]
    assert northport["geometry"]["coordinates"] == [120.25, 48.5]
    assert features[0]["geometry"]["coordinates"] == [-60.5, -33.25]


def test_feature_properties_say_what_where_when_and_from_which_article(event_records: list[Record]) -> None:
    _, collection = _collection(event_records)
    event, place = collection["features"][:2]
    market = event_records[0]
    assert {key: event["properties"][key] for key in ("article_id", "type", "event_type", "date", "actors",
                                                      "fatalities_min", "certainty", "country")} == {
        "article_id": market.id, "type": "ASSAULT", "event_type": "Violence against civilians",
        "date": "2026-02-03", "actors": ["Khmer Issarak", "unidentified gunmen"], "fatalities_min": 12,
        "certainty": "reported", "country": "AR"}
    assert place["properties"]["names"] == ["Lakeview"] and place["properties"]["mentions"] == 1
    assert place["properties"]["date"] == "2026-02-03" and place["properties"]["article_id"] == market.id
    # An event without its own date carries the article's.
    _, later = _collection([event_records[1].model_copy(update={"events": [
        event_records[1].events[0].model_copy(update={"date": None})]})])
    assert later["features"][0]["properties"]["date"] == "2026-03-15"


def test_sample_places_are_valid_points(sample_records: list[Record]) -> None:
    count, collection = _collection(sample_records)
    _assert_valid_feature_collection(collection)
    places = [p for r in sample_records for p in r.places if p.lat is not None and p.lon is not None]
    events = [e for r in sample_records for e in r.events
              if e.place is not None and e.place.lat is not None and e.place.lon is not None]
    assert count == len(places) + len(events) and places
    by_id = {f["id"]: f for f in collection["features"]}
    for record in sample_records:
        for index, place in enumerate(record.places, start=1):
            feature = by_id.get(f"{record.id}/place/{index}")
            if feature:
                assert feature["geometry"]["coordinates"] == [round(place.lon, 6), round(place.lat, 6)]


def test_empty_export_is_an_empty_collection() -> None:
    count, collection = _collection([])
    assert count == 0 and collection == {"type": "FeatureCollection", "features": []}
