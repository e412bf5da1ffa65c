"""The public extraction entry points: raw article in, record out.

Data flows one way: ingest -> clean -> nlp -> resolve. Cleaning runs article by article; the NLP stage runs
one ``nlp.pipe`` pass over a batch of clean texts, so spaCy batches its work.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.clean import CleanArticle, clean_article
from wirewatch.errors import InputError
from wirewatch.ingest import RawArticle
from wirewatch.record import Record
from wirewatch.resolve.record import build_record

logger = logging.getLogger(__name__)

BATCH_SIZE = 32
NLP_LANGUAGES = {"en"}


def extract(content: str | RawArticle, *, kind: str | None = None, source_id: str = "input",
            url: str | None = None, published: str | None = None, publisher: str | None = None,
            title: str | None = None, nlp: bool = True) -> Record:
    """Return the record for one article given as scraped text, HTML, or a `RawArticle`.

    Args:
        content: the article's text or HTML, or a `RawArticle` already read.
        kind: ``"text"`` or ``"html"``; guessed from the content when None.
        source_id, url, published, publisher, title: what the caller knows; used where the article says nothing.
        nlp: run the NLP stages (entities, quotes, times, places); False gives the clean article only.

    Raises:
        InputError: when the content holds no article.
    """
    if isinstance(content, RawArticle):
        raw = content
    else:
        guessed = kind or ("html" if content.lstrip()[:1] == "<" else "text")
        raw = RawArticle(source_id=source_id, content=content, kind=guessed,  # type: ignore[arg-type]
                         url=url, published=published, publisher=publisher, title=title)
    result = next(extract_many([raw], nlp=nlp))
    if isinstance(result, InputError):
        raise result
    return result


def extract_many(items: Iterable[RawArticle | InputError], *, nlp: bool = True,
                 batch_size: int = BATCH_SIZE) -> Iterator[Record | InputError]:
    """Yield a record for each raw article, or an `InputError` for each item that failed, in input order.

    A bad item never stops the batch: its error takes its place in the output and the rest goes on.

    Args:
        items: raw articles (or errors already met while reading, passed through).
        nlp: run the NLP stages; False gives clean articles only (much faster).
        batch_size: how many articles share one ``nlp.pipe`` pass.
    """
    language = _load_language() if nlp else None
    iterator = iter(items)
    while chunk := list(islice(iterator, batch_size)):
        yield from _extract_chunk(chunk, language)


def _extract_chunk(chunk: list[RawArticle | InputError], language: Language | None) -> list[Record | InputError]:
    cleaned: list[tuple[int, RawArticle, CleanArticle]] = []
    results: list[Record | InputError | None] = [None] * len(chunk)
    for index, item in enumerate(chunk):
        if isinstance(item, InputError):
            results[index] = item
            continue
        try:
            cleaned.append((index, item, clean_article(item)))
        except Exception as exc:  # noqa: BLE001 - one bad page must not end the batch
            results[index] = _as_input_error(item, exc, "could not be cleaned")
    docs = _annotate(language, cleaned, results) if language else {}
    for index, raw, article in cleaned:
        if results[index] is not None:
            continue
        try:
            results[index] = build_record(raw, article, docs.get(index))
        except Exception as exc:  # noqa: BLE001
            results[index] = _as_input_error(raw, exc, "could not be turned into a record")
    return [r for r in results if r is not None]


def _annotate(language: Language, cleaned: list[tuple[int, RawArticle, CleanArticle]],
              results: list[Record | InputError | None]) -> dict[int, Doc]:
    """Run the NLP pipeline over the English articles of a chunk; an article it fails on becomes an error."""
    todo = [(index, raw, article) for index, raw, article in cleaned
            if (article.metadata.language or "en") in NLP_LANGUAGES]
    try:
        docs = language.pipe(_make_doc(language, article) for _, _, article in todo)
        return {index: doc for (index, _, _), doc in zip(todo, docs, strict=True)}
    except Exception:  # noqa: BLE001 - find the article that broke the batch, keep the others
        logger.debug("nlp.pipe failed on a batch; retrying article by article", exc_info=True)
    annotated = {}
    for index, raw, article in todo:
        try:
            annotated[index] = language(_make_doc(language, article))
        except Exception as exc:  # noqa: BLE001
            results[index] = _as_input_error(raw, exc, "could not be analysed")
    return annotated


def _make_doc(language: Language, article: CleanArticle) -> Doc:
    doc = language.make_doc(article.text)
    doc._.published = article.metadata.published  # the anchor for relative dates
    return doc


def _as_input_error(raw: RawArticle, exc: Exception, what: str) -> InputError:
    if isinstance(exc, InputError):
        return exc
    logger.debug("%s: %s", raw.source_id, what, exc_info=True)
    return InputError(raw.origin, f"{what} ({type(exc).__name__}: {exc})", raw.source_id)


def _load_language() -> Language:
    from wirewatch.nlp import load_pipeline

    return load_pipeline()
