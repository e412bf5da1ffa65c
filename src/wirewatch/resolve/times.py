"""Turn the ``wirewatch_times`` spans of a Doc into the record's ``times[]`` entries."""
from __future__ import annotations

from spacy.tokens import Doc

from wirewatch.record import Time

__all__ = ["times_from_doc"]


def times_from_doc(doc: Doc, spans_key: str = "wirewatch_times") -> list[Time]:
    """Return one record ``Time`` per time span, in text order, with character offsets into ``doc.text``.

    The offsets are the normalizer's own extent (TIMEX3-style, prepositions outside) when it stored
    one; otherwise the span's.

    Args:
        doc: a Doc that went through the ``wirewatch_times`` component.
        spans_key: the span group the component wrote.

    Returns:
        The record's ``times`` list (empty when the group is absent).
    """
    if spans_key not in doc.spans:
        return []
    out: list[Time] = []
    for span in doc.spans[spans_key]:
        info = span._.timex or {}
        start = info.get("start", span.start_char)
        end = info.get("end", span.end_char)
        out.append(Time(
            text=doc.text[start:end], value=info.get("value"), type=info.get("type"), mod=info.get("mod"),
            earliest=info.get("earliest"), latest=info.get("latest"), granularity=info.get("granularity"),
            rule=info.get("rule"), start=start, end=end,
        ))
    out.sort(key=lambda t: (t.start, -t.end))
    return out
