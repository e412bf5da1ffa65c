"""Tests for wirewatch.clean.byline: bylines in scraped lines and author strings from metadata."""
from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from wirewatch.clean.byline import clean_author, parse_byline, split_authors

BYLINES = [
    # (line, publisher, expected authors)
    ("By John Smith", None, ["John Smith"]),
    ("by Priya Raman", None, ["Priya Raman"]),
    ("By John Smith and Jane Doe", None, ["John Smith", "Jane Doe"]),
    ("By John Smith, Jane Doe and Ali Khan", None, ["John Smith", "Jane Doe", "Ali Khan"]),
    ("By John Smith, Jane Doe, and Ali Khan", None, ["John Smith", "Jane Doe", "Ali Khan"]),
    ("By Tom Reyes & Ana Lima", None, ["Tom Reyes", "Ana Lima"]),
    ("BY JOHN SMITH", None, ["John Smith"]),
    ("BY MARY O'NEILL AND JEAN-LUC PICARD", None, ["Mary O'Neill", "Jean-Luc Picard"]),
    ("John Smith | Reuters", None, ["John Smith"]),
    ("By John Smith, Reuters", None, ["John Smith"]),
    ("By John Smith, Associated Press", None, ["John Smith"]),
    ("Written by Maria de la Cruz", None, ["Maria de la Cruz"]),
    ("Story by Sean O'Brien", None, ["Sean O'Brien"]),
    ("By J. K. Simmons", None, ["J. K. Simmons"]),
    ("By A.J. Baker", None, ["A.J. Baker"]),
    ("By Ahmed al-Rashid", None, ["Ahmed al-Rashid"]),
    ("By Pieter van der Berg", None, ["Pieter van der Berg"]),
    ("By Siti binti Abdullah", None, ["Siti binti Abdullah"]),
    ("By Martin Luther King Jr.", None, ["Martin Luther King Jr."]),
    ("By Lena McAllister-Grant", None, ["Lena McAllister-Grant"]),
    ("By Hannah Okafor and Tomas Lindqvist in Nairobi", None, ["Hannah Okafor", "Tomas Lindqvist"]),
    ("By Rahul Menon, in New Delhi", None, ["Rahul Menon"]),
    ("Reporting by Jane Doe in London and John Roe in Paris; Editing by Mark Poe", None, ["Jane Doe", "John Roe"]),
    ("Business Today Desk", None, ["Business Today Desk"]),
    ("India Today Web Desk", None, ["India Today Web Desk"]),
    ("HT News Desk", None, ["HT News Desk"]),
    ("Express News Service", None, ["Express News Service"]),
    ("PTI", None, ["PTI"]),
    ("Reuters", None, ["Reuters"]),
    ("REUTERS", None, ["Reuters"]),
    ("AFP", None, ["AFP"]),
    ("Associated Press", None, ["Associated Press"]),
    ("By Reuters", None, ["Reuters"]),
    ("By Staff", None, ["Staff"]),
    ("Staff Reporter", None, ["Staff Reporter"]),
    ("The Editorial Board", None, ["The Editorial Board"]),
    ("By Jane Doe Updated Apr 27, 2025 9:00 AM IST", None, ["Jane Doe"]),
    ("By Jane Doe | Updated: 3 hours ago", None, ["Jane Doe"]),
    ("By Jane Doe - 5/17/23 08:15 AM EDT", None, ["Jane Doe"]),
    ("By Jane Doe March 4, 2024, 07:47 PM EST", None, ["Jane Doe"]),
    ("Mark Ellis - Mar 4, 2024, 10:31 pm CST", None, ["Mark Ellis"]),
    ("Associated Press March 4, 2024, 9:02 AM", None, ["Associated Press"]),
    ("Tuesday March 4, 2024 7:45 am PST by Dana Whitfield", None, ["Dana Whitfield"]),
    ("By Rosa Lindqvist, Global Staff", None, ["Rosa Lindqvist"]),
    ("By Rosa LindqvistStaff Writer", None, ["Rosa Lindqvist"]),
    ("By Rosa Lindqvist | Special to the Evening Courier", None, ["Rosa Lindqvist"]),
    ("By Rosa LindqvistDaily Example", "Daily Example", ["Rosa Lindqvist"]),
    ("New Delhi, Metro News Bureau | Updated : 4 March 2024, 09:01 AM", None, ["Metro News Bureau"]),
    ("• By Kofi Mensah", None, ["Kofi Mensah"]),
]


@pytest.mark.parametrize(("line", "publisher", "expected"), BYLINES)
def test_parse_byline(line: str, publisher: str | None, expected: list[str]) -> None:
    assert parse_byline(line, publisher=publisher) == expected


@pytest.mark.parametrize("line", [
    "Reviewed by John Smith",
    "Edited by Jane Doe",
    "Fact checked by Ali Khan",
    "Photo by Kofi Mensah",
    "Medically reviewed by Dr. Ana Lima",
    "By the end of the year, prices rose.",
    "By Tuesday, the river had crested above flood stage.",
    "By checking this box, I agree to the terms of service.",
    "By Any Means Necessary",
    "By 2030 the plant will run on solar power.",
    "John Smith",  # a bare name could be a heading
    "Privacy Policy | Terms of Use",
    "Markets | Economy | Politics",
    "Alex Wong | Getty Images",
    "Morning Briefing 3.4.24",
    "Online",
    "App",
    "The minister, who spoke to reporters on Monday, denied the claims.",
    "Shares rose 3% by midday in Mumbai.",
    "",
])
def test_parse_byline_rejects(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(("value", "publisher", "expected"), [
    ("View all posts by Jane Doe", None, "Jane Doe"),
    ("Posts by John Smith", None, "John Smith"),
    ("Author: Jane Doe", None, "Jane Doe"),
    ("By Jane Doe", None, "Jane Doe"),
    ("Jane Doe, Reuters", None, "Jane Doe"),
    ("Jane Doe, Senior Correspondent", None, "Jane Doe"),
    ("Jane Doe | The Daily Example", "The Daily Example", "Jane Doe"),
    ("Jane Doe (@janedoe)", None, "Jane Doe"),
    ("Jane Doe jane.doe@example.com", None, "Jane Doe"),
    ("https://example.com/author/jane-doe Jane Doe", None, "Jane Doe"),
    ("JANE O'DOWD", None, "Jane O'Dowd"),
    ("Martin Luther King, Jr.", None, "Martin Luther King, Jr."),
    ("Business Today Desk", "Business Today", "Business Today Desk"),
    ("Reuters", None, "Reuters"),
    ("The Daily Example", "Daily Example", None),
    ("Daily Example News", "The Daily Example", None),
    ("dailyexample.com", None, None),
    ("admin", None, None),
    ("Staff", None, None),
    ("Editor", None, None),
    ("guest", None, None),
    ("Unknown", None, None),
    ("@janedoe", None, None),
    ("Jane Doe is a senior reporter who covers energy markets and climate policy.", None, None),
    ("", None, None),
    ("   ", None, None),
])
def test_clean_author(value: str, publisher: str | None, expected: str | None) -> None:
    assert clean_author(value, publisher=publisher) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("Ana Lima, Tom Reyes and Kofi Mensah", ["Ana Lima", "Tom Reyes", "Kofi Mensah"]),
    ("Ana Lima & Tom Reyes", ["Ana Lima", "Tom Reyes"]),
    ("Ana Lima; Tom Reyes", ["Ana Lima", "Tom Reyes"]),
    ("Ana Lima, Tom Reyes, and Kofi Mensah", ["Ana Lima", "Tom Reyes", "Kofi Mensah"]),
    ("Martin Luther King, Jr. and Ana Lima", ["Martin Luther King, Jr.", "Ana Lima"]),
    ("Ana Lima", ["Ana Lima"]),
    ("", []),
])
def test_split_authors(value: str, expected: list[str]) -> None:
    assert split_authors(value) == expected


# --- properties ------------------------------------------------------------------------------------------------

FIRST = ["John", "Jane", "Ali", "Priya", "Kofi", "Ana", "Chen", "Olga", "Mateo", "Aisha", "Liam", "Yuki", "Noor"]
LAST = ["Smith", "Doe", "Khan", "Raman", "Mensah", "Lima", "Wei", "Petrova", "Garcia", "Bello", "O'Connor",
        "McAllister", "Nakamura", "al-Hassan", "Okafor", "van Dijk", "Smith-Jones"]
names = st.builds(lambda first, last: f"{first} {last}", st.sampled_from(FIRST), st.sampled_from(LAST))


@settings(max_examples=150, deadline=None)
@given(st.lists(names, min_size=1, max_size=3, unique=True), st.sampled_from(["By ", "by ", "Written by ", "BY "]))
def test_generated_bylines_round_trip(authors: list[str], prefix: str) -> None:
    listed = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1]
    line = prefix + (listed.upper() if prefix == "BY " else listed)
    result = parse_byline(line)
    if prefix == "BY ":  # an all-caps line comes back title-cased; particles and "Mc" cannot be recovered
        assert result is not None and [r.casefold() for r in result] == [a.casefold() for a in authors]
        assert not any(r.isupper() for r in result)
    else:
        assert result == authors


SENTENCE_WORDS = ["the", "year", "prices", "rose", "officials", "said", "on", "a", "new", "plan", "was", "time",
                  "of", "in", "markets", "fell", "after", "talks", "government", "will"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_WORDS), min_size=4, max_size=14), st.sampled_from(["By", "by", ""]))
def test_sentences_are_not_bylines(words: list[str], prefix: str) -> None:
    assume(sum(w not in ("the", "a", "of", "on", "in") for w in words) >= 3)
    sentence = " ".join([prefix, *words]).strip().capitalize() + "."
    assert parse_byline(sentence) is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120), st.one_of(st.none(), st.text(max_size=20)))
def test_arbitrary_text_never_raises(text: str, publisher: str | None) -> None:
    result = parse_byline(text, publisher=publisher)
    assert result is None or (isinstance(result, list) and all(isinstance(n, str) and n for n in result))
    author = clean_author(text, publisher=publisher)
    assert author is None or author.strip() == author != ""
    assert all(split_authors(text))


byline_like = st.lists(
    st.sampled_from(["By", "by", "John", "SMITH", "and", ",", "|", "Reuters", "Desk", "Updated", "Mar", "4,", "2024",
                     "9:00", "AM", "IST", "-", "van", "O'Brien", "J.", "Jr.", ";", "Editing", "Reporting", "in",
                     "London", "Staff", "ago", "3", "hours", "Photo"]),
    max_size=12,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(byline_like)
def test_byline_like_text_never_raises(text: str) -> None:
    result = parse_byline(text)
    assert result is None or all(name.strip() == name != "" for name in result)
