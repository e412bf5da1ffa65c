"""Tests for wirewatch.clean.text: the scraped-text cleaner, on small pages the team wrote in real news styles.

Every page here is invented. Each case builds a page from parts (menu, header, body, footer) so a test shows which
line it is about; the body paragraphs are shared so that the article itself is always the same.
"""
from __future__ import annotations

import pytest

import wirewatch
from wirewatch.clean.boilerplate import is_url_line, marker_family
from wirewatch.clean.duplicates import repeated_lines, undouble
from wirewatch.clean.text import clean_scraped_text
from wirewatch.errors import InputError
from wirewatch.ingest import RawArticle

BODY = [
    ("Floodwaters rose through the lower town of Marrow Bay on Tuesday night, forcing about 2,000 residents from "
    "their homes after the river broke through a levee that engineers had warned was failing, officials said."),
    ("\u201cWe had perhaps forty minutes between the first call and water in the streets,\u201d said fire chief Alma "
    "Reyes, who led the evacuation. \u201cEveryone on the list got out, and that is what matters tonight.\u201d"),
    ("The county opened three shelters in school gyms on higher ground and asked residents who could stay with "
    "family to do so, as forecasters predicted a second band of heavy rain before dawn on Wednesday."),
    "He denied it.",
    ("Engineers inspected the levee in the spring and recommended repairs that were delayed by a dispute over "
    "funding between the county and the state, according to council minutes seen by reporters."),
    ("State officials said on Wednesday that an emergency repair crew would begin work as soon as the water "
    "receded, and that an inquiry into the delay would report to the legislature within ninety days."),
]
NAV = ["Home", "News", "World", "Business", "Sport", "Opinion", "Culture", "Travel"]
FOOTER = ["About us", "Contact", "Privacy Policy", "Terms of Use", "\u00a9 2024 Coastline Media Group. All rights reserved."]
TITLE = "Levee breach floods Marrow Bay as thousands flee rising river"


def page(*parts: list[str] | str) -> str:
    """Join parts into a scraped page: one block per line, blank lines between (the copy-all scraper's shape)."""
    lines: list[str] = []
    for part in parts:
        lines.extend([part] if isinstance(part, str) else part)
    return "\n\n".join(lines)


def clean(text: str, **hints: str) -> wirewatch.clean.CleanArticle:
    return clean_scraped_text(RawArticle(source_id="t", content=text, kind="text", **hints))


def reasons(article, text: str) -> list[str]:
    return [r.reason for r in article.removed if r.text == text]


# --- duplicates ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("line, expected", [
    ("Rescue workers search the rubble in KhanpurRescue workers search the rubble in Khanpur",
     "Rescue workers search the rubble in Khanpur"),
    ("Rescue workers search the rubble Rescue workers search the rubble", "Rescue workers search the rubble"),
    ("Rescue workers search the rubble in Khanpur", None),
    ("HaHa", None),  # too short to be a pasted caption
])
def test_undouble(line: str, expected: str | None) -> None:
    assert undouble(line) == expected


def test_repeated_lines_finds_runs_and_long_copies_but_not_a_short_line_alone() -> None:
    keys = ["a long one", "he denied it.", "x", "b", "c", "y", "he denied it.", "z", "b", "", "c", "a long one"]
    sizes = [12, 3, 5, 4, 4, 5, 3, 5, 4, 1, 4, 12]
    # "he denied it." repeats alone; "b", "c" repeat as a run (an already removed line between them does not break
    # it); the long line is a copy by itself
    assert repeated_lines(keys, sizes) == [8, 10, 11]


def test_doubled_caption_becomes_one_caption() -> None:
    caption = "Fire chief Alma Reyes briefs reporters outside the county shelter"
    art = clean(page(NAV, TITLE, caption + caption, "By Dana Whitfield", "March 12, 2024", BODY, FOOTER))
    assert art.image_captions == [caption]
    assert reasons(art, caption) == ["caption", "duplicate"]
    assert art.paragraphs == BODY


def test_repeated_headline_goes_to_title_once() -> None:
    art = clean(page(NAV, TITLE, "Advertisement", TITLE, "By Dana Whitfield", "March 12, 2024", BODY, FOOTER))
    assert art.metadata.title == TITLE
    assert reasons(art, TITLE) == ["headline", "duplicate"]
    assert art.paragraphs == BODY


def test_body_pasted_twice_is_kept_once_but_a_short_line_may_repeat() -> None:
    body = [*BODY[:4], BODY[4], "He denied it.", BODY[5]]  # the one-line paragraph occurs twice on purpose
    art = clean(page(NAV, TITLE, "By Dana Whitfield", body, "Advertisement", body, FOOTER))
    assert art.paragraphs == body
    assert art.paragraphs.count("He denied it.") == 2
    assert sum(r.reason == "duplicate" for r in art.removed) == len(body)


def test_partly_repeated_block_is_dropped() -> None:
    art = clean(page(NAV, TITLE, "By Dana Whitfield", BODY, "Read more", BODY[1:3], FOOTER))
    assert art.paragraphs == BODY


# --- boilerplate ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("line, family", [
    ("Advertisement", "ad"),
    ("ADVERTISEMENT", "ad"),
    ("Story continues below advertisement", "ad"),
    ("Read more!", "promo"),
    ("Also read: Council orders audit of flood defences", "promo"),
    ("Subscribe", "promo"),
    ("Sign up for our morning briefing newsletter", "promo"),
    ("Click here to get the app", "promo"),
    ("Share this", "social"),
    ("Facebook", "social"),
    ("WhatsApp", "social"),
    ("We use cookies to give you the best experience. By continuing you agree to our cookie policy.", "notice"),
    ("\u00a9 2024 Coastline Media Group", "copyright"),
    ("Related stories", "related"),
    ("Most read", "related"),
    ("You may also like", "related"),
    ("Comments (12)", "comments"),
    ("Leave a comment", "comments"),
    ("About the author", "about_author"),
    ("The river rose two metres in an hour, the agency said.", None),
    ("Read the full report", None),
])
def test_marker_family(line: str, family: str | None) -> None:
    assert marker_family(line, len(line.split())) == family


@pytest.mark.parametrize("line, is_url", [
    ("https://www.example-news.com/world/2024/03/12/levee-breach", True),
    ("https://cdn.example-news.com/images/2024/03/levee.jpg", True),
    ("newsdesk@example-news.com", True),
    ("Read the report at https://example.org/report", False),
    ("The levee failed.", False),
])
def test_is_url_line(line: str, is_url: bool) -> None:
    assert is_url_line(line) is is_url


@pytest.mark.parametrize("noise, reason", [
    ("Advertisement", "boilerplate"),
    ("Read more", "boilerplate"),
    ("Also read: Council orders audit of flood defences", "boilerplate"),
    ("Subscribe", "boilerplate"),
    ("Sign up for our morning briefing newsletter", "boilerplate"),
    ("Share this", "boilerplate"),
    ("Click here to get the app", "boilerplate"),
    ("This site uses cookies to improve your experience. By using the site you accept our cookie policy.",
     "boilerplate"),
    ("https://www.example-news.com/world/2024/03/12/levee-breach", "url"),
    ("https://cdn.example-news.com/images/2024/03/levee.jpg", "url"),
    ("\u2022", "boilerplate"),
])
def test_inline_boilerplate_is_removed_with_its_reason(noise: str, reason: str) -> None:
    art = clean(page(NAV, TITLE, "By Dana Whitfield", BODY[:3], noise, BODY[3:], FOOTER))
    assert art.paragraphs == BODY
    assert reasons(art, noise) == [reason]


def test_menu_and_footer_runs_are_removed() -> None:
    art = clean(page(NAV, TITLE, "By Dana Whitfield", BODY, FOOTER))
    assert art.paragraphs == BODY
    assert {r.reason for r in art.removed if r.text in NAV} == {"navigation", "boilerplate"}
    assert reasons(art, FOOTER[-1]) == ["footer"]


def test_link_run_inside_the_body_is_removed_but_a_subheading_stays() -> None:
    links = ["Storm season: what to pack", "Where to find sandbags", "How levees fail", "Flood insurance explained"]
    art = clean(page(NAV, TITLE, "By Dana Whitfield", BODY[:2], "What went wrong", BODY[2:4], links, BODY[4:], FOOTER))
    assert art.paragraphs == [*BODY[:2], "What went wrong", *BODY[2:]]
    assert all(reasons(art, link) == ["navigation"] for link in links)


def test_list_of_items_inside_the_body_stays() -> None:
    items = ["2 litres of drinking water per person", "a torch and spare batteries", "copies of insurance papers",
             "medicines for three days"]
    intro = "The county published a checklist for residents who are told to leave their homes at short notice:"
    art = clean(page(NAV, TITLE, "By Dana Whitfield", BODY[:3], intro, items, BODY[3:], FOOTER))
    assert art.paragraphs == [*BODY[:3], intro, *items, *BODY[3:]]


def test_question_put_to_each_interviewee_is_kept() -> None:
    question = "What would you tell a family that is still deciding whether to leave before the next storm?"
    answers = [
        ("Alma Reyes, fire chief: Leave early. The roads close fast once the water is over the kerb, and then we "
        "cannot reach you until morning."),
        ("Tom Okafor, shelter volunteer: Bring what you need for three days and do not wait for the siren, because "
        "by then the queue for the school gym runs around the block."),
        ("June Park, councillor: Listen to the county, not to social media. The official maps are updated every "
        "hour and they are the ones the crews use."),
    ]
    interview = [line for answer in answers for line in (question, answer)]
    art = clean(page(NAV, TITLE, "By Dana Whitfield", BODY[:3], interview, FOOTER))
    assert art.paragraphs == [*BODY[:3], *interview]


def test_about_the_author_block_is_removed() -> None:
    bio = "Dana Whitfield is a senior reporter covering climate and infrastructure for the Coastline Courier."
    art = clean(page(NAV, TITLE, "By Dana Whitfield", BODY, "About the author", bio, FOOTER))
    assert art.paragraphs == BODY
    assert reasons(art, "About the author") == ["about_author"]
    assert reasons(art, bio) == ["about_author"]


def test_author_note_after_the_body_is_removed_without_a_heading() -> None:
    bio = "Dana Whitfield is a senior reporter covering climate and infrastructure for the Coastline Courier."
    art = clean(page(NAV, TITLE, "By Dana Whitfield", BODY, bio, FOOTER))
    assert art.paragraphs == BODY


def test_comment_section_is_cut_even_when_longer_than_the_article() -> None:
    comments = [
        "Comments",
        "riverwatcher",
        "2 hours ago",
        ("I have lived here for thirty years and the council has known about this levee for at least ten of them, "
        "so nobody should pretend this was a surprise to anyone who was paying attention."),
        "Reply",
        "m_okafor",
        "1 hour ago",
        ("The shelters were well run, to be fair. My mother was taken in at the school gym and the volunteers "
        "there were kind and organised, which is more than I can say for the county's website last night."),
        "Reply",
    ] * 3
    art = clean(page(NAV, TITLE, "By Dana Whitfield", BODY, comments, FOOTER))
    assert art.paragraphs == BODY


def test_related_stories_after_the_body_are_removed() -> None:
    related = [
        "Related stories",
        "Council orders audit of flood defences",
        "Residents return to clean up after spring storm surge",
        "Forecasters warn of a wet autumn along the coast, with more storms expected to reach land in October.",
    ]
    art = clean(page(NAV, TITLE, "By Dana Whitfield", BODY, related, FOOTER))
    assert art.paragraphs == BODY


def test_related_box_in_the_middle_of_the_article_keeps_the_rest() -> None:
    box = ["Related stories", "Council orders audit of flood defences", "Residents return to clean up after storm"]
    art = clean(page(NAV, TITLE, "By Dana Whitfield", BODY[:4], box, BODY[4:], FOOTER))
    assert art.paragraphs == BODY
    assert all(reasons(art, line) == ["boilerplate"] for line in box)


def test_dateline_and_teasers_after_the_body_are_cut() -> None:
    teasers = ["More in World", *(f"Teaser headline number {n} about the weather" for n in range(5))]
    art = clean(page(NAV, TITLE, "By Dana Whitfield", BODY, "First published on March 12, 2024 / 8:16 AM", teasers,
                     FOOTER))
    assert art.paragraphs == BODY


# --- routing: headline, standfirst, captions, byline, datelines, publisher ------------------------------------


def test_header_is_routed_to_metadata() -> None:
    standfirst = "Engineers had warned for months that the ageing levee could fail in a heavy storm"
    caption = "Residents wade through a flooded street in Marrow Bay"
    text = page(
        NAV, TITLE, TITLE, standfirst, "Advertisement", caption + caption,
        "https://static.hindustantimes.com/assets/logo.png",
        "By Priya Raman", "\u2022 Mar 12, 2024,", "\u2022 Updated Mar 12, 2024 10:15 PM IST",
        BODY, FOOTER,
    )
    art = clean(text)
    meta = art.metadata
    assert meta.title == TITLE
    assert meta.standfirst == standfirst
    assert meta.authors == ["Priya Raman"]
    assert meta.publisher == "Hindustan Times"
    assert meta.published == "2024-03-12"
    assert meta.updated == "2024-03-12T22:15:00+05:30"  # IST read for an Indian outlet
    assert art.image_captions == [caption]
    assert art.paragraphs == BODY
    routed = {r.text: r.reason for r in art.removed}
    assert routed["By Priya Raman"] == "byline"
    assert routed["\u2022 Mar 12, 2024,"] == "dateline"
    assert routed["https://static.hindustantimes.com/assets/logo.png"] == "publisher"
    assert routed[standfirst] == "standfirst"


def test_publisher_and_time_zone_come_from_the_url_hint() -> None:
    art = clean(page(NAV, TITLE, "By Priya Raman", "Updated: Mar 12, 2024 10:15 PM IST", BODY, FOOTER),
                url="https://www.thehindu.com/news/national/levee-breach-floods-marrow-bay/article1.ece")
    assert art.metadata.publisher == "The Hindu"
    assert art.metadata.updated == "2024-03-12T22:15:00+05:30"


def test_bare_name_beside_a_dateline_is_the_byline() -> None:
    art = clean(page(NAV, TITLE, "Dana Whitfield", "Published March 12, 2024", BODY, FOOTER))
    assert art.metadata.authors == ["Dana Whitfield"]
    assert art.metadata.published == "2024-03-12"
    assert art.paragraphs == BODY


def test_caption_next_to_a_photo_url_and_a_credited_caption_in_the_body() -> None:
    photo = "https://cdn.example-news.com/images/2024/03/flooded-street.jpg"
    header_caption = "Volunteers fill sandbags outside the town hall"
    body_caption = "A rescue boat on Harbour Road on Tuesday night"
    art = clean(page(NAV, TITLE, "By Dana Whitfield", "March 12, 2024", photo, header_caption,
                     BODY[:3], body_caption, "Photo: Coastline Courier", BODY[3:], FOOTER))
    assert art.image_captions == [header_caption, body_caption]
    assert art.paragraphs == BODY


def test_caption_carrying_its_credit_is_routed() -> None:
    caption = "Water covers the main square of Marrow Bay on Wednesday morning. (AP Photo/Lena Ruiz)"
    art = clean(page(NAV, TITLE, "By Dana Whitfield", BODY[:3], caption, BODY[3:], FOOTER))
    assert art.image_captions == [caption]
    assert art.paragraphs == BODY


def test_title_hint_routes_the_repeated_headline() -> None:
    art = clean(page(NAV, TITLE, "By Dana Whitfield", BODY, FOOTER), title=TITLE + ".")
    assert art.metadata.title == TITLE
    assert reasons(art, TITLE) == ["headline"]


def test_title_found_from_the_url_slug() -> None:
    art = clean(page(NAV, "Weather", "Live", TITLE, "Updated 10 minutes ago", BODY, FOOTER),
                url="https://news.example.org/2024/03/12/levee-breach-floods-marrow-bay-thousands-flee")
    assert art.metadata.title == TITLE


# --- clean text and empty pages ---------------------------------------------------------------------------------


def test_clean_text_passes_through_unchanged() -> None:
    wrapped = "A paragraph the source wrapped\nover two lines stays one paragraph, as it was written."
    paragraphs = [*BODY[:3], wrapped, *BODY[3:]]
    art = clean(page(TITLE + ".", paragraphs), title=TITLE)
    assert art.metadata.title == TITLE + "."
    assert art.paragraphs == paragraphs
    assert [r.reason for r in art.removed] == ["headline"]


def test_clean_text_with_a_stray_marker_keeps_it() -> None:
    paragraphs = [*BODY[:3], "Related:", *BODY[3:]]
    art = clean(page(TITLE, paragraphs), title=TITLE)
    assert art.paragraphs == paragraphs


def test_clean_text_opening_with_a_headline_routes_it_without_a_hint() -> None:
    art = clean(page(TITLE, BODY))
    assert art.metadata.title == TITLE
    assert art.paragraphs == BODY


def test_clean_text_without_a_title_keeps_every_paragraph() -> None:
    art = clean(page(BODY))
    assert art.paragraphs == BODY
    assert art.removed == []


def test_page_of_nothing_but_furniture_cleans_to_nothing() -> None:
    art = clean(page(NAV, "Advertisement", "Subscribe", FOOTER))
    assert art.paragraphs == []
    with pytest.raises(InputError):
        wirewatch.extract(page(NAV, "Advertisement", "Subscribe", FOOTER), kind="text", nlp=False)


def test_empty_input() -> None:
    assert clean("").paragraphs == []
    assert clean("\n\n   \n").paragraphs == []


def test_every_input_line_is_kept_or_accounted_for() -> None:
    text = page(NAV, TITLE, TITLE, "By Dana Whitfield", "March 12, 2024", BODY, "Advertisement", BODY, FOOTER)
    art = clean(text)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    kept = [line for p in art.paragraphs for line in p.split("\n")]
    assert sorted(kept + [r.text for r in art.removed]) == sorted(lines)
