"""The article record (wirewatch.record/1): the public contract of the CLI, API and exports.

See ``../shared/docs/record-format.md``. Every part of wirewatch reads and writes these
models; nothing passes half-built dicts around. Offsets (``start``/``end``) index
``Record.text``, the paragraphs joined by one blank line.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

RECORD_FORMAT = "wirewatch.record/1"
PARAGRAPH_SEPARATOR = "\n\n"

EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"]
QuoteType = Literal["direct", "indirect", "partial", "mixed"]
Certainty = Literal["confirmed", "reported", "alleged", "claimed", "denied", "hypothetical"]
PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE", "DEMAND",
    "DISAPPROVE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "CRIME", "MOBILIZE", "COERCE", "ASSAULT",
]
RemovalReason = Literal[
    "boilerplate", "duplicate", "url", "navigation", "footer", "about_author", "caption", "byline",
    "dateline", "headline", "standfirst", "publisher", "empty", "other",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Mention(_Model):
    """A span of the clean text that names something."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Removed(_Model):
    """A piece of the input that cleaning dropped or routed out of the body, and why."""

    text: str
    reason: RemovalReason


class Entity(_Model):
    """One real-world entity with its canonical name and every mention of it."""

    id: str
    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    wikidata: str | None = None
    mentions: list[Mention] = Field(default_factory=list)


class Speaker(_Model):
    """Who a quote is attributed to: canonical name, entity id and the words that name them."""

    name: str | None = None
    entity: str | None = None
    mention: Mention | None = None


class Quote(_Model):
    """A direct, indirect, partial or mixed quotation with its speaker and cue."""

    text: str
    type: QuoteType
    speaker: Speaker | None = None
    cue: str | None = None
    channel: str | None = None
    addressee: str | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class AcledType(_Model):
    """ACLED's event type and sub-event type, where its codebook applies."""

    event_type: str
    sub_event_type: str | None = None


class PlaceRef(_Model):
    """A geocoded place as an event refers to it."""

    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None


class DateRange(_Model):
    """When something happened, as the interval the text allows."""

    earliest: str | None = None
    latest: str | None = None
    text: str | None = None


class Fatalities(_Model):
    """A count of people, as a range, flagged when the text hedges it ("some 30")."""

    min: int | None = None
    max: int | None = None
    approximate: bool = False


class Event(_Model):
    """Who did what to whom, where and when, with the sentence it came from."""

    type: PloverType
    acled: AcledType | None = None
    actors: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    claimed_by: list[str] = Field(default_factory=list)
    place: PlaceRef | None = None
    date: DateRange | None = None
    fatalities: Fatalities | None = None
    injured: Fatalities | None = None
    certainty: Certainty = "reported"
    reported_by: str | None = None
    evidence: str
    # Where in `text` the act, its place and its date are named, so a reader can check each against the source.
    trigger: Mention | None = None
    place_mention: Mention | None = None
    date_mention: Mention | None = None
    # For a statement that is an act (a criticism, a demand...): the medium, and the index of its quote in `quotes`.
    channel: str | None = None
    quote: int | None = Field(default=None, ge=0)


class Place(_Model):
    """A place the article names, geocoded offline, with its mentions."""

    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    mentions: list[Mention] = Field(default_factory=list)


class Time(_Model):
    """A time expression normalized to a TIMEX3-style value, with the interval it allows."""

    text: str
    value: str | None = None
    type: Literal["DATE", "TIME", "DURATION", "SET"] | None = None
    mod: str | None = None
    earliest: str | None = None
    latest: str | None = None
    granularity: str | None = None
    rule: str | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Relation(_Model):
    """A fact linking two entities (offshoot_of, role, claimed_responsibility...)."""

    subject: str
    predicate: str
    object: str
    evidence: str


class Record(_Model):
    """What wirewatch knows about one article."""

    format: Literal["wirewatch.record/1"] = RECORD_FORMAT
    id: str
    source_id: str
    url: str | None = None
    title: str | None = None
    standfirst: str | None = None
    publisher: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    language: str | None = None
    image_captions: list[str] = Field(default_factory=list)
    paragraphs: list[str] = Field(default_factory=list)
    text: str = ""
    removed: list[Removed] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)


def record_id(text: str) -> str:
    """Return the stable record id: sha1 of the clean text, NFKC-normalized and whitespace-folded."""
    normalized = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()


def record_json_schema() -> dict:
    """Return the JSON Schema of the record, as `wirewatch schema` prints it."""
    return Record.model_json_schema()
