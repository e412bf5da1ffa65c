"""The JSON API under /api: thin routes that parse, call the store and return its typed models."""
from __future__ import annotations

from typing import TypeVar

from fastapi import APIRouter, HTTPException

from wirewatch.store.models import (
    ArticleSummary,
    EntityProfile,
    EntitySummary,
    EventRow,
    Page,
    PlaceSummary,
    QuoteRow,
    SearchHit,
    StoredArticle,
    StoreStats,
)
from wirewatch.web.params import FiltersDep, PageDep, StoreDep

router = APIRouter(prefix="/api", tags=["read"])

T = TypeVar("T")


@router.get("/stats")
def stats(store: StoreDep) -> StoreStats:
    """How much the store holds."""
    return store.stats()


@router.get("/articles")
def list_articles(store: StoreDep, where: FiltersDep, page: PageDep) -> Page[ArticleSummary]:
    """Articles, newest first, narrowed by the search filters."""
    return store.list_articles(where, page)


@router.get("/articles/{key}", responses={404: {"description": "No such article."}})
def get_article(store: StoreDep, key: str) -> StoredArticle:
    """One article: its current record (wirewatch.record/1), story, versions and near-duplicates."""
    return found(store.get_article(key), f"no article {key!r}")


@router.get("/entities")
def list_entities(store: StoreDep, where: FiltersDep, page: PageDep) -> Page[EntitySummary]:
    """Entities merged across articles."""
    return store.list_entities(where, page)


@router.get("/entities/{key}", responses={404: {"description": "No such entity."}})
def get_entity(store: StoreDep, key: str) -> EntityProfile:
    """One entity: aliases, roles, articles, quotes by and about it, events and relations."""
    return found(store.get_entity(key), f"no entity {key!r}")


@router.get("/quotes")
def list_quotes(store: StoreDep, where: FiltersDep, page: PageDep) -> Page[QuoteRow]:
    """Quotes with their speakers and articles."""
    return store.list_quotes(where, page)


@router.get("/events")
def list_events(store: StoreDep, where: FiltersDep, page: PageDep) -> Page[EventRow]:
    """Events with their articles."""
    return store.list_events(where, page)


@router.get("/places")
def list_places(store: StoreDep, where: FiltersDep, page: PageDep) -> Page[PlaceSummary]:
    """Places aggregated over the articles and events that name them."""
    return store.list_places(where, page)


@router.get("/search")
def search(store: StoreDep, where: FiltersDep, page: PageDep) -> Page[SearchHit]:
    """Articles, quotes and events matching the filters of ``wirewatch search``, best first."""
    return store.search(where, page)


def found(value: T | None, message: str) -> T:
    """Return `value`, or raise a 404 with `message` when the store had nothing."""
    if value is None:
        raise HTTPException(404, message)
    return value
