"""Scraped-text cleaner: the article body of a page flattened to text, with its headline and credits routed out.

Input is what a copy-all scraper makes of a news page: one block per line, menus, ads, share buttons, related
links, footers and the article itself. The cleaner scores every line as prose or page furniture, takes the main
contiguous run of prose as the body (`_body_region`), reads the headline, standfirst, captions, byline, datelines
and publisher from the lines just above it (`_read_header`), then removes what is still furniture inside the body:
lexicon markers, link-like runs, copies of earlier paragraphs, bios and comment sections.

Already clean text (a title line and paragraphs) passes through with its paragraphs unchanged, so offsets that
later stages compute stay true to the input's lines.

Feeds the record's `paragraphs`, `image_captions`, `removed`, `title`, `standfirst`, `authors`, `publisher`,
`published`, `updated` and `url`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from wirewatch.clean import boilerplate as bp
from wirewatch.clean.article import ArticleMetadata, CleanArticle
from wirewatch.clean.byline import parse_byline
from wirewatch.clean.dates import Dateline, parse_datelines
from wirewatch.clean.duplicates import line_key, repeated_lines, undouble
from wirewatch.clean.publishers import country_for_url, publisher_for_url, publisher_in_asset_url
from wirewatch.ingest import RawArticle
from wirewatch.record import RemovalReason, Removed

__all__ = ["clean_scraped_text"]

_BLOCK_SPLIT = re.compile(r"\n[ \t\u00a0]*\n")
_WORD_RE = re.compile(r"\w+")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_TERMINAL_RE = re.compile(r"[.!?。！？…]['\"”’»)\]]*$|[.!?]['\"”’»]?\s*\(.{1,60}\)$")
_TRUNCATED_RE = re.compile(r"(?:\.\.|…)['\"”’»)\]]*$")
_LETTER_RE = re.compile(r"[^\W\d_]")
_BYLINE_RE = re.compile(r"^(?:by|von|par|por|di|door|av|od)\s+\S", re.IGNORECASE)
_CREDIT_TRAILER_RE = re.compile(
    r"^\(?\s*(?:(?:additional\s+)?reporting|writing|editing|edited|compiled|translated|produced)\s+by\b"
    r"|^\(?\s*(?:with\s+)?(?:inputs?|additional reporting)\s+from\b", re.IGNORECASE)
_CAPTION_CUE_RE = re.compile(
    r"^(?:above|below|pictured|top|left|right|main( image| picture)?|file( photo)?|photo|image|picture)\s*:"
    r"|\b(?:credit|photograph|photo|image)\s*(?::|\.\.\.|…|by\b)|\((?:photo|image|picture|file)\b"
    r"|\b(?:getty images|afp|ap photo|reuters|shutterstock|istock|epa|pti|ani)\s*\)?$", re.IGNORECASE)
_BIO_VERB_RE = re.compile(r",? (?:is|was|has|covers|writes|reports|joined|edits|leads)\b")
# "Jane Doe (@janedoe) is a senior reporter at ...": the author's note that closes many articles
_BIO_RE = re.compile(
    r"[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3}(?: \(@\w+\))? (?:is|was|has been|covers|writes)\b.{0,120}?"
    r"\b(?:reporter|correspondent|writer|editor|journalist|columnist|contributor|author|producer|freelancer"
    r"|critic|blogger|host|anchor|analyst|staff)\b")
_DIGIT_RE = re.compile(r"\d")
_PIECES_RE = re.compile(r"\s[|•·]\s")
# a caption that carries its picture's credit: "... on Tuesday. (AP Photo/Jane Doe)", "(NASA/JPL-Caltech)"
_EMBEDDED_CREDIT_RE = re.compile(
    r"\((?:[^()]*\b(?:photo|photograph|image|picture|credit|getty|afp|reuters|file)\b[^()]*|[^()/]+/[^()]+)\)\s*$",
    re.IGNORECASE)
_DIALOGUE_END_RE = re.compile(r"[:?,;\-–—]$|^[\"“‘'«]")

_HEADER_LINES = 15  # how far above the body the header (headline, byline, datelines, captions) may reach
_HEADER_PROSE = 60  # prose words the body may start with before a byline no longer counts as header
_STRONG_PROSE = 15
_SECTION_PENALTY = 40.0
_ISOLATED_PROSE = 0.3
_MENU_CAPS = 0.6
_AFTER_COMMENTS = 0.3
_MIN_BODY_BEFORE_TRAILER = 80
_FAMILY_REASON: dict[str, RemovalReason] = {"copyright": "footer", "about_author": "about_author", "nav": "navigation"}


@dataclass(slots=True)
class _Line:
    """One line of the scraped page and what the cleaner has decided about it."""

    text: str  # stripped; a line pasted twice onto itself is already cut to one copy
    block: int  # which blank-line-separated block of the input it came from
    size: int  # words (two CJK characters count as one)
    terminal: bool  # ends like a sentence
    family: str | None = None  # boilerplate lexicon family
    url: str | None = None  # the URL of a URL-only line
    copy: str | None = None  # the second copy cut from a doubled line
    reason: RemovalReason | None = None  # why the line left the body, once it has

    @property
    def prose(self) -> bool:
        """A sentence-like line long enough to be article text."""
        return self.family is None and self.url is None and (
            (self.terminal and self.size >= 8) or self.size >= 25)

    @property
    def link_like(self) -> bool:
        """A short line that does not read as a sentence: a menu item, a label, a headline in a list."""
        return not self.terminal and self.size < 10


def clean_scraped_text(raw: RawArticle) -> CleanArticle:
    """Return the clean article of one scraped text: body paragraphs, routed metadata and what was removed.

    Args:
        raw: the scraped text (``raw.kind == "text"``) with the caller's hints; ``raw.title`` marks the headline
            when the text repeats it, ``raw.url`` and ``raw.publisher`` help to name the publisher.

    Returns:
        The `CleanArticle`: paragraphs (input blocks kept whole where nothing inside them was removed),
        image captions, metadata read from the text, and every dropped or routed line with its reason.
    """
    blocks = [b.strip() for b in _BLOCK_SPLIT.split(raw.content.strip())]
    lines = _read_lines(blocks)
    meta = ArticleMetadata()
    captions: list[str] = []
    if not lines:
        return CleanArticle(source_id=raw.source_id, paragraphs=[], metadata=meta)

    title_at = _route_hinted_title(lines, blocks, raw.title, meta)
    if _is_clean_text(lines):
        if title_at is None and _is_heading(lines):
            _route_title(lines, 0, meta)
        return _assemble(raw.source_id, lines, blocks, meta, captions)

    start, end = _body_region(lines)
    start = _cut_header(lines, start, end)
    _read_header(lines, start, raw, meta, captions, title_at)
    end = _find_end(lines, start, end, meta)
    _mark_outside(lines, start, end)
    _clean_inside(lines, start, end, meta, captions)
    return _assemble(raw.source_id, lines, blocks, meta, captions)


# --- reading lines -----------------------------------------------------------------------------------------


def _read_lines(blocks: list[str]) -> list[_Line]:
    """Split blocks into lines and measure each: size, sentence ending, lexicon family, URL."""
    lines = []
    for b, block in enumerate(blocks):
        for text in block.split("\n"):
            text = text.strip()
            if not text:
                continue
            copy = None
            single = undouble(text)
            if single:
                copy, text = text[len(single):].strip() or single, single
            lines.append(_measure(text, b, copy))
    return lines


def _measure(text: str, block: int, copy: str | None = None) -> _Line:
    words = len(_WORD_RE.findall(text))
    cjk = 0 if text.isascii() else len(_CJK_RE.findall(text))
    size = max(words, cjk // 2) if cjk else words
    # a short line cut off with dots is a teaser in a list of links, not a sentence
    terminal = bool(_TERMINAL_RE.search(text)) and not (size < 15 and _TRUNCATED_RE.search(text))
    line = _Line(text=text, block=block, size=size, terminal=terminal, copy=copy)
    if not _LETTER_RE.search(text):
        line.family = "junk"
    elif bp.is_url_line(text):
        line.url = bp.url_in(text) or text
    else:
        line.family = bp.marker_family(text, size)
    return line


def _route_hinted_title(lines: list[_Line], blocks: list[str], hint: str | None, meta: ArticleMetadata) -> int | None:
    """Route the first line (or block) that repeats the caller's title hint to the headline; return its index."""
    key = _title_key(hint or "")
    if not key:
        return None
    seen_blocks = set()
    size = len(_WORD_RE.findall(hint or ""))
    for i, line in enumerate(lines[:200]):
        if abs(line.size - size) <= 2 and _title_key(line.text) == key:
            _route_title(lines, i, meta)
            return i
        if line.block not in seen_blocks:
            seen_blocks.add(line.block)
            if "\n" in blocks[line.block] and _title_key(blocks[line.block]) == key:
                for other in lines[i:]:  # a headline wrapped over several lines of one block
                    if other.block != line.block:
                        break
                    other.reason = "headline"
                meta.title = " ".join(blocks[line.block].split())
                return i
    return None


def _title_key(text: str) -> str:
    return line_key(text).rstrip(" .:;!?…")


def _is_clean_text(lines: list[_Line]) -> bool:
    """True when the text is an article already: paragraphs of prose, without a web page's furniture.

    Such input keeps every paragraph as it is. A scrape gives itself away by a URL line, a line pasted twice, an
    ad marker, a byline or dateline at the top, a menu (three one-line blocks of link-like text in a row), more
    than a few lexicon markers, or by prose making up less than 70% of its words.
    """
    body = [line for line in lines if line.reason is None]
    markers = 0
    menu_run = 0
    for n, line in enumerate(body):
        if line.url is not None or line.copy is not None or line.family == "ad":
            return False
        if line.family not in (None, "junk"):
            markers += 1
        if n < 6 and _is_cue(line):
            return False
        alone = (n == 0 or body[n - 1].block != line.block) and (n + 1 == len(body) or body[n + 1].block != line.block)
        menu_run = menu_run + 1 if alone and line.link_like else 0
        if menu_run >= 3:
            return False
    if markers > 3:
        return False
    prose_words = sum(line.size for line in body if line.prose)
    return prose_words >= 0.7 * sum(line.size for line in body)


def _is_heading(lines: list[_Line]) -> bool:
    """True when clean text opens with a headline: a one-line block that does not read as a sentence, then prose."""
    first = lines[0]
    return (len(lines) > 1 and lines[1].block != first.block and lines[1].prose and 3 <= first.size <= 20
            and not first.terminal and not first.text.endswith((":", ",")))


# --- finding the body --------------------------------------------------------------------------------------


def _weight(line: _Line) -> float:
    """How much a line speaks for being inside the article body (positive) or outside it (negative)."""
    if line.family in bp.SECTION_FAMILIES:
        return -_SECTION_PENALTY
    if line.family is not None:
        return -6.0
    if line.url is not None:
        return -4.0
    if line.terminal:
        return float(line.size) if line.size >= 8 else line.size * 0.3
    if line.text.endswith(":"):  # a line that introduces a list or a quote
        return line.size * 0.5 if line.size >= 8 else 0.0
    if line.size >= 25:
        # a long line without a sentence's ending: a cut-off paragraph, or a menu glued into one line
        return line.size * (0.5 if _capitalized_share(line.text) < _MENU_CAPS else -0.2)
    if line.size <= 3:
        return -3.0
    return -2.0 if line.size < 10 else -1.0


def _capitalized_share(text: str) -> float:
    """The share of words that start with a capital letter: high in menus and titles, low in prose."""
    words = [w for w in text.split() if w[0].isalpha()]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def _body_region(lines: list[_Line]) -> tuple[int, int]:
    """Return the [start, end) span of lines with the largest total weight: the article body.

    Runs of three or more link-like lines weigh extra, being menus or lists of links however they are worded.
    """
    weights = [_weight(line) for line in lines]
    run_start = None
    for i in range(len(lines) + 1):
        link = i < len(lines) and lines[i].link_like and lines[i].family not in bp.SECTION_FAMILIES
        if link and run_start is None:
            run_start = i
        elif not link and run_start is not None:
            if i - run_start >= 3:
                for j in range(run_start, i):
                    weights[j] -= 2.0
            run_start = None
    prose = 0
    comments = False
    for i, line in enumerate(lines):
        # what follows a comment section's heading is readers' prose, not the article's
        if comments and weights[i] > 0:
            weights[i] *= _AFTER_COMMENTS
        comments = comments or (line.family == "comments" and prose >= _MIN_BODY_BEFORE_TRAILER)
        prose += line.size if line.prose else 0
    for i, line in enumerate(lines):
        # prose with no other prose around it is a teaser, a notice or a bio more often than article text
        if weights[i] > 0 and line.prose and not any(
                lines[j].prose for j in range(max(0, i - 2), min(len(lines), i + 3)) if j != i):
            weights[i] *= _ISOLATED_PROSE
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, start = 0.0, i
        total += w
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _cut_header(lines: list[_Line], start: int, end: int) -> int:
    """Move the body's start past a byline, dateline or picture credit that the region swallowed near its top.

    A caption right above a credit does not count as body prose: it belongs to the picture.
    """
    prose = 0
    cut = start
    for i in range(start, min(end, start + _HEADER_LINES)):
        line = lines[i]
        if _is_cue(line) or _repeats_next(lines, i):
            caption = lines[i - 1].size if i > start and lines[i - 1].prose and _is_credit(line) else 0
            if prose - caption < _HEADER_PROSE:
                cut = i + 1
        elif line.prose:
            prose += line.size
        if prose >= 2 * _HEADER_PROSE:
            break
    if cut > start:  # share bars and labels between the credits and the first paragraph
        while cut < end and not lines[cut].prose and (lines[cut].family or lines[cut].link_like):
            cut += 1
    return cut


def _datelines(text: str, country: str | None = None) -> list[Dateline]:
    """The datelines of a line that is one, or of its pipe-separated pieces ("Desk | Updated: 19 Nov 2019")."""
    found = parse_datelines(text, country=country)
    if not found and _PIECES_RE.search(text):
        for piece in _PIECES_RE.split(text):
            found.extend(parse_datelines(piece, country=country))
    return found


def _repeats_next(lines: list[_Line], i: int) -> bool:
    """A heading-sized line printed twice in a row: a headline scraped from two elements."""
    return (i + 1 < len(lines) and lines[i].size <= 30 and lines[i].family is None
            and line_key(lines[i].text) == line_key(lines[i + 1].text))


def _is_credit(line: _Line) -> bool:
    return bool(_CAPTION_CUE_RE.search(line.text))


def _is_cue(line: _Line) -> bool:
    """A header line that only a byline, a dateline or a picture credit would be."""
    if line.size > 20 or line.family is not None or line.url is not None:
        return False
    text = bp.strip_bullet(line.text)
    if _BYLINE_RE.match(text) and (line.size <= 15 and not line.terminal or parse_byline(text)):
        return True
    if _CAPTION_CUE_RE.search(text) and not (line.terminal and line.size >= 12):
        return True
    return bool(_datelines(text))


# --- the header: headline, standfirst, captions, byline, datelines, publisher -----------------------------


def _read_header(lines: list[_Line], start: int, raw: RawArticle, meta: ArticleMetadata, captions: list[str],
                 title_at: int | None) -> None:
    """Route the lines above the body: headline, standfirst, captions, byline, datelines and publisher."""
    top = max(0, start - _HEADER_LINES)
    zone = range(top, start)
    publisher = None
    for i in zone:  # the publisher first: it resolves time zones and desk bylines
        url = lines[i].url
        # a logo or a link to the site names the publisher; a photo may come from an agency's server
        if url and publisher is None and not bp.is_photo_url(url):
            publisher = publisher_in_asset_url(url) if bp.is_image_url(url) else publisher_for_url(url)
            if publisher is not None:
                lines[i].reason = "publisher"
        if url and not raw.url and not meta.url and not bp.is_image_url(url) and _slug_words(url):
            meta.url = url  # the page's own address, printed above the headline
    if publisher is None and raw.url:
        publisher = publisher_for_url(raw.url)
    if publisher is not None:
        meta.publisher = publisher.name
    country = getattr(publisher, "country", None)
    if country is None and raw.url:
        country = country_for_url(raw.url)
    publisher_name = meta.publisher or raw.publisher

    datelines_at = []
    for i in zone:
        line = lines[i]
        if line.reason or line.family or line.url or line.size > 20:
            continue
        if datelines := _datelines(bp.strip_bullet(line.text), country):
            line.reason = "dateline"
            datelines_at.append(i)
            for d in datelines:
                if d.kind == "updated" and not meta.updated:
                    meta.updated = d.value
                elif d.kind == "published" and not meta.published:
                    meta.published = d.value
    # the byline: a "By ..." line anywhere above the body, else a name line close to the datelines
    for i in zone:
        line = lines[i]
        if line.reason or line.family or line.url:
            continue
        text = bp.strip_bullet(line.text)
        near_date = any(abs(i - j) <= 3 for j in datelines_at) or not datelines_at
        if _BYLINE_RE.match(text) or near_date:
            _route_byline(line, text, publisher_name, meta)
    # a bare name next to a dateline is the byline ("Jane Doe" over "Published June 3, 2026"), unless it is one
    # item of a menu that happens to end beside the date
    for i in datelines_at:
        for j in (i - 1, i + 1):
            other = lines[2 * j - i] if 0 <= 2 * j - i < len(lines) else None
            in_menu = other is not None and not other.reason and other.family is None and other.link_like
            if top <= j < start and not lines[j].reason and lines[j].family is None and 2 <= lines[j].size <= 5 \
                    and not in_menu:
                _route_byline(lines[j], "By " + lines[j].text, publisher_name, meta)
    first_cue = next((i for i in zone if lines[i].reason in ("dateline", "byline")), None)

    # the headline: the hinted line, else one found above the credits
    if title_at is None or title_at > start:
        title_at = _find_title(lines, top, start, first_cue, raw.url)
        if title_at is not None:
            _route_title(lines, title_at, meta)
    if title_at is not None:
        # the standfirst: a summary line right after the headline, before the byline block
        for i in range(title_at + 1, start):
            line = lines[i]
            if line.reason == "duplicate" or line.family == "ad":
                continue
            if line.reason or line.family or line.url:
                break
            if line.size >= 8 and line.copy is None and not _DIALOGUE_END_RE.search(line.text) \
                    and not _BYLINE_RE.match(line.text) and (
                    first_cue is not None and i < first_cue or line.terminal):
                line.reason = "standfirst"
                meta.standfirst = line.text
            break

    # captions: a doubled line, a line next to a photo's URL, a credited line, and any other line between the
    # headline and the body that does not read as a sentence
    for i in zone:
        line = lines[i]
        if line.reason or line.family or line.url:
            continue
        near_photo = any(bp.is_photo_url(lines[j].url) for j in (i - 1, i + 1) if 0 <= j < len(lines))
        below_title = (title_at is not None and title_at < i and not line.terminal and line.size >= 4
                       and not line.text.endswith(":"))
        if line.copy is not None or near_photo or _is_credit(line) or below_title:
            line.reason = "caption"
            if not (_is_credit(line) and line.size <= 8):  # a bare credit ("Photo: AP") names no picture
                captions.append(line.text)


def _route_byline(line: _Line, text: str, publisher: str | None, meta: ArticleMetadata) -> bool:
    """Route a line that is a byline; the first one gives the authors."""
    if line.size > 12 or line.terminal:
        return False
    authors = parse_byline(text, publisher=publisher)
    if not authors and not (_BYLINE_RE.match(text) and line.size <= 15):
        return False
    line.reason = "byline"  # a "By ..." line is a byline even when no name can be read from it
    if authors and not meta.authors:
        meta.authors = authors
    return True


def _find_title(lines: list[_Line], top: int, start: int, first_cue: int | None, url: str | None) -> int | None:
    """Return the index of the headline above the body, or None.

    In order: the line that best matches the URL's slug, a heading-sized line the page repeats, the last line
    before the byline block that does not read as a sentence.
    """
    candidates = [i for i in range(top, start)
                  if not lines[i].reason and lines[i].family is None and lines[i].url is None
                  and 3 <= lines[i].size <= 30 and not lines[i].text.endswith(":")
                  and not _BYLINE_RE.match(lines[i].text)]
    if not candidates:
        return None
    slug = _slug_words(url)
    if slug:
        overlap, best = max((len(slug & set(_WORD_RE.findall(lines[i].text.casefold()))), i) for i in candidates)
        if overlap >= max(3, len(slug) // 2):
            return best
    sizes = {lines[i].size for i in candidates}
    counts: dict[str, int] = {}
    for line in lines[:start]:
        if line.size in sizes:
            key = _title_key(line.text)
            counts[key] = counts.get(key, 0) + 1
    limit = first_cue if first_cue is not None else start
    repeated = [i for i in candidates if i < limit and lines[i].size >= 4 and counts.get(_title_key(lines[i].text), 0) > 1]
    if repeated:
        return repeated[0]
    # the headline opens the header: the first heading after the last menu item or section label above the credits
    floor = top
    for i in range(top, limit):
        if lines[i].family is None and not lines[i].reason and lines[i].link_like and lines[i].size < 3:
            floor = i + 1
    headings = [i for i in candidates if floor <= i < limit]
    return headings[0] if headings else None


def _slug_words(url: str | None) -> set[str]:
    """The words of a URL's article slug ("/2019/11/new-suvs-highlight-show.html" -> new, suvs, highlight, show)."""
    if not url:
        return set()
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    segment = max(path.split("/")[3:] or [""], key=lambda part: part.count("-") + part.count("_"))
    words = {w for w in re.split(r"[-_.+]+", segment.casefold()) if w.isalpha() and len(w) > 1}
    return words if len(words) >= 3 else set()


def _route_title(lines: list[_Line], title_at: int, meta: ArticleMetadata) -> None:
    line = lines[title_at]
    line.reason = "headline"
    meta.title = line.text
    key = _title_key(line.text)
    for other in lines[title_at + 1:title_at + _HEADER_LINES]:
        if other.reason is None and other.size == line.size and _title_key(other.text) == key:
            other.reason = "duplicate"


# --- inside and around the body ----------------------------------------------------------------------------


def _find_end(lines: list[_Line], start: int, end: int, meta: ArticleMetadata) -> int:
    """Return the body's end: the first comment section after enough article text, or the first trailer
    (dateline, credit, share bar, related list, bio) with less prose after it than before it, unless paragraphs
    follow right after it (a related box or share bar in the middle of the article)."""
    prose_at = [0] * (end - start + 1)
    for i in range(start, end):
        prose_at[i - start + 1] = prose_at[i - start] + (lines[i].size if lines[i].prose else 0)
    total = prose_at[-1]
    for i in range(start, end):
        before = prose_at[i - start]
        if before < _MIN_BODY_BEFORE_TRAILER:
            continue
        if lines[i].family == "comments":
            return i
        after = total - before
        if after <= before and _is_trailer(lines, i, end, meta, near_end=after * 3 <= before) \
                and not _article_resumes(lines, i + 1, end):
            return i
    return end


def _is_trailer(lines: list[_Line], i: int, end: int, meta: ArticleMetadata, *, near_end: bool) -> bool:
    """A line that closes an article: a dateline or credit, a share bar, a comment or related section, a bio.

    A bio that names no known author ("Jane Doe is a reporter at ...") counts only near the end, as an article
    about a journalist may say the same thing in its body.
    """
    line = lines[i]
    if line.family in bp.SECTION_FAMILIES:
        return True
    if line.family == "social":
        return i + 1 < end and lines[i + 1].family in ("social", "promo")
    if line.family is not None or line.url is not None or line.reason:
        return False
    if _is_bio(line, meta.authors) or (near_end and _BIO_RE.match(line.text)):
        return True
    if line.size > 20 or line.terminal and line.size >= 8:
        return False
    text = bp.strip_bullet(line.text)
    if _CREDIT_TRAILER_RE.match(text) or _datelines(text):
        return True
    return bool((_BYLINE_RE.match(text) or _DIGIT_RE.search(text)) and parse_byline(text))


def _article_resumes(lines: list[_Line], i: int, end: int) -> bool:
    """True when paragraphs follow right after a box of links: the box sat in the middle of the article."""
    while i < end and lines[i].family is None and lines[i].url is None and lines[i].link_like:
        i += 1
    return i + 1 < end and all(lines[j].prose and lines[j].size >= _STRONG_PROSE for j in (i, i + 1))


def _is_bio(line: _Line, authors: list[str]) -> bool:
    """A line about one of the article's authors: their name alone, or "<name> is a reporter ..."."""
    for name in authors:
        if line.text == name or (line.text.startswith(name) and _BIO_VERB_RE.match(line.text, len(name))):
            return True
    return False


def _mark_outside(lines: list[_Line], start: int, end: int) -> None:
    """Give every line outside the body its reason for leaving: its own kind, else navigation or footer.

    Lines under an "About the author" heading below the body are the bio.
    """
    in_bio = False
    for i, line in enumerate(lines):
        if start <= i < end or line.reason:
            continue
        if line.family is not None:
            in_bio = line.family == "about_author" and i >= end
        line.reason = _own_reason(line) or ("about_author" if in_bio else "navigation" if i < start else "footer")


def _own_reason(line: _Line) -> RemovalReason | None:
    if line.url is not None:
        return "url"
    if line.family is not None:
        return _FAMILY_REASON.get(line.family, "boilerplate")
    return None


def _clean_inside(lines: list[_Line], start: int, end: int, meta: ArticleMetadata, captions: list[str]) -> None:
    """Remove the furniture left inside the body: markers, URLs, link runs, copies, bios, credits, captions."""
    body = range(start, end)
    i = start
    while i < end:
        line = lines[i]
        if line.reason:
            i += 1
            continue
        if line.family in ("about_author", "related"):
            # a bio or a related-story box runs until the article's prose resumes
            line.reason = _own_reason(line)
            j = i + 1
            while j < end and not (lines[j].prose and lines[j].size >= _STRONG_PROSE):
                if not lines[j].reason:
                    lines[j].reason = "about_author" if line.family == "about_author" else "boilerplate"
                j += 1
            i = j
            continue
        if line.size <= 40 and _EMBEDDED_CREDIT_RE.search(line.text):
            line.reason = "caption"
            captions.append(line.text)
            i += 1
            continue
        if line.size <= 15 and not line.terminal and _is_credit(line):
            line.reason = "caption"  # a picture credit; the caption above it goes too
            above = lines[i - 1]
            if i > start and not above.reason and above.size <= 60 and not _is_credit(above):
                above.reason = "caption"
                captions.append(above.text)
        elif (reason := _own_reason(line)) is not None:
            line.reason = reason
        elif _is_bio(line, meta.authors):
            line.reason = "about_author"
        elif _CREDIT_TRAILER_RE.match(line.text) and line.size <= 40:
            line.reason = "byline"
        elif line.copy is not None and not line.prose:
            line.reason = "caption"
            captions.append(line.text)
        i += 1
    # runs of link-like lines inside the body: a menu or a list of related links, not subheadings
    run: list[int] = []
    for i in range(start, end + 1):
        if i < end and lines[i].reason:
            continue
        if i < end and lines[i].link_like:
            run.append(i)
            continue
        # a list of items in running text ("2 cups flour", "a baby carrier") stays; headings in a row are links
        if len(run) >= 3 and sum(lines[j].text[0].isupper() for j in run) * 2 > len(run):
            for j in run:
                lines[j].reason = "navigation"
        run = []
    keys = [line_key(lines[i].text) if not lines[i].reason else "" for i in body]
    for k in repeated_lines(keys, [lines[i].size for i in body]):
        lines[start + k].reason = "duplicate"


# --- output ------------------------------------------------------------------------------------------------


def _assemble(source_id: str, lines: list[_Line], blocks: list[str], meta: ArticleMetadata,
              captions: list[str]) -> CleanArticle:
    """Build the clean article: kept lines as paragraphs (whole input blocks where untouched), removals in order."""
    paragraphs: list[str] = []
    removed: list[Removed] = []
    run: list[str] = []  # kept lines since the last cut
    intact = True  # nothing cut from the current block so far
    # model_construct: reasons are RemovalReason-typed here already, and a page has ~150 removals to record
    for n, line in enumerate(lines):
        if line.reason:
            removed.append(Removed.model_construct(text=line.text, reason=line.reason))
        else:
            run.append(line.text)
        if line.copy is not None:
            removed.append(Removed.model_construct(text=line.copy, reason="duplicate"))
        intact = intact and not line.reason and line.copy is None
        block_ends = n + 1 == len(lines) or lines[n + 1].block != line.block
        if run and (line.reason or block_ends):
            # a block nothing was cut from stays as the input wrote it
            paragraphs.append(blocks[line.block] if intact and block_ends else "\n".join(run))
            run = []
        if block_ends:
            intact = True
    return CleanArticle(source_id=source_id, paragraphs=paragraphs, metadata=meta, image_captions=captions,
                        removed=removed)
