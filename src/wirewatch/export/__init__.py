"""Exports: records out as JSON Lines, ACLED-style CSV, GeoJSON or a STIX 2.1 bundle.

Every writer takes an iterable of records and a text stream and returns how many items it wrote (records for
JSON Lines, rows for CSV, features for GeoJSON, objects for STIX). All four stream: a record is written as soon
as it is read, so an export of a large store never holds it in memory.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal, TextIO, get_args

from wirewatch.errors import ConfigurationError
from wirewatch.export.acled_csv import write_csv
from wirewatch.export.geojson import write_geojson
from wirewatch.export.jsonl import write_jsonl
from wirewatch.export.stix import write_stix
from wirewatch.record import Record

ExportFormat = Literal["jsonl", "csv", "geojson", "stix"]
EXPORT_FORMATS: tuple[str, ...] = get_args(ExportFormat)

_WRITERS: dict[str, Callable[[Iterable[Record], TextIO], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "geojson": write_geojson,
    "stix": write_stix,
}

MEDIA_TYPES: dict[str, str] = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv",
    "geojson": "application/geo+json",
    "stix": "application/stix+json;version=2.1",
}
"""The media type of each format, for HTTP responses."""

FILE_SUFFIXES: dict[str, str] = {"jsonl": ".jsonl", "csv": ".csv", "geojson": ".geojson", "stix": ".stix.json"}
"""The usual file name ending of each format, for downloads."""


def export_records(records: Iterable[Record], fmt: ExportFormat, out: TextIO) -> int:
    """Write `records` to `out` in format `fmt` and return how many items were written.

    Args:
        records: the records to export, read once, in order.
        fmt: ``jsonl`` (one record a line), ``csv`` (one row per event, ACLED's columns), ``geojson``
            (a FeatureCollection of events and places) or ``stix`` (a STIX 2.1 bundle).
        out: a text stream; opened with ``newline=""`` for CSV files, as the csv module asks.

    Raises:
        ConfigurationError: for an unknown format.
    """
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ConfigurationError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    return writer(records, out)


__all__ = ["EXPORT_FORMATS", "FILE_SUFFIXES", "MEDIA_TYPES", "ExportFormat", "export_records"]
