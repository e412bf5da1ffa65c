"""The app factory: one store, the JSON API under /api, the HTML pages and their static files."""
from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from wirewatch import __version__
from wirewatch.errors import ConfigurationError, InputError, WirewatchError
from wirewatch.ingest import MAX_INPUT_BYTES
from wirewatch.store import open_store
from wirewatch.web import api, export, ingest, pages
from wirewatch.web.highlight import quote_speaker
from wirewatch.web.limits import BodySizeLimit

WEB_DIR = Path(__file__).parent
MAX_REQUEST_BYTES = MAX_INPUT_BYTES
"""Largest request body: one article may be this big, so one ingest request may too."""

_ERROR_STATUS: dict[type[Exception], int] = {InputError: 400, ConfigurationError: 400}
"""HTTP status of each error type the library raises on purpose; any other one (a store failure) is a 500."""


def create_app(db: str | None = None, *, ingest_token: str | None = None) -> FastAPI:
    """Return the wirewatch web app over one store: JSON under /api, HTML pages, OpenAPI at /docs.

    Args:
        db: the store to serve: None for ``./wirewatch.db``, a SQLite path, or a ``postgresql://`` URL.
        ingest_token: the bearer token POST /api/ingest requires; None reads ``WIREWATCH_API_TOKEN``, and
            when that is unset too, ingest answers 403.
    """
    store = open_store(db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="wirewatch", version=__version__, lifespan=lifespan,
                  description="Articles, entities, quotes, events and places extracted from news, with their sources.")
    app.state.store = store
    app.state.ingest_token = ingest_token or os.environ.get(ingest.TOKEN_VARIABLE) or None
    templates = Jinja2Templates(directory=WEB_DIR / "templates")  # autoescape: on for .html templates
    templates.env.globals.update(version=__version__, speaker=quote_speaker)
    templates.env.tests["http_url"] = _is_http_url
    app.state.templates = templates

    app.add_middleware(BodySizeLimit, max_bytes=MAX_REQUEST_BYTES)
    app.include_router(api.router)
    app.include_router(export.router)
    app.include_router(ingest.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")

    async def library_error(request: Request, exc: Exception) -> Response:
        return await _answer_error(request, HTTPException(_ERROR_STATUS.get(type(exc), 500), str(exc)))

    app.add_exception_handler(WirewatchError, library_error)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return await _answer_error(request, exc)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return await request_validation_exception_handler(request, exc)
        message = "; ".join(f"{'.'.join(map(str, error['loc'][1:]))}: {error['msg']}" for error in exc.errors())
        return _error_page(request, 422, message)

    return app


async def _answer_error(request: Request, exc: HTTPException) -> Response:
    """JSON under /api, an HTML page elsewhere: the same error in the form the caller reads."""
    if _wants_json(request):
        return await http_exception_handler(request, exc)
    return _error_page(request, exc.status_code, str(exc.detail))


def _error_page(request: Request, status: int, message: str) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "reason": HTTPStatus(status).phrase,
                                                             "message": message, "json_url": None},
                                      status_code=status)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _is_http_url(value: object) -> bool:
    # Only web links become hrefs: a record's url of "javascript:..." must never be clickable.
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))

