"""`wirewatch ingest` and `wirewatch search`: fill the store from files and ask it questions."""
from __future__ import annotations

import json
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console

from wirewatch.errors import InputError
from wirewatch.ingest import RawArticle, read_inputs
from wirewatch.pipeline import extract_many
from wirewatch.store import DEFAULT_DB, Filters, PageRequest, SearchHit, Store, StoreError, open_store, raw_hash
from wirewatch.store.models import MAX_PAGE_SIZE

DB_HELP = "The store: a SQLite file (default ./wirewatch.db) or a postgresql:// URL."


class SearchFormat(str, Enum):
    json = "json"
    text = "text"


class SearchKindChoice(str, Enum):
    article = "article"
    quote = "quote"
    event = "event"


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .html/.htm, .jsonl), folders (searched recursively) or - for stdin.")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    nlp: Annotated[bool, typer.Option("--nlp/--no-nlp", help="Run the NLP stages; --no-nlp stores clean articles only, much faster.")] = True,
    keep_going: Annotated[bool, typer.Option("--keep-going", help="Exit 0 when at least one article was stored, even if others failed.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Extract articles and keep their records in the store.

    Each article is committed on its own, so an interrupted run loses nothing and a re-run doubles nothing:
    items stored already are recognised before the pipeline runs. The same URL with changed text becomes a new
    version; near-duplicates (syndicated copies, teasers) join the story of the article they copy.
    Exit status: 0 when every item was stored, 1 when any failed (0 with --keep-going if one was stored).
    """
    store = _open(db)
    counts: Counter[str] = Counter()
    failures: list[str] = []
    console = Console(stderr=True)
    progress = _progress(console) if not quiet and console.is_terminal else None
    try:
        with progress or nullcontext():
            task = progress.add_task("ingesting", total=None) if progress else None
            for outcome in _ingest_all(store, read_inputs(paths), nlp=nlp):
                if isinstance(outcome, InputError):
                    counts["failed"] += 1
                    failures.append(str(outcome))
                else:
                    counts[outcome] += 1
                if progress and task is not None:
                    progress.advance(task)
    except KeyboardInterrupt:
        console.print("interrupted: every article counted below is stored; run the same command again to go on")
        _print_summary(console, store, counts, failures)
        raise typer.Exit(130) from None
    finally:
        store.close()
    if not quiet:
        _print_summary(console, store, counts, failures)
    stored = sum(n for status, n in counts.items() if status != "failed")
    if counts["failed"] and not (keep_going and stored):
        raise typer.Exit(1)


def _ingest_all(store: Store, items: Iterable[RawArticle | InputError], *, nlp: bool) -> Iterator[str | InputError]:
    """Yield the store status of each item (or its error), skipping the pipeline for items stored already."""
    pending: deque[tuple[RawArticle | InputError, str | None]] = deque()
    skipped: deque[str] = deque()  # statuses of items met while the pipeline fills its batch

    def unseen() -> Iterator[RawArticle | InputError]:
        for item in items:
            if isinstance(item, InputError):
                pending.append((item, None))
                yield item
                continue
            digest = raw_hash(item, nlp=nlp)
            if store.has_raw_hash(digest):
                skipped.append("unchanged")
                continue
            pending.append((item, digest))
            yield item

    for result in extract_many(unseen(), nlp=nlp):
        while skipped:
            yield skipped.popleft()
        item, digest = pending.popleft()  # extract_many yields one result per item, in input order
        if isinstance(result, InputError):
            yield result
            continue
        try:
            yield store.add(result, raw_hash=digest).status
        except Exception as exc:  # noqa: BLE001 - one record the store rejects must not end the batch
            origin = item.origin if isinstance(item, RawArticle) else "-"
            yield InputError(origin, f"could not be stored ({type(exc).__name__}: {exc})", result.source_id)
    while skipped:
        yield skipped.popleft()


def _print_summary(console: Console, store: Store, counts: Counter[str], failures: list[str]) -> None:
    console.print(f"ingested into {store.location}: {counts['new']} new, {counts['unchanged']} unchanged, "
                  f"{counts['updated']} updated, {counts['new_version']} new versions, "
                  f"{counts['duplicate']} joined existing stories, {counts['copy']} copies from other URLs, "
                  f"{counts['failed']} failed",
                  highlight=False, soft_wrap=True)
    for failure in failures:
        console.print(f"  failed: {failure}", highlight=False, markup=False, soft_wrap=True)


def search(
    text: Annotated[str, typer.Argument(help="Words to find (all must match); \"\" lists everything the filters allow.")],
    entity: Annotated[str | None, typer.Option("--entity", help="Only items from articles naming this entity (name, alias or key).")] = None,
    kind: Annotated[SearchKindChoice | None, typer.Option("--type", help="Only articles, quotes or events.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="From this date on (YYYY-MM-DD or ISO datetime); events use their own date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Up to this date, inclusive (YYYY-MM-DD or ISO datetime).")] = None,
    near: Annotated[str | None, typer.Option("--near", help="Only items at places within --km of this place (geocoded offline).")] = None,
    km: Annotated[float, typer.Option("--km", min=0.001, help="Radius for --near, in km.")] = 25.0,
    publisher: Annotated[str | None, typer.Option("--publisher", help="Only articles from this publisher.")] = None,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    output_format: Annotated[SearchFormat, typer.Option("--format", "-f", help="text: readable hits; json: the page of hits.")] = SearchFormat.text,
    limit: Annotated[int, typer.Option("--limit", min=1, max=MAX_PAGE_SIZE, help="Most hits to print.")] = 20,
) -> None:
    """Search the store: articles, quotes and events matching TEXT, best first."""
    target = db or DEFAULT_DB
    if not target.startswith(("postgresql://", "postgres://")) and not Path(target).is_file():
        _fail(f"no store at {target}: run `wirewatch ingest PATH --db {target}` first, or pass --db")
    try:
        filters = Filters(text=text or None, entity=entity, type=kind.value if kind else None, since=since,
                          until=until, near=_geocode(near) if near else None, km=km, publisher=publisher)
    except ValidationError as exc:
        _fail("; ".join(f"--{'/'.join(map(str, e['loc']))}: {e['msg'].removeprefix('Value error, ')}"
                        for e in exc.errors()))
    with _open(target) as store:
        page = store.search(filters, PageRequest(limit=limit))
    if output_format is SearchFormat.json:
        typer.echo(json.dumps(page.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2))
        return
    for hit in page.items:
        typer.echo(_render_hit(hit))
    typer.echo(f"{len(page.items)} of {page.total}{'' if page.total_exact else '+'} hit(s)", err=True)


def _render_hit(hit: SearchHit) -> str:
    when = (hit.published or "")[:10]
    source = ", ".join(filter(None, [hit.publisher, when]))
    head = f"[{hit.kind}] {hit.title or '(untitled)'}" + (f" ({source})" if source else "")
    lines = [head]
    if hit.quote:
        speaker = hit.quote.speaker.name if hit.quote.speaker and hit.quote.speaker.name else "unknown speaker"
        lines.append(f"    {speaker}: “{hit.quote.text}”")
    elif hit.event:
        lines.append(f"    {hit.event.type}: {hit.event.evidence}")
    else:
        lines.append("    " + " ".join(hit.snippet.split()))
    lines.append(f"    article {hit.article}")
    return "\n".join(lines)


def _geocode(place: str) -> tuple[float, float]:
    """Return (lat, lon) of the most populous gazetteer entry named `place`, offline."""
    from wirewatch.nlp.gazetteer import locate

    position = locate(place)
    if position is None:
        _fail(f"--near: no place called {place!r} in the gazetteer")
    return position


def _open(db: str | None) -> Store:
    try:
        return open_store(db)
    except StoreError as exc:
        _fail(str(exc))


def _progress(console: Console):  # type: ignore[no-untyped-def]
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True)


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)
