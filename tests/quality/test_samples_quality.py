"""Behaviour test: the bundled team-written samples (text, HTML, JSONL) against their expected records."""
from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

import wirewatch
from wirewatch.errors import InputError
from wirewatch.ingest import read_inputs

pytestmark = pytest.mark.quality

ROOT = Path(__file__).resolve().parents[2]


def test_samples_match_their_expected_records(scorer: ModuleType) -> None:
    records = {r.source_id: r for r in wirewatch.extract_many(read_inputs([str(ROOT / "samples")]), nlp=False)
               if not isinstance(r, InputError)}
    results = []
    for path in sorted((ROOT / "tests" / "fixtures" / "expected").glob("*.gold.json")):
        name = path.name.removesuffix(".gold.json")
        record = records.get(name) or records.get(f"{name}.txt") or records.get(f"{name}.html")
        assert record is not None, f"no record for {name}"
        results.append(scorer.score(json.loads(path.read_text(encoding="utf-8")), record.model_dump(mode="json")))
    table = scorer.aggregate(results)
    assert len(results) == 8
    assert table["body"]["f1"] >= 0.98, table["body"]
    assert table["metadata"]["accuracy"] >= 0.95, table["metadata"]
