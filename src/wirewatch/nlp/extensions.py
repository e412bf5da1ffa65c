"""The ``Doc._`` and ``Span._`` extensions wirewatch components read and write.

Values are plain JSON-able tuples and dicts with character offsets, so they survive
``DocBin(store_user_data=True)`` and ``n_process > 1``.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

DOC_EXTENSIONS: dict[str, object] = {
    # The article's publication timestamp (ISO 8601, as precise as the source): the anchor for relative dates.
    "published": None,
    # Entity clusters: [{"id", "name", "type", "aliases", "roles", "wikidata",
    #   "mentions": [{"start", "end", "text", "kind"}]}], kind one of name/alias/pronoun/nominal/role.
    "entities": None,
    # Relations between entities: [{"predicate", "subject": {"start","end","text"}, "object": {"start","end","text"},
    #   "value", "sentence": {"start","end"}, "rule"}]; value is the object as a phrase when it is no entity.
    "relations": None,
    # Events: [{"type", "acled": {"event_type","sub_event_type"} | None, "trigger": {"start","end","text"},
    #   "sentence": {"start","end"}, "actors"/"targets"/"claimed_by": [{"start","end","text","head": {...}}],
    #   "place": {"start","end","text","place"} | None, "date": {"start","end","text","timex"} | None,
    #   "fatalities"/"injured": {"min","max","approximate","start","end","text"} | None, "certainty",
    #   "in_quote": {"start","end","text"} | None, "quote": {...} | None, "channel"}]; "in_quote" is the quote the
    #   event is told in, "quote" the quote whose cue is the event (a statement that is an act).
    "events": None,
}
SPAN_EXTENSIONS: dict[str, object] = {
    # A normalized time expression: {"value", "type", "mod", "earliest", "latest", "granularity", "rule"}.
    "timex": None,
    # A quote: {"type", "cue": {"start","end","text"} | None, "speaker": {"start","end","text"} | None,
    #   "channel", "addressee": {"start","end","text"} | None, "fragments": ((start, end), ...)}; the span runs
    #   from the first quoted word to the last, the fragments are the quoted pieces of a split quote.
    "quote": None,
    # A geocoded place: {"name", "lat", "lon", "country", "admin1", "geonameid", "precision", "metonymy"}.
    "place": None,
}


def register_extensions() -> None:
    """Create every wirewatch extension once; calling it again changes nothing."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
