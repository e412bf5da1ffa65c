"""What the store hands back: typed views over stored records, shared by the CLI, the web app and exports."""
from __future__ import annotations

from datetime import date, datetime
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from wirewatch.record import Event, Quote, Record

T = TypeVar("T")

IngestStatus = Literal["new", "unchanged", "updated", "new_version", "duplicate", "copy"]
SearchKind = Literal["article", "quote", "event"]

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class _StoreModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Filters(_StoreModel):
    """What a listing or search is narrowed to; every field is optional and they combine with AND.

    `since`/`until` are ISO dates (``2026-05-17``) or datetimes compared with the article's published date
    (for events: the event's date when known). `near` is (lat, lon) and `km` the radius around it.
    `entity` is an entity key or a name/alias (case-insensitive); `entity_type` narrows entity listings.
    """

    text: str | None = None
    entity: str | None = None
    type: SearchKind | None = None
    since: str | None = None
    until: str | None = None
    near: tuple[float, float] | None = None
    km: float = Field(default=25.0, gt=0)
    publisher: str | None = None
    entity_type: str | None = None

    @field_validator("since", "until")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            (date.fromisoformat if len(value) == 10 else datetime.fromisoformat)(value)
        except ValueError:
            raise ValueError(f"not an ISO date or datetime (YYYY-MM-DD[THH:MM]): {value!r}") from None
        return value


class PageRequest(_StoreModel):
    """Which slice of a listing to return."""

    limit: int = Field(default=DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
    offset: int = Field(default=0, ge=0)


class Page(_StoreModel, Generic[T]):
    """One slice of a listing and the size of the whole listing."""

    items: list[T]
    total: int
    total_exact: bool = True
    """False when the listing holds more than its count went to, and `total` is that cap."""
    limit: int
    offset: int


class IngestResult(_StoreModel):
    """What `Store.add` did with a record.

    status: ``new`` (first time this article is seen), ``unchanged`` (this exact record is stored already),
    ``updated`` (same text re-extracted into a different record, e.g. with NLP: the stored record is replaced),
    ``new_version`` (same URL or source id, changed text: kept as the article's current version),
    ``duplicate`` (a new article that is a near-duplicate of a stored one and joined its story) or ``copy`` (the
    same text from another URL or source: recorded among the stored article's copies).
    """

    status: IngestStatus
    article: str
    record_id: str
    version: int
    story_id: str


class VersionInfo(_StoreModel):
    """One stored version of an article; the highest number is the current one."""

    version: int
    record_id: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    stored_at: str


class ArticleSummary(_StoreModel):
    """One article as a listing shows it."""

    key: str
    record_id: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    story_id: str
    versions: int
    entities: int
    quotes: int
    events: int


class ArticleCopy(_StoreModel):
    """Another URL or source the same text was stored from (a syndicated story)."""

    url: str | None = None
    source: str | None = None
    publisher: str | None = None
    published: str | None = None
    stored_at: str


class StoredArticle(_StoreModel):
    """An article's current record with its story, versions, exact copies elsewhere and near-duplicates."""

    key: str
    record: Record
    story_id: str
    versions: list[VersionInfo]
    copies: list[ArticleCopy] = Field(default_factory=list)
    related: list[ArticleSummary] = Field(default_factory=list)


class QuoteRow(_StoreModel):
    """A quote with the article it came from; `speaker_key` is the speaker's entity key across the store."""

    article: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    speaker_key: str | None = None
    quote: Quote


class EventRow(_StoreModel):
    """An event with the article it came from."""

    article: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    event: Event


class EntitySummary(_StoreModel):
    """An entity merged across articles, with how often it appears."""

    key: str
    name: str
    type: str
    wikidata: str | None = None
    articles: int
    mentions: int


class EntityRelation(_StoreModel):
    """A relation that involves the entity, with the article it came from."""

    article: str
    subject: str
    predicate: str
    object: str
    evidence: str


class EntityProfile(_StoreModel):
    """Everything the store knows about one entity across articles."""

    key: str
    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    wikidata: str | None = None
    articles: list[ArticleSummary]
    quotes_by: list[QuoteRow]
    quotes_about: list[QuoteRow]
    events: list[EventRow]
    relations: list[EntityRelation]


class PlaceSummary(_StoreModel):
    """A place aggregated over the articles and events that name it."""

    key: str
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    articles: int
    events: int


class SearchHit(_StoreModel):
    """One search result: an article, quote or event, with a snippet and its article.

    `score` is higher for a better match; it ranks hits within one search, it is not comparable across stores.
    """

    kind: SearchKind
    article: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    snippet: str
    score: float
    quote: Quote | None = None
    event: Event | None = None


class StoreStats(_StoreModel):
    """How much the store holds."""

    backend: Literal["sqlite", "postgresql"]
    articles: int
    versions: int
    stories: int
    entities: int
    quotes: int
    events: int
    places: int
    schema_version: int
