"""Behaviour tests of the NLP stages on the seed and the development sets, scored with the shared scorer.

Floors sit a little under what the pipeline reaches (closing notes of the issues give the tables); a drop below
one is a regression. Each quality check runs on a development set, not only on the seed.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

import wirewatch
from wirewatch.ingest import RawArticle, read_inputs

pytestmark = pytest.mark.quality


@pytest.fixture(scope="module")
def seed_scores(shared_dir: Path, scorer: ModuleType) -> dict:
    """The seed article's full record scored against its gold, every section."""
    (path,) = sorted((shared_dir / "fixtures" / "seed").glob("*.txt"))
    (raw,) = read_inputs([str(path)])
    assert isinstance(raw, RawArticle)
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    return scorer.score(gold, wirewatch.extract(raw).model_dump(mode="json"), raw.content)


def test_seed_entities_and_speakers(seed_scores: dict) -> None:
    assert seed_scores["entities"]["f1"] >= 0.9, seed_scores["entities"]
    assert seed_scores["quotes"]["all+speaker"]["f1"] >= 0.95, seed_scores["quotes"]["all+speaker"]


def test_seed_times_and_places(seed_scores: dict) -> None:
    assert seed_scores["times"]["recall"] == 1.0 and seed_scores["times"]["value_accuracy"] == 1.0, seed_scores["times"]
    assert seed_scores["places"]["recall"] >= 0.9, seed_scores["places"]
    assert seed_scores["places"]["country_accuracy"] == 1.0, seed_scores["places"]


def test_quotes_dev_floor(dev_scores: Callable[..., dict]) -> None:
    table = dev_scores("quotes-dev", nlp=True)
    assert table["documents"] == 200
    assert table["quotes+speaker"]["f1"] >= 0.65, table["quotes+speaker"]
    assert table["quotes.direct+speaker"]["f1"] >= 0.86, table["quotes.direct+speaker"]
    assert table["quotes.indirect"]["f1"] >= 0.61, table["quotes.indirect"]


def test_time_dev_floor(dev_scores: Callable[..., dict]) -> None:
    table = dev_scores("time-dev", nlp=True)
    assert table["times+value"]["f1"] >= 0.85, table["times+value"]


def test_geo_dev_floor(dev_scores: Callable[..., dict]) -> None:
    table = dev_scores("geo-dev", nlp=True)
    assert table["places+coords"]["f1"] >= 0.81, table["places+coords"]
