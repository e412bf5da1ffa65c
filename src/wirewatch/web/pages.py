"""The HTML pages: each is the twin of a JSON route, rendered server-side from the same store call."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote as url_quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from wirewatch.record import Entity, Record
from wirewatch.store import Filters, PageRequest, Store
from wirewatch.store.models import MAX_PAGE_SIZE, EntityProfile, EventRow, PlaceSummary, QuoteRow, SearchHit
from wirewatch.web.api import found
from wirewatch.web.highlight import highlight_record, quote_speaker
from wirewatch.web.params import FiltersDep, PageDep, StoreDep

router = APIRouter(include_in_schema=False)

TIMELINE_LIMIT = MAX_PAGE_SIZE
_FACET_SIZE = 10


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated line of a timeline: an event or a quote, and its article."""

    date: str | None
    kind: str
    label: str
    article: str
    title: str | None


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One value of a search facet: its count and the URL that adds (or, when selected, removes) it."""

    label: str
    count: int
    url: str
    selected: bool


@dataclass(frozen=True, slots=True)
class Facet:
    """A search facet: a title and its values, most frequent first."""

    title: str
    values: list[FacetValue]


def _render(request: Request, template: str, json_url: str | None, **context: Any) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, {"json_url": json_url, **context})


def _json_twin(request: Request, path: str) -> str:
    query = request.url.query
    return f"{path}?{query}" if query else path


@router.get("/", response_class=HTMLResponse, name="home")
def home(request: Request, store: StoreDep, where: FiltersDep, page: PageDep) -> HTMLResponse:
    """The articles, newest first, with the store's size."""
    return _render(request, "index.html", _json_twin(request, "/api/articles"), stats=store.stats(),
                   page=store.list_articles(where, page), page_url=request.url.include_query_params)


@router.get("/articles/{key}", response_class=HTMLResponse, name="article_page")
def article_page(request: Request, store: StoreDep, key: str) -> HTMLResponse:
    """One article: clean text with quotes, entities, places and times marked, and its side panels."""
    article = found(store.get_article(key), f"no article {key!r}")
    entity_link = _entity_linker(request, store, article.record)
    highlighted = highlight_record(article.record, entity_link,
                                   lambda name: f"{request.app.url_path_for('map_page')}#{url_quote(name)}")
    return _render(request, "article.html", f"/api/articles/{url_quote(key)}", article=article,
                   record=article.record, highlighted=highlighted, entity_link=entity_link,
                   points=_record_points(article.record))


@router.get("/entities", response_class=HTMLResponse, name="entities_page")
def entities_page(request: Request, store: StoreDep, where: FiltersDep, page: PageDep) -> HTMLResponse:
    """Entities merged across articles."""
    return _render(request, "entities.html", _json_twin(request, "/api/entities"), where=where,
                   page=store.list_entities(where, page), page_url=request.url.include_query_params)


@router.get("/entities/{key}", response_class=HTMLResponse, name="entity_page")
def entity_page(request: Request, store: StoreDep, key: str) -> HTMLResponse:
    """One entity: aliases, roles, quotes by and about it, events, relations and a timeline."""
    entity = found(store.get_entity(key), f"no entity {key!r}")
    return _render(request, "entity.html", f"/api/entities/{url_quote(key)}", entity=entity,
                   timeline=_entity_timeline(entity))


@router.get("/map", response_class=HTMLResponse, name="map_page")
def map_page(request: Request, store: StoreDep, where: FiltersDep) -> HTMLResponse:
    """Events and places on a Natural Earth base map."""
    everything = PageRequest(limit=MAX_PAGE_SIZE)
    events = store.list_events(where, everything)
    places = store.list_places(where, everything)
    return _render(request, "map.html", _json_twin(request, "/api/places"), events_total=events.total,
                   places_total=places.total, points=_store_points(request, events.items, places.items))


@router.get("/timeline", response_class=HTMLResponse, name="timeline_page")
def timeline_page(request: Request, store: StoreDep, where: FiltersDep) -> HTMLResponse:
    """Events and quotes by date, newest first."""
    everything = PageRequest(limit=TIMELINE_LIMIT)
    events = store.list_events(where, everything)
    quotes = store.list_quotes(where, everything)
    entries = _timeline(events.items, quotes.items)
    return _render(request, "timeline.html", _json_twin(request, "/api/events"), where=where, entries=entries,
                   truncated=events.total + quotes.total > len(entries))


@router.get("/search", response_class=HTMLResponse, name="search_page")
def search_page(request: Request, store: StoreDep, where: FiltersDep, page: PageDep) -> HTMLResponse:
    """Search with facets by type, entity and publisher."""
    hits = store.search(where, page)
    sample = store.search(where, PageRequest(limit=MAX_PAGE_SIZE)) if hits.total > len(hits.items) else hits
    facets = [_type_facet(request, store, where),
              _facet(request, "Entity", "entity", where.entity, _hit_entities(sample.items),
                     keep=lambda name: bool(store.entity_keys(name))),
              _facet(request, "Publisher", "publisher", where.publisher, (hit.publisher for hit in sample.items))]
    return _render(request, "search.html", _json_twin(request, "/api/search"), where=where, page=hits,
                   near=request.query_params.get("near"), facets=facets, page_url=request.url.include_query_params,
                   facets_sampled=len(sample.items) if sample.total > len(sample.items) else None)


def _entity_linker(request: Request, store: Store, record: Record) -> Callable[[Entity], str | None]:
    """Return a function giving the entity page of a record's entity, or None when the store lacks it."""
    keys = {entity.id: _store_entity_key(store, entity) for entity in record.entities}

    def link(entity: Entity) -> str | None:
        key = keys.get(entity.id)
        return request.app.url_path_for("entity_page", key=key) if key else None
    return link


def _store_entity_key(store: Store, entity: Entity) -> str | None:
    """The store key of a record's entity: the one stored under its canonical name with its type."""
    matches = store.list_entities(Filters(entity=entity.name, entity_type=entity.type), PageRequest(limit=1)).items
    return matches[0].key if matches else None


def _record_points(record: Record) -> list[dict[str, Any]]:
    points = [_point("place", place.name, place.lat, place.lon, f"{place.name} · {len(place.mentions)} mention(s)")
              for place in record.places]
    points += [_point("event", event.place.name, event.place.lat, event.place.lon,
                      f"{event.type} · {event.place.name}: {event.evidence}")
               for event in record.events if event.place]
    return [point for point in points if point]


def _store_points(request: Request, events: list[EventRow], places: list[PlaceSummary]) -> list[dict[str, Any]]:
    points = [_point("place", place.name, place.lat, place.lon,
                     f"{place.name} · {place.articles} article(s), {place.events} event(s)")
              for place in places]
    for row in events:
        place = row.event.place
        if place:
            points.append(_point("event", place.name, place.lat, place.lon,
                                 f"{row.event.type} · {place.name}: {row.event.evidence}",
                                 request.app.url_path_for("article_page", key=row.article)))
    return [point for point in points if point]


def _point(kind: str, name: str, lat: float | None, lon: float | None, label: str,
           href: str | None = None) -> dict[str, Any] | None:
    """A map marker for map.js; None without coordinates. The label is set as text by the script, never as HTML."""
    if lat is None or lon is None:
        return None
    return {"kind": kind, "name": name, "lat": lat, "lon": lon, "label": label, "href": href}


def _timeline(events: Iterable[EventRow], quotes: Iterable[QuoteRow]) -> list[TimelineEntry]:
    entries = [TimelineEntry(_event_date(row), "event", _event_label(row), row.article, row.title) for row in events]
    entries += [TimelineEntry(row.published, "quote", f"{quote_speaker(row.quote)}: “{row.quote.text}”", row.article, row.title)
                for row in quotes]
    # Newest first; undated entries go last rather than vanish.
    return sorted(entries, key=lambda entry: (entry.date is not None, entry.date or ""), reverse=True)


def _entity_timeline(entity: EntityProfile) -> list[TimelineEntry]:
    return _timeline(entity.events, entity.quotes_by + entity.quotes_about)


def _event_date(row: EventRow) -> str | None:
    return (row.event.date.earliest if row.event.date and row.event.date.earliest else None) or row.published


def _event_label(row: EventRow) -> str:
    where = f" in {row.event.place.name}" if row.event.place else ""
    return f"{row.event.type}{where}: {row.event.evidence}"


def _type_facet(request: Request, store: Store, where: Filters) -> Facet:
    """Exact counts per kind, from one grouped count."""
    counts = store.search_counts(where)
    values = []
    for kind in ("article", "quote", "event"):
        selected = where.type == kind
        url = request.url.remove_query_params(["type", "offset"]) if selected else \
            request.url.include_query_params(type=kind).remove_query_params("offset")
        values.append(FacetValue(f"{kind}s", counts[kind], str(url), selected))
    return Facet("Type", values)


def _facet(request: Request, title: str, param: str, current: str | None, values: Iterable[str | None],
           keep: Callable[[str], bool] = lambda _: True) -> Facet:
    counts = Counter(value for value in values if value)
    facet_values: list[FacetValue] = []
    for label, count in counts.most_common():
        if len(facet_values) == _FACET_SIZE:
            break
        if not keep(label):
            continue
        selected = current is not None and label.casefold() == current.casefold()
        url = request.url.remove_query_params([param, "offset"]) if selected else \
            request.url.include_query_params(**{param: label}).remove_query_params("offset")
        facet_values.append(FacetValue(label, count, str(url), selected))
    return Facet(title, facet_values)


def _hit_entities(hits: Iterable[SearchHit]) -> Iterable[str | None]:
    """The names a hit is about: a quote's speaker, an event's actors and targets (not all are stored entities)."""
    for hit in hits:
        if hit.quote and hit.quote.speaker:
            yield hit.quote.speaker.name
        if hit.event:
            yield from hit.event.actors
            yield from hit.event.targets
