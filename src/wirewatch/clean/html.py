"""HTML cleaner (placeholder until the real cleaner lands)."""
from __future__ import annotations

import trafilatura

from wirewatch.clean.article import CleanArticle
from wirewatch.ingest import RawArticle


def clean_html(raw: RawArticle) -> CleanArticle:
    body = trafilatura.extract(raw.content, url=raw.url) or ""
    return CleanArticle(source_id=raw.source_id, paragraphs=[p for p in body.split("\n") if p.strip()])
