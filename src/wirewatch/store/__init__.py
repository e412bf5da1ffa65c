"""The store: records kept in SQLite (default, FTS5) or PostgreSQL (tsvector), searchable across articles.

One `Store` with plain SQL. `open_store()` picks the backend from its argument and applies migrations::

    with open_store("wirewatch.db") as store:
        result = store.add(record)            # IngestResult: new / unchanged / new_version / duplicate
        page = store.search(Filters(text="convoy", type="quote"), PageRequest(limit=20))

Articles are keyed by the record id of their first version; `get_article` also accepts the record id of
any later version. Entities, places and stories get keys that stay stable across articles.
"""
from wirewatch.store.models import (
    ArticleSummary,
    EntityProfile,
    EntityRelation,
    EntitySummary,
    EventRow,
    Filters,
    IngestResult,
    IngestStatus,
    Page,
    PageRequest,
    PlaceSummary,
    QuoteRow,
    SearchHit,
    SearchKind,
    StoredArticle,
    StoreStats,
    VersionInfo,
)
from wirewatch.store.store import DEFAULT_DB, Store, StoreError, open_store, raw_hash

__all__ = [
    "DEFAULT_DB", "ArticleSummary", "EntityProfile", "EntityRelation", "EntitySummary", "EventRow", "Filters",
    "IngestResult", "IngestStatus", "Page", "PageRequest", "PlaceSummary", "QuoteRow", "SearchHit", "SearchKind",
    "Store", "StoreError", "StoreStats", "StoredArticle", "VersionInfo", "open_store", "raw_hash",
]
