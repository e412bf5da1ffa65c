"""Behaviour test: body quality on html-dev (60 news pages as HTML), scored with the project's scorer in-process."""
from __future__ import annotations

from collections.abc import Callable

import pytest


pytestmark = pytest.mark.quality

# pooled 4-gram body F1 reached 0.982 (trafilatura.extract defaults: 0.955); the floors leave room for noise
BODY_F1_FLOOR = 0.97
BODY_PRECISION_FLOOR = 0.975


def test_html_dev_body_floor(dev_scores: Callable[..., dict]) -> None:
    table = dev_scores("html-dev")
    body = table["body"]
    assert table["documents"] == 60
    assert body["f1"] >= BODY_F1_FLOOR, body
    assert body["precision"] >= BODY_PRECISION_FLOOR, body
