"""The typer app and its commands."""
from __future__ import annotations

import json
import logging
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from wirewatch.cli.events import events
from wirewatch.cli.export_commands import export
from wirewatch.cli.render import render_quotes, render_text
from wirewatch.cli.store_commands import ingest, search
from wirewatch.cli.web_commands import serve
from wirewatch.errors import InputError
from wirewatch.ingest import read_inputs
from wirewatch.pipeline import extract_many
from wirewatch.record import Record, record_json_schema

app = typer.Typer(
    name="wirewatch",
    help="Turn raw news articles into a verifiable knowledge base: who said what, who did what to whom, where and when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt scraped text, .html/.htm, .jsonl), folders (searched recursively), http(s) URLs, or - for stdin.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="json: one object (an array for several articles); jsonl: one record a line; text: a readable summary.")] = OutputFormat.jsonl,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    keep_going: Annotated[bool, typer.Option("--keep-going", help="Exit 0 when at least one article succeeded, even if others failed.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary on stderr.")] = False,
    nlp: Annotated[bool, typer.Option("--nlp/--no-nlp", help="Run the NLP stages (entities, quotes, times, places); --no-nlp only cleans, much faster.")] = True,
) -> None:
    """Read articles and print their records.

    A bad item gets one line on stderr (file, id, what is wrong) and the batch goes on.
    Exit status: 0 when every item succeeded, 1 when any failed (0 with --keep-going if at least one succeeded).
    """
    _configure_logging()
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    ok = failed = 0
    records: list[Record] = []
    try:
        for result in _with_progress(extract_many(read_inputs(paths), nlp=nlp), show=not quiet and sys.stderr.isatty()):
            if isinstance(result, InputError):
                failed += 1
                typer.echo(f"error: {result}", err=True)
                continue
            ok += 1
            for warning in result.warnings:
                typer.echo(f"warning: {result.source_id}: {warning}", err=True)
            if output_format is OutputFormat.jsonl:
                sink.write(result.model_dump_json() + "\n")
            elif output_format is OutputFormat.text:
                sink.write(render_text(result) + "\n")
            else:
                records.append(result)
        if output_format is OutputFormat.json:
            payload = records[0].model_dump(mode="json") if len(records) == 1 else [r.model_dump(mode="json") for r in records]
            sink.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    finally:
        if output:
            sink.close()
    if not quiet and (failed or ok > 1):
        typer.echo(f"{ok} article(s) extracted, {failed} failed", err=True)
    if failed and not (keep_going and ok):
        raise typer.Exit(1)


@app.command()
def quotes(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or - for stdin, as for extract.")],
    speaker: Annotated[str | None, typer.Option(
        "--speaker", "-s", help="Only what this speaker said: part of their name or of an alias, any case.")] = None,
) -> None:
    """Print who said what: every quote with its speaker, cue verb, channel and addressee."""
    _configure_logging()
    failed = 0
    for result in extract_many(read_inputs(paths)):
        if isinstance(result, InputError):
            failed += 1
            typer.echo(f"error: {result}", err=True)
            continue
        listing = render_quotes(result, speaker=speaker)
        if listing:
            typer.echo(listing + "\n")
    if failed:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the article record (wirewatch.record/1)."""
    typer.echo(json.dumps(record_json_schema(), indent=2))


@app.command()
def version() -> None:
    """Print wirewatch's version."""
    from wirewatch import __version__

    typer.echo(__version__)


app.command()(ingest)
app.command()(search)
app.command()(serve)
app.command()(export)
app.command()(events)


def _with_progress(results, *, show: bool):  # type: ignore[no-untyped-def]
    if not show:
        yield from results
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("extract", total=None)
        for result in results:
            progress.advance(task)
            yield result


def _configure_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
