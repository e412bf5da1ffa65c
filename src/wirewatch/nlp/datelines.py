"""``wirewatch_datelines``: a wire dateline ("MOGADISHU, Somalia (AP) —") is a sentence of its own.

The component runs before the parser, which keeps sentence starts set before it. Without it the parser reads
the dateline into the story's first sentence, and its city becomes the subject of the first act ("MOGADISHU —
Gunmen attacked ...": Mogadishu attacked) or of the first quote. The dateline stays in the text, so the places
component still finds its city.
"""
# No "from __future__ import annotations": spaCy validates factory arguments from real annotations.

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

# At a paragraph's start: a city in capitals ("LOS ANGELES", "ST. PAUL"), then optionally a state or country
# and a date ("Somalia", "Minn.", "April 26"), then optionally an agency in brackets, then a dash.
_CITY = r"[A-Z][A-Z.'’\-]{2,}(?:[ \t]+[A-Z][A-Z.'’\-]+){0,3}"
_QUALIFIER = r"(?:,[ \t]*[A-Z][\w.'’\-]*(?:[ \t]+[\w.'’\-]+){0,3}){0,2}"
_AGENCY = r"(?:[ \t]*\([A-Z][\w.&'’ \-]{0,30}\))?"
DATELINE_MAX_TOKENS = 24  # more than the longest dateline: "ST. PAUL, Minn., Jan. 12 (Reuters) —"
DATELINE = re.compile(rf"(?m)^[ \t]*(?P<city>{_CITY})(?P<more>{_QUALIFIER}{_AGENCY})[ \t]*(?:—|–|--?)[ \t]*(?=\S)")
# A second dash before the sentence ends makes the first one half of a parenthetical pair ("NATO — the alliance —").
_PAIRED_DASH = re.compile(r"[^.!?\n]*?\s(?:—|–|--?)\s")


@Language.factory("wirewatch_datelines")
def make_dateline_splitter(nlp: Language, name: str) -> "DatelineSplitter":
    """Build the component; add it before the parser: ``nlp.add_pipe("wirewatch_datelines", before="parser")``."""
    return DatelineSplitter()


class DatelineSplitter:
    """Marks each dateline, and the words after it, as the start of a sentence."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        for match in DATELINE.finditer(text):
            if not match.group("more") and _PAIRED_DASH.match(text, match.end()):
                continue
            dateline = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if dateline is None or dateline.end >= len(doc):
                continue
            first = next((t for t in dateline if not t.is_space), None)
            if first is None:
                continue
            first.is_sent_start = True
            for tok in doc[first.i + 1:dateline.end]:
                tok.is_sent_start = False
            doc[dateline.end].is_sent_start = True
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of Docs."""
        for doc in docs:
            yield self(doc)
