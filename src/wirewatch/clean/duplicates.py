"""Repeated text in scraped pages: lines pasted twice onto themselves, and body blocks repeated in whole or in part."""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence

_MIN_DOUBLED_CHARS = 16
# A repeated line this long is a copy on its own; shorter ones only count inside a run of repeats.
MIN_REPEAT_WORDS = 10
_QUOTES = dict.fromkeys(map(ord, "\"'`\u2018\u2019\u201c\u201d\u00ab\u00bb"), None)


def undouble(line: str) -> str | None:
    """Return the single copy when a line is two copies of itself pasted together ("XX" or "X X"), else None.

    A caption scraped from both the image's alt text and its figcaption comes out this way.
    """
    n = len(line)
    if n < _MIN_DOUBLED_CHARS:
        return None
    for gap in ("", " "):
        half, odd = divmod(n - len(gap), 2)
        if not odd and line[half:half + len(gap)] == gap and line[:half] == line[half + len(gap):]:
            return line[:half].strip()
    return None


def line_key(line: str) -> str:
    """Return the key two copies of one line share: NFKC, case-folded, quotes dropped, whitespace collapsed."""
    if line.isascii():  # the common case, without a per-character table lookup
        line = line.replace('"', "").replace("'", "").replace("`", "")
    else:
        line = unicodedata.normalize("NFKC", line).translate(_QUOTES)
    return " ".join(line.casefold().split())


def repeated_lines(keys: Sequence[str], sizes: Sequence[int]) -> list[int]:
    """Return the indexes of lines that repeat an earlier line as part of a copied block.

    A line next to another copy (repeating the line next to its earlier copy) is part of a copied run. Outside a
    run, a long line (``MIN_REPEAT_WORDS`` words or more) that occurs twice is a copy on its own; a short one, or
    one that recurs three times or more (an interviewer's stock question), is part of the article and stays.

    Args:
        keys: each line's `line_key`; an empty key marks a line to skip (already removed), which does not break runs.
        sizes: each line's word count.
    """
    live = [i for i, key in enumerate(keys) if key]
    seen: dict[str, list[int]] = {}  # each key's positions (in `live`) so far
    earlier: list[list[int]] = []  # for each position, where its key occurred before it
    for pos, i in enumerate(live):
        occurrences = seen.setdefault(keys[i], [])
        earlier.append(list(occurrences))
        occurrences.append(pos)
    out = []
    for pos, i in enumerate(live):
        if not earlier[pos]:
            continue
        recurring = len(seen[keys[i]]) > 2  # a refrain or an interviewer's stock question, not a pasted copy
        before = set(earlier[pos])
        # a short repeat counts when a neighbour repeats the line next to one of its earlier copies: a copied run
        in_run = (pos > 0 and any(q + 1 in before for q in earlier[pos - 1])) or (
            pos + 1 < len(live) and any(q - 1 in before for q in earlier[pos + 1]))
        if in_run or (sizes[i] >= MIN_REPEAT_WORDS and not recurring):
            out.append(i)
    return out
