"""Clean: turn a raw article (scraped text or HTML) into clean paragraphs and layered metadata."""
from __future__ import annotations

from wirewatch.clean.article import ArticleMetadata, CleanArticle
from wirewatch.clean.html import clean_html
from wirewatch.clean.language import detect_language
from wirewatch.clean.text import clean_scraped_text
from wirewatch.errors import InputError
from wirewatch.ingest import RawArticle

__all__ = ["ArticleMetadata", "CleanArticle", "clean_article"]


def clean_article(raw: RawArticle) -> CleanArticle:
    """Return the clean article for one raw input: body paragraphs, metadata, captions and what was removed.

    Caller hints (url, published, publisher, title) fill only what the page itself does not say.

    Raises:
        InputError: when no article body can be found.
    """
    article = clean_html(raw) if raw.kind == "html" else clean_scraped_text(raw)
    if not any(p.strip() for p in article.paragraphs):
        raise InputError(raw.origin, "no article text found" + (" in the HTML page" if raw.kind == "html" else ""),
                         raw.source_id)
    hints = ArticleMetadata(title=raw.title, publisher=raw.publisher, published=raw.published, url=raw.url)
    article.metadata.fill_missing(hints, source="hint")
    if not article.metadata.language:
        article.metadata.fill_missing(ArticleMetadata(language=detect_language(article.text)), source="py3langid")
    article.warnings = [*raw.warnings, *article.warnings]
    return article
