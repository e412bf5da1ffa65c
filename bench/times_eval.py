#!/usr/bin/env python3
"""Time expressions on a dataset folder: write records with `times` and score them with the shared bench.

Not collected by pytest. Reads DATASET/input.jsonl (id, text, published), runs the English model plus
`wirewatch_times` over the texts with `nlp.pipe`, writes `{"source_id", "text", "times"}` per line and
scores the file with `../shared/eval/bench.py DATASET --records FILE`.

The publication date reaches the component the way the wirewatch pipeline sets it: each text is
tokenized with `nlp.make_doc`, `doc._.published` is set, and the Docs go into `nlp.pipe`
(`wirewatch.nlp.times.docs_with_published`).

Speed: one untimed warm-up, then `--repeats` passes of bare spaCy `nlp.pipe` (the model alone) and of the
time tagger alone over the parsed Docs; the table gives medians, the spread and the tagger's share.

`--baseline dateparser` writes a plain baseline instead: the model's DATE/TIME entities, each parsed by
`dateparser` relative to the publication date, at the granularity it reports.

Usage:
    python bench/times_eval.py ../shared/datasets/time-dev [--out FILE] [--repeats 3] [--baseline dateparser]
        [--mismatches] [--json]
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
BENCH = ROOT.parent / "shared" / "eval" / "bench.py"
HEIDELTIME_S_PER_ARTICLE = 5.0  # the JVM tagger's rough cost per news article, for the speed ratio


def load_items(dataset: Path) -> list[dict]:
    """Return the dataset's input items (id, text, published)."""
    with (dataset / "input.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_wirewatch(nlp, items: list[dict]) -> list[dict]:
    """Return one record dict per item with the component's times."""
    from wirewatch.nlp.times import docs_with_published
    from wirewatch.resolve.times import times_from_doc

    docs = nlp.pipe(docs_with_published(nlp, ((i["text"], i.get("published")) for i in items)))
    out = []
    for item, doc in zip(items, docs):
        assert doc.text == item["text"]  # offsets index the input text
        out.append({"source_id": item["id"], "text": doc.text,
                    "times": [t.model_dump(exclude_none=True) for t in times_from_doc(doc)]})
    return out


def run_dateparser_baseline(nlp, items: list[dict]) -> list[dict]:
    """Return records from the model's DATE/TIME entities parsed by dateparser (the 'before' row)."""
    import dateparser
    from dateparser.date import DateDataParser

    out = []
    for item, doc in zip(items, nlp.pipe(i["text"] for i in items)):
        base = dateparser.parse(item["published"][:10]) if item.get("published") else None
        ddp = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base} if base else {})
        times = []
        for ent in doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            data = ddp.get_date_data(ent.text)
            value = None
            if data and data.date_obj:
                fmt = {"year": "%Y", "month": "%Y-%m", "week": "%Y-W%V"}.get(data.period or "day", "%Y-%m-%d")
                value = data.date_obj.strftime(fmt)
            times.append({"text": ent.text, "value": value, "start": ent.start_char, "end": ent.end_char})
        out.append({"source_id": item["id"], "text": item["text"], "times": times})
    return out


def speed(nlp, items: list[dict], repeats: int) -> dict:
    """Time bare spaCy and the time tagger alone (over parsed Docs), after a warm-up pass."""
    from wirewatch.nlp.times import docs_with_published

    tagger = nlp.get_pipe("wirewatch_times")
    texts = [(i["text"], i.get("published")) for i in items]
    with nlp.select_pipes(disable=["wirewatch_times"]):
        parsed = list(nlp.pipe(docs_with_published(nlp, texts)))  # warm-up, and the Docs the tagger runs on
        spacy_s = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            list(nlp.pipe(docs_with_published(nlp, texts)))
            spacy_s.append(time.perf_counter() - t0)
    for doc in parsed:
        tagger(doc)  # warm-up
    tag_s = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for doc in parsed:
            tagger(doc)
        tag_s.append(time.perf_counter() - t0)
    n = len(items)
    n_times = sum(len(d.spans["wirewatch_times"]) for d in parsed)
    med_tag, med_spacy = statistics.median(tag_s), statistics.median(spacy_s)
    return {
        "articles": n, "times_found": n_times, "repeats": repeats,
        "spacy_articles_per_s": round(n / med_spacy, 1),
        "tagger_articles_per_s": round(n / med_tag, 1),
        "tagger_times_per_s": round(n_times / med_tag, 1),
        "tagger_ms_per_article": round(1000 * med_tag / n, 3),
        "tagger_spread_s": [round(min(tag_s), 4), round(max(tag_s), 4)],
        "tagger_share_of_spacy": round(med_tag / med_spacy, 4),
        "x_faster_than_heideltime": round(HEIDELTIME_S_PER_ARTICLE / (med_tag / n)),
        "with_spacy_x_faster_than_heideltime": round(HEIDELTIME_S_PER_ARTICLE / ((med_tag + med_spacy) / n)),
    }


def mismatches(dataset: Path, records: list[dict]) -> None:
    """Print each gold time that was missed or got a wrong value, and each output with no gold match."""
    sys.path.insert(0, str(BENCH.parent))
    import score as scorer

    by_id = {r["source_id"]: r for r in records}
    for path in sorted((dataset / "gold").glob("*.gold.json")):
        gold = json.loads(path.read_text())
        rec = by_id.get(gold["source"], {})
        outs = rec.get("times", [])

        def sc(g, o):
            a, b = scorer.tokens(g["text"]), scorer.tokens(o.get("text"))
            ok = a and b and (scorer.contains_tokens(a, b) or scorer.contains_tokens(b, a))
            return 0.5 + scorer.token_f1(g["text"], o.get("text") or "") if ok else 0

        pairs = scorer.align(gold["times"], outs, sc)
        matched_o = {oi for _, oi in pairs}
        text = rec.get("text", "")
        pub = gold.get("info", {}).get("dct")
        for gi, oi in pairs:
            g, o = gold["times"][gi], outs[oi]
            if not scorer.value_ok(o.get("value"), g["value"]):
                print(f"WRONG {pub} {g['text']!r} gold={g['value']} out={o.get('value')} rule={o.get('rule')} | "
                      f"{text[max(0, g['start'] - 60):g['end'] + 30]!r}")
        for gi, g in enumerate(gold["times"]):
            if gi not in {x for x, _ in pairs}:
                print(f"MISS  {pub} {g['text']!r} gold={g['value']} | {text[max(0, g['start'] - 60):g['end'] + 30]!r}")
        for oi, o in enumerate(outs):
            if oi not in matched_o:
                print(f"EXTRA {pub} {o['text']!r} out={o.get('value')} rule={o.get('rule')} | "
                      f"{text[max(0, o['start'] - 50):o['end'] + 30]!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--out", type=Path, help="records file to write (default: a temporary file)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--baseline", choices=["dateparser"])
    ap.add_argument("--mismatches", action="store_true", help="list every wrong, missed and extra time")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    import spacy

    import wirewatch.nlp  # noqa: F401  registers the wirewatch factories
    from wirewatch.nlp import MODEL_NAME

    nlp = spacy.load(MODEL_NAME)
    items = load_items(args.dataset)
    if args.baseline:
        records = run_dateparser_baseline(nlp, items)
    else:
        nlp.add_pipe("wirewatch_times")
        records = run_wirewatch(nlp, items)
    out = args.out or Path(tempfile.mkdtemp()) / "times.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    cmd = [sys.executable, str(BENCH), str(args.dataset), "--records", str(out)] + (["--json"] if args.json else [])
    print(subprocess.run(cmd, capture_output=True, text=True, check=False).stdout, end="")
    if args.mismatches:
        mismatches(args.dataset, records)
    if not args.baseline and args.repeats > 0:
        print(json.dumps(speed(nlp, items, args.repeats), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
