"""`wirewatch events`: who did what to whom, where and when, as an ACLED-style table."""
from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from wirewatch.errors import InputError
from wirewatch.ingest import read_inputs
from wirewatch.pipeline import extract_many
from wirewatch.record import Event, Fatalities, Record

COLUMNS = ("date", "type", "ACLED sub-event", "actors", "targets", "place", "fatalities", "certainty", "source")


def events(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or - for stdin, as for extract.")],
    person: Annotated[str | None, typer.Option("--person", "-p", help="Only events this name takes part in (actor, target, claimant or reporter); case-insensitive, part of a name is enough.")] = None,
) -> None:
    """Print every event as a table row: date, PLOVER type, ACLED sub-event, actors, targets, place, fatalities,
    certainty and the article it came from."""
    failed = 0
    records: list[Record] = []
    for result in extract_many(read_inputs(paths)):
        if isinstance(result, InputError):
            failed += 1
            typer.echo(f"error: {result}", err=True)
            continue
        records.append(result)
    # a pipe or file gets wide rows rather than names folded over several lines
    Console(file=sys.stdout, width=None if sys.stdout.isatty() else 180).print(render_events_table(records, person=person))
    if failed:
        raise typer.Exit(1)


def render_events_table(records: Iterable[Record], *, person: str | None = None) -> Table:
    """Return a rich table with one row per event of ``records``, optionally only those ``person`` is part of.

    Args:
        records: extracted records.
        person: a name (or part of one) that must appear among the actors, targets, claimants or reporter.
    """
    table = Table(title="events" + (f" involving {person}" if person else ""), show_lines=False)
    for name in COLUMNS:
        table.add_column(name, overflow="fold")
    rows = 0
    for record in records:
        for event in record.events:
            if person and not _involves(event, person):
                continue
            rows += 1
            table.add_row(
                _date(event), event.type, event.acled.sub_event_type or event.acled.event_type if event.acled else "",
                "; ".join(event.actors + [f"claimed by {c}" for c in event.claimed_by]), "; ".join(event.targets),
                event.place.name if event.place else "", _count(event.fatalities), event.certainty
                + (f" (by {event.reported_by})" if event.reported_by else ""), record.source_id,
            )
    table.caption = f"{rows} event(s)"
    return table


def _involves(event: Event, person: str) -> bool:
    wanted = person.casefold()
    names = [*event.actors, *event.targets, *event.claimed_by, event.reported_by or ""]
    return any(wanted in name.casefold() for name in names)


def _date(event: Event) -> str:
    if not event.date:
        return ""
    if event.date.earliest and event.date.earliest == event.date.latest:
        return event.date.earliest
    if event.date.earliest or event.date.text:
        return " – ".join(x for x in (event.date.earliest, event.date.latest) if x) or ""
    return f"by {event.date.latest}" if event.date.latest else ""


def _count(count: Fatalities | None) -> str:
    if count is None:
        return ""
    if count.min is not None and count.min == count.max:
        text = str(count.min)
    elif count.min is not None:
        text = f"{count.min}+" if count.max is None else f"{count.min}–{count.max}"
    else:
        text = f"≤{count.max}"
    return ("~" if count.approximate else "") + text
