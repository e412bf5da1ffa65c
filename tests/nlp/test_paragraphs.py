"""``wirewatch_paragraph_entities``: an entity the model runs across a paragraph break is split at it.
Texts are written for these tests."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from wirewatch.nlp import load_pipeline
from wirewatch.nlp.paragraphs import ParagraphEntitySplitter


def _doc(words: list[str], spaces: list[bool], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def test_an_entity_across_a_break_keeps_its_name_like_parts() -> None:
    doc = _doc(["Talks", "collapse", "\n\n", "Zambia", "said", "no", "."],
               [True, False, False, True, True, False, False], [(1, 4, "GPE")])
    assert [(e.text, e.label_) for e in ParagraphEntitySplitter()(doc).ents] == [("Zambia", "GPE")]


def test_both_sides_of_a_break_can_be_names() -> None:
    doc = _doc(["Walmart", "\n\n", "New", "Price", "Drop"], [False, False, True, True, False], [(0, 5, "ORG")])
    assert [e.text for e in ParagraphEntitySplitter()(doc).ents] == ["Walmart", "New Price Drop"]


def test_a_line_break_inside_a_paragraph_is_no_break() -> None:
    doc = _doc(["Janet", "Yellen", "\n", "said"], [True, False, False, False], [(0, 3, "PERSON")])
    assert [e.text for e in ParagraphEntitySplitter()(doc).ents] == ["Janet Yellen\n"]


def test_the_pipeline_places_the_body_name_not_the_headline() -> None:
    nlp = load_pipeline()
    assert nlp.pipe_names.index("wirewatch_paragraph_entities") == nlp.pipe_names.index("ner") + 1
    doc = nlp("Title\n\nZambia extradited a militant to Britain on Sunday.")
    assert "Zambia" in [e.text for e in doc.ents]
    assert all("\n\n" not in e.text for e in doc.ents)
