"""Tokenizer special cases for news: abbreviated titles are one token ("Col.", as spaCy already keeps "Gen.").

Split into "Col" and ".", a title reads as a sentence end to the parser, which cuts "police spokesman Col. Abdi
Farah told reporters" in two and loses the speaker of the quote around it. Call ``add_title_abbreviations`` on a
pipeline before it processes text (``load_pipeline`` does).
"""
from __future__ import annotations

from importlib import resources

from spacy.language import Language
from spacy.symbols import ORTH

ABBREVIATIONS_FILE = "title_abbreviations.txt"


def title_abbreviations() -> list[str]:
    """The shipped abbreviated titles (``nlp/data/title_abbreviations.txt``)."""
    text = (resources.files("wirewatch.nlp") / "data" / ABBREVIATIONS_FILE).read_text("utf-8")
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


def add_title_abbreviations(nlp: Language) -> None:
    """Make each abbreviated title, and its upper-case form, a single token in ``nlp``'s tokenizer."""
    for title in title_abbreviations():
        for form in (title, title.upper()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
