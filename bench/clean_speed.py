#!/usr/bin/env python3
"""Cleaning speed in articles per second: scraped text and HTML, beside trafilatura on the same HTML.

Not collected by pytest; `make bench` runs it. Everything runs in this process on one core: the inputs are read
once with `wirewatch.ingest.read_inputs` (not timed), then each set is cleaned with `wirewatch.extract` for one
untimed warm-up pass and `--repeats` timed passes, the rows taking turns pass by pass. The table gives the median
rate and the spread (min-max) over the passes. `trafilatura.extract` runs over the same HTML pages in the same way,
so the ratio between the two HTML rows holds on any machine even when the absolute numbers do not.

Inputs: ../shared/datasets/text-dev/input.jsonl and ../shared/datasets/html-dev/input.jsonl, read where they lie;
the bundled samples/ when ../shared is absent.

Usage:
    python bench/clean_speed.py [--repeats 7] [--pin CPU] [--limit N] [--json] [--text PATH] [--html PATH]
                                [--no-trafilatura]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_TEXT = SHARED / "datasets" / "text-dev" / "input.jsonl"
DEFAULT_HTML = SHARED / "datasets" / "html-dev" / "input.jsonl"
SAMPLES = ROOT / "samples"
TEXT_TARGET = 200.0  # articles/s the scraped-text cleaner should reach on one core


def load(path: Path, kind: str, limit: int | None) -> list:
    """Return the `RawArticle`s of one kind read from `path` (a dataset's input.jsonl or the samples folder)."""
    from wirewatch.ingest import RawArticle, read_inputs

    items = [i for i in read_inputs([str(path)]) if isinstance(i, RawArticle) and i.kind == kind]
    return items[:limit] if limit else items


def cpu_use(pin: int | None) -> str:
    """Pin this process to CPU `pin` where the OS allows it; return what was done, for the report."""
    if pin is not None and hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {pin})
            return f"pinned to CPU {pin}"
        except OSError as exc:
            return f"not pinned ({exc.strerror}); one process, no workers"
    return "one process, no workers"


def load_average() -> str:
    """The 1-minute load average and CPU count: a busy machine widens the spread."""
    try:
        return f"load {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    except OSError:
        return f"{os.cpu_count()} CPUs"


def warm_up(items: Sequence, fn: Callable[[object], object]) -> int:
    """Run `fn` over all items once, untimed (imports, caches, lazily loaded models); return how many failed."""
    failures = 0
    for item in items:
        try:
            fn(item)
        except Exception:  # noqa: BLE001 - a page that fails still costs its time; count it and go on
            failures += 1
    return failures


def timed_pass(items: Sequence, fn: Callable[[object], object]) -> list[float]:
    """Return the seconds `fn` took on each item."""
    times = []
    for item in items:
        start = time.perf_counter()
        try:
            fn(item)
        except Exception:  # noqa: BLE001
            pass
        times.append(time.perf_counter() - start)
    return times


def summarize(items: Sequence, passes: list[list[float]], failures: int) -> dict:
    """Rates per pass (articles / summed seconds), their median and spread, and the three slowest articles."""
    rates = [len(items) / sum(p) if sum(p) else float("inf") for p in passes]
    per_item = [statistics.median(ts) for ts in zip(*passes)]
    slowest = sorted(zip(per_item, (getattr(i, "source_id", "?") for i in items)), reverse=True)[:3]
    return {
        "articles": len(items), "failed": failures, "repeats": len(passes),
        "median": statistics.median(rates), "min": min(rates), "max": max(rates),
        "spread_pct": 100 * (max(rates) - min(rates)) / statistics.median(rates),
        "rates": [round(r, 2) for r in rates],
        "slowest": [{"source_id": sid, "ms": round(1000 * t, 1)} for t, sid in slowest],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--text", type=Path, help="JSONL (or folder) of scraped text; default: shared text-dev")
    ap.add_argument("--html", type=Path, help="JSONL (or folder) of HTML pages; default: shared html-dev")
    ap.add_argument("--repeats", type=int, default=7, help="timed passes per row (default 7)")
    ap.add_argument("--limit", type=int, help="use only the first N articles of each set")
    ap.add_argument("--pin", type=int, metavar="CPU", help="pin the process to this CPU (Linux); default: not pinned")
    ap.add_argument("--no-trafilatura", action="store_true", help="skip the trafilatura row")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    args = ap.parse_args(argv)

    import trafilatura

    import wirewatch

    text_path = args.text or (DEFAULT_TEXT if DEFAULT_TEXT.is_file() else SAMPLES)
    html_path = args.html or (DEFAULT_HTML if DEFAULT_HTML.is_file() else SAMPLES)
    texts, pages = load(text_path, "text", args.limit), load(html_path, "html", args.limit)
    pinned, load_before = cpu_use(args.pin), load_average()
    warnings.simplefilter("ignore")  # a page's warnings are not what is measured here

    rows: list[tuple[str, str, Sequence, Callable[[object], object]]] = [
        ("text", "wirewatch.extract", texts, lambda raw: wirewatch.extract(raw, nlp=False)),
        ("html", "wirewatch.extract", pages, lambda raw: wirewatch.extract(raw, nlp=False)),
    ]
    if not args.no_trafilatura:
        rows.append(("html", "trafilatura.extract", pages,
                     lambda raw: trafilatura.extract(raw.content, url=raw.url)))  # type: ignore[attr-defined]
    rows = [row for row in rows if row[2]]
    failures = [warm_up(items, fn) for _, _, items, fn in rows]
    passes: list[list[list[float]]] = [[] for _ in rows]
    for _ in range(args.repeats):  # rows take turns, so a busy spell on the machine hits them alike
        for i, (_, _, items, fn) in enumerate(rows):
            passes[i].append(timed_pass(items, fn))
    results = [{"input": kind, "function": name, **summarize(items, passes[i], failures[i])}
               for i, (kind, name, items, _) in enumerate(rows)]

    report = {
        "wirewatch": wirewatch.__version__, "trafilatura": trafilatura.__version__,
        "python": platform.python_version(), "machine": platform.machine(), "cpu": _cpu_name(), "cpu_use": pinned,
        "load_before": load_before,
        "text_input": str(text_path), "html_input": str(html_path), "text_target": TEXT_TARGET, "results": results,
    }
    ours = next((r for r in results if r["input"] == "html" and r["function"] == "wirewatch.extract"), None)
    theirs = next((r for r in results if r["function"] == "trafilatura.extract"), None)
    report["load_after"] = load_average()
    if ours and theirs:  # paired pass by pass, which cancels most of the machine's drift
        report["html_ratio_to_trafilatura"] = round(
            statistics.median(a / b for a, b in zip(ours["rates"], theirs["rates"])), 3)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 0


def print_table(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Cleaning speed, articles/s (one core, in-process)", title_justify="left")
    for column, justify in [("input", "left"), ("function", "left"), ("articles", "right"), ("failed", "right"),
                            ("median/s", "right"), ("min-max/s", "right"), ("spread", "right"), ("target", "left")]:
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for r in report["results"]:
        target = ""
        if r["input"] == "text" and r["function"] == "wirewatch.extract":
            target = ("[green]>= {:.0f} ok[/]" if r["median"] >= report["text_target"] else "[red]< {:.0f}[/]").format(
                report["text_target"])
        table.add_row(r["input"], r["function"], str(r["articles"]), str(r["failed"]), f"{r['median']:.1f}",
                      f"{r['min']:.1f}-{r['max']:.1f}", f"{r['spread_pct']:.0f}%", target)
    console = Console(width=None if sys.stdout.isatty() else 120)
    console.print(table)
    if "html_ratio_to_trafilatura" in report:
        console.print(f"HTML: wirewatch / trafilatura = {report['html_ratio_to_trafilatura']:.2f}x "
                      "(median of the per-pass ratios)")
    for r in report["results"]:
        slow = ", ".join(f"{s['source_id']} {s['ms']:.0f} ms" for s in r["slowest"])
        console.print(f"slowest {r['input']:<4} {r['function']}: {slow}", style="dim")
    console.print(f"inputs: {report['text_input']} | {report['html_input']}", style="dim")
    repeats = report["results"][0]["repeats"] if report["results"] else 0
    console.print(f"wirewatch {report['wirewatch']}, trafilatura {report['trafilatura']}, Python {report['python']}, "
                  f"{report['cpu']}, {report['cpu_use']}, {report['load_before']} before and {report['load_after']} "
                  f"after; {repeats} timed passes after one warm-up", style="dim")


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    sys.exit(main())
