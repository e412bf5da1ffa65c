"""One English pipeline with wirewatch_entities and wirewatch_coref, loaded once for the entity and coref tests."""
from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

import wirewatch.nlp.coref
import wirewatch.nlp.entities  # noqa: F401 - registers wirewatch_entities
from wirewatch.nlp import MODEL_NAME


@cache
def entity_pipeline() -> Language:
    """The model + wirewatch_entities + wirewatch_coref (no first-name lexicon: tests check the text's own cues)."""
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("wirewatch_entities")
    nlp.add_pipe("wirewatch_coref", config={"use_name_lexicon": False})
    return nlp
