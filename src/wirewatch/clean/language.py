"""Language identification of the clean body."""
from __future__ import annotations

import py3langid


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of the text's language, or None for text too short to tell."""
    sample = text[:5000]
    if len(sample.split()) < 3:
        return None
    language, _ = py3langid.classify(sample)
    return str(language)
