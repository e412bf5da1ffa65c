"""Dates and times as news pages write them, normalized to ISO 8601 at the source's precision.

`parse_timestamp` reads one date statement ("Apr 27, 2025 9:00 AM IST", "Wed 20 Nov 2019 14.05 GMT",
"2019-11-20T10:00:00Z"); `parse_dateline` and `parse_datelines` read a scraped line that is nothing but such a
statement, with its labels ("Published", "Last Updated"). The parser is a small tokenizer, not dateparser: every
token must be a date part, a time, a zone or filler, so prose is refused at its first ordinary word, nothing is
ever filled in from today's date, and a rejected line costs a few microseconds.

Feeds the record's `published` and `updated` fields.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

__all__ = ["Dateline", "parse_dateline", "parse_datelines", "parse_timestamp", "tz_offset"]

# Offsets of zone abbreviations as news pages use them. Keys of the inner dict are the publisher's ISO 3166-1
# country; the None key is the reading most common in English-language news, used when the country is unknown
# or has no reading of its own (IST -> India, CST -> US Central, BST -> British Summer Time).
ZONE_OFFSETS: Final[dict[str, dict[str | None, str]]] = {
    "Z": {None: "+00:00"},
    "UT": {None: "+00:00"},
    "UTC": {None: "+00:00"},
    "GMT": {None: "+00:00"},
    "WET": {None: "+00:00"},
    "WEST": {None: "+01:00"},
    "BST": {None: "+01:00", "GB": "+01:00", "BD": "+06:00"},
    "IST": {None: "+05:30", "IN": "+05:30", "IE": "+01:00", "IL": "+02:00"},
    "IDT": {None: "+03:00"},
    "CET": {None: "+01:00"},
    "CEST": {None: "+02:00"},
    "EET": {None: "+02:00"},
    "EEST": {None: "+03:00"},
    "MSK": {None: "+03:00"},
    "TRT": {None: "+03:00"},
    "EAT": {None: "+03:00"},
    "CAT": {None: "+02:00"},
    "WAT": {None: "+01:00"},
    "SAST": {None: "+02:00"},
    "AST": {None: "-04:00", "SA": "+03:00", "QA": "+03:00", "KW": "+03:00", "BH": "+03:00", "IQ": "+03:00",
            "YE": "+03:00", "JO": "+03:00"},
    "ADT": {None: "-03:00"},
    "GST": {None: "+04:00"},
    "IRST": {None: "+03:30"},
    "PKT": {None: "+05:00"},
    "NPT": {None: "+05:45"},
    "SLST": {None: "+05:30"},
    "BDT": {None: "+06:00"},
    "ICT": {None: "+07:00"},
    "WIB": {None: "+07:00"},
    "WITA": {None: "+08:00"},
    "WIT": {None: "+09:00"},
    "SGT": {None: "+08:00"},
    "MYT": {None: "+08:00"},
    "PHT": {None: "+08:00"},
    "HKT": {None: "+08:00"},
    "AWST": {None: "+08:00"},
    "JST": {None: "+09:00"},
    "KST": {None: "+09:00"},
    "ACST": {None: "+09:30"},
    "ACDT": {None: "+10:30"},
    "AEST": {None: "+10:00"},
    "AEDT": {None: "+11:00"},
    "NZST": {None: "+12:00"},
    "NZDT": {None: "+13:00"},
    "NST": {None: "-03:30"},
    "NDT": {None: "-02:30"},
    "EST": {None: "-05:00"},
    "EDT": {None: "-04:00"},
    "CST": {None: "-06:00", "US": "-06:00", "CN": "+08:00", "TW": "+08:00"},
    "CDT": {None: "-05:00"},
    "MST": {None: "-07:00", "MY": "+08:00"},
    "MDT": {None: "-06:00"},
    "PST": {None: "-08:00", "PH": "+08:00"},
    "PDT": {None: "-07:00"},
    "AKST": {None: "-09:00"},
    "AKDT": {None: "-08:00"},
    "HST": {None: "-10:00"},
    "ART": {None: "-03:00"},
    "BRT": {None: "-03:00"},
}

# US generic zone names ("10:15 am ET"): (standard, daylight) offsets, chosen by the date's US DST.
US_GENERIC_ZONES: Final[dict[str, tuple[str, str]]] = {
    "ET": ("-05:00", "-04:00"),
    "CT": ("-06:00", "-05:00"),
    "MT": ("-07:00", "-06:00"),
    "PT": ("-08:00", "-07:00"),
}

# Countries whose all-numeric dates put the month first (03/04/2024 is March 4th).
MONTH_FIRST_COUNTRIES: Final[frozenset[str]] = frozenset({"US", "PH", "PR", "GU", "AS", "VI", "MP", "FM", "MH", "PW"})
# Countries that write both orders: an all-numeric date with both parts <= 12 stays unread.
MIXED_ORDER_COUNTRIES: Final[frozenset[str]] = frozenset({"CA"})

_MONTHS: Final[dict[str, int]] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_YEARS: Final = range(1800, 2200)
_MAX_LENGTH: Final = 120

# One token of a date statement; a statement is a run of these and nothing else.
_TOKEN = re.compile(
    r"""\s*(?:
      (?P<iso>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)(?![\w:])
    | (?P<numdate>\d{1,4}(?P<sep>[/.-])\d{1,2}(?P=sep)\d{2,4})(?![\w/.:-]\d)(?!\w)
    | (?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d{1,9})?)?(?:\s*[ap]\.?\s?m\b\.?)?
              |\d{1,2}\s*[ap]\.?\s?m\b\.?|noon\b|midnight\b)
    | (?P<offset>(?:GMT|UTC|UT)\s*[+\u2212-]\s*\d{1,2}(?:[:.]?\d{2})?(?!\d)|[+\u2212-]\d{2}:?\d{2}(?!\d))
    | (?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?
               |sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?:\.|\b)
    | (?P<weekday>(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)(?:\.|\b)
    | (?P<num>\d{1,4})(?:st|nd|rd|th)?\b
    | (?P<filler>(?:at|on|the|of)\b|[,|/\u2022\u00b7;()\[\]\u2013\u2014.-])
    | (?P<zone>[A-Za-z]{1,5})\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_ISO_FULL = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d{1,9})?)?\s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")
_TIME_PARTS = re.compile(r"(\d{1,2})(?:[:.](\d{2})(?:[:.](\d{2}))?)?[.,\d]*\s*(?:([ap])\.?\s?m)?", re.IGNORECASE)
_OFFSET_PARTS = re.compile(r"(?:GMT|UTC|UT)?\s*([+\u2212-])\s*(\d{1,2})(?:[:.]?(\d{2}))?", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def tz_offset(abbreviation: str, country: str | None = None, *, when: date | None = None) -> str | None:
    """Return the UTC offset ("+05:30") of a time-zone abbreviation as the publisher's country reads it.

    Args:
        abbreviation: the zone as printed: "IST", "CST", "BST", "ET", "GMT", "Z" (case-insensitive).
        country: the publisher's ISO 3166-1 alpha-2 code; picks the reading of an ambiguous abbreviation
            (IST: IN +05:30, IE +01:00, IL +02:00). Unknown: the reading most common in English-language news.
        when: the date the time belongs to; needed by the generic US names (ET, CT, MT, PT), whose offset
            follows US daylight saving time.

    Returns:
        The offset as "+HH:MM", or None for an unknown abbreviation or a generic US name without a date.
    """
    key = abbreviation.strip().upper()
    if key in US_GENERIC_ZONES:
        if when is None:
            return None
        standard, daylight = US_GENERIC_ZONES[key]
        return daylight if _is_us_daylight_time(when) else standard
    readings = ZONE_OFFSETS.get(key)
    if readings is None:
        return None
    return readings.get(country.upper() if country else None, readings[None])


def parse_timestamp(text: str, *, country: str | None = None) -> str | None:
    """Return a date/time statement as ISO 8601 at the source's precision, or None if it is not one.

    A date alone stays a date ("2025-04-27"), a month and year stay "2025-11", a time gets its offset only when
    the text names a zone or offset: nothing is taken from today's date and no offset is invented.

    Args:
        text: the statement as a page or its metadata writes it: ISO 8601, RFC 2822, "Apr 27, 2025 9:00 AM IST",
            "Wed 20 Nov 2019 14.05 GMT", "12 March 2024, 14:05 GMT", "11/19/19 06:56 AM EST", "November 2019".
        country: the publisher's ISO 3166-1 alpha-2 code; resolves zone abbreviations (`tz_offset`) and the
            order of all-numeric dates (US: month first; elsewhere day first; unknown: only when one part is > 12).

    Returns:
        "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS" (+ "±HH:MM" when a zone is given) or "YYYY-MM"; None when the text
        is not a complete date statement, a time has no date, or an all-numeric date is ambiguous.
    """
    text = text.strip()
    if not text or len(text) > _MAX_LENGTH or not _DIGIT.search(text):
        return None
    if (iso := _ISO_FULL.fullmatch(text)) is not None:
        return _iso_from_match(iso)
    if (year_month := _YEAR_MONTH.fullmatch(text)) is not None:
        return _year_month(int(year_month[1]), int(year_month[2]))
    return _timestamp_from_tokens(text, country.upper() if country else None)


@dataclass(frozen=True)
class Dateline:
    """A date statement read from a scraped line: whether it dates publication or an update, and its value.

    Args:
        kind: "published" (also "Posted", "First published", or no label) or "updated" ("Updated", "Modified").
        value: the ISO 8601 value, as `parse_timestamp` returns it.
    """

    kind: Literal["published", "updated"]
    value: str


_LABEL = re.compile(
    r"(?<!\w)(?P<label>(?:first|originally)\s+published|published|posted|(?:last\s+)?updated|(?:last\s+)?modified"
    r"|date[d]?)\b(?:\s+on\b)?\s*:?",
    re.IGNORECASE,
)
_UPDATED_LABEL = re.compile(r"updated|modified", re.IGNORECASE)
_PIECE_SEPARATOR = re.compile(r"\s+[|\u2022\u00b7/\u2013\u2014-]\s+|\s*[|\u2022\u00b7;]\s*")
_EDGE_PUNCTUATION = " \t,;:|/\u2022\u00b7\u2013\u2014-*>»"
# Pieces a date line may carry besides its dates: relative times, reading times, a short credit ("CBS News").
_RELATIVE = re.compile(r"(?:about\s+)?(?:an?|\d+|one|few)\s+(?:sec|min|hour|hr|day|week|month|year)s?\w*\s+ago|just\s+now",
                       re.IGNORECASE)
_READING_TIME = re.compile(r"\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read", re.IGNORECASE)
_CREDIT = re.compile(r"(?!(?i:by|written)\b)[A-Z][\w.&'-]*(?:\s+(?:[A-Z][\w.&'-]*|&|of|the)){0,3}")


def parse_datelines(line: str, *, country: str | None = None) -> list[Dateline]:
    """Return every date statement of a line that is nothing but date statements, in order.

    "Published 3 May 2024 Updated 4 May 2024 09:10 BST" gives a published and an updated dateline. Labels,
    bullets, pipes, weekdays and a trailing comma are allowed; so are a relative "Updated 2 hours ago" (dropped:
    it cannot be dated without an anchor), a reading time ("2 min read") and one short credit ("CBS News").
    An unlabeled month and year ("October 2019") is refused: on a page it is an archive link, not a dateline.

    Args:
        line: one line of scraped text.
        country: the publisher's ISO 3166-1 alpha-2 code, passed on to `parse_timestamp`.

    Returns:
        The datelines, or an empty list when the line is prose, has an undatable part, or holds no date.
    """
    if len(line) > 2 * _MAX_LENGTH or not _DIGIT.search(line):
        return []
    segments = _labeled_segments(line)
    if segments is None:
        return []
    datelines: list[Dateline] = []
    credits = 0
    for kind, labeled, text in segments:
        value, credits_used = _segment_value(text, country, credits_allowed=1 - credits)
        credits += credits_used
        if value is None:
            if _RELATIVE.fullmatch(text.strip(_EDGE_PUNCTUATION)):
                continue
            return []
        if not labeled and len(value) == 7:
            return []
        datelines.append(Dateline(kind, value))
    return datelines


def parse_dateline(line: str, *, country: str | None = None) -> Dateline | None:
    """Return the date statement of a line that is nothing but one, or None for prose and undatable lines.

    "• Apr 27, 2025," gives published 2025-04-27; "• Updated Apr 27, 2025 9:00 AM IST" (IN) gives updated
    2025-04-27T09:00:00+05:30. When the line holds both kinds, the published one is returned
    (`parse_datelines` returns all).

    Args:
        line: one line of scraped text.
        country: the publisher's ISO 3166-1 alpha-2 code, passed on to `parse_timestamp`.

    Returns:
        The line's published dateline, else its first dateline; None when `parse_datelines` finds none.
    """
    datelines = parse_datelines(line, country=country)
    return next((d for d in datelines if d.kind == "published"), datelines[0] if datelines else None)


def _labeled_segments(line: str) -> list[tuple[Literal["published", "updated"], bool, str]] | None:
    """Return (kind, labeled, text) for the unlabeled head and each labeled part of a line; None if it is empty."""
    segments: list[tuple[Literal["published", "updated"], bool, str]] = []
    labels = list(_LABEL.finditer(line))
    head = line[: labels[0].start()] if labels else line
    if head.strip(_EDGE_PUNCTUATION):
        segments.append(("published", False, head))
    for i, label in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(line)
        kind: Literal["published", "updated"] = "updated" if _UPDATED_LABEL.search(label["label"]) else "published"
        segments.append((kind, True, line[label.end(): end]))
    return segments or None


def _segment_value(text: str, country: str | None, *, credits_allowed: int) -> tuple[str | None, int]:
    """Return a segment's timestamp, read whole or without its skippable pieces, and how many credits it dropped."""
    text = text.strip(_EDGE_PUNCTUATION)
    if not text:
        return None, 0
    value = parse_timestamp(text, country=country)
    if value is not None:
        return value, 0
    pieces = _PIECE_SEPARATOR.split(text)
    kept: list[str] = []
    credits = 0
    for piece in pieces:
        piece = piece.strip(_EDGE_PUNCTUATION)
        if not piece or _READING_TIME.fullmatch(piece) or _RELATIVE.fullmatch(piece):
            continue
        if not _DIGIT.search(piece) and _CREDIT.fullmatch(piece) and credits < credits_allowed:
            credits += 1
            continue
        kept.append(piece)
    if not kept or len(kept) == len(pieces):  # nothing skippable: the whole segment already failed
        return None, 0
    return parse_timestamp(" ".join(kept), country=country), credits


def _timestamp_from_tokens(text: str, country: str | None) -> str | None:
    """Return the ISO value of a statement read token by token, or None at the first token that is no date part."""
    day_numbers: list[int] = []
    years: list[int] = []
    months: list[int] = []
    numeric_dates: list[str] = []
    times: list[str] = []
    zones: list[str] = []
    offsets: list[str] = []
    position = 0
    while position < len(text):
        token = _TOKEN.match(text, position)
        if token is None or token.end() == position:
            if text[position:].strip():
                return None
            break
        position = token.end()
        kind = token.lastgroup
        value = token[kind] if kind else ""
        if kind == "iso":  # read as its parts, so that a zone after it ("2024-03-12 18:20 GMT") applies
            iso = _ISO_FULL.fullmatch(value)
            if iso is None:
                return None
            numeric_dates.append(f"{iso['y']}-{iso['mo']}-{iso['d']}")
            times.append(f"{iso['h']}:{iso['mi']}:{iso['s'] or '00'}")
            if iso["tz"]:
                offsets.append("+00:00" if iso["tz"] == "Z" else iso["tz"])
        elif kind == "numdate":
            numeric_dates.append(value)
        elif kind == "time":
            times.append(value)
        elif kind == "offset":
            offsets.append(value)
        elif kind == "month":
            months.append(_MONTHS[value[:3].lower()])
        elif kind == "num":
            if len(value) == 4:
                years.append(int(value))
            elif len(value) <= 2:
                day_numbers.append(int(value))
            else:
                return None
        elif kind == "zone":
            if not value.isupper() or (value not in ZONE_OFFSETS and value not in US_GENERIC_ZONES):
                return None
            zones.append(value)
    day = _date_from_parts(numeric_dates, months, years, day_numbers, country)
    if day is None:
        return None
    if isinstance(day, str):  # month and year only: a time cannot belong to it
        return None if times else day
    if len(times) > 1 or len(zones) + len(offsets) > 1:
        return None
    if not times:
        return day.isoformat()
    clock = _clock(times[0])
    if clock is None:
        return None
    offset = ""
    if offsets:
        offset = _offset(offsets[0]) or ""
        if not offset:
            return None
    elif zones:
        offset = tz_offset(zones[0], country, when=day) or ""
    return f"{day.isoformat()}T{clock}{offset}"


def _date_from_parts(numeric_dates: list[str], months: list[int], years: list[int], day_numbers: list[int],
                     country: str | None) -> date | str | None:
    """Return the date the parts name, "YYYY-MM" for a month and year, or None when they name none or several."""
    if numeric_dates:
        if len(numeric_dates) > 1 or months or years or day_numbers:
            return None
        return _numeric_date(numeric_dates[0], country)
    if len(months) != 1 or len(years) != 1 or len(day_numbers) > 1:
        return None
    if not day_numbers:
        return _year_month(years[0], months[0])
    return _valid_date(years[0], months[0], day_numbers[0])


def _numeric_date(text: str, country: str | None) -> date | None:
    """Return the date of "2024-03-12", "2018.04.05", "12/03/2024" or "11/19/19", or None when ambiguous."""
    first, second, third = re.split(r"[/.-]", text)
    if len(first) == 4:
        return _valid_date(int(first), int(second), int(third)) if len(third) <= 2 else None
    if len(first) > 2 or len(third) == 3:
        return None
    a, b = int(first), int(second)
    year = int(third) if len(third) == 4 else _two_digit_year(int(third))
    if a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a:
        month, day = a, b
    elif a == b:
        day = month = a
    elif country in MONTH_FIRST_COUNTRIES:
        month, day = a, b
    elif country is None or country in MIXED_ORDER_COUNTRIES:
        return None
    else:
        day, month = a, b
    return _valid_date(year, month, day)


def _two_digit_year(year: int) -> int:
    """Return the full year of a two-digit one, pivoting at 70 ("19" -> 2019, "98" -> 1998)."""
    return 2000 + year if year < 70 else 1900 + year


def _valid_date(year: int, month: int, day: int) -> date | None:
    """Return the date, or None when it does not exist or lies outside the years news archives cover."""
    if year not in _YEARS:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_month(year: int, month: int) -> str | None:
    """Return "YYYY-MM", or None for an impossible month or year."""
    return f"{year:04d}-{month:02d}" if year in _YEARS and 1 <= month <= 12 else None


def _clock(text: str) -> str | None:
    """Return "HH:MM:SS" for "9:00 AM", "14.05", "3:45 p.m.", "noon", or None for an impossible time."""
    lowered = text.lower()
    if lowered == "noon":
        return "12:00:00"
    if lowered == "midnight":
        return "00:00:00"
    parts = _TIME_PARTS.match(text)
    if parts is None:
        return None
    hour, minute, second = int(parts[1]), int(parts[2] or 0), int(parts[3] or 0)
    meridiem = (parts[4] or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return f"{hour:02d}:{minute:02d}:{second:02d}"


def _offset(text: str) -> str | None:
    """Return "+HH:MM" for "+0530", "-05:00", "GMT+5:30", "UTC -3", or None for an impossible offset."""
    parts = _OFFSET_PARTS.fullmatch(text.strip())
    if parts is None:
        return None
    hours, minutes = int(parts[2]), int(parts[3] or 0)
    if hours > 14 or minutes > 59:
        return None
    sign = "+" if parts[1] == "+" else "-"
    return f"{sign}{hours:02d}:{minutes:02d}"


def _iso_from_match(iso: re.Match[str]) -> str | None:
    """Return the normalized value of an ISO 8601 match: seconds always shown, fractions dropped, "Z" as +00:00."""
    day = _valid_date(int(iso["y"]), int(iso["mo"]), int(iso["d"]))
    if day is None:
        return None
    if iso["h"] is None:
        return day.isoformat()
    clock = _clock(f"{iso['h']}:{iso['mi']}:{iso['s'] or '00'}")
    if clock is None:
        return None
    zone = iso["tz"]
    offset = "" if zone is None else "+00:00" if zone == "Z" else _offset(zone if len(zone) > 3 else zone + "00")
    return None if offset is None else f"{day.isoformat()}T{clock}{offset}"


def _is_us_daylight_time(day: date) -> bool:
    """Return whether US daylight saving time is in force on `day` (2007 rules, and 1987-2006 rules before)."""
    if day.year >= 2007:
        start, end = _nth_sunday(day.year, 3, 2), _nth_sunday(day.year, 11, 1)
    else:
        start, end = _nth_sunday(day.year, 4, 1), _last_sunday(day.year, 10)
    return start <= day < end


def _nth_sunday(year: int, month: int, n: int) -> date:
    """Return the n-th Sunday of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))


def _last_sunday(year: int, month: int) -> date:
    """Return the last Sunday of a month."""
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)
