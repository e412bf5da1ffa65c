"""Query parameters shared by the JSON API and the HTML pages: filters and pagination, checked once."""
from __future__ import annotations

import re
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from pydantic import ValidationError

from wirewatch.nlp.gazetteer import locate
from wirewatch.store import Filters, PageRequest, Store
from wirewatch.store.models import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SearchKind

_LAT_LON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")
MAX_QUERY_CHARS = 500


def get_store(request: Request) -> Store:
    """Return the app's store (opened once by `create_app`)."""
    return request.app.state.store


def page_request(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Items per page.")] = DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, description="Items to skip.")] = 0,
) -> PageRequest:
    """Return the requested page slice; FastAPI answers 422 for a limit over the maximum or a negative offset."""
    return PageRequest(limit=limit, offset=offset)


def filters(
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="Full-text query.")] = None,
    entity: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="Entity key, name or alias.")] = None,
    type: Annotated[SearchKind | None, Query(description="article, quote or event.")] = None,
    since: Annotated[str | None, Query(description="ISO date or datetime, inclusive.")] = None,
    until: Annotated[str | None, Query(description="ISO date or datetime, inclusive.")] = None,
    near: Annotated[str | None, Query(max_length=200, description='"lat,lon" or a place name (geocoded offline).')] = None,
    km: Annotated[float, Query(gt=0, le=20000, description="Radius around `near`, in km.")] = 25.0,
    publisher: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="Publisher name.")] = None,
    entity_type: Annotated[str | None, Query(max_length=20, description="Entity listings only: PERSON, ORG...")] = None,
) -> Filters:
    """Return the filters of ``wirewatch search`` from the query string.

    Raises:
        HTTPException: 400 for a date that is not ISO 8601 or a `near` that is neither coordinates nor a known place.
    """
    try:
        return Filters(text=_blank_to_none(q), entity=_blank_to_none(entity), type=type,
                       since=_blank_to_none(since), until=_blank_to_none(until), near=_coordinates(near),
                       km=km, publisher=_blank_to_none(publisher), entity_type=_blank_to_none(entity_type))
    except ValidationError as exc:  # the store checks the dates; say which parameter and why
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg'].removeprefix('Value error, ')}"
                             for e in exc.errors())
        raise HTTPException(400, problems) from None


def _blank_to_none(value: str | None) -> str | None:
    # An empty search box submits "q=": that means no filter, not "match the empty string".
    return value.strip() or None if value is not None else None


def _coordinates(near: str | None) -> tuple[float, float] | None:
    near = _blank_to_none(near)
    if near is None:
        return None
    if match := _LAT_LON.match(near):
        lat, lon = float(match.group(1)), float(match.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise HTTPException(400, f"near: {near!r} is off the globe; latitude is -90..90, longitude -180..180")
        return lat, lon
    # As `wirewatch search --near`: the most populous gazetteer entry of that name, offline.
    position = locate(near)
    if position is None:
        raise HTTPException(400, f"near: no place called {near!r} in the gazetteer; give a place name or \"lat,lon\"")
    return position


StoreDep = Annotated[Store, Depends(get_store)]
FiltersDep = Annotated[Filters, Depends(filters)]
PageDep = Annotated[PageRequest, Depends(page_request)]
