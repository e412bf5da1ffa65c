"""STIX 2.1 export: a bundle with a report per article and the people, groups, places, relations and quotes in it.

Mapping (built with the stix2 library, so every object is valid STIX 2.1 without custom properties):

- article -> ``report`` whose ``object_refs`` list everything below that the article mentions;
- person -> ``identity`` (individual); organisation -> ``identity`` (organization); an organisation or group the
  knowledge base knows as an armed group -> ``threat-actor``; a name the record knows nothing else about ->
  ``identity`` (unknown);
- place -> ``location``;
- event -> ``relationship`` actor -> target (``targets`` where STIX defines it: a threat actor targeting an
  identity or location; ``related-to`` otherwise) and actor -> place (``located-at``), each described with the
  PLOVER type, ACLED type, date and evidence sentence;
- relation -> ``relationship`` (the STIX type where one fits, else ``related-to`` naming the predicate); a
  relation whose object is plain text rather than a person, group or place has nothing to point at and is left out;
- quote -> ``note`` whose ``object_refs`` are the report and the speaker.

Ids are UUIDv5 of the content (a person's id from their name, a report's from the record id), and timestamps
come from the article, so exporting the same records twice gives the same bundle byte for byte. A person or group
named in several articles is one object, written once.
"""
from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TextIO, TypeAlias

from stix2.v21 import Identity, Location, Note, Relationship, Report, ThreatActor

from wirewatch.export.geojson import valid_position
from wirewatch.export.timestamps import parse_timestamp
from wirewatch.nlp.kb import default_kb, normalize_name
from wirewatch.record import Event, Place, PlaceRef, Quote, Record

StixObject: TypeAlias = Identity | Location | Note | Relationship | Report | ThreatActor

# A fixed namespace: the same content always gives the same id, in any export, on any machine.
WIREWATCH_NAMESPACE = uuid.UUID("6b0f8a52-3c1e-5d4b-9a7e-2f5c8d1e0b39")
# Objects shared across articles (people, groups, places) must not change with the article they were first met
# in, so they carry one fixed timestamp rather than an article's date.
SHARED_TIMESTAMP = datetime(1970, 1, 1, tzinfo=UTC)

_ENTITY_CLASSES = {"PERSON": "individual", "ORG": "organization", "NORP": "group"}
# STIX 2.1's relationship types, by (source type, predicate, target type); anything else is "related-to".
_STIX_RELATIONSHIPS = {
    ("threat-actor", "targets", "identity"): "targets",
    ("threat-actor", "targets", "location"): "targets",
    ("threat-actor", "located-at", "location"): "located-at",
    ("identity", "located-at", "location"): "located-at",
    ("threat-actor", "attributed-to", "identity"): "attributed-to",
}
# Record predicates that name a STIX relationship type.
_PREDICATES = {"targets": "targets", "targeted": "targets", "attacked": "targets", "located_in": "located-at",
               "located_at": "located-at", "based_in": "located-at", "attributed_to": "attributed-to"}


def stix_id(stix_type: str, *parts: str) -> str:
    """Return a deterministic STIX id for an object of `stix_type` identified by `parts`."""
    return f"{stix_type}--{uuid.uuid5(WIREWATCH_NAMESPACE, '|'.join((stix_type, *parts)))}"


PRODUCER_ID = stix_id("identity", "system", "wirewatch")


def write_stix(records: Iterable[Record], out: TextIO) -> int:
    """Write one STIX 2.1 bundle of every record; return the number of objects in it.

    The bundle is written object by object; its id, a digest of the report ids, comes last.
    """
    digest = hashlib.sha256()
    out.write('{"type": "bundle", "objects": [')
    count = 0
    for obj in _bundle_objects(records):
        if obj.type == "report":
            digest.update(obj.id.encode())
        out.write(("," if count else "") + "\n" + obj.serialize())
        count += 1
    bundle_id = f"bundle--{uuid.uuid5(WIREWATCH_NAMESPACE, digest.hexdigest())}"
    out.write(f'\n], "id": "{bundle_id}"}}\n')
    return count


def _bundle_objects(records: Iterable[Record]) -> Iterator[StixObject]:
    """Yield the producer identity, then each article's objects; an object shared by articles comes once."""
    seen: set[str] = set()
    producer = Identity(id=PRODUCER_ID, name="wirewatch", identity_class="system",
                        description="Objects extracted from news articles by wirewatch.",
                        created=SHARED_TIMESTAMP, modified=SHARED_TIMESTAMP)
    seen.add(producer.id)
    yield producer
    for record in records:
        builder = _ArticleObjects(record)
        builder.build()
        for obj in builder.objects.values():
            if obj.id not in seen:
                seen.add(obj.id)
                yield obj


@dataclass
class _ArticleObjects:
    """The STIX objects of one article, built in dependency order (what is referred to comes first)."""

    record: Record
    objects: dict[str, StixObject] = field(default_factory=dict)  # by id, in the order they were made
    by_name: dict[str, StixObject] = field(default_factory=dict)
    by_entity_id: dict[str, StixObject] = field(default_factory=dict)

    @property
    def report_id(self) -> str:
        return stix_id("report", self.record.id)

    @property
    def timestamp(self) -> datetime:
        return parse_timestamp(self.record.updated or self.record.published) or SHARED_TIMESTAMP

    def build(self) -> None:
        # Places first, so that an event target or relation object that names a place points at its location.
        for place in self.record.places:
            self._location(place)
        for entity in self.record.entities:
            if entity.type in _ENTITY_CLASSES:
                party = self._party(entity.name, _ENTITY_CLASSES[entity.type])
                self.by_entity_id[entity.id] = party
                for alias in entity.aliases:
                    self.by_name.setdefault(normalize_name(alias), party)
        for index, event in enumerate(self.record.events, start=1):
            self._event_relationships(index, event)
        for relation in self.record.relations:
            source = self.by_name.get(normalize_name(relation.subject))
            target = self.by_name.get(normalize_name(relation.object))
            if source is not None and target is not None and source.id != target.id:
                wanted = _PREDICATES.get(relation.predicate.casefold(), relation.predicate)
                self._relationship(source, wanted, target,
                                   f"{relation.subject} {relation.predicate.replace('_', ' ')} {relation.object}: "
                                   f"{relation.evidence}")
        for index, quote in enumerate(self.record.quotes, start=1):
            if quote.text.strip():
                self._note(index, quote)
        if self.record.publisher:
            self._party(self.record.publisher, "organization")
        self._add(Report(
            id=self.report_id,
            name=self.record.title or self.record.source_id,
            description=self.record.standfirst,
            report_types=["threat-report"],
            published=parse_timestamp(self.record.published) or self.timestamp,
            object_refs=list(self.objects) or [PRODUCER_ID],
            external_references=[{"source_name": self.record.publisher or "article", "external_id": self.record.id,
                                  **({"url": self.record.url} if self.record.url else {})}],
            **self._provenance(),
        ))

    def _note(self, index: int, quote: Quote) -> None:
        """A quote as a note on the report and on its speaker."""
        speaker = quote.speaker
        speaker_obj = None
        if speaker is not None:
            speaker_obj = (self.by_entity_id.get(speaker.entity or "")
                           or (self._party(speaker.name, "unknown") if speaker.name else None))
        said_by = speaker.name if speaker and speaker.name else "an unidentified speaker"
        cue = f" ({quote.cue})" if quote.cue else ""
        self._add(Note(id=stix_id("note", self.record.id, str(index), quote.text), content=quote.text,
                       abstract=f"{quote.type.capitalize()} quote by {said_by}{cue}",
                       object_refs=[self.report_id] + ([speaker_obj.id] if speaker_obj is not None else []),
                       **self._provenance()))

    def _provenance(self) -> dict:
        return {"created_by_ref": PRODUCER_ID, "created": self.timestamp, "modified": self.timestamp}

    def _add(self, obj: StixObject) -> StixObject:
        return self.objects.setdefault(obj.id, obj)

    def _party(self, name: str, identity_class: str) -> StixObject:
        """The threat actor or identity a name stands for, made once per article."""
        key = normalize_name(name)
        if key in self.by_name:
            return self.by_name[key]
        row = default_kb().lookup(name, types=("ORG", "NORP")) if identity_class != "individual" else None
        shared = {"created_by_ref": PRODUCER_ID, "created": SHARED_TIMESTAMP, "modified": SHARED_TIMESTAMP}
        if row is not None and row.get("kind") == "armed_group":
            party: StixObject = ThreatActor(id=stix_id("threat-actor", row["id"]), name=row["name"],
                                           aliases=row.get("aliases") or None, **shared)
        else:
            party = Identity(id=stix_id("identity", identity_class, key), name=name, identity_class=identity_class,
                             **shared)
        self.by_name[key] = party
        return self._add(party)

    def _location(self, place: Place | PlaceRef) -> StixObject | None:
        """The location object of a place, or None when it has neither coordinates nor a country."""
        key = normalize_name(place.name)
        if key in self.by_name and self.by_name[key].type == "location":
            return self.by_name[key]
        located = valid_position(place.lat, place.lon)
        if not located and not place.country:
            return None
        geonameid = getattr(place, "geonameid", None)
        identity = (str(geonameid),) if geonameid is not None else (key, str(place.lat), str(place.lon),
                                                                    place.country or "")
        location = Location(id=stix_id("location", *identity), name=place.name,
                            latitude=place.lat if located else None, longitude=place.lon if located else None,
                            country=place.country, administrative_area=place.admin1,
                            created_by_ref=PRODUCER_ID, created=SHARED_TIMESTAMP, modified=SHARED_TIMESTAMP)
        self.by_name.setdefault(key, location)
        return self._add(location)

    def _event_relationships(self, index: int, event: Event) -> None:
        acled = ""
        if event.acled:
            acled = f", ACLED {event.acled.event_type}"
            if event.acled.sub_event_type:
                acled += f" / {event.acled.sub_event_type}"
        when = f" on {event.date.earliest}" if event.date and event.date.earliest else ""
        summary = f"{event.type} ({event.certainty}{acled}){when}: {event.evidence}"
        actors = [self._party(name, "unknown") for name in event.actors]
        for actor in actors:
            for target in (self._party(name, "unknown") for name in event.targets):
                if actor.id != target.id:
                    self._relationship(actor, "targets", target, summary, str(index))
        place = self._location(event.place) if event.place else None
        if place is not None:
            for actor in actors:
                self._relationship(actor, "located-at", place, summary, str(index))

    def _relationship(self, source: StixObject, wanted: str, target: StixObject, description: str,
                      *key: str) -> None:
        """Relate two objects with the STIX type `wanted` where STIX defines it, else with ``related-to``."""
        kind = _STIX_RELATIONSHIPS.get((source.type, wanted, target.type), "related-to")
        self._add(Relationship(id=stix_id("relationship", self.record.id, source.id, kind, target.id, *key),
                               relationship_type=kind, source_ref=source.id, target_ref=target.id,
                               description=description, **self._provenance()))
