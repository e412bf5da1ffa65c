"""Quotation marks in plain text: which marks open, which close, and the stretches they enclose.

Pure string work, no spaCy: the quote finder runs this over ``doc.text`` and maps the stretches onto tokens.
Handles straight, curly, low-9 and guillemet marks, the typewriter pairs ``\\`\\`...''`` and ``''...''``,
multi-paragraph quotes (an opening mark on every paragraph, a closing mark only on the last) and single
marks used as primary quotes (British style). Unbalanced marks never carry a quote past its paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Double marks, longest first so the two-character typewriter pairs win over a lone apostrophe or backtick.
_DOUBLE = re.compile(r"``|''|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]")
_SINGLE = re.compile(r"[\u2018\u2019\u201a\u201b\u2039\u203a'`]")
_OPENING_GLYPHS = {"``", "\u201c", "\u201e", "\u201f", "\u00ab", "\u2018", "\u201a", "\u201b", "\u2039", "`"}
_CLOSING_GLYPHS = {"\u201d", "\u00bb", "\u2019", "\u203a", "\u2033"}
# Characters after which a mark opens a quote, and before which it closes one.
_BEFORE_OPEN = set(" \t\n([{\u2014\u2013-/:;,")
_AFTER_CLOSE = set(" \t\n)]}.,;:!?\u2014\u2013-/\u2026")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Mark:
    """One quotation mark: where it is, its glyph, and whether context lets it open and/or close."""

    start: int
    end: int
    glyph: str
    can_open: bool
    can_close: bool


@dataclass
class Stretch:
    """Quoted content between an opening and a closing mark (character offsets, marks excluded).

    ``fragments`` holds one (start, end) pair per paragraph for a multi-paragraph quote. ``closed`` is False when
    the closing mark is missing and the stretch was cut at its paragraph's end.
    """

    start: int
    end: int
    open_start: int
    close_end: int
    closed: bool = True
    single: bool = False
    fragments: list[tuple[int, int]] = field(default_factory=list)


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Return (start, end) character offsets of each paragraph: runs of text between blank lines."""
    bounds, pos = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if text[pos : m.start()].strip():
            bounds.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        bounds.append((pos, len(text)))
    return bounds


def _classify(text: str, start: int, end: int, glyph: str, lo: int, hi: int) -> Mark:
    """Decide from the neighbouring characters whether a mark can open and/or close a quote."""
    before = text[start - 1] if start > lo else " "
    after = text[end] if end < hi else " "
    can_open = before in _BEFORE_OPEN or before in "\"\u201c\u2018'" or start == lo
    can_open = can_open and not after.isspace()
    can_close = not before.isspace() and (after in _AFTER_CLOSE or after in "\"\u201d\u2019'" or end == hi)
    if can_open and can_close:  # e.g. '"' between two marks: let the glyph decide
        can_open, can_close = glyph not in _CLOSING_GLYPHS, glyph not in _OPENING_GLYPHS
    elif not can_open and not can_close:  # glued on both sides ("word"word) or loose (' " '): the glyph decides
        can_open, can_close = glyph in _OPENING_GLYPHS, glyph in _CLOSING_GLYPHS
        if not can_open and not can_close and before.isspace() and after.isspace():
            can_open = can_close = True  # a loose straight mark (' " ' after a nested quote): pairing decides
    return Mark(start, end, glyph, can_open, can_close)


def _marks(text: str, pattern: re.Pattern[str], lo: int, hi: int, single: bool) -> list[Mark]:
    out = []
    for m in pattern.finditer(text, lo, hi):
        s, e = m.span()
        if single:
            before = text[s - 1] if s > lo else " "
            after = text[e] if e < hi else " "
            if before.isalnum() and after.isalnum():  # an apostrophe inside a word: don't, Côte d’Ivoire
                continue
            if before == "'" or after == "'":  # half of a typewriter double mark ('') that found no partner
                continue
            if m.group() in "'\u2019" and before.isalnum() is False and after.isdigit():  # the '90s
                continue
        out.append(_classify(text, s, e, m.group(), lo, hi))
    return out


def _pair(marks: list[Mark]) -> tuple[list[tuple[Mark, Mark]], Mark | None]:
    """Pair opening and closing marks left to right without nesting; return the pairs and a dangling opener."""
    pairs: list[tuple[Mark, Mark]] = []
    opener: Mark | None = None
    for mark in marks:
        if opener is None:
            if mark.can_open:
                opener = mark
        elif mark.can_close:
            pairs.append((opener, mark))
            opener = None
        elif mark.can_open:  # two openers in a row: the first one was never closed, start again here
            opener = mark
    return pairs, opener


def _starts_with_mark(text: str, lo: int, hi: int) -> Mark | None:
    m = _DOUBLE.match(text, lo, hi)
    return _classify(text, m.start(), m.end(), m.group(), lo, hi) if m else None


def find_stretches(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Stretch]:
    """Return every quoted stretch in ``text``, in order, with the quotation marks left out.

    Args:
        text: the article text, paragraphs separated by blank lines.
        paragraphs: paragraph bounds from ``paragraph_bounds(text)``, when the caller already has them.

    Returns:
        Stretches in text order. A quote whose paragraph ends before it closes continues into the next paragraph
        only when that paragraph opens with a quotation mark; otherwise it ends with its paragraph.
    """
    paragraphs = paragraph_bounds(text) if paragraphs is None else paragraphs
    out: list[Stretch] = []
    pending: Stretch | None = None  # a multi-paragraph quote waiting for its closing mark
    for lo, hi in paragraphs:
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        marks = _marks(text, _DOUBLE, lo, hi, single=False)
        if pending is not None:
            first = _starts_with_mark(text, lo, hi)
            if first is not None and first.can_open:
                # The continuation's own opener is consumed; its stretch joins the pending one below.
                marks = [m for m in marks if m.start != first.start]
                closer = next((m for m in marks if m.can_close), None)
                if closer is None:  # still no closing mark: the quote runs on to the next paragraph
                    pending.fragments.append((first.end, hi))
                    pending.end, pending.close_end = hi, hi
                    continue
                pending.fragments.append((first.end, closer.start))
                pending.end, pending.close_end, pending.closed = closer.start, closer.end, True
                out.append(pending)
                pending = None
                marks = [m for m in marks if m.start > closer.start]
            else:
                out.append(pending)
                pending = None
        pairs, dangling = _pair(marks)
        for a, b in pairs:
            if b.start > a.end and text[a.end : b.start].strip():
                out.append(Stretch(a.end, b.start, a.start, b.end, fragments=[(a.end, b.start)]))
        if dangling is not None and text[dangling.end : hi].strip():
            # An unclosed quote: it may continue in the next paragraph (multi-paragraph form), else it stops here.
            pending = Stretch(dangling.end, hi, dangling.start, hi, closed=False, fragments=[(dangling.end, hi)])
        out.extend(_single_stretches(text, lo, hi, out))
    if pending is not None:
        out.append(pending)
    out.sort(key=lambda s: s.start)
    return out


def _single_stretches(text: str, lo: int, hi: int, doubles: list[Stretch]) -> list[Stretch]:
    """Single-mark stretches of one paragraph that no double-mark stretch already covers."""
    inside = [(s.open_start, s.close_end) for s in doubles if s.close_end > lo and s.open_start < hi]
    marks = [m for m in _marks(text, _SINGLE, lo, hi, single=True)
             if not any(a <= m.start < b for a, b in inside)]
    pairs, _ = _pair(marks)
    found = []
    for a, b in pairs:
        content = text[a.end : b.start]
        # A closing apostrophe right after an "s" with no opener nearby is a plural possessive; pairs need words.
        if content.strip() and re.search(r"\w", content):
            found.append(Stretch(a.end, b.start, a.start, b.end, single=True, fragments=[(a.end, b.start)]))
    return found
