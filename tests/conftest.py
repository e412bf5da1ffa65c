"""Shared test fixtures: where ../shared lives, and skips when it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder beside the checkout (seed, dev sets, scorer); skips the test when absent."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("../shared is not beside this checkout")
    return SHARED
