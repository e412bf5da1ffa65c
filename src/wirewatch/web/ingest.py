"""POST /api/ingest: articles (as JSON, or URLs to fetch) run through the pipeline and stored, behind a bearer token."""
from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, model_validator

from wirewatch.errors import InputError
from wirewatch.ingest import RawArticle
from wirewatch.ingest.fetch import fetch_url
from wirewatch.pipeline import extract_many
from wirewatch.store import IngestResult
from wirewatch.web.params import StoreDep

TOKEN_VARIABLE = "WIREWATCH_API_TOKEN"
MAX_ARTICLES_PER_REQUEST = 100
MAX_URLS_PER_REQUEST = 20

router = APIRouter(prefix="/api", tags=["write"])
_bearer = HTTPBearer(auto_error=False, description=f"The token in the server's {TOKEN_VARIABLE}.")


class ArticleIn(BaseModel):
    """One article to ingest, in the JSON Lines input's shape: ``text`` (scraped text) or ``html``, plus hints."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=500)
    text: str | None = None
    html: str | None = None
    url: str | None = None
    published: str | None = None
    publisher: str | None = None
    title: str | None = None

    @model_validator(mode="after")
    def _has_content(self) -> ArticleIn:
        if not (self.text and self.text.strip()) and not (self.html and self.html.strip()):
            raise ValueError('give the article as "text" or "html"')
        return self

    def to_raw(self) -> RawArticle:
        """Return the article as the pipeline reads it; HTML wins when both are given, as in JSON Lines input."""
        html = self.html if self.html and self.html.strip() else None
        return RawArticle(source_id=self.id, content=html or self.text or "", kind="html" if html else "text",
                          origin="api", url=self.url, published=self.published, publisher=self.publisher,
                          title=self.title)


class UrlList(BaseModel):
    """Web pages to fetch and ingest; the fetcher refuses private and local addresses."""

    model_config = ConfigDict(extra="forbid")

    urls: list[str] = Field(min_length=1, max_length=MAX_URLS_PER_REQUEST)


class IngestItem(BaseModel):
    """What happened to one posted article or URL: stored (with the store's result) or failed (with the reason)."""

    id: str
    stored: IngestResult | None = None
    error: str | None = None


class IngestReport(BaseModel):
    """What happened to every posted article, in input order."""

    stored: int
    failed: int
    items: list[IngestItem]


def require_token(request: Request,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)]) -> None:
    """Let the request through only with the server's ingest token.

    Raises:
        HTTPException: 403 when the server has no token (ingest disabled), 401 for a missing or wrong token.
    """
    expected: str | None = request.app.state.ingest_token
    if not expected:
        raise HTTPException(403, f"ingest is disabled: start the server with {TOKEN_VARIABLE} set to enable it")
    if credentials is None or not secrets.compare_digest(credentials.credentials.encode(), expected.encode()):
        raise HTTPException(401, "a valid bearer token is required (Authorization: Bearer <token>)",
                            headers={"WWW-Authenticate": "Bearer"})


@router.post("/ingest", dependencies=[Depends(require_token)],
             responses={401: {"description": "Missing or wrong token."}, 403: {"description": "Ingest disabled."},
                        413: {"description": "Request body too large."}})
def ingest(store: StoreDep,
           body: ArticleIn | Annotated[list[ArticleIn], Field(min_length=1, max_length=MAX_ARTICLES_PER_REQUEST)]
           | UrlList) -> IngestReport:
    """Extract and store one article, a list of them, or the pages at a list of URLs.

    A bad article or URL is reported in its place and the others go on.
    """
    if isinstance(body, UrlList):
        ids = body.urls
        raws: list[RawArticle | InputError] = [_fetch(url) for url in body.urls]
    else:
        articles = body if isinstance(body, list) else [body]
        ids = [article.id for article in articles]
        raws = [article.to_raw() for article in articles]
    items: list[IngestItem] = []
    for item_id, result in zip(ids, extract_many(raws), strict=True):
        if isinstance(result, InputError):
            items.append(IngestItem(id=item_id, error=result.message))
        else:
            items.append(IngestItem(id=item_id, stored=store.add(result)))
    failed = sum(item.error is not None for item in items)
    return IngestReport(stored=len(items) - failed, failed=failed, items=items)


def _fetch(url: str) -> RawArticle | InputError:
    try:
        return fetch_url(url)
    except InputError as exc:
        return exc
