"""The raw article: one input item before any cleaning."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as the caller gave it, before cleaning.

    Attributes:
        source_id: the input's id, or its file name.
        content: the text or HTML itself.
        kind: ``"text"`` for scraped or plain text, ``"html"`` for a web page.
        origin: the file (or ``-``) the item was read from, for error messages.
        url, published, publisher, title: hints from the caller, used where the page has none.
        warnings: oddities met while reading (e.g. invalid UTF-8 replaced).
    """

    source_id: str
    content: str
    kind: Literal["text", "html"]
    origin: str = "-"
    url: str | None = None
    published: str | None = None
    publisher: str | None = None
    title: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
