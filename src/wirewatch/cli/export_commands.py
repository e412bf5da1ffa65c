"""`wirewatch export`: records from the store (or from input files) out as JSON Lines, CSV, GeoJSON or STIX."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, TextIO, cast

import typer

from wirewatch.errors import InputError, WirewatchError
from wirewatch.export import ExportFormat, export_records
from wirewatch.record import Record


class ExportChoice(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"
    stix = "stix"


class KindChoice(str, Enum):
    article = "article"
    quote = "quote"
    event = "event"


def export(
    output_format: Annotated[ExportChoice, typer.Option("--format", "-f", help="jsonl: one record a line; csv: one row per event in ACLED's columns; geojson: events and places as an RFC 7946 FeatureCollection; stix: a STIX 2.1 bundle.")],
    db: Annotated[str | None, typer.Option("--db", help="The store: a SQLite file (default ./wirewatch.db) or a postgresql:// URL.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Only articles matching this full-text query.")] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="Only articles naming this entity (name, alias or key).")] = None,
    kind: Annotated[KindChoice | None, typer.Option("--type", help="Only articles with a match of this kind: article, quote or event.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only from this date on (YYYY-MM-DD or an ISO datetime).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Only up to this date (YYYY-MM-DD or an ISO datetime).")] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", help="Only articles from this publisher.")] = None,
    sources: Annotated[list[str] | None, typer.Option("--from", help="Extract these files, folders or URLs instead of reading the store (repeat for several).")] = None,
) -> None:
    """Export records from the store, narrowed by the same filters as search.

    Exit status: 0 on success, 1 when the store cannot be read or an input failed, 2 for a bad option.
    """
    for name, value in (("--since", since), ("--until", until)):
        if value is not None:
            _check_date(name, value)
    filters = {"text": text, "entity": entity, "type": kind.value if kind else None, "since": since,
               "until": until, "publisher": publisher}
    if sources and (db or any(value is not None for value in filters.values())):
        raise typer.BadParameter("--from reads input files, not the store: it takes no --db or filters",
                                 param_hint="--from")
    fmt = cast(ExportFormat, output_format.value)  # the choices are the export formats
    failures: list[InputError] = []
    try:
        sink = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    except OSError as exc:
        typer.echo(f"error: cannot write {output}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from None
    try:
        if sources:
            count = export_records(_extracted(sources, failures), fmt, sink)
        else:
            count = _export_store(db, fmt, sink, filters)
    except WirewatchError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    finally:
        if output:
            sink.close()
    typer.echo(f"{count} item(s) exported as {output_format.value}", err=True)
    if failures:
        raise typer.Exit(1)


def _export_store(db: str | None, fmt: ExportFormat, sink: TextIO, filters: dict[str, str | None]) -> int:
    from wirewatch.store import DEFAULT_DB, Filters, open_store  # here: other commands need no store

    target = db or str(DEFAULT_DB)
    # open_store creates a missing SQLite file; an export from a store that is not there is a mistake.
    if not target.startswith(("postgresql://", "postgres://")) and not Path(target).is_file():
        raise WirewatchError(f"no store at {target}: give --db, or fill one with `wirewatch ingest PATH`")
    with open_store(target) as store:  # a StoreError is a WirewatchError: the command reports it
        return export_records(store.iter_records(Filters(**filters)), fmt, sink)  # type: ignore[arg-type]


def _extracted(sources: list[str], failures: list[InputError]) -> Iterator[Record]:
    """Extract records from input files, reporting each bad item on stderr and going on."""
    from wirewatch.ingest import read_inputs
    from wirewatch.pipeline import extract_many

    results: Iterable[Record | InputError] = extract_many(read_inputs(sources))
    for result in results:
        if isinstance(result, InputError):
            failures.append(result)
            typer.echo(f"error: {result}", err=True)
        else:
            yield result


def _check_date(option: str, value: str) -> None:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD) or ISO datetime", param_hint=option) from None
