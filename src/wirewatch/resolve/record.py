"""Build the article record from a clean article and its annotated Doc."""
from __future__ import annotations

from spacy.tokens import Doc

from wirewatch.clean.article import CleanArticle
from wirewatch.ingest import RawArticle
from wirewatch.record import Record, record_id
from wirewatch.resolve.entities import entities_from_doc
from wirewatch.resolve.events import events_from_doc
from wirewatch.resolve.places import places_from_doc
from wirewatch.resolve.quotes import quotes_from_doc
from wirewatch.resolve.relations import relations_from_doc
from wirewatch.resolve.times import times_from_doc


def build_record(raw: RawArticle, article: CleanArticle, doc: Doc | None = None) -> Record:
    """Return the record for one article; the NLP sections stay empty when `doc` is None.

    Args:
        raw: the input item (for its source id).
        article: the clean article: body, metadata, captions, removals.
        doc: the clean text run through the wirewatch pipeline, or None when NLP was skipped.
    """
    meta = article.metadata
    text = article.text
    record = Record(
        id=record_id(text), source_id=raw.source_id, url=meta.url, title=meta.title, standfirst=meta.standfirst,
        publisher=meta.publisher, authors=meta.authors, published=meta.published, updated=meta.updated,
        language=meta.language, image_captions=article.image_captions, paragraphs=article.paragraphs,
        text=text, removed=article.removed, warnings=article.warnings,
    )
    if doc is not None:
        entities = entities_from_doc(doc)
        record.entities = entities
        record.quotes = quotes_from_doc(doc, entities, authors=meta.authors)
        record.times = times_from_doc(doc)
        record.places = places_from_doc(doc)
        record.events = events_from_doc(doc, entities, record.quotes)
        record.relations = relations_from_doc(doc, entities)
    return record
