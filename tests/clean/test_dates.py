"""Tests for wirewatch.clean.dates: timestamps, zone offsets and datelines as news pages write them."""
from __future__ import annotations

import re
from datetime import date, datetime, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.clean.dates import Dateline, parse_dateline, parse_datelines, parse_timestamp, tz_offset

TIMESTAMPS = [
    # (text, country, expected)
    ("Apr 27, 2025", None, "2025-04-27"),
    ("Apr 27, 2025 9:00 AM IST", "IN", "2025-04-27T09:00:00+05:30"),
    ("Apr 27, 2025 9:00 AM IST", None, "2025-04-27T09:00:00+05:30"),
    ("Apr 27, 2025 9:00 AM IST", "IE", "2025-04-27T09:00:00+01:00"),
    ("Apr 27, 2025 9:00 AM", "IN", "2025-04-27T09:00:00"),
    ("2019-11-20T10:00:00Z", None, "2019-11-20T10:00:00+00:00"),
    ("2019-11-20T10:00:00.000-0500", None, "2019-11-20T10:00:00-05:00"),
    ("2019-11-20T10:00:00+05:30", None, "2019-11-20T10:00:00+05:30"),
    ("2019-11-20T10:00", None, "2019-11-20T10:00:00"),
    ("2019-11-20", None, "2019-11-20"),
    ("2019-11", None, "2019-11"),
    ("Wed 20 Nov 2019 14.05 GMT", None, "2019-11-20T14:05:00+00:00"),
    ("Wed, 20 Nov 2019 14:05:00 +0000", None, "2019-11-20T14:05:00+00:00"),
    ("Tue, 04 Jun 2024 07:30:00 -0400", None, "2024-06-04T07:30:00-04:00"),
    ("November 2019", None, "2019-11"),
    ("12 March 2024, 14:05 GMT", None, "2024-03-12T14:05:00+00:00"),
    ("March 12, 2024 | 10:15 am ET", None, "2024-03-12T10:15:00-04:00"),
    ("Jan. 9, 2024, 6:02 p.m. ET", None, "2024-01-09T18:02:00-05:00"),
    ("June 3, 2024 3:45 p.m. EDT", None, "2024-06-03T15:45:00-04:00"),
    ("3 May 2024 17:05 BST", None, "2024-05-03T17:05:00+01:00"),
    ("3 May 2024 17:05 BST", "BD", "2024-05-03T17:05:00+06:00"),
    ("Sept 8, 2023 at noon", None, "2023-09-08T12:00:00"),
    ("8 September 2023 at midnight", None, "2023-09-08T00:00:00"),
    ("Thursday, 8th of February 2024", None, "2024-02-08"),
    ("02 Feb 2024 10:40 PM CST", "CN", "2024-02-02T22:40:00+08:00"),
    ("02 Feb 2024 10:40 PM CST", None, "2024-02-02T22:40:00-06:00"),
    ("Feb 2, 2024 22:40 GMT+5:30", None, "2024-02-02T22:40:00+05:30"),
    ("Feb 2, 2024 22:40 UTC-3", None, "2024-02-02T22:40:00-03:00"),
    ("14:53 GMT, 6 Oct 2022", None, "2022-10-06T14:53:00+00:00"),
    ("2024/03/12", None, "2024-03-12"),
    ("2024.03.12", None, "2024-03-12"),
    ("12/03/2024", "GB", "2024-03-12"),
    ("12/03/2024", "US", "2024-12-03"),
    ("12/03/2024", None, None),
    ("12/03/2024", "CA", None),
    ("25/03/2024", None, "2024-03-25"),
    ("03/25/2024", None, "2024-03-25"),
    ("10/10/2024", None, "2024-10-10"),
    ("5/17/23 8:15 AM EDT", None, "2023-05-17T08:15:00-04:00"),
    ("2024-03-12 18:20:05", None, "2024-03-12T18:20:05"),
    ("March 12, 2024 9:30 XYZ", None, None),
    ("12:30 ET", None, None),
    ("Nov 19, 9:41 AM", None, None),
    ("March 32, 2024", None, None),
    ("Feb 29, 2023", None, None),
    ("2024", None, None),
    ("IPL 2024", None, None),
    ("Apr 27, 2025 25:00", None, None),
    ("13:00 pm, Apr 27, 2025", None, None),
    ("3 hours ago", None, None),
    ("March 12 and March 14, 2024", None, None),
    ("The central bank met on March 12, 2024.", None, None),
    ("", None, None),
]


@pytest.mark.parametrize(("text", "country", "expected"), TIMESTAMPS)
def test_parse_timestamp(text: str, country: str | None, expected: str | None) -> None:
    assert parse_timestamp(text, country=country) == expected


@pytest.mark.parametrize(("abbreviation", "country", "when", "expected"), [
    ("IST", "IN", None, "+05:30"),
    ("IST", "IE", None, "+01:00"),
    ("IST", "IL", None, "+02:00"),
    ("IST", None, None, "+05:30"),
    ("ist", "in", None, "+05:30"),
    ("CST", "US", None, "-06:00"),
    ("CST", "CN", None, "+08:00"),
    ("CST", "DE", None, "-06:00"),
    ("BST", "GB", None, "+01:00"),
    ("BST", "BD", None, "+06:00"),
    ("AEST", None, None, "+10:00"),
    ("AEDT", None, None, "+11:00"),
    ("NZST", None, None, "+12:00"),
    ("PKT", None, None, "+05:00"),
    ("SGT", None, None, "+08:00"),
    ("HKT", None, None, "+08:00"),
    ("JST", None, None, "+09:00"),
    ("KST", None, None, "+09:00"),
    ("CET", None, None, "+01:00"),
    ("CEST", None, None, "+02:00"),
    ("EET", None, None, "+02:00"),
    ("EEST", None, None, "+03:00"),
    ("WIB", None, None, "+07:00"),
    ("EAT", None, None, "+03:00"),
    ("WAT", None, None, "+01:00"),
    ("SAST", None, None, "+02:00"),
    ("MSK", None, None, "+03:00"),
    ("GMT", None, None, "+00:00"),
    ("UTC", None, None, "+00:00"),
    ("Z", None, None, "+00:00"),
    ("EST", None, None, "-05:00"),
    ("EDT", None, None, "-04:00"),
    ("PST", None, None, "-08:00"),
    ("PDT", None, None, "-07:00"),
    ("ET", None, date(2024, 7, 1), "-04:00"),
    ("ET", None, date(2024, 1, 15), "-05:00"),
    ("ET", None, date(2024, 3, 10), "-04:00"),  # DST starts on the second Sunday of March
    ("ET", None, date(2024, 3, 9), "-05:00"),
    ("ET", None, date(2024, 11, 3), "-05:00"),  # and ends on the first Sunday of November
    ("PT", None, date(2005, 10, 29), "-07:00"),  # before 2007: until the last Sunday of October
    ("PT", None, date(2005, 10, 30), "-08:00"),
    ("CT", None, date(2024, 7, 1), "-05:00"),
    ("MT", None, date(2024, 12, 1), "-07:00"),
    ("ET", None, None, None),
    ("XYZ", None, None, None),
])
def test_tz_offset(abbreviation: str, country: str | None, when: date | None, expected: str | None) -> None:
    assert tz_offset(abbreviation, country, when=when) == expected


DATELINES = [
    # (line, country, expected datelines)
    ("• Apr 27, 2025,", None, [Dateline("published", "2025-04-27")]),
    ("• Updated Apr 27, 2025 9:00 AM IST", "IN", [Dateline("updated", "2025-04-27T09:00:00+05:30")]),
    ("Published: 12 March 2024, 14:05 GMT", None, [Dateline("published", "2024-03-12T14:05:00+00:00")]),
    ("Last Updated: March 12, 2024 | 10:15 am ET", None, [Dateline("updated", "2024-03-12T10:15:00-04:00")]),
    ("Published 3 May 2024 Updated 4 May 2024 09:10 BST", None,
     [Dateline("published", "2024-05-03"), Dateline("updated", "2024-05-04T09:10:00+01:00")]),
    ("PUBLISHED: June 2, 2023 at 7:12 a.m. | UPDATED: June 2, 2023 at 9:40 a.m.", None,
     [Dateline("published", "2023-06-02T07:12:00"), Dateline("updated", "2023-06-02T09:40:00")]),
    ("First published on June 2, 2023 / 7:12 AM", None, [Dateline("published", "2023-06-02T07:12:00")]),
    ("Posted: Fri 8:05 PM, Jan 12, 2024 |", None, [Dateline("published", "2024-01-12T20:05:00")]),
    ("Updated on: Jan 12, 2024 / 9:15 PM / Metro Desk", None, [Dateline("updated", "2024-01-12T21:15:00")]),
    ("Modified 12 Jan 2024", None, [Dateline("updated", "2024-01-12")]),
    ("Jan 12, 2024 at 9:24 pm ET • 4 min read", None, [Dateline("published", "2024-01-12T21:24:00-05:00")]),
    ("Jan 12, 2024 / 12:21 AM / Updated 6 hours ago", None, [Dateline("published", "2024-01-12T00:21:00")]),
    ("Published On: 07/02/2024", "IN", [Dateline("published", "2024-02-07")]),
    ("Published October 2023", None, [Dateline("published", "2023-10")]),
    ("Date: 2024-01-12", None, [Dateline("published", "2024-01-12")]),
]


@pytest.mark.parametrize(("line", "country", "expected"), DATELINES)
def test_parse_datelines(line: str, country: str | None, expected: list[Dateline]) -> None:
    assert parse_datelines(line, country=country) == expected


@pytest.mark.parametrize("line", [
    "Updated 3 hours ago",
    "Published 1 day ago",
    "Updated Privacy Policy",
    "October 2023",  # an unlabeled month is an archive link
    "The ministry said on March 12, 2024 that it would appeal.",
    "Officials confirmed the figures on Tuesday, March 12, 2024, after a week of delays.",
    "Published in The Lancet on March 12, 2024",
    "Match report: Rovers 2-1 United",
    "Read more",
    "Tickets from £25",
    "",
])
def test_parse_dateline_rejects(line: str) -> None:
    assert parse_dateline(line) is None
    assert parse_datelines(line) == []


def test_parse_dateline_prefers_published() -> None:
    line = "Updated 4 May 2024 09:10 BST | Published 3 May 2024"
    assert parse_dateline(line) == Dateline("published", "2024-05-03")
    assert parse_dateline("Updated 4 May 2024") == Dateline("updated", "2024-05-04")


# --- properties ------------------------------------------------------------------------------------------------

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
DATE_FORMATS = [
    lambda d: f"{MONTH_NAMES[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{MONTH_NAMES[d.month - 1][:3]} {d.day}, {d.year}",
    lambda d: f"{MONTH_NAMES[d.month - 1][:3]}. {d.day} {d.year}",
    lambda d: f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}",
    lambda d: f"{d.day:02d} {MONTH_NAMES[d.month - 1][:3]} {d.year}",
    lambda d: f"{d.strftime('%A')}, {d.day} {MONTH_NAMES[d.month - 1]} {d.year}",
    lambda d: f"{d.strftime('%a')} {MONTH_NAMES[d.month - 1].upper()} {d.day}, {d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
]
TIME_FORMATS = [
    (lambda t: f"{t.hour:02d}:{t.minute:02d}", "GMT", "+00:00"),
    (lambda t: f"{(t.hour - 1) % 12 + 1}:{t.minute:02d} {'PM' if t.hour >= 12 else 'AM'}", "IST", "+05:30"),
    (lambda t: f"{(t.hour - 1) % 12 + 1}:{t.minute:02d} {'p.m.' if t.hour >= 12 else 'a.m.'}", "EDT", "-04:00"),
    (lambda t: f"{t.hour:02d}.{t.minute:02d}", "SGT", "+08:00"),
]
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
times = st.times().map(lambda t: time(t.hour, t.minute))


@settings(max_examples=150, deadline=None)
@given(dates, st.sampled_from(DATE_FORMATS))
def test_any_rendered_date_parses_back(day: date, render: object) -> None:
    text = render(day)  # type: ignore[operator]
    assert parse_timestamp(text) == day.isoformat()
    assert parse_dateline(f"Published: {text}") == Dateline("published", day.isoformat())


@settings(max_examples=150, deadline=None)
@given(dates, times, st.sampled_from(DATE_FORMATS), st.sampled_from(TIME_FORMATS), st.booleans())
def test_any_rendered_datetime_parses_back(day: date, clock: time, render_date: object, render_time: tuple,
                                           time_first: bool) -> None:
    render_clock, zone, offset = render_time
    clock_text = f"{render_clock(clock)} {zone}"
    date_text = render_date(day)  # type: ignore[operator]
    text = f"{clock_text}, {date_text}" if time_first else f"{date_text} {clock_text}"
    assert parse_timestamp(text, country="IN") == f"{day.isoformat()}T{clock.isoformat()}{offset}"


def _assert_valid_value(value: str | None) -> None:
    if value is None:
        return
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return
    if "T" in value:
        datetime.fromisoformat(value)
    else:
        date.fromisoformat(value)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.sampled_from([None, "US", "IN", "GB"]))
def test_arbitrary_text_never_raises_and_gives_valid_iso(text: str, country: str | None) -> None:
    _assert_valid_value(parse_timestamp(text, country=country))
    for dateline in parse_datelines(text, country=country):
        _assert_valid_value(dateline.value)


date_like_text = st.lists(
    st.sampled_from(["12", "2024", "Mar", "March", "9:30", "pm", "GMT", "IST", "ET", ",", "/", "|", "Updated",
                     "Published", "on", "at", "+0530", "-", "31", "Tue", "1999", "07/08/2024", "ago", "hours", "3"]),
    max_size=8,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(date_like_text, st.sampled_from([None, "US", "IN"]))
def test_date_like_text_gives_valid_iso(text: str, country: str | None) -> None:
    _assert_valid_value(parse_timestamp(text, country=country))
    for dateline in parse_datelines(text, country=country):
        _assert_valid_value(dateline.value)


@settings(max_examples=150, deadline=None)
@given(dates, st.sampled_from(DATE_FORMATS), st.sampled_from(["", ",", " GMT", " IST", " |"]))
def test_date_only_never_gains_a_time(day: date, render: object, trailer: str) -> None:
    value = parse_timestamp(render(day) + trailer)  # type: ignore[operator]
    assert value == day.isoformat()
    assert "T" not in value


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_parse_timestamp_is_idempotent(text: str) -> None:
    value = parse_timestamp(text)
    if value is not None:
        assert parse_timestamp(value) == value
