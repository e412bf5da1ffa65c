"""Scraped-text cleaner (placeholder until the real cleaner lands)."""
from __future__ import annotations

import re

from wirewatch.clean.article import CleanArticle
from wirewatch.ingest import RawArticle


def clean_scraped_text(raw: RawArticle) -> CleanArticle:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", raw.content) if p.strip()]
    return CleanArticle(source_id=raw.source_id, paragraphs=paragraphs)
