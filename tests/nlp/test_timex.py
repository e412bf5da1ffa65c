"""The time-expression normalizer: one table row per rule, anchors in several time zones, tense, properties.

Every sentence here is written for these tests in the style of wire copy; none is copied from an article.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirewatch.nlp.timex import Timex, find_timexes, interval_of, normalize, parse_anchor

# Sunday 27 April 2025, 09:00 in India: the anchor of most rows.
ANCHOR = "2025-04-27T09:00:00+05:30"


def find(sentence: str, text: str, anchor: str | None = ANCHOR, tense: str | None = None) -> Timex:
    """Return the expression whose extent is ``text`` in ``sentence``, failing with what was found instead."""
    found = find_timexes(sentence, anchor, tense=(lambda s, e: tense) if tense else None)
    for t in found:
        if t.text == text:
            assert sentence[t.start:t.end] == t.text
            return t
    raise AssertionError(f"{text!r} not found in {sentence!r}; got {[(t.text, t.value) for t in found]}")


# (sentence, extent, value, type, mod)
CASES = [
    # weekdays: the previous one by news convention, the publication day itself when it is the same weekday
    ("Militants attacked a border checkpoint on Saturday, the army said.", "Saturday", "2025-04-26", "DATE", None),
    ("The ministry said on Sunday that talks would resume.", "Sunday", "2025-04-27", "DATE", None),
    ("Police raided the party's offices last Tuesday.", "last Tuesday", "2025-04-22", "DATE", None),
    ("The envoy is expected back next Friday.", "next Friday", "2025-05-02", "DATE", None),
    # calendar dates
    ("The envoy arrived in the capital on April 26 for two days of talks.", "April 26", "2025-04-26", "DATE", None),
    ("The accord was signed on 26 April 2025 in Doha.", "26 April 2025", "2025-04-26", "DATE", None),
    ("The vote, held on March 3, 2019, was boycotted.", "March 3, 2019", "2019-03-03", "DATE", None),
    ("The deal closed on 2024-11-05, filings show.", "2024-11-05", "2024-11-05", "DATE", None),
    ("The strike began in February, union leaders said.", "February", "2025-02", "DATE", None),
    ("Output fell in October 1982 as well.", "October 1982", "1982-10", "DATE", None),
    ("The offensive began in mid-March, residents said.", "mid-March", "2025-03", "DATE", "MID"),
    ("Prices rose steadily through late June.", "late June", "2025-06", "DATE", "END"),
    ("Car sales rebounded in the last week of March.", "the last week of March", "2025-W13", "DATE", None),
    # relative days, weeks, months, years
    ("The minister resigned yesterday after a week of protests.", "yesterday", "2025-04-26", "DATE", None),
    ("The court will deliver its verdict tomorrow.", "tomorrow", "2025-04-28", "DATE", None),
    ("Shares in the lender fell 4% today.", "today", "2025-04-27", "DATE", None),
    ("Fuel prices rose sharply last week, traders said.", "last week", "2025-W16", "DATE", None),
    ("Elections are due next month, the commission said.", "next month", "2025-05", "DATE", None),
    ("Exports have doubled this year, the central bank said.", "this year", "2025", "DATE", None),
    ("The firm returned to profit at the end of last year.", "the end of last year", "2024", "DATE", "END"),
    ("Inflation eased at the beginning of the year.", "the beginning of the year", "2025", "DATE", "START"),
    ("The earthquake struck three years ago.", "three years ago", "2022", "DATE", None),
    ("Rebels seized the town two weeks ago.", "two weeks ago", "2025-04-13", "DATE", None),
    ("The rival bid had lapsed a few weeks ago.", "a few weeks ago", "PAST_REF", "DATE", None),
    # years, decades, centuries, fiscal years, quarters, halves, seasons
    ("The plant was built in 2008 with state loans.", "2008", "2008", "DATE", None),
    ("The company plans to list its shares in early 2024.", "early 2024", "2024", "DATE", "START"),
    ("The group was founded in the 1990s by exiled officers.", "the 1990s", "199", "DATE", None),
    ("Streaming revenue tripled in the late 2010s.", "the late 2010s", "201", "DATE", "END"),
    ("Rates had not been this high since the '70s.", "the '70s", "197", "DATE", None),
    ("The city walls date from the 16th century.", "the 16th century", "15", "DATE", None),
    ("The carmaker lost money in fiscal 2009.", "fiscal 2009", "FY2009", "DATE", None),
    ("Output shrank in the first quarter of 2025.", "the first quarter of 2025", "2025-Q1", "DATE", None),
    ("Profit doubled in the third quarter of last year.", "the third quarter of last year", "2024-Q3", "DATE", None),
    ("Revenue rose in the first half of 2023.", "the first half of 2023", "2023-H1", "DATE", None),
    ("The pipeline is due to open in summer 2025.", "summer 2025", "2025-SU", "DATE", None),
    ("Fighting intensified last winter, aid agencies said.", "last winter", "2024-WI", "DATE", None),
    # times and parts of the day
    ("The blast was reported at 9:00 AM IST near the station.", "9:00 AM IST", "2025-04-27T09:00+05:30", "TIME", None),
    ("Trading was halted at 16:08 UTC.", "16:08 UTC", "2025-04-27T16:08Z", "TIME", None),
    ("The minister announced the plan this morning.", "this morning", "2025-04-27TMO", "TIME", None),
    ("Two rockets hit the base last night.", "last night", "2025-04-26TNI", "TIME", None),
    ("The talks collapsed on Friday night.", "Friday night", "2025-04-25TNI", "TIME", None),
    ("Voting closes at noon.", "noon", "2025-04-27T12:00", "TIME", None),
    # durations: never a date
    ("The feud between the clans has lasted about three decades.", "about three decades", "P30Y", "DURATION", "APPROX"),
    ("Talks stalled for two weeks before resuming.", "two weeks", "P2W", "DURATION", None),
    ("Rebels gave the army 48 hours to withdraw.", "48 hours", "PT48H", "DURATION", None),
    ("He spent a decade in exile.", "a decade", "P10Y", "DURATION", None),
    ("The strike has run for almost two and a half years.", "almost two and a half years", "P2.5Y", "DURATION",
     "LESS_THAN"),
    ("The speech lasted more than 45 minutes.", "more than 45 minutes", "PT45M", "DURATION", "MORE_THAN"),
    ("It was the index's biggest fall in the past nine days.", "the past nine days", "P9D", "DURATION", None),
    ("The lender signed a 27-year contract with the ministry.", "27-year", "P27Y", "DURATION", None),
    ("The border dispute has simmered for years.", "years", "PXY", "DURATION", None),
    ("The two sides settled their decades-long dispute.", "decades-long", "PXY", "DURATION", None),
    # sets
    ("Inspectors visit the site every week.", "every week", "P1W", "SET", None),
    ("The audit is published annually.", "annually", "P1Y", "SET", None),
    ("The mission issues daily updates on casualties.", "daily", "P1D", "SET", None),
    ("The yard can build 15 tankers a year.", "a year", "P1Y", "SET", None),
    ("Protesters gather every Friday outside parliament.", "every Friday", "XXXX-WXX-5", "SET", None),
    # relative amounts: counted back from publication, or only an amount when tied to another event
    ("Net profit rose 12% from a year earlier.", "a year earlier", "2024", "DATE", None),
    ("The phone goes on sale two days before the trade show.", "two days", "P2D", "DURATION", None),
    ("Over the past five years the index has doubled.", "the past five years", "P5Y", "DURATION", None),
    ("Analysts expect more job cuts in the coming months.", "the coming months", "PXM", "DURATION", None),
    # holidays with a computable date
    ("Retail sales jumped over Christmas, the survey found.", "Christmas", "2024-12-25", "DATE", None),
    ("Shoppers queued before dawn on Black Friday 2024.", "Black Friday 2024", "2024-11-29", "DATE", None),
    ("Churches were packed for Easter Sunday.", "Easter Sunday", "2025-04-20", "DATE", None),
    # TIMEX3 references
    ("Prices are now falling across the region.", "now", "PRESENT_REF", "DATE", None),
    ("The firm recently hired a new chief executive.", "recently", "PAST_REF", "DATE", None),
    ("The army may return in the future, he said.", "the future", "FUTURE_REF", "DATE", None),
    ("Ministers will meet again soon.", "soon", "FUTURE_REF", "DATE", None),
]


@pytest.mark.parametrize(("sentence", "text", "value", "kind", "mod"), CASES, ids=[c[1] for c in CASES])
def test_rules(sentence, text, value, kind, mod):
    t = find(sentence, text)
    assert (t.value, t.type, t.mod) == (value, kind, mod)
    assert t.rule


def test_prepositions_stay_outside_the_extent():
    t = find("Militants attacked a border checkpoint on Saturday, the army said.", "Saturday")
    assert t.start == len("Militants attacked a border checkpoint on ")


def test_a_duration_is_never_a_year():
    found = find_timexes("It took a decade to rebuild the bridge.", ANCHOR)
    assert [(t.text, t.type, t.value) for t in found] == [("a decade", "DURATION", "P10Y")]


# A present tense with a weekday is a schedule in news copy ("the committee meets Tuesday"): the next one.
@pytest.mark.parametrize(("tense", "value"), [("PAST", "2025-04-21"), ("FUTURE", "2025-04-28"), (None, "2025-04-21"),
                                              ("PRESENT", "2025-04-28")])
def test_weekday_follows_tense(tense, value):
    assert find("Lawmakers debate the budget on Monday.", "Monday", tense=tense).value == value


@pytest.mark.parametrize("tense", ["PAST", "FUTURE", None])
def test_same_weekday_is_the_publication_day(tense):
    # Published on a Sunday: "Sunday" is that day whatever the clause's tense.
    assert find("Voters went to the polls on Sunday.", "Sunday", tense=tense).value == "2025-04-27"


@pytest.mark.parametrize(("tense", "value"), [("PAST", "2024-06-03"), ("FUTURE", "2025-06-03"), (None, "2025-06-03")])
def test_month_day_follows_tense(tense, value):
    assert find("The hearing is on June 3.", "June 3", tense=tense).value == value


@pytest.mark.parametrize(("anchor", "yesterday", "today"), [
    ("2025-04-26T23:30:00-05:00", "2025-04-25", "2025-04-26"),  # UTC is already the 27th: the local date counts
    ("2025-04-27T01:30:00+05:30", "2025-04-26", "2025-04-27"),  # UTC is still the 26th
    ("2025-04-27T00:15:00Z", "2025-04-26", "2025-04-27"),
    ("2025-04-27", "2025-04-26", "2025-04-27"),
    ("2025-01-01T08:00:00+09:00", "2024-12-31", "2025-01-01"),
])
def test_anchor_in_its_own_time_zone(anchor, yesterday, today):
    sentence = "The governor, who was sworn in yesterday, spoke today."
    assert find(sentence, "yesterday", anchor).value == yesterday
    assert find(sentence, "today", anchor).value == today


def test_week_across_a_year_boundary():
    assert find("Shipments slowed last week.", "last week", "2025-01-02").value == "2024-W52"


def test_without_anchor_only_absolute_values():
    found = {t.text: t.value for t in find_timexes("The treaty of 26 April 2025 took effect on Monday.", None)}
    assert found == {"26 April 2025": "2025-04-26", "Monday": None}


def test_the_day_follows_the_story():
    sentence = "Stocks fell on Thursday. The Dow ended the day down 3%."
    assert find(sentence, "the day").value == find(sentence, "Thursday").value == "2025-04-24"


def test_the_next_day_counts_from_the_story():
    sentence = "The polls closed on March 3. Results came the next day, and protests the day after that."
    assert find(sentence, "the next day").value == "2025-03-04"
    assert find(sentence, "the day after").value == "2025-03-05"


def test_the_same_period_a_year_ago():
    sentence = "Car sales fell 12% in March compared with the same month a year ago."
    assert find(sentence, "the same month a year ago").value == "2024-03"
    assert find("Profit fell in the first quarter from the same period last year.",
                "the same period last year").value == "2024-Q1"


# Results copy: comparisons and anaphora count from the period the story reports on (TimeML's reference time),
# as long as that period is recent and named in the same sentence.
REPORTED_PERIOD_CASES = [
    ("First-quarter profit rose to $5 million from $4 million a year earlier.", "a year earlier", "2024-Q1"),
    ("First-quarter sales rose 8%, against a loss in the year-ago quarter.", "the year-ago quarter", "2024-Q1"),
    ("Sales rose in the first quarter. Revenue for the quarter was $2 billion.", "the quarter", "2025-Q1"),
    ("Profit in the first quarter rose to $5 million from $4 million last year.", "last year", "2024-Q1"),
    ("The firm earned $5 million in the first quarter and $20 million last year.", "last year", "2024"),
    ("Exports rose in March from the previous month.", "the previous month", "2025-02"),
    ("A loss in the fourth quarter of 2024 cut profit for the full year.", "the full year", "2024"),
    ("Sales rose in the first quarter. A year earlier, the firm was in crisis.", "A year earlier", "2024"),
    ("The firm, founded in March 2019, was sold a year ago.", "a year ago", "2024"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), REPORTED_PERIOD_CASES,
                         ids=[c[1] for c in REPORTED_PERIOD_CASES])
def test_reported_period(sentence, text, value):
    assert find(sentence, text).value == value


NEWSWIRE_CASES = [
    ("The deal should close by year-end.", "year-end", "2025", "DATE", "END"),
    ("The valley has not flooded like this in half a century.", "half a century", "P50Y", "DURATION", None),
    ("Economists expect the slump to last two more years.", "two more years", "P2Y", "DURATION", None),
    ("Shareholders meet each May.", "each May", "XXXX-05", "SET", None),
    ("The herds move north every spring.", "every spring", "XXXX-SP", "SET", None),
    ("Output has doubled over the last decade.", "the last decade", "P10Y", "DURATION", None),
    ("Mortgage rates could sink this fall to a record low.", "this fall", "2025-FA", "DATE", None),
    ("The firm lost money in the fiscal year ended June 30.", "the fiscal year", "P1Y", "DURATION", None),
    ("Rebels seized the town two weeks ago today.", "two weeks ago today", "2025-04-13", "DATE", None),
    ("Remembrance Day services drew large crowds.", "Remembrance Day", "2024-11-11", "DATE", None),
    ("The envoys meet again later in the week.", "later in the week", "2025-W17", "DATE", None),
    ("Prices usually rise late in the year.", "late in the year", "2025", "DATE", "END"),
    ("Profit fell short of 2023's fourth quarter.", "2023's fourth quarter", "2023-Q4", "DATE", None),
    ("The 2023 first half was the weakest on record.", "The 2023 first half", "2023-H1", "DATE", None),
]


@pytest.mark.parametrize(("sentence", "text", "value", "kind", "mod"), NEWSWIRE_CASES,
                         ids=[c[1] for c in NEWSWIRE_CASES])
def test_newswire_rules(sentence, text, value, kind, mod):
    t = find(sentence, text)
    assert (t.value, t.type, t.mod) == (value, kind, mod)


def test_later_after_a_span_is_no_future_ref():
    assert [t.text for t in find_timexes("The vice president was sworn in minutes later.", ANCHOR)] == ["minutes"]


def test_present_tense_date_is_the_nearest():
    # "takes effect Jan. 1" states a schedule: the coming one, not the one that opened the year.
    assert find("The law takes effect Jan. 1.", "Jan. 1", "2025-10-15", tense="PRESENT").value == "2026-01-01"


@pytest.mark.parametrize(("tense", "day"), [("FUTURE", "2025-04-24"), ("PAST", "2025-04-30")])
def test_a_date_days_away_keeps_the_publication_year(tense, day):
    # A tense pointing away from a date a few days off is misread; a year away is the bigger mistake.
    assert find(f"The deadline falls on April {day[-2:]}.", f"April {day[-2:]}", tense=tense).value == day


def test_holiday_days_away_is_this_one_whatever_the_tense():
    assert find("Sales in the weeks before Christmas were weak.", "Christmas", "2025-12-20",
                tense="PAST").value == "2025-12-25"


def test_hyphenated_quarter_is_the_latest_whatever_the_tense():
    # "will report third-quarter earnings" in October: the quarter that just ended.
    assert find("The bank will report third-quarter earnings.", "third-quarter", "2025-10-15",
                tense="FUTURE").value == "2025-Q3"


def test_clock_time_takes_the_date_that_follows():
    t = find("Police sealed the area at 16:15 UTC, April 22, officials said.", "16:15 UTC")
    assert t.value == "2025-04-22T16:15Z"


def test_year_range_nests_a_duration():
    found = [(t.text, t.value) for t in find_timexes("Output grew from 2009 to 2011.", ANCHOR)]
    assert found == [("from 2009 to 2011", "P2Y"), ("2009", "2009"), ("2011", "2011")]


@pytest.mark.parametrize("sentence", [
    "The Dow closed at 2000 points.",
    "The strike at 2500 stores hit sales.",
    "The Russell 2000 index fell.",
    "A quarter of the dealers will close.",
    "Markets recalled Black Monday.",
    "The dollar's fall in value worried exporters.",
    "At the end of the day, voters decide.",
    "May prices rise?",
    "A USA TODAY poll found support slipping.",
])
def test_not_time_expressions(sentence):
    assert [t.text for t in find_timexes(sentence, ANCHOR) if t.type == "DATE" and t.value] == []


@pytest.mark.parametrize("sentence", ["It happened 99999999999 days ago.", "The deal closed on February 30, 2025.",
                                      "Talks resume in 9999999 years from now."])
def test_impossible_dates_give_no_value_and_no_crash(sentence):
    assert all(t.value is None or not t.value[:1].isdigit() or t.type == "DURATION"
               for t in find_timexes(sentence, ANCHOR) if t.rule in ("ago", "month_day"))


@pytest.mark.parametrize(("value", "mod", "expected"), [
    ("2025-03", "MID", ("2025-03-11", "2025-03-20", "month")),
    ("2025-W16", None, ("2025-04-14", "2025-04-20", "week")),
    ("2025-Q1", None, ("2025-01-01", "2025-03-31", "quarter")),
    ("2024-WI", None, ("2024-12-01", "2025-02-28", "season")),
    ("199", None, ("1990-01-01", "1999-12-31", "decade")),
    ("19", None, ("1900-01-01", "1999-12-31", "century")),
    ("2025-04-27T09:00+05:30", None, ("2025-04-27", "2025-04-27", "time")),
    ("P3Y", None, (None, None, None)),
])
def test_interval_of(value, mod, expected):
    assert interval_of(value, mod) == expected


def test_parse_anchor():
    assert parse_anchor("2025-04-26T23:30:00-05:00") == date(2025, 4, 26)
    assert parse_anchor("not a date") is None
    assert parse_anchor(None) is None


def test_normalize_whole_phrase():
    t = normalize("mid-March", ANCHOR)
    assert (t.value, t.mod, t.earliest, t.latest, t.granularity) == ("2025-03", "MID", "2025-03-11", "2025-03-20",
                                                                      "month")
    assert normalize("the committee", ANCHOR) is None


# ----------------------------------------------------------------- properties

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
UNITS = ["day", "week", "month", "year", "decade", "hour", "minute", "quarter", "century"]
NUMBERS = ["a", "one", "two", "three", "twelve", "twenty-five", "48", "several", "a few", "2.5"]
MODS = ["", "about ", "nearly ", "more than ", "the past ", "the next ", "early ", "mid-", "late ", "the end of "]


@st.composite
def date_phrases(draw, anchor_year: int) -> str:
    """Phrases from a small grammar of English time expressions, years within two centuries of the anchor."""
    year = str(draw(st.integers(max(1500, anchor_year - 200), min(2199, anchor_year + 200))))
    month = draw(st.sampled_from(MONTH_NAMES))
    day = str(draw(st.integers(1, 31)))
    unit = draw(st.sampled_from(UNITS))
    number = draw(st.sampled_from(NUMBERS))
    mod = draw(st.sampled_from(MODS))
    weekday = draw(st.sampled_from(WEEKDAY_NAMES))
    rel = draw(st.sampled_from(["last", "next", "this", "the previous", "the coming"]))
    return draw(st.sampled_from([
        f"{mod}{month} {day}, {year}", f"{day} {month} {year}", f"{mod}{month} {year}", f"{mod}{month}",
        f"{mod}{year}", f"{rel} {weekday}", weekday, f"{rel} {unit}", f"{mod}{number} {unit}s",
        f"{number} {unit}s ago", f"the {year[:3]}0s", f"{mod}{rel} year", f"the first quarter of {year}",
        f"every {unit}", f"{weekday} at 9:30 a.m. EST", f"{number}-{unit}", f"{mod}summer {year}",
        f"from {year} to {int(year) + 3}", "now", "yesterday", "the day before yesterday",
    ]))


@st.composite
def anchors(draw) -> tuple[str, int]:
    d = draw(st.dates(min_value=date(1700, 1, 1), max_value=date(2300, 12, 31)))
    zone = draw(st.sampled_from(["", "T00:30:00Z", "T23:59:00-11:00", "T05:00:00+05:30", "T12:00:00+14:00"]))
    return d.isoformat() + zone, d.year


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), tense=st.sampled_from([None, "PAST", "PRESENT", "FUTURE"]))
def test_any_phrase_any_anchor_gives_a_sane_interval(data, tense):
    anchor, year = data.draw(anchors())
    phrase = data.draw(date_phrases(year))
    sentence = f"Officials said {phrase} that the talks mattered."
    for t in find_timexes(sentence, anchor, tense=lambda s, e: tense):
        assert sentence[t.start:t.end] == t.text and t.start < t.end
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        if t.value in ("PAST_REF", "PRESENT_REF", "FUTURE_REF"):
            continue  # half-open: only the side that touches the publication date is set
        if t.earliest or t.latest:
            assert t.earliest and t.latest and t.earliest <= t.latest, t
            lo, hi = date.fromisoformat(t.earliest), date.fromisoformat(t.latest)
            # Years lie within two centuries of the anchor; "48 decades ago" reaches 480 years back.
            assert abs(lo.year - year) <= 500 and abs(hi.year - year) <= 500, t
            assert hi - lo <= timedelta(days=366 * 100), t


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=200), anchor=st.one_of(st.none(), anchors()))
def test_never_crashes_on_any_text(text, anchor):
    for t in find_timexes(text, anchor[0] if anchor else None):
        assert text[t.start:t.end] == t.text


def test_nearness_to_another_time_is_no_future_reference():
    found = [(t.text, t.value) for t in find_timexes("The blast struck shortly after 9 a.m. on Sunday.", "2026-05-17")]
    assert found == [("9 a.m. on Sunday", "2026-05-17T09:00")]


@pytest.mark.parametrize("text", ["The story ran in the New York Daily News on Friday.",
                                  "He told the Weekly Standard that he would run.",
                                  "The fire started on the 28th floor of the tower."])
def test_names_and_floors_are_no_times(text):
    assert [t.rule for t in find_timexes(text, "2024-03-15") if t.rule in {"set_adverb", "day_ordinal"}] == []
