#!/usr/bin/env python3
"""Store speed: ingest rate and search latency on a synthetic store, SQLite and PostgreSQL side by side.

Records are synthesized (no NLP) from the records of the bundled samples: sample sentences with about half
their words swapped for words from the samples' vocabulary (so 5-word shingles rarely repeat, as in a real
corpus), plus entities, quotes, events and places drawn from the samples and spread over two years and
jittered coordinates. One article in 50 is a syndicated copy of an earlier one, so stories form.

Rows:
  ingest          records/s through Store.add (one transaction per record, MinHash and LSH included)
  search <kind>   latency of Store.search, limit 20, median and p95 over --queries queries of that kind

Usage:
    python bench/store_bench.py [--n 100000] [--queries 100] [--backends sqlite,postgresql] [--resume] [--postgres DSN] [--sqlite PATH] [--json]
The PostgreSQL column runs when --postgres or WIREWATCH_TEST_POSTGRES gives a server (its database is wiped).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from wirewatch.errors import InputError
from wirewatch.ingest import read_inputs
from wirewatch.pipeline import extract_many
from wirewatch.record import (
    DateRange,
    Entity,
    Event,
    Mention,
    Place,
    PlaceRef,
    Quote,
    Record,
    Speaker,
    record_id,
)
from wirewatch.store import Filters, PageRequest, Store, open_store

ROOT = Path(__file__).resolve().parents[1]
PUBLISHERS = ["Dawn", "Nation", "Premium Times", "The Independent", "AP News", "Hindustan Times", "Inquirer.net",
              "The Washington Post", "Reuters", "Al Jazeera", "BBC", "Le Monde", "El País", "The Hindu"]
EVENT_TYPES = ["ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "THREATEN", "CRIME", "DEMAND", "INVESTIGATE"]


def sample_pool() -> list[Record]:
    results = list(extract_many(read_inputs([str(ROOT / "samples")]), nlp=True))
    return [r for r in results if not isinstance(r, InputError)]


def synthesize(samples: list[Record], n: int, seed: int = 1) -> Iterator[Record]:
    """Yield `n` synthetic records built from the samples' sentences, names, places and quotes."""
    rng = random.Random(seed)
    sentences = [s for r in samples for s in re.split(r"(?<=[.!?])\s+", r.text) if len(s.split()) >= 6]
    vocabulary = sorted({w for r in samples for w in re.findall(r"[A-Za-z]{3,}", r.text)})
    entities = [(e.name, e.type, e.wikidata) for r in samples for e in r.entities]
    places = [p for r in samples for p in r.places if p.lat is not None]
    quotes = [q.text for r in samples for q in r.quotes]
    earlier: list[Record] = []
    for i in range(n):
        published = f"2025-{1 + (i * 7) % 12:02d}-{1 + (i * 13) % 28:02d}T{i % 24:02d}:00:00+00:00"
        published = published.replace("2025", str(2025 + (i // 3) % 2), 1)
        url = f"https://news.example/{i}"
        if earlier and i % 50 == 0:  # a syndicated copy: same text, one extra line, another publisher
            base = rng.choice(earlier)
            text = base.text + "\n\nThis story was distributed by a news agency."
            yield base.model_copy(update={"id": record_id(text), "text": text, "paragraphs": text.split("\n\n"),
                                          "url": url, "source_id": f"synthetic-{i}",
                                          "publisher": rng.choice(PUBLISHERS), "published": published})
            continue
        chosen_entities = rng.sample(entities, k=min(len(entities), rng.randint(2, 6)))
        names = [name if rng.random() < 0.7 else f"{name} {rng.choice(vocabulary)}" for name, _, _ in chosen_entities]
        paragraphs = []
        for _ in range(rng.randint(6, 14)):
            words = rng.choice(sentences).split()
            words = [rng.choice(vocabulary) if rng.random() < 0.5 else w for w in words]
            paragraphs.append(" ".join(words))
        title = " ".join(rng.choice(vocabulary) for _ in range(8)).capitalize()
        speaker = names[0]
        quote_text = rng.choice(quotes) if quotes else "No comment"
        paragraphs.append(f"{names[0]} said “{quote_text}” on {published[:10]}.")
        paragraphs.append("Also named: " + ", ".join(names[1:]) + ".")
        text = "\n\n".join(paragraphs)
        record_entities = []
        for k, ((original, etype, wikidata), name) in enumerate(zip(chosen_entities, names, strict=True)):
            start = text.rindex(name)
            record_entities.append(Entity(id=f"e{k + 1}", name=name, type=etype,
                                          wikidata=wikidata if name == original else None,
                                          mentions=[Mention(start=start, end=start + len(name), text=name)]))
        quote_start = text.rindex("“") + 1
        place = rng.choice(places)
        lat = round(place.lat + rng.uniform(-0.5, 0.5), 4)  # type: ignore[operator]
        lon = round(place.lon + rng.uniform(-0.5, 0.5), 4)  # type: ignore[operator]
        record = Record(
            id=record_id(text), source_id=f"synthetic-{i}", url=url, title=title, publisher=rng.choice(PUBLISHERS),
            published=published, language="en", paragraphs=paragraphs, text=text, entities=record_entities,
            quotes=[Quote(text=quote_text, type="direct", speaker=Speaker(name=speaker, entity="e1"), cue="said",
                          start=quote_start, end=quote_start + len(quote_text))],
            places=[Place(name=place.name, lat=lat, lon=lon, country=place.country, admin1=place.admin1,
                          geonameid=place.geonameid if rng.random() < 0.5 else None)],
            events=[Event(type=rng.choice(EVENT_TYPES), actors=names[1:2], targets=names[2:3],
                          place=PlaceRef(name=place.name, lat=lat, lon=lon, country=place.country),
                          date=DateRange(earliest=published[:10], latest=published[:10]),
                          evidence=paragraphs[0][:200])])
        if len(earlier) < 5000:
            earlier.append(record)
        yield record


def queries(samples: list[Record], count: int) -> dict[str, list[Filters]]:
    """Return `count` filters of each kind, built from the samples' words, entities and places."""
    rng = random.Random(2)
    words = sorted({w.lower() for r in samples for w in re.findall(r"[A-Za-z]{5,}", r.text)})
    names = sorted({e.name for r in samples for e in r.entities})
    places = [p for r in samples for p in r.places if p.lat is not None]
    return {
        "one word": [Filters(text=rng.choice(words)) for _ in range(count)],
        "two words": [Filters(text=f"{rng.choice(words)} {rng.choice(words)}") for _ in range(count)],
        "word + type + dates": [Filters(text=rng.choice(words), type=rng.choice(["article", "quote", "event"]),
                                        since="2025-06-01", until="2026-03-31") for _ in range(count)],
        "entity": [Filters(entity=rng.choice(names)) for _ in range(count)],
        "near 50 km": [Filters(near=(p.lat, p.lon), km=50)  # type: ignore[arg-type]
                       for p in (rng.choice(places) for _ in range(count))],
    }


def bench_store(store: Store, records: Callable[[], Iterator[Record]], n: int,
                searches: dict[str, list[Filters]], *, resume: bool) -> dict[str, object]:
    started = time.perf_counter()
    added = 0
    for number, record in enumerate(records(), 1):
        if resume and store.db.first("SELECT 1 AS stored FROM article_versions WHERE record_id = :id",
                                     {"id": record.id}):
            if not added:
                started = time.perf_counter()  # only the records added in this run are timed
            continue
        store.add(record)
        added += 1
        if number % 10000 == 0:
            elapsed = time.perf_counter() - started
            print(f"  {store.backend}: {number}/{n}, {added} added in {elapsed:.0f}s ({added / elapsed:.0f}/s)",
                  file=sys.stderr)
    ingest_seconds = time.perf_counter() - started
    row: dict[str, object] = {"ingest records/s": added / ingest_seconds if added else None, "records timed": added,
                              "stats": store.stats().model_dump()}
    page = PageRequest(limit=20)
    for kind, filters in searches.items():
        if not filters:
            continue
        store.search(filters[0], page)  # warm-up
        latencies = []
        for f in filters:
            t0 = time.perf_counter()
            store.search(f, page)
            latencies.append((time.perf_counter() - t0) * 1000)
        latencies.sort()
        row[f"search {kind}"] = {"median ms": statistics.median(latencies),
                                 "p95 ms": latencies[int(0.95 * (len(latencies) - 1))]}
    return row


def wipe_postgres(dsn: str) -> None:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000, help="articles in the synthetic store")
    ap.add_argument("--queries", type=int, default=100, help="queries of each kind (0: ingest only)")
    ap.add_argument("--sqlite", help="SQLite file to fill (default: a temporary one)")
    ap.add_argument("--postgres", default=os.environ.get("WIREWATCH_TEST_POSTGRES"),
                    help="PostgreSQL DSN; its database is wiped first")
    ap.add_argument("--backends", default="sqlite,postgresql",
                    help="comma-separated; run them in separate processes to use two cores")
    ap.add_argument("--resume", action="store_true",
                    help="keep what --sqlite / --postgres hold and add only the missing records (timed alone)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    wanted = set(args.backends.split(","))
    samples = sample_pool()
    searches = queries(samples, args.queries)
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        targets = {"sqlite": args.sqlite or str(Path(tmp) / "bench.db")} if "sqlite" in wanted else {}
        if args.postgres and "postgresql" in wanted:
            if not args.resume:
                wipe_postgres(args.postgres)
            targets["postgresql"] = args.postgres
        for backend, target in targets.items():
            with open_store(target) as store:
                results[backend] = bench_store(store, lambda: synthesize(samples, args.n), args.n, searches,
                                               resume=args.resume)
    if args.json:
        print(json.dumps({"n": args.n, "results": results}, indent=2))
        return 0
    backends = list(results)
    print(f"store bench: {args.n:,} synthetic articles, {args.queries} queries per kind, limit 20")
    print(f"| row | {' | '.join(backends)} |")
    print(f"|---|{'---|' * len(backends)}")
    rates = [f"{results[b]['ingest records/s'] or float('nan'):.0f}" for b in backends]
    print(f"| ingest (records/s) | {' | '.join(rates)} |")
    for kind in searches:
        cells = []
        for b in backends:
            cell = results[b].get(f"search {kind}", {"median ms": float("nan"), "p95 ms": float("nan")})
            assert isinstance(cell, dict)
            cells.append(f"{cell['median ms']:.1f} / {cell['p95 ms']:.1f}")
        print(f"| search {kind} (median / p95 ms) | {' | '.join(cells)} |")
    for b in backends:
        print(f"{b}: {results[b]['stats']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
