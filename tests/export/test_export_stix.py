"""STIX 2.1 export: a bundle that re-parses without custom content, whose references all resolve."""
from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import stix2

from wirewatch.export import export_records
from wirewatch.record import Record


def _bundle_text(records: list[Record]) -> tuple[int, str]:
    out = io.StringIO()
    count = export_records(records, "stix", out)
    return count, out.getvalue()


def _refs(value: Any, key: str = "") -> Iterator[str]:
    """Every id an object refers to (properties ending in _ref or _refs), at any depth."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _refs(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item, key)
    elif isinstance(value, str) and key.endswith(("_ref", "_refs")):
        yield value


def _parse(text: str) -> dict[str, dict]:
    bundle = stix2.parse(text, allow_custom=False)
    assert bundle.type == "bundle"
    objects = json.loads(text)["objects"]
    by_id = {obj["id"]: obj for obj in objects}
    assert len(by_id) == len(objects), "an object is written twice"
    dangling = {ref for obj in objects for ref in _refs(obj) if ref not in by_id}
    assert not dangling
    return by_id


def test_bundle_of_constructed_records_maps_people_groups_places_events_and_quotes(
        event_records: list[Record]) -> None:
    count, text = _bundle_text(event_records)
    by_id = _parse(text)
    assert count == len(by_id)
    objects = list(by_id.values())

    def of_type(kind: str) -> list[dict]:
        return [o for o in objects if o["type"] == kind]

    reports = of_type("report")
    assert [r["external_references"][0]["external_id"] for r in reports] == [r.id for r in event_records]
    market_report = reports[0]
    assert market_report["name"] == "=Market attack in Lakeview"
    assert market_report["published"] == "2026-02-03T00:00:00Z"

    [group] = of_type("threat-actor")
    assert group["name"] == "Khmer Issarak"  # an armed group in the knowledge base
    people = {o["name"]: o for o in of_type("identity")}
    assert people["Mara Venn"]["identity_class"] == "individual"
    assert people["Lakeview Traders Union"]["identity_class"] == "organization"
    assert people["Example Herald"]["identity_class"] == "organization"  # the publisher
    # Mara Venn is in both articles: one object, referred to by both reports.
    venn = people["Mara Venn"]["id"]
    assert all(venn in r["object_refs"] for r in reports)

    relationships = {(by_id[r["source_ref"]]["name"], r["relationship_type"], by_id[r["target_ref"]]["name"])
                     for r in of_type("relationship")}
    assert ("Khmer Issarak", "targets", "Lakeview Traders Union") in relationships
    assert ("Khmer Issarak", "targets", "-traders") in relationships
    assert ("Khmer Issarak", "located-at", "Lakeview") in relationships
    # An identity cannot "target" in STIX: the unidentified gunmen are only related to their targets.
    assert ("unidentified gunmen", "related-to", "Lakeview Traders Union") in relationships
    assert ("Northport residents", "located-at", "Northport") in relationships
    descriptions = sorted(r["description"] for r in of_type("relationship") if r["relationship_type"] == "targets")
    # The record's relation, and the event's actor -> target pairs described with the event.
    assert descriptions[0].startswith("ASSAULT (reported, ACLED Violence against civilians / Attack) on 2026-02-03:")
    assert descriptions[-1].startswith("Khmer Issarak targets Lakeview Traders Union: ")

    locations = {o["name"]: o for o in of_type("location")}
    assert (locations["Lakeview"]["latitude"], locations["Lakeview"]["longitude"]) == (-33.25, -60.5)
    assert locations["Nowhere Bay"]["country"] == "AR" and "latitude" not in locations["Nowhere Bay"]

    [note] = of_type("note")
    assert note["content"] == "They came at dawn"
    assert note["object_refs"] == [market_report["id"], venn]
    assert note["id"] in market_report["object_refs"]


def test_re_export_is_byte_identical(event_records: list[Record]) -> None:
    assert _bundle_text(event_records)[1] == _bundle_text(event_records)[1]
    # The bundle id follows the content: another selection of articles is another bundle.
    first = json.loads(_bundle_text(event_records)[1])["id"]
    assert first != json.loads(_bundle_text(event_records[:1])[1])["id"]


def test_bundle_of_samples_re_parses(sample_records: list[Record]) -> None:
    _, text = _bundle_text(sample_records)
    by_id = _parse(text)
    reports = [o for o in by_id.values() if o["type"] == "report"]
    assert len(reports) == len(sample_records)
    quotes = sum(1 for r in sample_records for q in r.quotes if q.text.strip())
    assert sum(1 for o in by_id.values() if o["type"] == "note") == quotes


def test_empty_export_is_a_bundle_with_the_producer_only() -> None:
    count, text = _bundle_text([])
    by_id = _parse(text)
    assert count == 1 and [o["name"] for o in by_id.values()] == ["wirewatch"]
