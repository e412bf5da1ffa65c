"""Shared test fixtures: where ../shared lives, and skips when it is absent."""
from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder beside the checkout (seed, dev sets, scorer); skips the test when absent."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def scorer(shared_dir: Path) -> ModuleType:
    """The shared scorer (``../shared/eval/score.py``), imported by path."""
    spec = importlib.util.spec_from_file_location("wirewatch_shared_score", shared_dir / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def dev_set(shared_dir: Path) -> Callable[[str], Path]:
    """A function giving a development set's folder by name; it skips the test when the set is absent."""
    def folder(name: str) -> Path:
        dataset = shared_dir / "datasets" / name
        if not (dataset / "input.jsonl").is_file():
            pytest.skip(f"{name} is not in ../shared/datasets")
        return dataset
    return folder


@pytest.fixture(scope="session")
def dev_scores(scorer: ModuleType, dev_set: Callable[[str], Path]) -> Callable[..., dict]:
    """A function that extracts a whole development set in-process and returns the scorer's aggregate table.

    Every item must give a record: a failed item fails the test.
    """
    import wirewatch
    from wirewatch.errors import InputError
    from wirewatch.ingest import read_inputs

    def score(name: str, *, nlp: bool = False) -> dict:
        dataset = dev_set(name)
        records = list(wirewatch.extract_many(read_inputs([str(dataset / "input.jsonl")]), nlp=nlp))
        failed = [r for r in records if isinstance(r, InputError)]
        assert not failed, failed
        sources = {raw.source_id: raw.content for raw in read_inputs([str(dataset / "input.jsonl")])
                   if getattr(raw, "kind", None) == "text"}
        results = []
        for record in records:
            gold = json.loads((dataset / "gold" / f"{record.source_id}.gold.json").read_text(encoding="utf-8"))
            results.append(scorer.score(gold, record.model_dump(mode="json"), sources.get(record.source_id)))
        table = scorer.aggregate(results)
        table["documents"] = len(results)
        return table
    return score
