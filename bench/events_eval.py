#!/usr/bin/env python3
"""Event extraction quality: ``wirewatch extract`` scored by ``../shared/eval/bench.py`` on event datasets.

Not collected by pytest. For each dataset folder (default: ``../shared/datasets/events-dev`` and a folder built
in a temporary directory from the shared seed's scraped text and gold events) it runs

    python3 ../shared/eval/bench.py DATASET --cmd ".venv/bin/wirewatch extract --format jsonl" --json

and prints the event-type P/R/F1, the accuracy of actors, targets and the other event fields, the ACLED
sub-event scores where the gold has them, and the per-type recall (which PLOVER types the rules miss).

Usage:
    python bench/events_eval.py [DATASET_DIR ...] [--no-seed] [--json]
"""
from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BENCH = SHARED / "eval" / "bench.py"
DEFAULT_DATASETS = [SHARED / "datasets" / "events-dev"]
SEED = SHARED / "fixtures" / "seed"
COMMAND = f"{ROOT / '.venv' / 'bin' / 'wirewatch'} extract --format jsonl --quiet"


def make_seed_dataset() -> Path:
    """A dataset folder with the seed's scraped text as input and only its events (and entities) as gold."""
    folder = Path(tempfile.mkdtemp(prefix="wirewatch-seed-events-"))
    (folder / "gold").mkdir()
    lines = []
    for gold_path in sorted(SEED.glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        gold = json.loads(gold_path.read_text("utf-8"))
        text = (SEED / f"{name}.txt").read_text("utf-8")
        lines.append(json.dumps({"id": name, "text": text, "published": gold.get("metadata", {}).get("published")}))
        (folder / "gold" / gold_path.name).write_text(
            json.dumps({"events": gold["events"], "entities": gold.get("entities", [])}), "utf-8")
    (folder / "input.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return folder


def run_dataset(dataset: Path) -> tuple[dict, list[dict]]:
    """The bench table for one dataset and the records the command wrote (for per-type recall)."""
    out_path = Path(tempfile.mkdtemp(prefix="wirewatch-events-")) / "records.jsonl"
    with out_path.open("w", encoding="utf-8") as sink:
        subprocess.run([*shlex.split(COMMAND), str(dataset / "input.jsonl")], stdout=sink, check=False, cwd=ROOT)
    proc = subprocess.run([sys.executable, str(BENCH), str(dataset), "--records", str(out_path), "--json"],
                          capture_output=True, text=True, check=True)
    records = [json.loads(line) for line in out_path.read_text("utf-8").splitlines() if line.strip()]
    return json.loads(proc.stdout), records


def type_recall(dataset: Path, records: list[dict]) -> dict[str, str]:
    """For each gold PLOVER type: how many required gold events have an output event of that type."""
    by_id = {r["source_id"]: r for r in records}
    found, total = Counter(), Counter()
    for path in sorted((dataset / "gold").glob("*.gold.json")):
        gold = json.loads(path.read_text("utf-8"))
        out_types = Counter(e["type"] for e in by_id.get(path.name[: -len(".gold.json")], {}).get("events", []))
        for event in gold.get("events", []):
            if event.get("optional"):
                continue
            total[event["type"]] += 1
            if out_types[event["type"]] > 0:
                out_types[event["type"]] -= 1
                found[event["type"]] += 1
    return {t: f"{found[t]}/{total[t]}" for t in sorted(total)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("datasets", nargs="*", type=Path)
    ap.add_argument("--no-seed", action="store_true", help="skip the seed article")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    datasets = [p for p in (args.datasets or DEFAULT_DATASETS) if (p / "input.jsonl").is_file()]
    if not args.no_seed and SEED.is_dir():
        datasets.append(make_seed_dataset())
    report = {}
    for dataset in datasets:
        table, records = run_dataset(dataset)
        events = table.get("events", {})
        name = "seed" if dataset.name.startswith("wirewatch-seed") else dataset.name
        report[name] = {
            "documents": table.get("documents"), "type": {k: events.get(k) for k in ("precision", "recall", "f1")},
            "fields": {k: v for k, v in events.items() if k.endswith("_accuracy")} or events.get("field_accuracy"),
            "acled_subtype": table.get("acled_subtype"), "type_recall": type_recall(dataset, records),
            "events_written": sum(len(r.get("events", [])) for r in records),
        }
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    for name, row in report.items():
        t = row["type"]
        print(f"== {name}: {row['documents']} documents, {row['events_written']} events written")
        print(f"   event type   P {t['precision']}  R {t['recall']}  F1 {t['f1']}")
        print("   fields       " + "  ".join(f"{k.replace('_accuracy', '')} {v}" for k, v in (row["fields"] or {}).items()))
        if row["acled_subtype"]:
            print(f"   ACLED sub-event  {json.dumps(row['acled_subtype'])}")
        print("   recall by type  " + "  ".join(f"{k} {v}" for k, v in row["type_recall"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
