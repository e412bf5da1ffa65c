"""Find and normalize English time expressions into TIMEX3-style values (no spaCy here).

The rules follow HeidelTime's idea (patterns plus normalization functions) in plain Python:
each rule is a regular expression and a function that turns its match into a :class:`Timex`.
Relative expressions ("on Saturday", "last week", "mid-March") are anchored on the article's
publication date read **in its own time zone** (``2025-04-27T01:30+05:30`` is the 27th, never
the UTC 26th). Without an anchor only absolute values are given; relative ones keep
``value=None``. Extents follow TIMEX3: prepositions ("on", "in", "since") stay outside,
determiners and modifiers ("last", "the", "mid-", "about") stay inside.

The record field this feeds is ``times[]`` (see ``record-format.md``).
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

Tense = Literal["PAST", "PRESENT", "FUTURE"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

__all__ = ["RULE_NAMES", "Tense", "Timex", "find_timexes", "interval_of", "normalize", "parse_anchor"]


@dataclass(frozen=True)
class Timex:
    """One time expression: where it is, its TIMEX3 value and the calendar interval it allows."""

    text: str
    start: int
    end: int
    value: str | None
    type: TimexType
    mod: str | None = None
    earliest: str | None = None
    latest: str | None = None
    granularity: str | None = None
    rule: str = ""

    def as_dict(self) -> dict:
        """Return the normalized fields (no text or offsets) as a plain JSON-able dict."""
        return {"value": self.value, "type": self.type, "mod": self.mod, "earliest": self.earliest,
                "latest": self.latest, "granularity": self.granularity, "rule": self.rule}


# --------------------------------------------------------------------------- lexicons

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
            "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
                "overnight": "NI", "midday": "MI", "noon": "MI"}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "final": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
            "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
            "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
            "twenty first": 21, "twenty-second": 22}
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "single": 1, "a couple of": 2,
    "a dozen": 12, "dozen": 12, "a hundred": 100, "hundred": 100,
}
# Vague quantities: the value's number becomes "X" (TIMEX3 "PXY": some years).
VAGUE_QUANTITIES = {"a few", "few", "several", "many", "some", "numerous", "dozens of", "hundreds of",
                    "a number of", "countless", "the"}
# Duration units: (TIMEX3 letter, multiplier, is a clock unit, granularity).
UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True), "day": ("D", 1, False),
    "night": ("D", 1, False), "week": ("W", 1, False), "fortnight": ("W", 2, False), "month": ("M", 1, False),
    "quarter": ("Q", 1, False), "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
    "millennium": ("Y", 1000, False),
}
# Decades count in years, as "a decade" is P10Y; centuries keep TIMEX3's own unit.
VAGUE_UNIT_VALUES = {"decade": "PXY", "century": "PXCE", "millennium": "PXML"}
# Zone abbreviations common in wire copy; ambiguous ones ("CST": China or Central) take the usual news sense.
TIME_ZONES = {
    "UTC": "Z", "GMT": "Z", "Z": "Z", "IST": "+05:30", "PKT": "+05:00", "EST": "-05:00", "EDT": "-04:00",
    "CST": "-06:00", "CDT": "-05:00", "MST": "-07:00", "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00",
    "CET": "+01:00", "CEST": "+02:00", "BST": "+01:00", "EET": "+02:00", "EEST": "+03:00", "MSK": "+03:00",
    "JST": "+09:00", "KST": "+09:00", "HKT": "+08:00", "SGT": "+08:00", "AEST": "+10:00", "AEDT": "+11:00",
    "WIB": "+07:00", "GST": "+04:00", "AST": "+03:00", "NZST": "+12:00", "NZDT": "+13:00", "WAT": "+01:00",
    "EAT": "+03:00", "SAST": "+02:00", "IRST": "+03:30", "AFT": "+04:30", "NPT": "+05:45", "BDT": "+06:00",
    "PHT": "+08:00", "ICT": "+07:00", "ART": "-03:00", "BRT": "-03:00",
}
# Mod words in front of a duration or a date, and the TIMEX3 mod they give.
MODS = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX", "some": "APPROX",
    "almost": "LESS_THAN", "nearly": "LESS_THAN", "close to": "APPROX", "just under": "LESS_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "just over": "MORE_THAN", "well over": "MORE_THAN", "at least": "EQUAL_OR_MORE",
    "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
}
POSITION_MODS = {"early": "START", "the beginning of": "START", "the start of": "START", "the dawn of": "START",
                 "the very beginning of": "START", "mid": "MID", "mid-": "MID", "the middle of": "MID",
                 "late": "END", "the end of": "END", "the close of": "END", "the very end of": "END",
                 "the turn of": "END"}


def _alt(words) -> str:
    """A regex alternation of ``words``, longest first so the longer reading wins."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_NUMW = _alt([w for w in NUMBER_WORDS if " " not in w and w not in {"a", "an", "single"}]) + r"|single(?=-)"
_NUM = (rf"(?:\d+(?:\.\d+)?|half\s+an?|(?:{_NUMW})(?:[- ](?:{_NUMW}))?(?:\s+hundred)?|a\s+couple\s+of|a\s+dozen"
         rf"|a\s+hundred"
        rf"|{_alt(VAGUE_QUANTITIES - {'the'})}|an?)(?:\s+and\s+a\s+half)?")
_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)|millenni(?:um|a))"
_MOD = _alt(MODS)
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)")
# "May" and "March" are also words: alone they need a cue (a preposition or a modifier) before them.
_MONTH_SAFE = _MONTH.replace("March|April|May|", "April|")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)"
_POS = r"(?:(?:early|late|mid)(?:\s+|-)|the\s+(?:very\s+)?(?:beginning|start|end|middle|close|dawn|turn)\s+of\s+)"
_REL = r"(?:last|this|next|past|previous|coming|current|following|same)"


def _ci(pattern: str) -> str:
    """Case-insensitive scope for a piece of a pattern (month names stay case-sensitive around it)."""
    return f"(?i:{pattern})"


# --------------------------------------------------------------------------- anchor and calendar helpers

_ANCHOR_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_anchor(published: str | date | None) -> date | None:
    """Return the publication date as written in its own time zone (the local calendar date), or None.

    Args:
        published: an ISO 8601 date or timestamp (``2025-04-27``, ``2025-04-27T09:00:00+05:30``).
    """
    if published is None:
        return None
    if isinstance(published, date):
        return published
    m = _ANCHOR_RE.match(published.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _shift_months(d: date, months: int) -> tuple[int, int]:
    total = d.year * 12 + (d.month - 1) + months
    return total // 12, total % 12 + 1


def _week_value(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter(month: int) -> int:
    return (month - 1) // 3 + 1


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def interval_of(value: str | None, mod: str | None = None) -> tuple[str | None, str | None, str | None]:
    """Return (earliest, latest, granularity) for a TIMEX3 date or time value; Nones when it is no period.

    START, MID and END narrow a period to its first, middle or last third ("mid-March": 11-20 March).
    """
    if not value:
        return None, None, None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T.*)?", value)
    if m:
        d = f"{m[1]}-{m[2]}-{m[3]}"
        return d, d, "time" if m[4] else "day"
    lo: date
    hi: date
    gran: str
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        y, mo = int(m[1]), int(m[2])
        lo, hi, gran = date(y, mo, 1), date(y, mo, _last_day(y, mo)), "month"
    elif m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        lo, hi, gran = (monday + timedelta(5), monday + timedelta(6), "weekend") if m[3] else \
            (monday, monday + timedelta(6), "week")
    elif m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        y, q = int(m[1]), int(m[2])
        lo, hi, gran = date(y, 3 * q - 2, 1), date(y, 3 * q, _last_day(y, 3 * q)), "quarter"
    elif m := re.fullmatch(r"(\d{4})-H([12])", value):
        y, h = int(m[1]), int(m[2])
        lo, hi, gran = date(y, 6 * h - 5, 1), date(y, 6 * h, _last_day(y, 6 * h)), "half"
    elif m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        y, (a, b) = int(m[1]), _SEASON_MONTHS[m[2]]
        yb = y + 1 if b < a else y
        lo, hi, gran = date(y, a, 1), date(yb, b, _last_day(yb, b)), "season"
    elif m := re.fullmatch(r"FY(\d{4})", value):
        # Fiscal years differ by country (US Oct-Sep, UK/India Apr-Mar, Japan Apr-Mar after): their union.
        y = int(m[1])
        return f"{y - 1}-04-01", f"{y + 1}-03-31", "year"
    elif m := re.fullmatch(r"(\d{4})", value):
        y = int(m[1])
        lo, hi, gran = date(y, 1, 1), date(y, 12, 31), "year"
    elif m := re.fullmatch(r"(\d{3})", value):
        y = int(m[1]) * 10
        lo, hi, gran = date(max(y, 1), 1, 1), date(y + 9, 12, 31), "decade"
    elif m := re.fullmatch(r"(\d{2})", value):
        y = int(m[1]) * 100
        lo, hi, gran = date(max(y, 1), 1, 1), date(y + 99, 12, 31), "century"
    else:
        return None, None, None
    if mod in ("START", "MID", "END"):
        span = (hi - lo).days + 1
        third = span // 3
        if mod == "START":
            hi = lo + timedelta(third - 1)
        elif mod == "MID":
            lo, hi = lo + timedelta(third), lo + timedelta(2 * third - 1)
        else:
            lo = lo + timedelta(2 * third)
    return lo.isoformat(), hi.isoformat(), gran


# --------------------------------------------------------------------------- number helpers


def _number(text: str) -> float | None:
    """Return the number a quantity phrase gives ("twenty-five" -> 25, "two and a half" -> 2.5); None when vague."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    if t in VAGUE_QUANTITIES:
        return None
    if t in ("half a", "half an"):
        return 0.5
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t] + half
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    total = 0.0
    parts = re.split(r"[- ]", t)
    if parts and parts[-1] == "hundred":
        parts = parts[:-1]
        mult = 100
    else:
        mult = 1
    for p in parts:
        if p not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[p]
    return (total or 1) * mult + half


def _leading_int(text: str) -> int:
    """The number a day or ordinal starts with ("2nd" -> 2); 0 when there is none."""
    m = re.match(r"\d+", text)
    return int(m[0]) if m else 0


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _duration_value(n: float | None, unit: str) -> str:
    letter, mult, clock = UNITS[unit]
    if n is None:
        return VAGUE_UNIT_VALUES.get(unit) or f"P{'T' if clock else ''}X{letter}"
    return f"P{'T' if clock else ''}{_fmt(n * mult)}{letter}"


def _unit_of(word: str) -> str:
    w = word.lower().rstrip("s")
    return {"centurie": "century", "millennia": "millennium", "millenni": "millennium"}.get(w, w)


# --------------------------------------------------------------------------- context


@dataclass
class _Ctx:
    """What a rule may look at besides its match: the anchor, tense, the whole text and the last date seen."""

    text: str
    anchor: date | None
    tense: Tense | None = None
    last_day: date | None = None
    last_year: int | None = None
    last_year_end: int = 0
    last_ref: str | None = None  # the last month, quarter, week or day named, for "the same period a year ago"
    last_ref_end: int = 0


def _pick_year_for_month(ctx: _Ctx, month: int, day: int | None = None) -> int | None:
    """The year of a month (and day) given without one: the tense's direction, else the nearest occurrence."""
    a = ctx.anchor
    if a is None:
        return None
    here = (month, day or 0) if day else (month, 0)
    now = (a.month, a.day if day else 0)
    if day and month == a.month:
        # Days from publication: a tense pointing the other way ("arrived Friday, two weeks before the opening on
        # Aug. 13") is the main clause's, not a year away (HeidelTime's convention too).
        return a.year
    if ctx.tense == "PAST" and here > now:
        return a.year - 1
    if ctx.tense == "FUTURE" and here < now:
        return a.year + 1
    # A present tense in news often states a schedule ("takes effect Jan. 1"): no direction, the nearest one.
    if ctx.tense in (None, "PRESENT") and abs(month - a.month) > 6:
        return a.year - 1 if month > a.month else a.year + 1
    return a.year


_REPORTED_PERIOD = re.compile(r"(\d{4})-(\d{2}|Q[1-4]|H[12])")
_SENTENCE_BREAK = re.compile(r"[.!?][\"')]?\s+[\"(]?[A-Z]")


def _same_sentence(text: str, end: int, start: int) -> bool:
    """True when no sentence ends between ``end`` and ``start`` (``start`` may open the next sentence)."""
    return not _SENTENCE_BREAK.search(text, end, start + 1)


def _reported_period_back(ctx: _Ctx, start: int, years: int, *, same_sentence: bool = True) -> str | None:
    """The month, quarter or half the story last reported on, ``years`` back; None when there is none.

    "Profit rose in the third quarter from a year earlier" compares with the third quarter of the year
    before (TimeML dates the comparison at the period's precision). Only a recent period counts: one long
    past is history being told, not the period being reported.
    """
    ref, a = ctx.last_ref, ctx.anchor
    if not ref or a is None or not (m := _REPORTED_PERIOD.fullmatch(ref)) or int(m[1]) not in (a.year, a.year - 1):
        return None
    if same_sentence and not _same_sentence(ctx.text, ctx.last_ref_end, start):
        return None
    return f"{int(m[1]) - years:04d}-{m[2]}"


def _from_named_period(ctx: _Ctx, unit: str, shift: int, start: int) -> str | None:
    """The month, quarter or year ``shift`` units from the one named earlier in the sentence; else None.

    "Sales in May rose from the previous month": "previous" and "following" count from the story's own
    period (TimeML's anchor is the reference time), where "last" and "next" count from publication.
    """
    if unit == "year":
        if ctx.last_year is None or not _same_sentence(ctx.text, ctx.last_year_end, start):
            return None
        return str(ctx.last_year + shift)
    ref = ctx.last_ref
    if not ref or not _same_sentence(ctx.text, ctx.last_ref_end, start):
        return None
    if unit == "month" and (m := re.fullmatch(r"(\d{4})-(\d{2})", ref)):
        y, mo = _shift_months(date(int(m[1]), int(m[2]), 1), shift)
        return f"{y:04d}-{mo:02d}"
    if unit == "quarter" and (m := re.fullmatch(r"(\d{4})-Q([1-4])", ref)):
        y, mo = _shift_months(date(int(m[1]), 3 * int(m[2]), 1), 3 * shift)
        return f"{y:04d}-Q{_quarter(mo)}"
    return None


def _weekday_date(ctx: _Ctx, weekday: int, direction: str | None = None) -> date | None:
    """The date of a weekday: the publication day itself, or the previous (past, default) or the next one."""
    a = ctx.anchor
    if a is None:
        return None
    diff = weekday - a.weekday()
    if direction is None:
        if diff == 0:
            return a
        # A present tense with a weekday states a schedule ("the committee meets Tuesday").
        direction = "next" if ctx.tense in ("FUTURE", "PRESENT") else "last"
    if direction == "last":
        return a - timedelta((a.weekday() - weekday) % 7 or 7)
    if direction == "next":
        return a + timedelta((weekday - a.weekday()) % 7 or 7)
    return a + timedelta(diff)  # "this Monday": the one in the publication week


# --------------------------------------------------------------------------- rules

# A handler returns the Timex fields, None to decline (other rules may take the words), or {} to claim the
# words for nothing (a name such as "Black Monday" that no shorter reading should date).
Handler = Callable[[re.Match, _Ctx], "dict | None"]
_RULES: list[tuple[str, re.Pattern, Handler]] = []


def _rule(name: str, pattern: str, flags: int = 0) -> Callable[[Handler], Handler]:
    """Register a rule: a pattern and the function that normalizes its match into Timex fields."""

    def deco(fn: Handler) -> Handler:
        _RULES.append((name, re.compile(pattern, flags), fn))
        return fn

    return deco


def _date(d: date | None, gran: str = "day", mod: str | None = None) -> dict:
    if d is None:
        return {"value": None, "type": "DATE", "mod": mod, "granularity": gran}
    value = {"day": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year), "week": _week_value(d)}[gran]
    return {"value": value, "type": "DATE", "mod": mod}


def _rel_prefix(text_before: str) -> bool:
    """True when the words before a match say it is a rate ("15 a year", "twice a day")."""
    return bool(re.search(r"(?:\d[\d,.]*\s*(?:%|[A-Za-z-]+)?|\b(?:once|twice|times|percent|cents?|dollars?))\s*$",
                          text_before[-30:]))


_DURATION = (
    rf"\b(?:(?P<mod>{_MOD})\s+)?(?:(?P<the>the)\s+(?P<dir>past|last|next|previous|coming|first|final|following|"
    rf"recent|ensuing|preceding|remaining)\s+)?(?P<num>{_NUM})(?P<sep>\s+|-)(?:(?P<adj>consecutive|straight|"
    rf"trading|business|working|full|whole|calendar|long|more|additional|further|extra)\s+)?(?P<unit>{_UNIT})"
    rf"(?:(?P<suffix>-long|-old|-plus)"
    rf"|\s+(?P<ago>ago(?:\s+today)?|before|earlier|later|after|from\s+now|hence))?\b"
)


@_rule("duration", _ci(_DURATION))
def _duration(m: re.Match, ctx: _Ctx) -> dict | None:
    num_text = m["num"].lower()
    unit = _unit_of(m["unit"])
    if num_text in ("a", "an", "single") and unit == "second":
        return None  # "a second time": an ordinal, not one second
    if unit == "quarter" and num_text in ("a", "an"):
        return None  # "a quarter of its dealers", "about a quarter": a fraction far more often than 3 months
    if m["sep"] == "-" and (num_text in ("a", "an") or _number(num_text) is None):
        return None  # "24-hours-a-day", "several-year": hyphenated compounds need a real number
    n = _number(m["num"])
    ago = re.sub(r"\s+", " ", (m["ago"] or "").lower()).removesuffix(" today")  # "two weeks ago today"
    mod = MODS.get(re.sub(r"\s+", " ", (m["mod"] or "").lower()))
    lead = 0
    if m["mod"] and m["the"]:
        lead, mod = m.start("the") - m.start(), None  # "over the past five years": "over" is a preposition here
    # "two days before the launch", "three days later": relative to an event we do not track, so only the
    # amount is known. "a year earlier" and a clause-final "before" count back from publication, like "ago".
    followed = re.match(r"\s*[\w$]", ctx.text[m.end(): m.end() + 3]) is not None
    if ago in ("later", "after") or (ago == "before" and followed) or (ago and m["the"] and ago != "ago"):
        return {"value": _duration_value(n, unit), "type": "DURATION", "mod": mod, "_cut": m.end() - m.end("unit"),
                "_lead": lead}
    if ago:
        future = ago in ("from now", "hence")
        if n is None:
            # "a few weeks ago": somewhere in the past (or future), as TIMEX3 says it.
            return {"value": "FUTURE_REF" if future else "PAST_REF", "type": "DATE", "mod": mod, "rule": "ago"}
        if ctx.anchor is None:
            return {"value": None, "type": "DATE", "mod": mod, "rule": "ago"}
        letter, mult, clock = UNITS[unit]
        sign = 1 if future else -1
        k = n * mult * sign
        a = ctx.anchor
        if clock:
            return {"value": a.isoformat(), "type": "DATE", "mod": mod, "rule": "ago"}
        if letter in ("D", "W"):
            d = a + timedelta(days=k * (7 if letter == "W" else 1))
            return {**_date(d, "day", mod), "rule": "ago"}
        if abs(k) > 12 * 9999:
            return None  # further than any calendar goes
        if letter == "M":
            y, mo = _shift_months(a, int(k))
            return {"value": f"{y:04d}-{mo:02d}", "type": "DATE", "mod": mod, "rule": "ago"}
        if letter == "Q":
            y, mo = _shift_months(a, int(k) * 3)
            return {"value": f"{y:04d}-Q{_quarter(mo)}", "type": "DATE", "mod": mod, "rule": "ago"}
        if letter == "Y" and mult == 1 and not future and float(n).is_integer() and \
                (back := _reported_period_back(ctx, m.start(), int(n))):
            return {"value": back, "type": "DATE", "mod": mod, "rule": "ago", "_derived": True}
        y = int(a.year + k)
        return {"value": f"{y:04d}" if 1 <= y <= 9999 else None, "type": "DATE", "mod": mod, "rule": "ago"}
    if num_text in ("a", "an") and not m["the"] and not m["mod"] and _rel_prefix(ctx.text[: m.start()]):
        return {"value": _duration_value(1, unit), "type": "SET", "rule": "set_rate"}
    return {"value": _duration_value(n, unit), "type": "DURATION", "mod": mod, "_lead": lead}


@_rule("duration_vague", _ci(
    r"\b(?:(?P<the>the)\s+(?:(?P<dir>past|last|next|coming|recent|following)\s+)?|(?P<q>recent|many|several|a\s+few|"
    r"few|the\s+past\s+few|the\s+last\s+few|the\s+next\s+few|the\s+coming)\s+)?"
    r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)(?P<suffix>-long|-old)?\b"))
def _duration_vague(m: re.Match, ctx: _Ctx) -> dict | None:
    before = ctx.text[max(0, m.start() - 12): m.start()].lower()
    if m["the"] and not m["dir"] and not re.search(r"\b(over|during|in|for|through|throughout)\s+$", before):
        return None  # "the years that followed" is rarely a time span worth a value
    if re.search(r"\d\s*$|\b(?:of|those|these)\s+$", before) or (
            not m["suffix"] and re.search(r"\b(?:her|his|their|its|our|my|your|whose)\s+$", before)):
        return None
    return {"value": _duration_value(None, _unit_of(m["unit"])), "type": "DURATION"}


@_rule("set", _ci(
    rf"\b(?:(?P<freq>once|twice|(?:{_NUM})\s+times)\s+)?(?P<q>every|each|per)\s+(?:(?P<other>other)\s+)?"
    rf"(?:(?P<num>{_NUM})\s+)?(?P<unit>{_UNIT}|{_WEEKDAY}|morning|afternoon|evening|night|weekend|spring|summer|"
    rf"autumn|winter|(?-i:{_MONTH}))\b"))
def _set(m: re.Match, ctx: _Ctx) -> dict | None:
    word = m["unit"].lower().rstrip(".")
    if word in MONTHS:
        return {"value": f"XXXX-{MONTHS[word]:02d}", "type": "SET"}
    if word in SEASONS:
        return {"value": f"XXXX-{SEASONS[word]}", "type": "SET"}
    if word in WEEKDAYS:
        return {"value": f"XXXX-WXX-{WEEKDAYS[word] + 1}", "type": "SET"}
    if word in PARTS_OF_DAY:
        return {"value": f"XXXX-XX-XXT{PARTS_OF_DAY[word]}", "type": "SET"}
    if word == "weekend":
        return {"value": "XXXX-WXX-WE", "type": "SET"}
    n = _number(m["num"]) if m["num"] else 1
    if m["other"]:
        n = (n or 1) * 2
    return {"value": _duration_value(n, _unit_of(word)), "type": "SET"}


_SET_ADVERBS = {"hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "fortnightly": "P2W",
                "biweekly": "P2W", "monthly": "P1M", "quarterly": "P1Q", "yearly": "P1Y", "annually": "P1Y",
                "annual": "P1Y", "biannual": "P6M", "biennial": "P2Y", "semiannual": "P6M"}


@_rule("set_adverb", rf"\b(?i:{_alt(_SET_ADVERBS)})\b")
def _set_adverb(m: re.Match, ctx: _Ctx) -> dict | None:
    if m[0][0].isupper() and not _opens_sentence(ctx.text, m.start()):
        return None  # "the Daily Mail", "New York Daily News": a name
    return {"value": _SET_ADVERBS[m[0].lower()], "type": "SET"}


def _opens_sentence(text: str, start: int) -> bool:
    """True when ``start`` is the first word of a sentence or paragraph."""
    return not text[:start].strip() or bool(re.search(r"(?:[.!?][\"')]?\s+|\n\s*)[\"(]?$", text[max(0, start - 4):start]))


_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "presently": "PRESENT_REF", "the present": "PRESENT_REF", "the time being": "PRESENT_REF",
    "the moment": "PRESENT_REF", "recently": "PAST_REF", "more recently": "PAST_REF", "recent": "PAST_REF",
    "lately": "PAST_REF", "the past": "PAST_REF", "recent history": "PAST_REF", "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF", "soon": "FUTURE_REF",
    "very soon": "FUTURE_REF", "shortly": "FUTURE_REF", "later": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the long term": "FUTURE_REF", "the short term": "FUTURE_REF", "the medium term": "FUTURE_REF",
    "the long run": "FUTURE_REF", "the short run": "FUTURE_REF", "short-term": "FUTURE_REF",
    "near-term": "FUTURE_REF",
}


@_rule("ref", _ci(rf"\b(?:{_alt(_REFS)})\b(?!-)"))
def _ref(m: re.Match, ctx: _Ctx) -> dict | None:
    key = re.sub(r"\s+", " ", m[0].lower())
    after = ctx.text[m.end(): m.end() + 12].lower()
    if key == "the past" and re.match(r"\s+\w+\s+(?:years|months|weeks|days|decades)|\s+(?:year|month|week|decade)",
                                      after):
        return None  # "the past year" is a duration rule's business
    if key == "current" and re.match(r"\s+(?:account|affairs|events|ly)\b", after):
        return None
    if key == "later" and re.search(r"\b(?:seconds|minutes|hours|days|weeks|months|years|decades|moments?)\s+$",
                                    ctx.text[max(0, m.start() - 10): m.start()].lower()):
        return {}  # "minutes later": counted from an event, not the future
    if key in ("shortly", "soon", "later") and re.match(r"\s+(?:after|before)\b", after):
        return None  # "shortly after 9 a.m.": a nearness to another time, not the future
    if key == "the moment" and not re.search(r"\b(?:at|for)\s+$", ctx.text[max(0, m.start() - 5): m.start()].lower()):
        return None
    return {"value": _REFS[key], "type": "DATE"}


# Words that make a weekday the name of a particular day ("Black Monday" 1987, "Good Friday").
NAMED_DAY_WORDS = ("Black", "Cyber", "Easter", "Good", "Super", "Palm", "Ash", "Bloody", "Holy", "Maundy", "Shrove",
                   "Whit", "Giving", "Blue")
_NAMED_DAY_BEFORE = re.compile(rf"\b(?:{_alt(NAMED_DAY_WORDS)})\s+$")
_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


@_rule("relative_day", _ci(
    r"\b(?:(?P<pre>earlier|later|late|early)\s+)?(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
    r"|today|yesterday|tomorrow|tonight)(?:(?:'s)?\s+(?P<part>morning|afternoon|evening|night))?\b"))
def _relative_day(m: re.Match, ctx: _Ctx) -> dict | None:
    if m["word"].isupper() and re.search(r"[a-z]", ctx.text[max(0, m.start() - 30): m.end() + 30]):
        return {}  # "USA TODAY": capitals in mixed-case copy make a name
    word = re.sub(r"\s+", " ", m["word"].lower())
    shift = {"the day before yesterday": -2, "the day after tomorrow": 2}.get(word, _DAY_WORDS.get(word, 0))
    d = ctx.anchor + timedelta(shift) if ctx.anchor else None
    part = PARTS_OF_DAY.get((m["part"] or "").lower()) or ("NI" if word == "tonight" else None)
    if part:
        return {"value": f"{d.isoformat()}T{part}" if d else None, "type": "TIME"}
    return _date(d)


_ADJECTIVE_USE = re.compile(r"\s+(?!(?:on|in|into|to|and|as|at|after|before|for|from|with|while|when|"
                            + "|".join(WEEKDAYS) + r")\b)[a-z]")


@_rule("part_of_day", _ci(
    r"\b(?:(?P<rel>this|last|yesterday|tomorrow)\s+)?(?P<part>morning|afternoon|evening|night|overnight)\b"))
def _part_of_day(m: re.Match, ctx: _Ctx) -> dict | None:
    rel = (m["rel"] or "").lower()
    part = PARTS_OF_DAY[m["part"].lower()]
    if not rel:
        before = ctx.text[max(0, m.start() - 8): m.start()].lower()
        after = ctx.text[m.end(): m.end() + 12].lower()
        # A bare "morning" dates something only as a modifier after "in" ("in morning trading"); a bare
        # "overnight" only as an adverb ("clashed overnight"), not as an adjective ("overnight hours").
        in_session = re.search(r"\bin\s+$", before) and re.match(r"\s+(trading|trade|session|deals|hours)", after)
        adverb = m["part"].lower() == "overnight" and not _ADJECTIVE_USE.match(after)
        if not (in_session or adverb):
            return None
    shift = -1 if rel in ("last", "yesterday") else 1 if rel == "tomorrow" else 0
    if rel == "last" and part != "NI":
        return None  # "last morning" is not how news dates things
    base = ctx.anchor if rel else (ctx.last_day or ctx.anchor)  # a bare "morning" is the story's day
    d = base + timedelta(shift) if base else None
    return {"value": f"{d.isoformat()}T{part}" if d else None, "type": "TIME"}


@_rule("weekday", rf"\b(?:(?P<rel>{_ci('last|next|this|coming|past')})\s+)?(?P<wd>{_WEEKDAY})(?:'s)?"
                  rf"(?:\s+(?P<part>{_ci('morning|afternoon|evening|night')}))?\b(?!,?\s+{_MONTH}|,?\s+{_DAY}\b)")
def _weekday(m: re.Match, ctx: _Ctx) -> dict | None:
    if _NAMED_DAY_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start()):
        return {}  # "Black Monday", "Super Tuesday": a named day, not the nearest weekday
    rel = (m["rel"] or "").lower()
    direction = {"last": "last", "past": "last", "next": "next", "coming": "next", "this": "this"}.get(rel)
    d = _weekday_date(ctx, WEEKDAYS[m["wd"].lower()], direction)
    part = m["part"]
    if part:
        return {"value": f"{d.isoformat()}T{PARTS_OF_DAY[part.lower()]}" if d else None, "type": "TIME"}
    return _date(d)


@_rule("day_ordinal", r"\b(?i:on|by|until|till|from|before|after|since)\s+(?P<the>(?i:the)\s+"
                      r"(?P<d>3[01]|[12]\d|[1-9])(?:st|nd|rd|th))\b(?!\s+(?:of\b|[A-Za-z]))")
def _day_ordinal(m: re.Match, ctx: _Ctx) -> dict | None:
    """ "on the 28th": a day of the publication month, or of the month before (past) or after (future) when the
    tense points there ("was signed on the 28th" in a story of the 3rd is last month's 28th)."""
    a = ctx.anchor
    if a is None:
        return {"value": None, "type": "DATE", "_lead": m.start("the") - m.start()}
    day = int(m["d"])
    month_start = a.replace(day=1)
    if ctx.tense == "PAST" and day > a.day:
        month_start = (month_start - timedelta(days=1)).replace(day=1)
    elif ctx.tense == "FUTURE" and day < a.day:
        month_start = (month_start + timedelta(days=32)).replace(day=1)
    try:
        d = month_start.replace(day=day)
    except ValueError:
        return None
    return {**_date(d), "_lead": m.start("the") - m.start()}


@_rule("the_day", _ci(r"\b(?:(?:late|early)\s+in\s+the\s+day|(?P<w>the\s+same\s+day|that\s+(?:same\s+)?day|the\s+day)"
                      r"\b(?!\s+(?:before|after|of|when|that|which|in\s+\w+|on\s+which|to\b)|-))"))
def _the_day(m: re.Match, ctx: _Ctx) -> dict | None:
    if re.search(r"(?i:\bat\s+the\s+end\s+of\s+)$", ctx.text[max(0, m.start() - 20): m.start()]):
        return {}  # "at the end of the day": the idiom, not a date
    # "the day" in news copy is the day the story is about: the last day-precise date, else the publication day.
    d = ctx.last_day or ctx.anchor
    return _date(d)


@_rule("relative_unit", _ci(
    rf"\b(?:(?P<pos>{_POS})|(?P<inpos>early|late)\s+in\s+|(?P<er>earlier|later)(?:\s+in)?\s+)?"
    rf"(?P<rel>{_REL}|the\s+(?:{_REL}|last)|the)\s+"
    rf"(?P<unit>week|weekend|month|year|quarter|decade|century|fiscal\s+year|financial\s+year)"
    rf"(?P<ago>\s+(?:ago|earlier|before))?\b(?!-)"))
def _relative_unit(m: re.Match, ctx: _Ctx) -> dict | None:
    fields = _relative_unit_value(m, ctx)
    if fields and fields.get("type") == "DATE" and m["er"]:
        fields["er"] = m["er"].lower()  # "earlier this month": the interval is narrowed in _finish
    return fields


# An amount compared just before "last year": the idiom of results ("up from $1.2 billion last year").
_COMPARED_AMOUNT = re.compile(r"\b(?:from|with|versus|vs\.?|against|than)\s+[^.;]{0,30}?"
                              r"(?:\d|%|\bpercent|\bcents?|\bshare|\bmillion|\bbillion)\W*$")


def _relative_unit_value(m: re.Match, ctx: _Ctx) -> dict | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = re.sub(r"\s+", " ", m["unit"].lower())
    if m["ago"]:
        return None
    pos = POSITION_MODS.get(re.sub(r"\s+", " ", (m["pos"] or "").lower()).strip().rstrip("-"), None) if m["pos"] \
        else None
    if m["pos"] and pos is None:
        pos = POSITION_MODS.get(re.sub(r"\s+", " ", m["pos"].lower()).strip())
    if m["inpos"]:
        pos = POSITION_MODS[m["inpos"].lower()]
    bare = rel.removeprefix("the ")
    if rel == "the":
        framed = m["pos"] or m["inpos"] or m["er"]  # "the end of the year", "late in the year", "later in the week"
        if not framed and unit == "quarter":
            # "for the quarter": the one just reported; without one, the words are nobody's ({}).
            reported = ctx.last_ref and re.fullmatch(r"\d{4}-Q[1-4]", ctx.last_ref)
            return {"value": ctx.last_ref, "type": "DATE"} if reported else {}
        if not framed and unit in ("fiscal year", "financial year"):
            return {"value": "P1Y", "type": "DURATION"}  # "in the fiscal year ended June 30": TimeML's span
        if not framed:
            return None  # "the year" alone points at whatever year the story is about
        bare = "this"  # "the end of the year", "later in the week": the publication's
    # "over the last year" is a span like "the past year"; "the last year of" names one year, and "the last
    # quarter" or "the last weekend" the previous one.
    span_last = rel == "the last" and unit in ("week", "month", "year", "decade", "century") and \
        not re.match(r"\s+of\b", ctx.text[m.end(): m.end() + 4])
    if (rel in ("the past", "the coming", "the next") or span_last) and not m["pos"]:
        if unit in ("week", "month", "year", "decade", "century", "quarter"):
            return {"value": _duration_value(1, unit), "type": "DURATION"}
        return None
    if bare == "same":
        return None  # "the same year" refers to another date in the story
    shift = {"last": -1, "past": -1, "previous": -1, "preceding": -1, "this": 0, "current": 0, "next": 1,
             "coming": 1, "following": 1}.get(bare, 0)
    if bare == "last" and rel == "the last" and unit == "quarter":
        shift = -1
    a = ctx.anchor
    fy = unit.endswith("year") and " " in unit
    if rel == "last" and unit == "year" and not m["pos"] and _COMPARED_AMOUNT.search(ctx.text, max(0, m.start() - 50),
                                                                                   m.start()) and \
            (back := _reported_period_back(ctx, m.start(), 1)):
        return {"value": back, "type": "DATE", "_derived": True}  # "quarterly profit rose from $5 million last year"
    if bare in ("previous", "preceding", "following") and not fy and \
            (named := _from_named_period(ctx, unit, shift, m.start())):
        return {"value": named, "type": "DATE", "mod": pos, "_derived": True}
    if a is None:
        return {"value": None, "type": "DATE", "mod": pos}
    if unit == "week":
        return {**_date(a + timedelta(7 * shift), "week", pos)}
    if unit == "weekend":
        return {"value": f"{_week_value(a + timedelta(7 * shift))}-WE", "type": "DATE", "mod": pos}
    if unit == "month":
        y, mo = _shift_months(a, shift)
        return {"value": f"{y:04d}-{mo:02d}", "type": "DATE", "mod": pos}
    if unit == "quarter":
        y, mo = _shift_months(a, 3 * shift)
        return {"value": f"{y:04d}-Q{_quarter(mo)}", "type": "DATE", "mod": pos}
    if unit == "decade":
        return {"value": str(a.year // 10 + shift), "type": "DATE", "mod": pos}
    if unit == "century":
        return {"value": str(a.year // 100 + shift), "type": "DATE", "mod": pos}
    y = a.year + shift
    return {"value": f"FY{y}" if fy else str(y), "type": "DATE", "mod": pos}


@_rule("the_weekend", _ci(r"\b(?:the|this)\s+weekend\b"))
def _the_weekend(m: re.Match, ctx: _Ctx) -> dict | None:
    # TIMEX3 convention (and the MEANTIME/TempEval annotators'): the weekend of the publication week.
    if ctx.anchor is None:
        return {"value": None, "type": "DATE"}
    return {"value": f"{_week_value(ctx.anchor)}-WE", "type": "DATE"}


_QUARTER_WORD = r"(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
_QREL = _ci(r"this|last|next|the\s+(?:last|previous|current)")
_FY = _ci(r"fiscal(?:\s+year)?|financial\s+year|FY")


@_rule("quarter", rf"\b(?:(?P<the>{_ci('the')})\s+(?:(?P<ayear>{_YEAR})\s+)?|(?P<pyear>{_YEAR})'s\s+)?"
                  rf"(?P<ord>{_ci(_QUARTER_WORD)})[\s-]+(?P<unit>{_ci('quarter|half')})"
                  rf"(?:\s+{_ci('of')}\s+(?:(?P<year>{_YEAR})|(?P<rel>{_QREL})"
                  rf"\s+{_ci('year')}|{_ci('the')}\s+(?P<fy>{_ci('fiscal|financial')})\s+{_ci('year')})|,?\s+(?P<year2>{_YEAR}))?\b")
def _quarter_rule(m: re.Match, ctx: _Ctx) -> dict | None:
    ordinal = m["ord"].lower()
    half = m["unit"].lower() == "half"
    n = 4 if ordinal == "final" else ORDINALS.get(ordinal)
    if half:
        n = 2 if ordinal in ("final", "last") else n
        if n not in (1, 2):
            return None
    elif ordinal == "last" and not (m["year"] or m["year2"] or m["rel"]):
        # "the last quarter": the one before the publication quarter.
        if ctx.anchor is None:
            return {"value": None, "type": "DATE"}
        y, mo = _shift_months(ctx.anchor, -3)
        return {"value": f"{y:04d}-Q{_quarter(mo)}", "type": "DATE"}
    elif ordinal == "last":
        n = 4
    if not n or n > 4:
        return None
    letter = "H" if half else "Q"
    year = m["year"] or m["year2"] or m["pyear"] or m["ayear"]  # "the third quarter of 1997", "1997's third quarter"
    if year:
        y = int(year)
    elif ctx.anchor is None:
        return {"value": None, "type": "DATE"}
    elif m["rel"]:
        rel = m["rel"].lower()
        y = ctx.anchor.year + (-1 if "last" in rel or "previous" in rel else 1 if "next" in rel else 0)
    else:
        here = _quarter(ctx.anchor.month) if not half else (1 if ctx.anchor.month <= 6 else 2)
        y = ctx.anchor.year
        # "will report third-quarter earnings": a hyphenated modifier names the latest reporting period of that
        # number, whatever the tense of the verb.
        tense = None if ctx.text[m.end("ord"): m.end("ord") + 1] == "-" else ctx.tense
        if tense == "FUTURE" and n < here:
            y += 1
        elif tense != "FUTURE" and n > here and tense != "PRESENT":
            y -= 1
    return {"value": f"{y:04d}-{letter}{n}", "type": "DATE"}


@_rule("quarter_code", r"\b(?P<q>Q[1-4]|H[12])(?:\s+(?P<year>" + _YEAR + r")|\s*'(?P<yy>\d\d))?\b")
def _quarter_code(m: re.Match, ctx: _Ctx) -> dict | None:
    if m["year"]:
        y = int(m["year"])
    elif m["yy"]:
        y = 2000 + int(m["yy"])
    elif ctx.anchor:
        y = ctx.anchor.year
    else:
        return {"value": None, "type": "DATE"}
    return {"value": f"{y:04d}-{m['q']}", "type": "DATE"}


@_rule("season", rf"\b(?:(?P<pos>{_ci(_POS)})|(?P<rel>{_ci('last|this|next|the|past|coming')})\s+)?"
                 rf"(?P<season>{_ci('spring|summer|autumn|winter')}|(?<=[a-z] )fall|Fall)"
                 rf"(?:\s+(?:{_ci('of')}\s+)?(?P<year>{_YEAR}))?\b(?!-)")
def _season(m: re.Match, ctx: _Ctx) -> dict | None:
    season = SEASONS[m["season"].lower()]
    rel = (m["rel"] or "").lower()
    pos = POSITION_MODS.get(re.sub(r"[\s-]+$", "", re.sub(r"\s+", " ", (m["pos"] or "").lower()))) if m["pos"] else None
    after = ctx.text[m.end(): m.end() + 6]
    if m["season"].lower() == "fall" and not m["year"] and (
            not (rel or m["pos"]) or re.match(r"\s+of\b", after)
            or (rel in ("", "the") and re.match(r"\s+(?:in|from|to)\s", after))):
        return None  # "the fall of the dollar", "the fall in prices": the noun; "this fall" is the season
    if m["year"]:
        return {"value": f"{m['year']}-{season}", "type": "DATE", "mod": pos}
    a = ctx.anchor
    if a is None:
        return {"value": None, "type": "DATE", "mod": pos}
    return {"value": f"{_season_year(a, season, rel, ctx.tense):04d}-{season}", "type": "DATE", "mod": pos}


def _season_year(a: date, season: str, rel: str, tense: Tense | None) -> int:
    """The year of the season instance meant (winter is named by the year it starts in: 2024-WI ends in 2025)."""
    first_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    starts = [date(y, first_month, 1) for y in range(a.year - 2, a.year + 2)]
    ends = [date(y + (season == "WI"), first_month + 2 - 12 * (season == "WI"), 1) + timedelta(31) for y in
            range(a.year - 2, a.year + 2)]
    ends = [e.replace(day=1) - timedelta(1) for e in ends]
    current = next((i for i, (s, e) in enumerate(zip(starts, ends)) if s <= a <= e), None)
    started = [i for i, s in enumerate(starts) if s <= a]
    if rel in ("last", "past", "the past"):
        # "last winter" in spring is the one just ended; said during winter it is the one before.
        i = started[-1] - 1 if current is not None else started[-1]
    elif rel in ("next", "coming"):
        i = started[-1] + 1
    elif current is not None:
        i = current  # "this summer" in summer, or a bare season that is under way
    elif tense == "PAST":
        i = started[-1]
    elif tense == "FUTURE":
        i = started[-1] + 1
    else:
        # No cue: the instance that starts in the publication year (winter: the one under way or ahead).
        i = next(k for k, s in enumerate(starts) if s.year == a.year)
    return starts[i].year


@_rule("iso_date", r"\b(?P<y>\d{4})-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
                   r"(?:[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d\d(?:\.\d+)?)?(?P<tz>Z|[+-]\d\d:?\d\d)?)?\b")
def _iso_date(m: re.Match, ctx: _Ctx) -> dict | None:
    try:
        d = date(int(m["y"]), int(m["mo"]), int(m["d"]))
    except ValueError:
        return None
    if m["h"]:
        tz = m["tz"] or ""
        if tz and tz != "Z" and ":" not in tz:
            tz = tz[:3] + ":" + tz[3:]
        return {"value": f"{d.isoformat()}T{m['h']}:{m['mi']}{tz}", "type": "TIME"}
    return _date(d)


@_rule("numeric_date", r"(?<![\d/.])(?P<a>[01]?\d|[23][01])/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![\d/])")
def _numeric_date(m: re.Match, ctx: _Ctx) -> dict | None:
    a, b = int(m["a"]), int(m["b"])
    y = int(m["y"])
    if y < 100:
        y += 2000 if y <= ((ctx.anchor.year % 100) + 1 if ctx.anchor else 30) else 1900
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless the first number cannot be a month
    try:
        return _date(date(y, month, day))
    except ValueError:
        return None


_MONTH_DAY = (
    rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:(?P<pos>{_ci('early|late|mid')})[\s-]+)?(?:(?P<d1>{_DAY})\s+(?:{_ci('of')}\s+)?"
    rf"(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>{_DAY})(?!\d|:|\.\d|,\d))(?:,?\s+(?P<year>{_YEAR})(?![\d,.]\d))?\b"
)


@_rule("month_day", _MONTH_DAY)
def _month_day(m: re.Match, ctx: _Ctx) -> dict | None:
    if re.match(r",?\s*(?:terrorist\s+|terror\s+)?attacks?\b", ctx.text[m.end(): m.end() + 30]) and \
            ctx.text[max(0, m.start() - 4): m.start()].lower() == "the ":
        return {}  # "the September 11 attacks": an event's name; {} keeps its words from other rules
    month = MONTHS[(m["m1"] or m["m2"]).lower().rstrip(".")]
    day = _leading_int(m["d1"] or m["d2"])
    if m["year"]:
        y: int | None = int(m["year"])
    else:
        y = _pick_year_for_month(ctx, month, day)
    if y is None:
        return {"value": None, "type": "DATE"}
    try:
        return _date(date(y, month, day))
    except ValueError:
        return None


@_rule("month", rf"\b(?:(?P<pos>{_ci(_POS)})|(?P<rel>{_ci('last|this|next|past|coming|early|late|mid|until|since|in|by|of|from|through|to|before|after|during|between|and|or|as of|end-|mid-')})[\s-]+)?"
                rf"(?P<month>{_MONTH})(?:,?\s+(?:{_ci('of')}\s+)?(?P<year>{_YEAR})(?![\d,.]\d)|(?P<yr>\s+(?:{_ci('of')}\s+)?{_ci('next|last|this')}\s+{_ci('year')}))?\b(?!\.?\s*\d)")
def _month(m: re.Match, ctx: _Ctx) -> dict | None:
    word = m["month"]
    month = MONTHS[word.lower().rstrip(".")]
    rel = (m["rel"] or "").lower().strip("- ")
    pos = None
    if m["pos"]:
        pos = POSITION_MODS.get(re.sub(r"[\s-]+$", "", re.sub(r"\s+", " ", m["pos"].lower())))
    elif rel in ("early", "late", "mid", "end"):
        pos = POSITION_MODS.get(rel) or ("END" if rel == "end" else None)
    if word.rstrip(".") in ("May", "March", "Mar") and not (m["year"] or m["pos"] or rel):
        return None  # the modal verb or the noun, not the month
    if not word.endswith(".") and word in ("Jan", "Feb", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
                                           "Dec") and not m["year"]:
        return None  # a bare "Jan" or "Sept" is more often a name than a month
    if m["year"]:
        return {"value": f"{m['year']}-{month:02d}", "type": "DATE", "mod": pos, "_lead": _lead_len(m)}
    a = ctx.anchor
    if a is None:
        return {"value": None, "type": "DATE", "mod": pos, "_lead": _lead_len(m)}
    if m["yr"]:
        y = a.year + (1 if "next" in m["yr"].lower() else -1 if "last" in m["yr"].lower() else 0)
    elif rel in ("last", "past"):
        y = a.year if month < a.month else a.year - 1
    elif rel in ("next", "coming"):
        y = a.year if month > a.month else a.year + 1
    elif rel == "this":
        y = a.year
    elif rel == "since":
        y = a.year if month <= a.month else a.year - 1
    elif rel in ("until", "by"):
        y = a.year if month >= a.month else a.year + 1
    else:
        y = _pick_year_for_month(ctx, month) or a.year
    return {"value": f"{y:04d}-{month:02d}", "type": "DATE", "mod": pos, "_lead": _lead_len(m)}


def _lead_len(m: re.Match) -> int:
    """How many characters of a month match are a preposition cue that stays outside the TIMEX3 extent."""
    rel = (m["rel"] or "").lower().strip("- ")
    if rel and rel not in ("last", "this", "next", "past", "coming", "early", "late", "mid", "end"):
        return m.start("month") - m.start()
    return 0


@_rule("year", rf"(?<![\d$£€¥#.,:/-])(?:(?P<pos>{_ci(_POS)})|(?P<fy>{_FY})[\s-]*)?"
               rf"(?P<year>{_YEAR})(?!\s*(?:%|percent|per\s+cent))(?![\d,.:/]\d|\d|-\d\d(?!\d))\b")
def _year(m: re.Match, ctx: _Ctx) -> dict | None:
    pos = POSITION_MODS.get(re.sub(r"[\s-]+$", "", re.sub(r"\s+", " ", (m["pos"] or "").lower()))) if m["pos"] else None
    y = m["year"]
    after = ctx.text[m.end(): m.end() + 20]
    before = ctx.text[max(0, m.start() - 25): m.start()]
    # A bare four-digit number is a year unless money, a count or a model number says otherwise.
    if re.match(r"\s*(?:people|units|jobs|workers|employees|points|shares|cars|vehicles|barrels|tonnes|tons|"
                r"miles|km|kilometres|kilometers|feet|metres|meters|staff|dealers|stores|seats|passengers|"
                r"aircraft|planes|flights|mph|hp|votes|troops|cases|deaths|[KkMmBb]\b|million|billion|[Ii]ndex|"
                r"[Ss]eries)\b", after):
        return None
    if re.search(r"(?:\bat|\bto|\bof|\bby|\bfrom|\bhit|\babove|\bbelow|\bnear)\s+$", before) and \
            re.search(r"(?:[Ii]ndex|Dow|Nasdaq|S&P|FTSE|DAX|CAC|Nikkei|Sensex|Hang\s+Seng|points?|level)\b", before):
        return None  # "the Dow closed at 2000": an index level
    if m["fy"]:
        return {"value": f"FY{y}", "type": "DATE", "mod": pos}
    if re.match(r"\s*-\s*(?:\d\d)?\d\d\b", after) and not re.match(r"\s*-\s*\d\d\d\d", after):
        return None
    return {"value": y, "type": "DATE", "mod": pos}


@_rule("decade", rf"\b(?:(?P<the>{_ci('the')})\s+)?(?:(?P<pos>{_ci('early|late|mid')})[\s-]+)?"
                 rf"(?:(?P<full>1[5-9]\d0|20\d0)|'?(?P<short>[1-9]0))'?s\b")
def _decade(m: re.Match, ctx: _Ctx) -> dict | None:
    pos = POSITION_MODS.get((m["pos"] or "").lower())
    if m["full"]:
        return {"value": m["full"][:3], "type": "DATE", "mod": pos}
    framed = m["the"] or m[0].startswith("'") or re.search(
        r"(?i:\b(?:in|the|of|and|since|during|from|late|early|mid)[\s-]*)$", ctx.text[max(0, m.start() - 10): m.start()])
    if not framed:
        return None  # "in his 50s": an age, unless the text frames it as a decade
    if re.match(r"\s+(?:percent|%)", ctx.text[m.end():]):
        return None
    short = int(m["short"])
    anchor_year = ctx.anchor.year if ctx.anchor else 2000
    century = anchor_year // 100
    if century * 100 + short > anchor_year:
        century -= 1
    return {"value": f"{century * 10 + short // 10}", "type": "DATE", "mod": pos}


_CENTURY_ORD = _alt([w for w in ORDINALS if w not in ("final",)] + [f"{n}th" for n in range(4, 22)] + ["21st", "22nd"])


@_rule("century", _ci(rf"\b(?:(?P<pos>early|late|mid)[\s-]+)?the\s+(?:(?P<pos2>early|late|mid)[\s-]+)?(?P<ord>{_CENTURY_ORD})[\s-]+century\b"))
def _century(m: re.Match, ctx: _Ctx) -> dict | None:
    n = ORDINALS.get(m["ord"].lower()) or _leading_int(m["ord"])
    pos = POSITION_MODS.get((m["pos"] or m["pos2"] or "").lower())
    return {"value": f"{n - 1:02d}", "type": "DATE", "mod": pos}


_CLOCK = (
    rf"\b(?:(?P<wd1>{_WEEKDAY})\s+(?:{_ci('at')}\s+)?)?(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\.?|[AP]\.?M\.?)(?!\w)"
    rf"|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)|(?P<h3>[01]\d|2[0-3])(?P<mi3>[0-5]\d)(?=\s*(?:hrs|hours|h\b|UTC|GMT|Z\b))"
    rf"|(?P<noon>{_ci('noon|midnight|midday')}))"
    rf"(?:\s*(?:hrs|hours|h\b))?(?:\s*\(?(?P<tz>{_alt(TIME_ZONES)})(?:\s*(?P<off>[+-]\s?\d{{1,2}}(?::?\d\d)?))?\)?(?![A-Za-z]))?"
    rf"(?:,?\s+(?:{_ci('on')}\s+)?(?P<wd2>{_WEEKDAY})|\s+(?P<rd>{_ci('today|yesterday|tomorrow')}))?"
)


_CLOCK_DATE_AFTER = re.compile(rf",?\s+(?:{_ci('on')}\s+)?" + _MONTH_DAY.removeprefix(r"\b"))


@_rule("clock", _CLOCK)
def _clock(m: re.Match, ctx: _Ctx) -> dict | None:
    if m["noon"]:
        h, mi = (12, 0) if m["noon"].lower() in ("noon", "midday") else (0, 0)
    elif m["h"] is not None:
        h, mi = int(m["h"]), int(m["mi"] or 0)
        ampm = m["ampm"].lower().replace(".", "").replace(" ", "")
        if h > 12 or h == 0:
            return None
        h = h % 12 + (12 if ampm.startswith("p") else 0)
    elif m["h2"] is not None:
        h, mi = int(m["h2"]), int(m["mi2"])
        # "3:1" scores and "2:45" ratios: a bare h:mm needs a zone, a day word or a cue before it.
        before = ctx.text[max(0, m.start() - 12): m.start()].lower()
        if not (m["tz"] or m["wd1"] or m["wd2"] or m["rd"] or re.search(r"\b(?:at|by|until|from|before|after|"
                                                                       r"around|about)\s+$", before)):
            return None
    else:
        h, mi = int(m["h3"]), int(m["mi3"])
        if not m["tz"] and not re.match(r"\s*(?:hrs|hours|h\b)", ctx.text[m.end("mi3"):]):
            return None
    tz = ""
    if m["tz"]:
        tz = TIME_ZONES[m["tz"]]
        if m["off"]:
            off = re.sub(r"\s", "", m["off"])
            sign, digits = off[0], off[1:].replace(":", "")
            hh, mm = (int(digits[:-2] or 0), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
            tz = f"{sign}{hh:02d}:{mm:02d}" if (hh or mm) else "Z"
    wd = m["wd1"] or m["wd2"]
    if wd:
        d = _weekday_date(ctx, WEEKDAYS[wd.lower()])
    elif m["rd"]:
        d = ctx.anchor + timedelta(_DAY_WORDS[m["rd"].lower()]) if ctx.anchor else None
    elif follow := _CLOCK_DATE_AFTER.match(ctx.text, m.end()):
        # "at 16:15 UTC, June 1st": the date that follows dates the clock time (and stays its own expression).
        fields = _month_day(follow, ctx)
        d = date.fromisoformat(fields["value"]) if fields and fields.get("value") else ctx.last_day or ctx.anchor
    else:
        d = ctx.last_day or ctx.anchor
    clock = f"T{h:02d}:{mi:02d}{tz}"
    return {"value": f"{d.isoformat()}{clock}" if d else None, "type": "TIME"}


@_rule("year_before", _ci(r"\bthe\s+(?P<unit>year|month|week)\s+(?:before|previous|prior|earlier)\b"))
def _year_before(m: re.Match, ctx: _Ctx) -> dict | None:
    if ctx.anchor is None:
        return {"value": None, "type": "DATE"}
    unit = m["unit"].lower()
    if unit == "year" and (back := _reported_period_back(ctx, m.start(), 1)):
        return {"value": back, "type": "DATE", "_derived": True}  # "third-quarter profit ... the year earlier"
    if unit == "year":
        # "the year before" counts back from the year the story last named, else from publication.
        return {"value": str((ctx.last_year or ctx.anchor.year) - 1), "type": "DATE"}
    if unit == "month":
        y, mo = _shift_months(ctx.anchor, -1)
        return {"value": f"{y:04d}-{mo:02d}", "type": "DATE"}
    return _date(ctx.anchor - timedelta(7), "week")


@_rule("day_after", _ci(r"\bthe\s+(?:(?P<next>next|following|subsequent)\s+day|(?P<prev>previous|prior|preceding)\s+day|"
                        r"day\s+(?P<after>after|before)(?=\s*[,.;]|\s+(?:that|it|this)\b))\b"))
def _day_after(m: re.Match, ctx: _Ctx) -> dict | None:
    # "the next day" counts from the day the story last named, else from publication.
    base = ctx.last_day or ctx.anchor
    if base is None:
        return {"value": None, "type": "DATE"}
    forward = bool(m["next"]) or (m["after"] or "").lower() == "after"
    return _date(base + timedelta(1 if forward else -1))


@_rule("same_period", _ci(r"\bthe\s+same\s+(?P<unit>period|month|quarter|week|day|time)\s+(?:of\s+)?(?:a\s+year\s+"
                          r"(?:ago|earlier|before)|(?:the\s+)?(?:last|previous|prior)\s+year|the\s+year\s+before)\b"))
def _same_period(m: re.Match, ctx: _Ctx) -> dict | None:
    # "sales rose in January compared with the same month a year ago": the period the story last named, a year back.
    ref = ctx.last_ref
    if ref and (mm := re.match(r"(\d{4})(-.*)", ref)):
        return {"value": f"{int(mm[1]) - 1:04d}{mm[2]}", "type": "DATE", "_derived": True}
    if ctx.anchor is None:
        return {"value": None, "type": "DATE"}
    return {"value": str(ctx.anchor.year - 1), "type": "DATE"}


@_rule("year_earlier", _ci(r"\b(?P<the>the\s+)?year-(?:earlier|ago)(?:\s+(?P<unit>period|quarter|month|half))?\b"))
def _year_earlier(m: re.Match, ctx: _Ctx) -> dict | None:
    # "the year-earlier quarter": the period the story reports on, a year back.
    lead = 0 if m["unit"] or not m["the"] else len(m["the"])  # "the year-earlier results": the adjective alone
    if ctx.anchor is None:
        return {"value": None, "type": "DATE", "_lead": lead}
    if back := _reported_period_back(ctx, m.start(), 1, same_sentence=False):
        return {"value": back, "type": "DATE", "_lead": lead, "_derived": True}
    if (m["unit"] or "").lower() == "quarter":
        y, mo = _shift_months(ctx.anchor, -15)  # the last quarter reported, a year back
        return {"value": f"{y:04d}-Q{_quarter(mo)}", "type": "DATE", "_lead": lead}
    return {"value": str(ctx.anchor.year - 1), "type": "DATE", "_lead": lead}


@_rule("year_end", _ci(r"\b(?:year-end|yearend|year's\s+end)\b"))
def _year_end(m: re.Match, ctx: _Ctx) -> dict | None:
    # "by year-end": the end of the publication year, as "the end of the year" is.
    return {"value": str(ctx.anchor.year) if ctx.anchor else None, "type": "DATE", "mod": "END"}


@_rule("reported_year", _ci(r"\b(?:the\s+(?:full|entire|whole)(?:[\s-]+fiscal)?\s+year|full-year"
                            r"|(?<=for\s)the\s+year)\b"
                            r"(?![\s-]+(?:ago|earlier|before|later|after|of|to|in|that|when)\b|-)"))
def _reported_year(m: re.Match, ctx: _Ctx) -> dict | None:
    # "for the full year", "for the year" in results copy: the year of the period just reported.
    if ctx.anchor is None:
        return {"value": None, "type": "DATE"}
    reported = _REPORTED_PERIOD.fullmatch(ctx.last_ref or "")
    if ctx.tense != "FUTURE" and reported and int(reported[1]) in (ctx.anchor.year, ctx.anchor.year - 1):
        return {"value": reported[1], "type": "DATE"}
    if re.match(r"(?i:the\s+year)", m[0]):
        return {}  # a bare "for the year" with no reported period: nothing to date it by
    return {"value": str(ctx.anchor.year), "type": "DATE"}


@_rule("week_of_month", rf"\b{_ci('the')}\s+(?P<ord>{_ci('first|second|third|fourth|last|final')})\s+{_ci('week')}\s+"
                        rf"{_ci('of')}\s+(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?\b")
def _week_of_month(m: re.Match, ctx: _Ctx) -> dict | None:
    month = MONTHS[m["month"].lower().rstrip(".")]
    y = int(m["year"]) if m["year"] else _pick_year_for_month(ctx, month)
    if y is None:
        return {"value": None, "type": "DATE"}
    ordinal = m["ord"].lower()
    # A month's first/last week is the first/last Monday-Sunday week with most of its days in the month.
    if ordinal in ("last", "final"):
        d = date(y, month, _last_day(y, month)) - timedelta(3)
    else:
        d = date(y, month, 4) + timedelta(7 * (ORDINALS[ordinal] - 1))
    return _date(d, "week")


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 for the last) given weekday of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta((weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, _last_day(year, month))
    return last - timedelta((last.weekday() - weekday) % 7)


# Holidays with a fixed or computable date (religious lunar feasts such as Eid move too much to guess).
HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas day": lambda y: date(y, 12, 25), "christmas eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25), "boxing day": lambda y: date(y, 12, 26),
    "new year's day": lambda y: date(y, 1, 1), "new year's eve": lambda y: date(y, 12, 31),
    "valentine's day": lambda y: date(y, 2, 14), "halloween": lambda y: date(y, 10, 31),
    "independence day": lambda y: date(y, 7, 4), "bastille day": lambda y: date(y, 7, 14),
    "easter sunday": _easter, "easter": _easter, "easter monday": lambda y: _easter(y) + timedelta(1),
    "good friday": lambda y: _easter(y) - timedelta(2),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4), "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1), "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "black friday": lambda y: _nth_weekday(y, 11, 3, 4) + timedelta(1),
    "cyber monday": lambda y: _nth_weekday(y, 11, 3, 4) + timedelta(4),
    "veterans day": lambda y: date(y, 11, 11), "armistice day": lambda y: date(y, 11, 11),
    "remembrance day": lambda y: date(y, 11, 11), "st. patrick's day": lambda y: date(y, 3, 17),
    "presidents' day": lambda y: _nth_weekday(y, 2, 0, 3), "columbus day": lambda y: _nth_weekday(y, 10, 0, 2),
}


_HOLIDAY_NAMES = _alt(k.title().replace("'S", "'s") for k in HOLIDAYS)


@_rule("holiday", rf"\b(?P<name>{_HOLIDAY_NAMES}|"
                  r"New Year's Day|New Year's Eve|Martin Luther King Jr\.? Day)(?:,?\s+(?P<year>" + _YEAR + r"))?\b")
def _holiday(m: re.Match, ctx: _Ctx) -> dict | None:
    name = re.sub(r"\s+jr\.?", "", m["name"].lower())
    rule = HOLIDAYS.get(name)
    if rule is None:
        return None
    if m["year"]:
        return _date(rule(int(m["year"])))
    if ctx.anchor is None:
        return {"value": None, "type": "DATE"}
    a = ctx.anchor
    this_year = rule(a.year)
    nearest = min((rule(a.year - 1), this_year, rule(a.year + 1)), key=lambda d: abs((d - a).days))
    if abs((nearest - a).days) <= 14:
        return _date(nearest)  # "sales before Christmas" in mid-December: the season under way, whatever the tense
    if ctx.tense == "PAST" and this_year > a:
        return _date(rule(a.year - 1))
    if ctx.tense == "FUTURE" and this_year < a:
        return _date(rule(a.year + 1))
    return _date(nearest)  # no tense: the nearest occurrence (Christmas in January is the one just past)


RULE_NAMES = tuple(name for name, _, _ in _RULES)
# When two rules claim the same extent, the one earlier here wins (more specific readings first).
_PRIORITY = {name: i for i, name in enumerate(
    ["iso_date", "clock", "same_period", "year_earlier", "year_end", "reported_year", "week_of_month", "year_before",
     "holiday", "day_after", "month_day", "day_ordinal", "numeric_date", "quarter", "quarter_code", "relative_unit", "the_weekend",
     "relative_day", "weekday", "part_of_day", "month", "season", "century", "decade", "year", "duration", "set",
     "set_adverb", "the_day", "duration_vague", "ref"])}

# --------------------------------------------------------------------------- driver


_UNIT_WORDS = {"second", "minute", "hour", "day", "night", "week", "fortnight", "month", "quarter", "year", "decade",
               "century", "centuries", "millennium", "millennia"}
_UNIT_WORDS |= {w + "s" for w in _UNIT_WORDS}
# The words a rule's match always contains: a rule only runs in windows around them, which keeps the tagger
# a small fraction of spaCy's own time (scanning every rule over every character costs ten times more).
_TRIGGERS: dict[str, set[str]] = {
    "duration": _UNIT_WORDS,
    "duration_vague": {w for w in _UNIT_WORDS if w.endswith("s")},
    "set": {"every", "each", "per"},
    "set_adverb": set(_SET_ADVERBS),
    "ref": {w for key in _REFS for w in re.findall(r"\w+", key)} - {"the", "at", "right", "very", "more", "these"},
    "relative_day": {"today", "yesterday", "tomorrow", "tonight"},
    "part_of_day": {"morning", "afternoon", "evening", "night", "overnight"},
    "weekday": {w for w in WEEKDAYS if len(w) > 4},
    "the_day": {"day"},
    "relative_unit": {"week", "weekend", "month", "year", "quarter", "decade", "century"},
    "the_weekend": {"weekend"},
    "quarter": {"quarter", "half"},
    "quarter_code": {"q1", "q2", "q3", "q4", "h1", "h2"},
    "season": set(SEASONS),
    "month_day": set(MONTHS),
    "month": set(MONTHS),
    "week_of_month": {"week"},
    "century": {"century"},
    "clock": {"noon", "midnight", "midday"},
    "year_before": {"year", "month", "week"},
    "day_after": {"day"},
    "same_period": {"same"},
    "year_earlier": {"earlier", "ago"},
    "year_end": {"end", "yearend"},
    "reported_year": {"year"},
    "holiday": {w for key in HOLIDAYS for w in re.findall(r"\w+", key)} - {"day", "s", "eve", "year"} | {"new"},
}
_TRIGGER_INDEX: dict[str, list[str]] = {}
for _name, _words in _TRIGGERS.items():
    for _w in _words:
        _TRIGGER_INDEX.setdefault(_w, []).append(_name)
_RULE_BY_NAME = {name: (pattern, fn) for name, pattern, fn in _RULES}
# How far a match may reach before and after its trigger word, per rule (default: _REACH).
_REACH = (70, 45)
_RULE_REACH = {"day_ordinal": (14, 2), "duration": (60, 12), "duration_vague": (45, 8), "year": (45, 14), "decade": (25, 6),
               "clock": (25, 60), "numeric_date": (6, 12), "iso_date": (2, 30), "ref": (15, 15), "set": (30, 30)}
_TOKEN = re.compile(r"\w+")
_CLOCK_CUE = re.compile(r"[:.]\d|\s*(?:[ap]\.?\s?m\b|[AP]\.?M\b|UTC|GMT|Z\b|hrs\b|hours\b|h\b|[A-Z]{2,4}T\b)")


def _digit_rules(w: str, text: str, end: int) -> tuple[str, ...]:
    """The rules a number token may start: a year, a decade, an ISO or numeric date, a clock time."""
    rules: tuple[str, ...] = ()
    if w.startswith("fy") or (len(w) == 4 and w.isdigit() and "1500" <= w < "2200"):
        rules = ("year",)
        if text[end: end + 1] == "-":
            rules = ("year", "iso_date")
    elif w.endswith("s") and w[:-1].isdigit() and w[-2] == "0":
        return ("decade",)
    if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", w):
        rules += ("day_ordinal",)
    nxt = text[end: end + 1]
    if nxt == "/":
        rules += ("numeric_date",)
    if len(w) <= 4 and w.isdigit() and _CLOCK_CUE.match(text, end):
        rules += ("clock",)
    return rules


def _candidates(text: str) -> list[tuple[int, int, str, re.Match, Handler]]:
    hits: dict[str, list[tuple[int, int]]] = {}
    for tm in _TOKEN.finditer(text):
        w = tm[0].lower()
        names = _TRIGGER_INDEX.get(w, ())
        if w[0].isdigit() or w.startswith("fy"):
            names = (*names, *_digit_rules(w, text, tm.end()))
        for name in names:
            hits.setdefault(name, []).append(tm.span())
    n = len(text)
    seen: set[tuple[int, int, str]] = set()
    out = []
    for name, spans in hits.items():
        pattern, fn = _RULE_BY_NAME[name]
        windows: list[list[int]] = []
        back, forward = _RULE_REACH.get(name, _REACH)
        for s, e in spans:
            ws, we = max(0, s - back), min(n, e + forward)
            if windows and ws <= windows[-1][1]:
                windows[-1][1] = we
            else:
                windows.append([ws, we])
        for ws, we in windows:
            for m in pattern.finditer(text, ws, we):
                ms, me = m.span()
                if me <= ms or (me >= we and we < n) or (ms, me, name) in seen:
                    continue  # empty, or possibly cut short by the window's end
                if not any(ms <= s and e <= me for s, e in spans):
                    continue  # a match without its trigger may be the tail of a longer one
                seen.add((ms, me, name))
                out.append((ms, me, name, m, fn))
    # Longest extent first, then rule priority: the longer reading is the more informative one.
    out.sort(key=lambda c: (-(c[1] - c[0]), _PRIORITY.get(c[2], 99), c[0]))
    return out


def _finish(text: str, start: int, end: int, fields: dict, rule: str, anchor: date | None) -> Timex:
    start += fields.pop("_lead", 0)
    end -= fields.pop("_cut", 0)  # "two days [before the launch]": the connective stays outside
    er = fields.pop("er", "")
    # Trim spaces, and keep a possessive "'s" out of the extent ("Monday's").
    stripped = text[start:end].rstrip()
    stripped = stripped.removesuffix("'s")
    end = start + len(stripped)
    value, kind, mod = fields.get("value"), fields.get("type", "DATE"), fields.get("mod")
    earliest = latest = gran = None
    if kind in ("DATE", "TIME"):
        earliest, latest, gran = interval_of(value, mod)
        if kind == "TIME" and gran == "day":
            gran = "time"
        if er and anchor and earliest and latest:
            # "earlier this year" ends at publication, "later this year" starts there.
            a = anchor.isoformat()
            if er == "earlier" and earliest <= a <= latest:
                latest = a
            elif er == "later" and earliest <= a <= latest:
                earliest = a
    return Timex(text=text[start:end], start=start, end=end, value=value, type=kind, mod=mod, earliest=earliest,
                 latest=latest, granularity=gran, rule=fields.get("rule") or rule)


_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SUB_YEAR = re.compile(r"\d{4}-(?:\d{2}(?:-\d{2})?|Q[1-4]|H[12]|W\d{2})")


def _ref_interval(t: Timex, anchor: date | None) -> Timex:
    """PAST_REF ends, FUTURE_REF starts, PRESENT_REF is at the publication date."""
    if anchor is None or t.value not in ("PAST_REF", "PRESENT_REF", "FUTURE_REF"):
        return t
    a = anchor.isoformat()
    if t.value == "PAST_REF":
        return replace(t, latest=a)
    if t.value == "FUTURE_REF":
        return replace(t, earliest=a)
    return replace(t, earliest=a, latest=a, granularity="day")


def _apply(fn: Handler, m: re.Match, ctx: _Ctx) -> dict | None:
    """Run a rule's handler; a date it cannot build ("9999999 days ago", "February 30") means no reading."""
    try:
        return fn(m, ctx)
    except (ValueError, OverflowError):
        return None


def find_timexes(text: str, anchor: str | date | None = None, *,
                 tense: Callable[[int, int], Tense | None] | None = None) -> list[Timex]:
    """Return the time expressions in ``text``, normalized against the publication date, in text order.

    Args:
        text: the clean article text.
        anchor: the publication date or timestamp (ISO 8601); its own local date is used. None keeps only
            absolute values: relative expressions get ``value=None``.
        tense: optional callback ``(start, end) -> "PAST" | "PRESENT" | "FUTURE" | None`` giving the tense of
            the clause governing a candidate (the spaCy component reads it from the dependency parse). None
            means news convention: a bare weekday is the previous one.

    Returns:
        :class:`Timex` items sorted by start offset. They do not overlap, except that a range ("from 2009 to
        2011", "between 60 and 90 days") also gives the duration around its parts, as TIMEX3 nests them.
    """
    day = parse_anchor(anchor)
    ctx = _Ctx(text=text, anchor=day)
    taken = bytearray(len(text))
    chosen: list[tuple[int, int, str, re.Match, Handler]] = []
    probe = _Ctx(text=text, anchor=day)
    for cand in _candidates(text):
        s, e = cand[0], cand[1]
        if any(taken[s:e]):
            continue
        if _apply(cand[4], cand[3], probe) is None:
            continue  # the rule declined ("the year" alone): a shorter or other reading may take the words
        chosen.append(cand)
        taken[s:e] = b"\x01" * (e - s)
    chosen.sort(key=lambda c: c[0])
    out: list[Timex] = []
    for s, e, name, m, fn in chosen:
        ctx.tense = tense(s, e) if tense else None
        fields = _apply(fn, m, ctx)
        if not fields:
            continue  # None: declined; {}: not a time expression, and its words belong to no other rule
        # A period counted from the story's own ("a year earlier" of the third quarter) is no new story period.
        derived = fields.pop("_derived", False)
        t = _ref_interval(_finish(text, s, e, fields, name, day), day)
        if not t.text:
            continue
        if t.type == "DATE" and t.value and _FULL_DATE.fullmatch(t.value):
            ctx.last_day = date.fromisoformat(t.value[:10])
        elif t.type == "DATE" and t.value and t.value.isdigit() and len(t.value) == 4:
            ctx.last_year, ctx.last_year_end = int(t.value), t.end
        if t.type == "DATE" and t.value and _SUB_YEAR.fullmatch(t.value) and not derived:
            ctx.last_ref, ctx.last_ref_end = t.value, t.end
        out.append(t)
    out.extend(_ranges(text, out))
    out.extend(_number_ranges(text))
    out.sort(key=lambda t: (t.start, -t.end))
    return out


_RANGE_RE = re.compile(rf"\b(?:(?:from|[Ff]rom)\s+(?P<a>{_YEAR})\s+(?:to|until|through|till)\s+(?P<b>{_YEAR})"
                       rf"|(?:between|[Bb]etween)\s+(?P<c>{_YEAR})\s+and\s+(?P<d>{_YEAR}))\b")


def _ranges(text: str, found: list[Timex]) -> Iterator[Timex]:
    """Year ranges ("from 2009 to 2011") are also a duration that contains both years (TIMEX3 nests them)."""
    if "rom " not in text and "etween " not in text:
        return  # cheap gate: most texts have no range at all
    for m in _RANGE_RE.finditer(text):
        a, b = int(m["a"] or m["c"]), int(m["b"] or m["d"])
        if b > a:
            yield Timex(text=m[0], start=m.start(), end=m.end(), value=f"P{b - a}Y", type="DURATION",
                        earliest=f"{a}-01-01", latest=f"{b}-12-31", granularity="year", rule="year_range")


_NUM_RANGE_RE = re.compile(rf"(?i:\b(?:between|from)\s+(?P<a>{_NUM})\s+(?:and|to)\s+(?:{_NUM})\s+(?P<unit>{_UNIT}))\b")


def _number_ranges(text: str) -> Iterator[Timex]:
    """In "between 60 and 90 days" the first number is a duration of the same unit (TIMEX3 tags both)."""
    if "rom " not in text and "etween " not in text:
        return
    for m in _NUM_RANGE_RE.finditer(text):
        n = _number(m["a"])
        if n is not None:
            yield Timex(text=m["a"], start=m.start("a"), end=m.end("a"), value=_duration_value(n, _unit_of(m["unit"])),
                        type="DURATION", rule="duration_range")


def normalize(phrase: str, anchor: str | date | None = None, tense: Tense | None = None) -> Timex | None:
    """Return the normalization of one whole phrase ("last Tuesday"), or None when no rule reads it.

    The phrase must be (nearly) all time expression: the longest match inside it is returned.

    Args:
        phrase: the time expression alone, e.g. ``"mid-March"``.
        anchor: the publication date or timestamp (ISO 8601).
        tense: the tense of the clause it sits in, if known.
    """
    found = find_timexes(phrase, anchor, tense=(lambda s, e: tense) if tense else None)
    found = [t for t in found if t.rule != "year_range"] or found
    if not found:
        return None
    return max(found, key=lambda t: t.end - t.start)
