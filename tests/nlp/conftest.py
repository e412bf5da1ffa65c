"""Fixtures for the NLP tests: the English model with some wirewatch components, built once per set."""
from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest
import spacy
from spacy.language import Language

import wirewatch.nlp  # noqa: F401  registers the factories
from wirewatch.nlp import MODEL_NAME


@cache
def _model(components: tuple[str, ...]) -> Language:
    nlp = spacy.load(MODEL_NAME)
    for name in components:
        nlp.add_pipe(name)
    return nlp


@pytest.fixture(scope="session")
def model_with() -> Callable[..., Language]:
    """Return a function giving the model with the named components added (shared: do not change it)."""
    def build(*components: str) -> Language:
        try:
            return _model(components)
        except OSError:
            pytest.skip(f"{MODEL_NAME} is not installed")
    return build
