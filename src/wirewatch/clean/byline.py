"""Bylines and author strings: who wrote an article, as scraped lines and HTML metadata name them.

`parse_byline` decides whether a whole scraped line is a byline ("By John Smith and Jane Doe", "John Smith |
Reuters", "Business Today Desk") and returns its authors; `clean_author` tidies one author string from metadata
("View all posts by X", "X, Reuters"); `split_authors` splits "A, B and C". Agency and desk bylines are authors
kept whole ("Business Today Desk", "PTI"), as the gold records keep them.

Feeds the record's `authors` field.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Final, Literal

from wirewatch.clean.dates import parse_datelines

__all__ = ["clean_author", "parse_byline", "split_authors"]

# News agencies and wire names as bylines write them, by case-folded form, with the spelling to keep.
AGENCIES: Final[dict[str, str]] = {name.casefold(): name for name in (
    "Reuters", "AP", "Associated Press", "The Associated Press", "AFP", "Agence France-Presse", "Bloomberg",
    "Bloomberg News", "PTI", "Press Trust of India", "IANS", "ANI", "UNI", "Xinhua", "AAP",
    "Australian Associated Press", "PA", "PA Media", "Press Association", "dpa", "Kyodo", "Kyodo News", "Yonhap",
    "EFE", "ANSA", "TASS", "Anadolu", "Anadolu Agency", "Bernama", "APP", "The Canadian Press", "Canadian Press",
    "BSS", "UNB", "WAM", "SPA", "KUNA", "IRNA", "CNA", "Agencies", "News Agencies", "Wire Services", "NNA",
)}
# Author strings that name a CMS account or a role, not a person or desk.
PLACEHOLDER_AUTHORS: Final[frozenset[str]] = frozenset({
    "admin", "administrator", "staff", "editor", "editors", "guest", "unknown", "anonymous", "author", "user",
    "webmaster", "webadmin", "web admin", "site admin", "none", "null", "n/a", "na", "team", "newsroom", "by",
})
# Capitalized words that never stand in a person's name: what a capitalized sentence after "By" starts with.
NOT_NAME_WORDS: Final[frozenset[str]] = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "any", "all", "some", "every", "each", "no", "not", "our",
    "your", "my", "his", "her", "their", "its", "it", "i", "we", "you", "they", "he", "she", "and", "or", "but",
    "if", "when", "while", "how", "why", "what", "who", "where", "which", "with", "without", "for", "from", "in",
    "on", "at", "to", "of", "as", "than", "then", "now", "far", "way", "means", "default", "contrast",
    "comparison", "design", "definition", "nature", "night", "noon", "year", "end",
    "january", "february", "march", "july", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tomorrow", "christmas", "easter", "updated", "published", "posted", "read", "more", "share",
    "follow", "subscribe", "login", "sign", "click", "here", "watch", "home", "menu", "search", "photo", "photos",
    "image", "images", "video", "videos", "getty", "source", "credit", "advertisement", "sponsored", "news",
    "clicking", "continuing", "checking", "choosing", "signing", "using", "subscribing", "submitting",
    "registering", "entering", "providing", "accepting", "creating", "agreeing", "visiting", "selecting",
    "logging", "tapping", "pressing", "proceeding", "browsing", "following", "joining", "completing", "making",
    "taking", "doing", "being", "having", "getting", "comparing", "mid", "late", "early",
})
NAME_PARTICLES: Final[frozenset[str]] = frozenset({
    "de", "da", "das", "do", "dos", "del", "della", "der", "den", "van", "von", "bin", "binti", "bint", "ibn",
    "al", "el", "le", "la", "du", "di", "ter", "ten", "y", "e", "ul", "ud",
})
NAME_SUFFIXES: Final[frozenset[str]] = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "md"})

_MAX_LINE: Final = 200
_MAX_WORDS: Final = 30
_MAX_UNPREFIXED_WORDS: Final = 16
_MAX_TAIL: Final = 100
_MAX_DESK_WORDS: Final = 7
_MAX_AUTHOR_WORDS: Final = 8  # longer metadata "authors" are bios or sentences
_MAX_LOWER_CASE_WORDS: Final = 2
# Lower-case words a byline may hold: name particles, date-tail words, "staff and agencies".
_LOWER_CASE_WORDS: Final[frozenset[str]] = NAME_PARTICLES | {
    "and", "of", "the", "for", "to", "at", "on", "by", "am", "pm", "a.m.", "p.m.", "am,", "pm,", "ago", "hours",
    "hour", "minutes", "mins", "min", "read", "days", "day", "staff", "agencies", "wires", "updated", "published",
}
_EDGE: Final = " \t\u2022\u00b7|:;,\u2013\u2014-*>»"
_BYLINE_PREFIX = re.compile(
    r"(?:(?:written|story|words|text|reported|report|posted|compiled\s+and\s+written)\s+)?by\s*:?\s+(?P<rest>\S.*)"
    r"|authors?\s*:\s*(?P<rest2>\S.*)",
    re.IGNORECASE | re.DOTALL,
)
_NOT_AUTHOR_PREFIX = re.compile(
    r"(?:reviewed|edited|editing|fact[- ]?checked|photos?|photographs?|photography|illustrations?|images?|video|"
    r"produced|translated|designed|graphics?|curated|moderated|sponsored|presented|powered|hosted|narrated|"
    r"medically\s+reviewed|copy\s+edited)\b[^|]*?\bby\b",
    re.IGNORECASE,
)
_CREDIT_SEGMENT = re.compile(r"(?P<role>(?:additional\s+)?reporting|writing|editing|compiled|graphics)\s+by\s+"
                             r"(?P<names>[^;]+)", re.IGNORECASE)
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w'.\u2019-]*(?:\s+[A-Z][\w'.\u2019-]*)*")
_LEADING_DATE_BY = re.compile(r"(?P<date>.+?)\s+by\s+(?P<rest>\S.*)", re.IGNORECASE | re.DOTALL)
# Where a date or "Updated ..." tail may start after the names.
_TAIL_START = re.compile(
    r"(?:\s*[|\u2022\u00b7,;]\s*|\s+[-\u2013\u2014]\s+|\s+)(?=(?i:updated|published|posted|last\b|first\b|on\b|\d"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s|$)"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b))"
)
_RELATIVE_TAIL = re.compile(
    r"(?:(?:updated|published|posted)\s*:?\s*)?(?:about\s+)?(?:an?|\d+|one|few)\s+"
    r"(?:sec|min|hour|hr|day|week|month|year)s?\w*\s+ago|(?:\d+\s*min(?:ute)?s?\s+read)",
    re.IGNORECASE,
)
_SEPARATOR_OR_DIGIT = re.compile(r"[\d|,;\u2022\u00b7\u2013\u2014]|\s-\s")
_BY_WORD = re.compile(r"\bby\b", re.IGNORECASE)
_LABEL_START = re.compile(r"(?:updated|published|posted|last|first)\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_PIPE = re.compile(r"\s*\|\s*|\s+[-\u2013\u2014]\s+")
_NAME_LIST = re.compile(r"\s*,\s*(?:and|&)\s+|\s+and\s+|\s*&\s*|\s*;\s*|\s*,\s*", re.IGNORECASE)
_DESK = re.compile(
    r"(?:(?:[A-Z][\w.&'\u2019-]*|[a-z]+\.(?:com|in|net))\s+){0,5}"
    r"(?i:desk|bureau|news\s+service|newsroom|editorial\s+board|web\s+team|news\s+team|digital\s+team|"
    r"staff(?:\s+and\s+agencies)?|staff\s+reporters?|reporter|correspondent|news\s+network)"
    r"|[A-Z]{2,5}\s+Online"
)
_ROLE = re.compile(
    r"(?:(?:special|exclusive)\s+to\b.*|for\s+.+|.*\b(?i:staff|writer|reporter|correspondent|editor|contributor|"
    r"columnist|producer|analyst|chief|intern|contributing\s+writer))",
    re.IGNORECASE,
)
_GLUED_ROLE = re.compile(r"(?<=[a-z])(?:Staff\s+Writer|Staff\s+Reporter|Senior\s+Writer|Contributing\s+Writer|"
                         r"Contributor|Correspondent|Reporter|Columnist|Editor)$")
_GLUED_CAPS = re.compile(r"(?<=[a-z])[A-Z]{2,}\w*$")
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_HANDLE = re.compile(r"\(?@\w+\)?")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
_AUTHOR_PREFIX = re.compile(
    r"(?:view\s+all\s+(?:posts|articles|stories)\s+by|(?:more\s+)?(?:posts|articles|stories)\s+by|more\s+from|"
    r"more\s+by|written\s+by|posted\s+by|authors?\s*:|by)\s*:?\s+",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+")


_LOCATION_TAIL = re.compile(r",?\s+(?:in|from)\s+[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2}$")


def parse_byline(line: str, *, publisher: str | None = None) -> list[str] | None:
    """Return the authors of a line that is nothing but a byline, or None when the line is not one.

    Reads "By John Smith", "By John Smith, Jane Doe and Ali Khan", "BY JOHN SMITH" (title-cased), "John Smith |
    Reuters", "By John Smith, Associated Press" (agency dropped), "Written by X", "Story by X", a trailing date or
    "Updated ..." ("By Jane Doe Updated Apr 27, 2025", split off) and a leading one ("Nov 18, 2019 by Jane Doe").
    Agency and desk bylines ("Reuters", "PTI", "Business Today Desk", "Express News Service", "Staff Reporter",
    "By Staff") are one author kept whole. In a Reuters-style credit line ("Reporting by A; Editing by B") only
    the reporters and writers are authors. "Reviewed by", "Edited by", "Photo by" and the like are not bylines.

    A person's name is 1-4 capitalized words, allowing particles (de, van, bin, al-), initials ("J. K."),
    apostrophes, hyphens and Jr./III; a one-word name is accepted only after "By" and before a date. Lines
    that read as sentences ("By the end of the year, prices rose.") are refused.

    Args:
        line: one line of scraped text.
        publisher: the page's publisher name, used to drop it when glued to a name ("Jane DoeFOX Business").

    Returns:
        The author names in order (without duplicates), or None.
    """
    text = line.strip().strip(_EDGE)
    if not text or len(text) > _MAX_LINE or len(text.split()) > _MAX_WORDS:
        return None
    if not (text[0].isupper() or text[:2].lower() == "by" or text[0].isdigit()):
        return None
    has_by = _BY_WORD.search(text) is not None
    if has_by:
        if _NOT_AUTHOR_PREFIX.match(text):
            return None
        credits = list(_CREDIT_SEGMENT.finditer(text))
        if credits and text[: credits[0].start()].strip(_EDGE) == "":
            return _credit_line_authors(credits)
    prefixed, rest = _strip_byline_prefix(text) if has_by else (False, text)
    if not rest[:1].isupper() and not rest[:1].isdigit():
        return None
    if not prefixed and not _SEPARATOR_OR_DIGIT.search(rest):
        # nothing after a name can mark this line as a byline: only an agency or desk line ("PTI") is one
        desk = _agency_or_desk(rest, rest.isupper(), bare_word_ok=False) if rest.count(" ") < _MAX_DESK_WORDS else None
        return [desk] if desk else None
    words = rest.split()
    if not prefixed and len(words) > _MAX_UNPREFIXED_WORDS:
        return None
    # names, agencies and date tails have few lower-case words; prose has many: the cheap way out for most lines
    if sum(1 for w in words if w[0].islower() and w not in _LOWER_CASE_WORDS) > _MAX_LOWER_CASE_WORDS:
        return None
    rest, tail = _cut_date_tail(rest)
    if prefixed:  # "By Jane Doe and Ali Khan in Dakar": the reporters' location is no name
        rest = _LOCATION_TAIL.sub("", rest)
    if not rest:
        return None
    all_caps = rest.isupper()
    pieces = [p for p in _PIPE.split(rest) if p.strip(_EDGE)]
    names_part, affiliations = _unglue(pieces[0].strip(_EDGE), publisher), pieces[1:]
    whole = _agency_or_desk(names_part, all_caps, bare_word_ok=prefixed)
    if whole is not None:
        return [whole]
    # without "By", only what follows a name marks the line as a byline: a date set off by a separator or
    # an affiliation ("| Reuters"); "Opening Bell 11.18.19" and "Privacy Policy | Terms" are not bylines
    if not prefixed and (tail == "glued" or not all(_is_affiliation(a.strip(_EDGE), publisher) for a in affiliations)):
        return None
    names = _names(names_part, all_caps, prefixed=prefixed, had_tail=tail is not None)
    if names is None:
        return None
    if not prefixed and tail is None and not affiliations and names[1] == 0:
        return None  # a bare name is as likely a heading or caption
    return names[0]


def clean_author(name: str, *, publisher: str | None = None) -> str | None:
    """Return one author string from HTML metadata tidied, or None when it names no author.

    Drops "View all posts by", "Posts by", "Author:", "By"; a trailing agency, publisher or role ("X, Reuters",
    "X | The Daily Example", "X, Staff Writer"); emails, URLs and @handles. Title-cases an ALL-CAPS name.

    Args:
        name: one author value (use `split_authors` first for "A and B").
        publisher: the page's publisher name; an author equal or nearly equal to it is the site, not a person.

    Returns:
        The author, or None for site names, domains, placeholders ("admin", "staff", "editor", "guest",
        "unknown"), empty values and strings of more than eight words (bios, sentences).
    """
    text = _URL.sub(" ", _EMAIL.sub(" ", name))
    text = _HANDLE.sub(" ", text)
    text = _SPACES.sub(" ", text).strip().strip(_EDGE + "()[]")
    text = text[prefix.end():] if (prefix := _AUTHOR_PREFIX.match(text)) else text
    pieces = [p.strip(_EDGE) for p in re.split(r"\s*[|,]\s*|\s+[-\u2013\u2014]\s+", text) if p.strip(_EDGE)]
    if not pieces:
        return None
    text = ", ".join([pieces[0], *(p for p in pieces[1:] if _is_suffix(p))])  # agency, role, site: all dropped
    if text.isupper() and text.casefold() not in AGENCIES:
        text = _title_case(text)
    if (not text or len(text.split()) > _MAX_AUTHOR_WORDS or text.casefold() in PLACEHOLDER_AUTHORS
            or _DOMAIN.fullmatch(text)
            or (publisher is not None and _same_outlet(text, publisher))):
        return None
    return AGENCIES.get(text.casefold(), text)


def split_authors(value: str) -> list[str]:
    """Return the names of an author list: "A, B and C", "A & B", "A; B"; "John Smith, Jr." stays one name.

    Args:
        value: the author list as one string.

    Returns:
        The names, stripped, in order, without empty ones.
    """
    names: list[str] = []
    for piece in _NAME_LIST.split(value.strip()):
        piece = piece.strip(_EDGE)
        if not piece:
            continue
        if names and _is_suffix(piece):
            names[-1] = f"{names[-1]}, {piece}"
        else:
            names.append(piece)
    return names


def _strip_byline_prefix(text: str) -> tuple[bool, str]:
    """Return whether the line opens with "By"/"Written by"/"Author:" (or a date then "by"), and the rest."""
    prefix = _BYLINE_PREFIX.fullmatch(text)
    if prefix is not None:
        return True, (prefix["rest"] or prefix["rest2"]).strip()
    leading = _LEADING_DATE_BY.fullmatch(text)
    if leading is not None and parse_datelines(leading["date"]):
        return True, leading["rest"].strip()
    return False, text


def _cut_date_tail(text: str) -> tuple[str, Literal["separated", "glued"] | None]:
    """Return the text without a trailing date statement or "Updated ..." part, and how that part was attached.

    "separated" when a separator or label stood before it ("Jane Doe - Nov 19, 2019", "Jane Doe Updated ..."),
    "glued" when only a space did ("Opening Bell 11.18.19"), None when nothing was cut.
    """
    if not _DIGIT.search(text):
        return text, None  # every datable or relative tail has a digit
    for start in _TAIL_START.finditer(text):
        tail = text[start.end():]
        if start.start() == 0 or len(tail) > _MAX_TAIL:
            continue
        if not _DIGIT.search(tail):
            break
        if _RELATIVE_TAIL.fullmatch(tail.strip(_EDGE)) or parse_datelines(tail):
            separated = start.group().strip() or _LABEL_START.match(tail)
            return text[: start.start()].strip(_EDGE), "separated" if separated else "glued"
    return text, None


def _credit_line_authors(credits: list[re.Match[str]]) -> list[str] | None:
    """Return the reporters and writers of a "Reporting by A in London; Editing by B" line."""
    names: list[str] = []
    for credit in credits:
        if credit["role"].lower() in ("editing", "compiled", "graphics"):
            continue
        part = _IN_PLACE.sub("", credit["names"]).strip(_EDGE)
        parsed = _names(part, all_caps=False, prefixed=True, had_tail=False)
        if parsed is None:
            return None
        names.extend(n for n in parsed[0] if n not in names)
    return names or None


def _unglue(text: str, publisher: str | None) -> str:
    """Return a names part without a role or publisher glued to its last name ("Meg JamesStaff Writer")."""
    text = _GLUED_ROLE.sub("", text)
    glued = _glued_publisher(publisher) if publisher else None
    if glued is not None and glued.search(text):
        return glued.sub("", text)
    return _GLUED_CAPS.sub("", text)


@lru_cache(maxsize=256)
def _glued_publisher(publisher: str) -> re.Pattern[str] | None:
    """Return a pattern for the publisher's name stuck to the end of a name ("Jane DoeFOX Business"), if it has words."""
    words = _NON_WORD.sub(" ", publisher).split()
    return re.compile(r"(?<=[a-z])" + r"\W*".join(map(re.escape, words)) + r"$", re.IGNORECASE) if words else None


def _agency(text: str) -> str | None:
    """Return an agency's spelling when the text is it as written or in capitals ("Reuters", "REUTERS"), else None.

    Case matters so that a menu's "App" is not the Associated Press of Pakistan (APP).
    """
    agency = AGENCIES.get(text.casefold())
    return agency if agency is not None and (text == agency or text.isupper()) else None


def _agency_or_desk(text: str, all_caps: bool, *, bare_word_ok: bool = True) -> str | None:
    """Return the text as an agency or desk byline ("Reuters", "HT News Desk"), or None when it is neither.

    A desk word alone ("Staff", "Online") counts only when `bare_word_ok`, i.e. after "By": on its own line it is
    as likely a menu item.
    """
    agency = _agency(text)
    if agency is not None:
        return agency
    if _DESK.fullmatch(text) and (bare_word_ok or " " in text.strip()):
        return _title_case(text) if all_caps else text
    return None


def _names(text: str, all_caps: bool, *, prefixed: bool, had_tail: bool) -> tuple[list[str], int] | None:
    """Return the person names of "A, B and C" with affiliations dropped, and how many affiliations were dropped.

    None when any other part is not a name, which is how sentences are refused.
    """
    names: list[str] = []
    dropped = 0
    pieces = [p.strip(_EDGE) for p in split_authors(text)]
    desks = [p for p in pieces
             if not AGENCIES.get(p.casefold()) and _agency_or_desk(p, all_caps, bare_word_ok=prefixed) is not None]
    if desks and not prefixed:
        return [_agency_or_desk(desks[0], all_caps) or desks[0]], 1  # "New Delhi, News Nation Bureau"
    for i, piece in enumerate(pieces):
        if i > 0 and (piece.casefold() in AGENCIES or _ROLE.fullmatch(piece) or _agency_or_desk(piece, all_caps)):
            dropped += 1
            continue
        name = _person_name(piece, all_caps, single_ok=prefixed and had_tail)
        if name is None:
            return None
        if name not in names:
            names.append(name)
    return (names, dropped) if names else None


def _person_name(text: str, all_caps: bool, *, single_ok: bool) -> str | None:
    """Return the text as a person's name (title-cased when the line is all caps), or None if it is not one."""
    tokens = text.rstrip(".").split() if not _ends_with_initial(text) else text.split()
    if not 1 <= len(tokens) <= 7:
        return None
    words = 0
    for position, token in enumerate(tokens):
        lowered = token.lower().rstrip(",")
        if lowered in NAME_SUFFIXES and position > 0:
            continue
        if lowered in NAME_PARTICLES and 0 < position < len(tokens) - 1:
            continue
        if lowered in NOT_NAME_WORDS or not _is_name_word(token):
            return None
        words += 1
    if words > 4 or (words == 1 and not single_ok):
        return None
    return _title_case(" ".join(tokens)) if all_caps else " ".join(tokens)


def _is_name_word(token: str) -> bool:
    """Return whether a token can be a word of a name: capitalized letters, initials, O'Brien, al-Rashid, Zia-ul-Haq."""
    if _INITIALS.fullmatch(token):
        return True
    parts = [p for p in re.split(r"[-'\u2019]", token) if p]
    if not parts or not all(part.isalpha() for part in parts):
        return False
    # a lower-case particle may lead ("al-Rashid", "d'Souza") when a capitalized part follows it
    lead = parts[1] if len(parts) > 1 and parts[0].lower() in NAME_PARTICLES | {"d", "l"} else parts[0]
    return lead[0].isupper()


def _ends_with_initial(text: str) -> bool:
    """Return whether the text's last token is an initial or suffix that owns its final dot ("Jr.", "J.")."""
    last = text.split()[-1] if text.split() else ""
    return bool(_INITIALS.fullmatch(last)) or last.lower() in NAME_SUFFIXES


def _is_suffix(piece: str) -> bool:
    """Return whether a comma piece is a name suffix ("Jr.", "III") rather than another name."""
    return piece.lower() in NAME_SUFFIXES


def _is_affiliation(piece: str, publisher: str | None) -> bool:
    """Return whether a piece after a name is an agency, a desk, a role or the publisher."""
    return (piece.casefold() in AGENCIES or bool(_ROLE.fullmatch(piece)) or bool(_DESK.fullmatch(piece))
            or (publisher is not None and _same_outlet(piece, publisher)))


def _same_outlet(text: str, publisher: str) -> bool:
    """Return whether two names denote the same outlet, ignoring case, punctuation, "The" and "News"/".com"."""
    return _outlet_key(text) == _outlet_key(publisher) != ""


def _outlet_key(name: str) -> str:
    """Return an outlet name folded for comparison ("The Daily Example.com" -> "dailyexample")."""
    folded = name.casefold().strip()
    folded = re.sub(r"^the\s+|\.(?:com|co\.uk|in|net|org)$|\s+(?:news|online|media)$", "", folded)
    return _NON_WORD.sub("", folded)


def _title_case(text: str) -> str:
    """Return an ALL-CAPS name in title case, particles lower-case inside it ("JEAN-PAUL VAN DER BERG")."""
    words = []
    for position, word in enumerate(text.lower().split()):
        if word in NAME_PARTICLES and position > 0:
            words.append(word)
            continue
        words.append(re.sub(r"(^|[-'\u2019.])([^\W\d_])", lambda m: m[1] + m[2].upper(), word))
    return " ".join(words)
