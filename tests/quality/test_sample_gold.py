"""The bundled samples and their gold files agree, so scoring the cleaner on them measures the cleaner.

Checks the fixtures only (no cleaning): one gold per sample item, every gold paragraph, title and caption is in
the item's input, and every `must_not_contain` string is in the input (else the check would be vacuous) but in no
gold paragraph.
"""
from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from wirewatch.ingest import RawArticle, read_inputs

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
EXPECTED = ROOT / "tests" / "fixtures" / "expected"
METADATA_KEYS = {"title", "standfirst", "publisher", "authors", "published", "language", "image_captions"}


def _items() -> dict[str, RawArticle]:
    items = list(read_inputs([str(SAMPLES)]))
    assert all(isinstance(i, RawArticle) for i in items), items
    return {i.source_id: i for i in items}  # type: ignore[union-attr]


def _golds() -> dict[str, dict]:
    return {json.loads(p.read_text(encoding="utf-8"))["source_id"]: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(EXPECTED.glob("*.gold.json"))}


def _visible(raw: RawArticle) -> str:
    """The input as a reader sees it: entities decoded, tags kept (gold strings must occur somewhere in it)."""
    return html.unescape(raw.content) if raw.kind == "html" else raw.content


def test_one_gold_per_sample_item() -> None:
    assert set(_golds()) == set(_items())
    assert 6 <= len(_items()) <= 8
    kinds = sorted(i.kind for i in _items().values())
    assert kinds.count("text") >= 3 and kinds.count("html") >= 2


@pytest.mark.parametrize("source_id", sorted(_golds()))
def test_gold_matches_its_input(source_id: str) -> None:
    gold, raw = _golds()[source_id], _items()[source_id]
    meta, body = gold["metadata"], gold["body"]
    assert METADATA_KEYS <= set(meta)
    assert meta["language"] == "en"
    visible = _visible(raw)
    for paragraph in body["paragraphs"]:
        assert paragraph in visible, paragraph[:60]
    for caption in meta["image_captions"]:
        assert caption in visible
    if meta["title"] and raw.title is None:  # a hinted title need not be in the text
        assert meta["title"] in visible
    for author in meta["authors"]:
        assert author.casefold() in visible.casefold()
    assert len(body["must_not_contain"]) >= 4
    for noise in body["must_not_contain"]:
        assert noise in visible, f"{noise!r} is not in the input: the check would be vacuous"
        assert not any(noise in p for p in body["paragraphs"]), noise
