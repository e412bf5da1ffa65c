"""Behaviour test: body quality on html-dev (60 news pages as HTML), scored with the project's scorer in-process."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import wirewatch
from wirewatch.errors import InputError
from wirewatch.ingest import read_inputs

pytestmark = pytest.mark.quality

# pooled 4-gram body F1 reached 0.982 (trafilatura.extract defaults: 0.955); the floors leave room for noise
BODY_F1_FLOOR = 0.97
BODY_PRECISION_FLOOR = 0.975


def _load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("wirewatch_shared_score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_html_dev_body_floor(shared_dir: Path) -> None:
    dataset = shared_dir / "datasets" / "html-dev"
    if not (dataset / "input.jsonl").is_file():
        pytest.skip("html-dev is not in ../shared/datasets")
    scorer = _load_scorer(shared_dir)
    records = list(wirewatch.extract_many(read_inputs([str(dataset / "input.jsonl")])))
    failed = [r for r in records if isinstance(r, InputError)]
    assert not failed, failed
    results = []
    for record in records:
        gold = json.loads((dataset / "gold" / f"{record.source_id}.gold.json").read_text(encoding="utf-8"))
        results.append(scorer.score(gold, record.model_dump(mode="json")))
    body = scorer.aggregate(results)["body"]
    assert len(results) == 60
    assert body["f1"] >= BODY_F1_FLOOR, body
    assert body["precision"] >= BODY_PRECISION_FLOOR, body
