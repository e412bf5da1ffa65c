"""``wirewatch_paragraph_entities``: no named entity runs across a paragraph break.

The model reads a text as one stream and sometimes joins a headline's last word to the first name of the body
("Talks collapse\\n\\nZambia said ..." gives one GPE "collapse\\n\\nZambia"), which no gazetteer or knowledge base
can then resolve. Added after the model's ``ner``, the component splits such an entity at each break and keeps
each part that starts like a name, with the model's label.
"""
# No "from __future__ import annotations": spaCy validates factory arguments from real annotations.

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token


@Language.factory("wirewatch_paragraph_entities")
def make_paragraph_entity_splitter(nlp: Language, name: str) -> "ParagraphEntitySplitter":
    """Build the component; add it after the model's entity recognizer:
    ``nlp.add_pipe("wirewatch_paragraph_entities", after="ner")``."""
    return ParagraphEntitySplitter()


class ParagraphEntitySplitter:
    """Splits ``doc.ents`` at paragraph breaks."""

    def __call__(self, doc: Doc) -> Doc:
        if not any(_is_break(t) for e in doc.ents for t in e):
            return doc
        ents: list[Span] = []
        for ent in doc.ents:
            if not any(_is_break(t) for t in ent):
                ents.append(ent)
                continue
            start = ent.start
            for i in [t.i for t in ent if _is_break(t)] + [ent.end]:
                part = doc[start:i]
                while len(part) and part[-1].is_space:
                    part = part[:-1]
                if len(part) and _starts_like_a_name(part[0]):
                    ents.append(Span(doc, part.start, part.end, label=ent.label))
                start = i + 1
        doc.ents = ents
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of Docs."""
        for doc in docs:
            yield self(doc)


def _is_break(token: Token) -> bool:
    return token.is_space and token.text.count("\n") >= 2


def _starts_like_a_name(token: Token) -> bool:
    return token.text[:1].isupper() or token.text[:1].isdigit()
