#!/usr/bin/env python3
"""Entities and coreference: the seed's entities score, a look at dev-set clusters, and speed against bare spaCy.

Not collected by pytest. Runs the model + ``wirewatch_entities`` + ``wirewatch_coref`` on
- the seed's clean body (the gold file's paragraphs joined by a blank line, read at run time) and scores the
  ``entities`` section with ../shared/eval/score.py (target F1 >= 0.9);
- ``--dev N`` articles of quotes-dev, printing each article's clusters (PERSON ones with their mentions) so a
  reader can spot over-merged or split people; the quotes-dev gold has no entities, so nothing is scored there;
- the same dev texts for speed: bare ``nlp.pipe`` and the full pipe take turns for ``--repeats`` passes after a
  warm-up; the table gives the median time and the spread, and the ratio (wirewatch / bare).

Usage:
    python bench/entities_eval.py [--dev 20] [--repeats 3] [--quiet] [--json]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "fixtures" / "seed" / "business-today-khalilzad-2025-04-27.gold.json"
QUOTES_DEV = SHARED / "datasets" / "quotes-dev" / "input.jsonl"


def load_nlp(with_components: bool = True):
    """The English model, with wirewatch's entity and coreference components when asked."""
    import spacy

    import wirewatch.nlp.coref
    import wirewatch.nlp.entities  # noqa: F401 - registers wirewatch_entities
    from wirewatch.nlp import MODEL_NAME

    nlp = spacy.load(MODEL_NAME)
    if with_components:
        nlp.add_pipe("wirewatch_entities")
        nlp.add_pipe("wirewatch_coref")
    return nlp


def score_seed(nlp) -> dict:
    """Score the seed's entities; return the scorer's row plus the output table."""
    sys.path.insert(0, str(SHARED / "eval"))
    from score import score_entities

    from wirewatch.resolve.entities import entities_from_doc

    gold = json.loads(SEED.read_text(encoding="utf-8"))
    doc = nlp("\n\n".join(gold["body"]["paragraphs"]))
    ents = [e.model_dump() for e in entities_from_doc(doc)]
    return {"score": score_entities(gold, {"entities": ents}), "entities": doc._.entities}


def dev_texts(n: int) -> list[tuple[str, str]]:
    """(id, text) of the first n quotes-dev articles."""
    rows = []
    with QUOTES_DEV.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            rows.append((rec["id"], rec["text"]))
            if len(rows) >= n:
                break
    return rows


def speed(bare, full, texts: list[str], repeats: int) -> dict:
    """Median seconds and spread of bare ``nlp.pipe`` and the full pipeline over the same texts, turn by turn."""
    list(bare.pipe(texts[:3]))
    list(full.pipe(texts[:3]))  # warm-up: lazy tables, caches
    times: dict[str, list[float]] = {"bare": [], "wirewatch": []}
    for _ in range(repeats):
        for name, nlp in (("bare", bare), ("wirewatch", full)):
            t0 = time.perf_counter()
            for _doc in nlp.pipe(texts):
                pass
            times[name].append(time.perf_counter() - t0)
    med = {k: statistics.median(v) for k, v in times.items()}
    return {"median_s": med, "spread_s": {k: (min(v), max(v)) for k, v in times.items()},
            "ratio": med["wirewatch"] / med["bare"], "articles": len(texts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quiet", action="store_true", help="no dev-set cluster listing")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    t0 = time.perf_counter()
    full = load_nlp(True)
    load_s = time.perf_counter() - t0
    seed = score_seed(full)
    report: dict = {"seed": seed["score"], "load_s": round(load_s, 2)}
    if not args.json:
        print(f"pipeline built in {load_s:.2f}s")
        print("seed entities:")
        for e in seed["entities"]:
            print(f"  {e['type']:7} {e['name']!r:45} aliases={e['aliases']} roles={e['roles']}")
        print("seed score:", json.dumps(seed["score"]))
    if QUOTES_DEV.is_file() and args.dev:
        texts = dev_texts(args.dev)
        if not args.quiet and not args.json:
            for doc_id, doc in zip((t[0] for t in texts), full.pipe(t[1] for t in texts)):
                print(f"\n== {doc_id}")
                for e in doc._.entities:
                    if e["type"] != "PERSON":
                        continue
                    ms = [f"{m['text']}/{m['kind'][0]}" for m in e["mentions"]]
                    print(f"  {e['name']!r:32} roles={e['roles'][:3]} {' '.join(ms)[:300]}")
        bare = load_nlp(False)
        report["speed"] = speed(bare, full, [t[1] for t in texts], args.repeats)
        if not args.json:
            s = report["speed"]
            print(f"\nspeed over {s['articles']} articles: bare {s['median_s']['bare']:.2f}s "
                  f"{tuple(round(x, 2) for x in s['spread_s']['bare'])}, wirewatch {s['median_s']['wirewatch']:.2f}s "
                  f"{tuple(round(x, 2) for x in s['spread_s']['wirewatch'])}, ratio {s['ratio']:.2f}")
    if args.json:
        print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
