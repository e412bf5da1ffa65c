"""The clean article: body paragraphs plus metadata, each field tagged with the layer that supplied it."""
from __future__ import annotations

from dataclasses import dataclass, field, fields

from wirewatch.record import PARAGRAPH_SEPARATOR, Removed


@dataclass(slots=True)
class ArticleMetadata:
    """Metadata read from one layer (meta tags, JSON-LD, the text's own lines, caller hints).

    `sources` maps each filled field to the layer that supplied it, which tells where a wrong value came from.
    """

    title: str | None = None
    standfirst: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    url: str | None = None
    language: str | None = None
    sources: dict[str, str] = field(default_factory=dict)

    def fill_missing(self, other: ArticleMetadata, source: str) -> ArticleMetadata:
        """Fill this object's empty fields from `other`, never overwriting; return self."""
        for f in fields(self):
            if f.name == "sources":
                continue
            value = getattr(other, f.name)
            if value and not getattr(self, f.name):
                setattr(self, f.name, value)
                self.sources[f.name] = other.sources.get(f.name, source)
        return self


@dataclass(slots=True)
class CleanArticle:
    """One article after cleaning: what the record's metadata and body sections are built from."""

    source_id: str
    paragraphs: list[str]
    metadata: ArticleMetadata = field(default_factory=ArticleMetadata)
    image_captions: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The body as the record's `text`: paragraphs joined by one blank line."""
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)
