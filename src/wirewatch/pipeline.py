"""The public extraction entry points: raw article in, record out."""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from wirewatch.clean import clean_article
from wirewatch.errors import InputError
from wirewatch.ingest import RawArticle
from wirewatch.record import Record, record_id

logger = logging.getLogger(__name__)


def extract(content: str | RawArticle, *, kind: str | None = None, source_id: str = "input",
            url: str | None = None, published: str | None = None, publisher: str | None = None,
            title: str | None = None) -> Record:
    """Return the record for one article given as scraped text, HTML, or a `RawArticle`.

    Args:
        content: the article's text or HTML, or a `RawArticle` already read.
        kind: ``"text"`` or ``"html"``; guessed from the content when None.
        source_id, url, published, publisher, title: what the caller knows; used where the article says nothing.

    Raises:
        InputError: when the content holds no article.
    """
    if isinstance(content, RawArticle):
        raw = content
    else:
        guessed = kind or ("html" if content.lstrip()[:1] == "<" else "text")
        raw = RawArticle(source_id=source_id, content=content, kind=guessed,  # type: ignore[arg-type]
                         url=url, published=published, publisher=publisher, title=title)
    article = clean_article(raw)
    meta = article.metadata
    text = article.text
    return Record(
        id=record_id(text), source_id=raw.source_id, url=meta.url, title=meta.title, standfirst=meta.standfirst,
        publisher=meta.publisher, authors=meta.authors, published=meta.published, updated=meta.updated,
        language=meta.language, image_captions=article.image_captions, paragraphs=article.paragraphs,
        text=text, removed=article.removed, warnings=article.warnings,
    )


def extract_many(items: Iterable[RawArticle | InputError]) -> Iterator[Record | InputError]:
    """Yield a record for each raw article, or an `InputError` for each item that failed; never stops early."""
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield extract(item)
        except InputError as exc:
            yield exc
        except Exception as exc:  # noqa: BLE001 - one bad page must not end the batch
            logger.debug("extract failed on %s", item.source_id, exc_info=True)
            yield InputError(item.origin, f"could not be processed ({type(exc).__name__}: {exc})", item.source_id)
