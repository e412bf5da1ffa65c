"""Boilerplate markers for scraped text: the lexicon of page furniture and the line shapes that are never body.

The lexicon ships as package data (``clean/data/boilerplate.tsv``); see its header for the columns. This module
answers one question per line, cheaply: which family of page furniture is this line, if any?
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

# the standard library's own regex parser (public as sre_parse until 3.11), to list what a "line" pattern spells
from re import _constants as _const  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

# Families that open a part of the page which is not the article (a related-story list, the comments, a bio).
SECTION_FAMILIES = frozenset({"related", "comments", "about_author"})

_LINE_MAX_WORDS = 12
_PREFIX_MAX_WORDS = 30
_CONTAINS_MIN_WORDS = 4
_CONTAINS_MAX_WORDS = 150
# A line longer than a prefix line is a paragraph: of the "contains" rows only the long notices (cookies, newsletters,
# rights, affiliate links, paywalls) apply to it, so it is searched for fewer words, which is most of the cost.
_LONG_LINE_NEEDS = re.compile(r"cookie|newsletter|reserved|reproduc|affiliate|commission|subscri|javascript")

_EDGE_JUNK = " \t\u00a0•·‣◦▪▫●○■□►▶▸*-–—|:;,.!?…»«›‹<>→←↑↓()[]{}\"'“”‘’#+"
_URL_RE = re.compile(
    r"(?:https?://|www\.)\S+|[\w.-]+\.(?:com|org|net|co\.\w\w|in|uk|io|info|gov|edu)(?:/\S*)?", re.IGNORECASE)
_IMAGE_URL_RE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif|bmp)(?:[?#]\S*)?$", re.IGNORECASE)
_EMAIL_RE = re.compile(r"\S+@\S+\.\w+")
_HANDLE_RE = re.compile(r"@\w{2,}")
_MAX_SPELLINGS = 5000  # a "line" pattern spelling out more lines than this stays a regex


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The compiled lexicon: whole-line spellings as a set lookup, the rest as regexes."""

    exact: dict[str, str]  # every line a finite "line" pattern spells, to its family
    line: _FirstCharIndex  # the "line" patterns that match unboundedly many lines
    prefix: _FirstCharIndex
    contains: tuple[tuple[tuple[str, ...], str, re.Pattern[str]], ...]  # (needed words, family, pattern)
    needs: re.Pattern[str]  # any word a "contains" row needs: lines without one skip those rows


@cache
def _lexicon() -> _Lexicon:
    """Read and compile the lexicon (package data), once."""
    exact: dict[str, str] = {}
    open_ended: dict[str, dict[str, list[str]]] = {"line": {}, "prefix": {}}
    contains = []
    text = resources.files("wirewatch.clean").joinpath("data/boilerplate.tsv").read_text(encoding="utf-8")
    for row in text.splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        kind, family, pattern, *needs = row.split("\t")
        if kind == "contains":
            words = tuple(needs[0].split("|")) if needs else ("",)
            contains.append((words, family, re.compile(pattern)))
            continue
        for alternative in _alternatives(pattern) if kind == "line" else [pattern]:
            spellings = _spellings(alternative) if kind == "line" else None
            if spellings is None:
                open_ended[kind].setdefault(family, []).append(f"(?:{alternative})")
            else:
                for spelling in spellings:
                    exact.setdefault(spelling, family)
    line, prefix = (_FirstCharIndex(open_ended[kind]) for kind in ("line", "prefix"))
    gate = re.compile("|".join(sorted({re.escape(word) for words, _, _ in contains for word in words})))
    return _Lexicon(exact, line, prefix, tuple(contains), gate)


def _alternation(families: dict[str, list[str]]) -> re.Pattern[str] | None:
    """One regex with a named group per family, so a match tells its family."""
    if not any(families.values()):
        return None
    return re.compile("|".join(f"(?P<{family}>{'|'.join(pats)})" for family, pats in families.items() if pats))


class _FirstCharIndex:
    """Anchored patterns grouped by the character a line must start with to match them.

    A line is tried only against the patterns that can begin with its first character, a fraction of the lexicon,
    which is what keeps marking every line of a page cheap.
    """

    def __init__(self, families: dict[str, list[str]]) -> None:
        by_char: dict[str, dict[str, list[str]]] = {}
        anywhere: dict[str, list[str]] = {family: [] for family in families}
        for family, patterns in families.items():
            for pattern in patterns:
                chars = _first_chars(pattern)
                for char in chars if chars is not None else ():
                    by_char.setdefault(char, {f: [] for f in families})[family].append(pattern)
                if chars is None:
                    anywhere[family].append(pattern)
        self._anywhere = _alternation(anywhere)
        self._by_char = {char: _alternation({f: [*pats, *anywhere[f]] for f, pats in fams.items()})
                         for char, fams in by_char.items()}

    def match(self, folded: str, *, whole: bool) -> str | None:
        """Return the family of the first pattern matching the line (all of it when `whole`), or None."""
        pattern = self._by_char.get(folded[0], self._anywhere)
        if pattern is None:
            return None
        m = pattern.fullmatch(folded) if whole else pattern.match(folded)
        return m.lastgroup if m else None


def _first_chars(pattern: str) -> set[str] | None:
    """The characters a match of the pattern can start with; None when any character may."""
    try:
        chars, can_be_empty = _first(_parser.parse(pattern))
    except (re.error, _Unbounded):
        return None
    return None if can_be_empty else chars


def _first(nodes) -> tuple[set[str], bool]:  # type: ignore[no-untyped-def]
    """(first characters, whether the sequence can match the empty string)."""
    out: set[str] = set()
    for op, av in nodes:
        if op is _const.LITERAL:
            chars, empty = {chr(av)}, False
        elif op is _const.SUBPATTERN:
            chars, empty = _first(av[-1])
        elif op is _const.BRANCH:
            firsts = [_first(alt) for alt in av[1]]
            chars, empty = set().union(*(c for c, _ in firsts)), any(e for _, e in firsts)
        elif op in (_const.MAX_REPEAT, _const.MIN_REPEAT):
            chars, empty = _first(av[2])
            empty = empty or av[0] == 0
        elif op is _const.IN:
            chars, empty = _class_chars(av), False
        elif op is _const.AT:
            chars, empty = set(), True
        else:
            raise _Unbounded
        out |= chars
        if not empty:
            return out, False
    return out, True


def _class_chars(items) -> set[str]:  # type: ignore[no-untyped-def]
    chars = set()
    for op, av in items:
        if op is _const.LITERAL:
            chars.add(chr(av))
        elif op is _const.CATEGORY and av is _const.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:
            raise _Unbounded
    return chars


def _alternatives(pattern: str) -> list[str]:
    """Split a pattern at its top-level "|", after unwrapping groups that enclose all of it."""
    while pattern.startswith("(") and not pattern.startswith("(?") and _scan(pattern)[1] == len(pattern) - 1:
        pattern = pattern[1:-1]
    return _scan(pattern)[0]


def _scan(pattern: str) -> tuple[list[str], int]:
    """Return the pattern's top-level alternatives and the index of the ")" closing its first character's group."""
    parts, depth, start, i, in_class, first_close = [], 0, 0, 0, False, -1
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0 and first_close < 0:
                first_close = i
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts, first_close


def _spellings(pattern: str) -> set[str] | None:
    """Every (folded) line the pattern matches, when they are few; None when it matches open-endedly."""
    try:
        return _expand(_parser.parse(pattern))
    except (re.error, _Unbounded):
        return None


class _Unbounded(Exception):
    """The pattern matches too many lines to list."""


def _expand(nodes) -> set[str]:  # type: ignore[no-untyped-def]
    out = {""}
    for op, av in nodes:
        if op is _const.LITERAL:
            options = {chr(av)}
        elif op is _const.SUBPATTERN:
            options = _expand(av[-1])
        elif op is _const.BRANCH:
            options = set().union(*(_expand(alt) for alt in av[1]))
        elif op is _const.MAX_REPEAT and _is_space(av[2]):
            # folded lines hold single spaces: \s* is "" or " ", \s+ is " "
            options = {"", " "} if av[0] == 0 else {" "}
        elif op is _const.MAX_REPEAT and (av[0], av[1]) == (0, 1):
            options = _expand(av[2]) | {""}
        elif op is _const.IN and all(iop is _const.LITERAL for iop, _ in av):
            options = {chr(iav) for _, iav in av}
        elif _is_space([(op, av)]):
            options = {" "}
        else:
            raise _Unbounded
        out = {a + b for a in out for b in options}
        if len(out) > _MAX_SPELLINGS:
            raise _Unbounded
    return out


def _is_space(nodes) -> bool:  # type: ignore[no-untyped-def]
    return (len(nodes) == 1 and nodes[0][0] is _const.IN
            and list(nodes[0][1]) == [(_const.CATEGORY, _const.CATEGORY_SPACE)])


def fold_marker(line: str) -> str:
    """Return the line as the lexicon sees it: case-folded, spaces collapsed, edge punctuation and bullets trimmed."""
    return " ".join(line.strip(_EDGE_JUNK).casefold().split())


def marker_family(line: str, words: int) -> str | None:
    """Return the lexicon family a line belongs to (``"ad"``, ``"related"``, ...), or None for ordinary text.

    Args:
        line: the line, stripped.
        words: its word count, which decides how the lexicon applies (whole line, prefix, or anywhere).
    """
    return _family(fold_marker(line), words)


@lru_cache(maxsize=1 << 16)
def _family(folded: str, words: int) -> str | None:
    """`marker_family` of a folded line; cached, as menus and buttons recur within a page and across a site."""
    if not folded:
        return None
    lexicon = _lexicon()
    if words <= _LINE_MAX_WORDS:
        if (family := lexicon.exact.get(folded)) is not None:
            return family
        if (family := lexicon.line.match(folded, whole=True)) is not None:
            return family
    if words <= _PREFIX_MAX_WORDS and (family := lexicon.prefix.match(folded, whole=False)) is not None:
        return family
    # notices are sentences: a line of a few words is a label, which the "line" patterns cover
    gate = lexicon.needs if words <= _PREFIX_MAX_WORDS else _LONG_LINE_NEEDS
    if _CONTAINS_MIN_WORDS <= words <= _CONTAINS_MAX_WORDS and gate.search(folded):
        for needs, family, pattern in lexicon.contains:
            if any(word in folded for word in needs) and pattern.search(folded):
                return family
    return None


def is_url_line(line: str) -> bool:
    """True when the line is nothing but a URL, an e-mail address or a social handle (or several)."""
    if line.count(" ") > 4 or not ("." in line or "@" in line):
        return False
    rest = _HANDLE_RE.sub("", _URL_RE.sub("", _EMAIL_RE.sub("", line)))
    return rest != line and not rest.strip(_EDGE_JUNK + "/")


def url_in(line: str) -> str | None:
    """Return the URL a URL-only line holds (with a scheme), or None."""
    m = _URL_RE.search(line)
    if not m:
        return None
    url = m.group(0)
    return url if url.lower().startswith("http") else "https://" + url


def is_image_url(url: str) -> bool:
    """True when the URL points to an image file."""
    return bool(_IMAGE_URL_RE.search(url))


def is_photo_url(url: str | None) -> bool:
    """True when the URL points to an image that is not a logo or an icon: a picture a caption may belong to."""
    if not url or not is_image_url(url):
        return False
    name = url.rsplit("/", 1)[-1].lower()
    return not any(word in name for word in ("logo", "icon", "sprite", "avatar", "badge"))


def strip_bullet(line: str) -> str:
    """Return the line without the bullet or list marker it starts with."""
    return line.lstrip(" \t\u00a0•·‣◦▪▫●○■□►▶▸*–—|").strip()
