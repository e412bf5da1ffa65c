"""HTML body extraction: paragraphs per block, routed metadata lines, captions, pages without an article."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirewatch.clean.html import clean_html
from wirewatch.ingest import RawArticle

URL = "https://www.example-news.com/2024/05/harbour-fire/"
P1 = ("Firefighters battled a blaze at the harbour warehouse for six hours on Monday night, "
      "officials said, after flames spread from a loading bay to the roof.")
P2 = ("No one was hurt, but the fire destroyed stored grain and damaged two cranes, the port authority "
      "said in a statement on Tuesday morning.")
P3 = ("Investigators have not yet said what caused the fire. The warehouse had passed an inspection in "
      "March, according to records seen by reporters.")


def article_page(inner: str, head: str = "") -> str:
    return (f'<!doctype html><html lang="en-GB"><head><title>Harbour fire | Example News</title>{head}</head>'
            f'<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
            f"<article>{inner}</article><footer>© Example News 2024</footer></body></html>")


def clean(html: str, url: str | None = URL):
    return clean_html(RawArticle(source_id="t", content=html, kind="html", url=url))


CASES = [
    pytest.param(
        article_page(f"<h1>Harbour fire</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p>"),
        {"paragraphs": [P1, P2, P3], "title": "Harbour fire", "removed": [("headline", "Harbour fire")]},
        id="one-paragraph-per-p-headline-routed",
    ),
    pytest.param(
        article_page(f"<h1>Harbour fire</h1><h2>Grain and cranes lost as flames spread overnight</h2>"
                     f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>",
                     '<meta property="og:description" content="Grain and cranes lost as flames spread overnight">'),
        {"paragraphs": [P1, P2, P3], "standfirst": "Grain and cranes lost as flames spread overnight",
         "removed": [("headline", "Harbour fire"), ("standfirst", "Grain and cranes lost as flames spread overnight")]},
        id="subheading-standfirst-routed",
    ),
    pytest.param(
        article_page(f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>",
                     f'<meta property="og:description" content="{P1[:80]}...">'),
        {"paragraphs": [P1, P2, P3], "standfirst": None},
        id="truncated-copy-of-first-paragraph-is-no-standfirst",
    ),
    pytest.param(
        article_page(f"<p>{P1}</p><figure><img src='a.jpg' alt='crane'>"
                     "<figcaption>Smoke rises over the harbour on Monday. (Photo: Port Authority)</figcaption>"
                     f"</figure><p>{P2}</p><p>{P3}</p>"),
        {"paragraphs": [P1, P2, P3],
         "image_captions": ["Smoke rises over the harbour on Monday. (Photo: Port Authority)"]},
        id="figcaption-routed-to-captions",
    ),
    pytest.param(
        article_page(f"<p>{P1}</p><div class='wp-caption-text'>Smoke rises over the harbour.</div>"
                     f"<figure><figcaption>Smoke rises over the harbour.</figcaption></figure><p>{P2}</p><p>{P3}</p>"),
        {"paragraphs": [P1, P2, P3], "image_captions": ["Smoke rises over the harbour."]},
        id="caption-copy-in-body-removed",
    ),
    pytest.param(
        article_page(f"<p>{P1}</p><h2>What happens next</h2><p>{P2}</p><ul><li>Grain stores closed</li>"
                     f"<li>Cranes out of service</li></ul><blockquote><p>We were lucky.</p></blockquote><p>{P3}</p>"),
        {"paragraphs": [P1, "What happens next", P2, "Grain stores closed", "Cranes out of service",
                        "We were lucky.", P3]},
        id="headings-list-items-quotes-are-paragraphs",
    ),
    pytest.param(
        article_page(f"<p>{P1}</p><table><tr><th>Berth</th><th>Damage</th></tr><tr><td>4</td><td>Roof</td></tr>"
                     f"</table><p>{P2}</p><p>{P3}</p>"),
        {"paragraphs": [P1, "Berth | Damage", "4 | Roof", P2, P3]},
        id="table-rows-as-paragraphs",
    ),
    pytest.param(
        article_page(f"<p>By Nora Ellis</p><p>{P1}</p><p>{P2}</p><p>{P3}</p>",
                     '<meta name="author" content="Nora Ellis">'),
        {"paragraphs": [P1, P2, P3], "authors": ["Nora Ellis"], "removed": [("byline", "By Nora Ellis")]},
        id="byline-line-routed",
    ),
    pytest.param(
        article_page(f"<p>Published 14 May 2024, 10:02 BST</p><p>{P1}</p><p>{P2}</p><p>{P3}</p>"),
        {"paragraphs": [P1, P2, P3], "removed": [("dateline", "Published 14 May 2024, 10:02 BST")]},
        id="timestamp-line-routed",
    ),
    pytest.param(
        article_page(f"<p>{P1}</p><p>{P2}</p><p>{P3}</p><h3>Sign up for our morning briefing</h3>"),
        {"paragraphs": [P1, P2, P3]},
        id="trailing-heading-that-heads-nothing",
    ),
    pytest.param(
        article_page(f"<p>{P1}<br>{P2}</p><p>{P3}</p>"),
        {"paragraphs": [P1, P2, P3]},
        id="line-breaks-split-paragraphs",
    ),
    pytest.param(
        article_page(f"<p>By Nora Ellis and Raj Patel</p><p>Updated 14 May 2024, 10:02 BST</p>"
                     f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>"),
        {"paragraphs": [P1, P2, P3], "authors": ["Nora Ellis", "Raj Patel"], "updated": "2024-05-14T10:02:00+01:00"},
        id="byline-and-dateline-lines-fill-metadata",
    ),
    pytest.param(
        article_page(f'<div class="chunks"><div class="grid"><div class="article__body"><p>{P1}</p><p>{P2}</p></div>'
                     '<aside class="rail"><div class="ad">Advertisement</div></aside></div>'
                     f'<div class="grid"><div class="article__body"><p>{P3}</p><h2>What comes next</h2>'
                     "<p>The port authority will publish a report on the fire within three months, it said.</p>"
                     "</div></div></div>"),
        {"paragraphs": [P1, P2, P3, "What comes next",
                        "The port authority will publish a report on the fire within three months, it said."]},
        id="body-split-into-chunks",
    ),
    pytest.param(
        article_page(f"<p>{P1}</p><div class='social-embed'><blockquote class='twitter-tweet'><p lang='en'>The "
                     "harbour is closed until further notice.<br>Please avoid the area.</p>&mdash; Port Alder Police "
                     "(@PortAlderPolice) <a href='https://twitter.com/x/status/1'>May 13, 2024</a></blockquote></div>"
                     f"<p>{P2}</p><p>{P3}</p>"),
        {"paragraphs": [P1, "The harbour is closed until further notice. Please avoid the area.",
                        "— Port Alder Police (@PortAlderPolice) May 13, 2024", P2, P3]},
        id="embedded-post-kept-in-place",
    ),
    pytest.param(
        article_page(f"<p>{P1}</p><p>Read more: Harbour dredging to start in spring</p><p>{P2}</p><p>{P3}</p>"),
        {"paragraphs": [P1, P2, P3], "removed": [("boilerplate", "Read more: Harbour dredging to start in spring")]},
        id="furniture-line-from-the-shared-lexicon",
    ),
    pytest.param(
        article_page(f"<p>{P1}</p><p>{P2}</p><p>{P3}</p><div id='comments'><p>Great article, thanks "
                     "for reporting this so quickly, I live nearby and saw the smoke.</p></div>"),
        {"paragraphs": [P1, P2, P3]},
        id="comments-excluded",
    ),
]


@pytest.mark.parametrize(("html", "expected"), CASES)
def test_clean_html(html: str, expected: dict) -> None:
    article = clean(html)
    for key, value in expected.items():
        if key == "removed":
            assert [(r.reason, r.text) for r in article.removed] == value
        elif key == "paragraphs":
            assert article.paragraphs == value
        elif key == "image_captions":
            assert article.image_captions == value
        else:
            assert getattr(article.metadata, key) == value, (key, getattr(article.metadata, key))


@pytest.mark.parametrize("html", [
    pytest.param("<html></html>", id="bare-html"),
    pytest.param("", id="empty"),
    pytest.param("<html><head><title>Sign in | Example News</title></head><body><form action='/login'>"
                 "<label>Email</label><input name='email'><label>Password</label><input type='password'>"
                 "<button>Sign in</button></form><p>Forgot your password?</p></body></html>", id="login-page"),
    pytest.param("<!doctype html><html><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav></body></html>",
                 id="navigation-only"),
])
def test_page_without_article_gives_no_paragraphs(html: str) -> None:
    assert clean(html).paragraphs == []


def test_language_from_html_lang() -> None:
    assert clean(article_page(f"<p>{P1}</p><p>{P2}</p>")).metadata.language == "en"


def test_no_url_is_fine() -> None:
    article = clean(article_page(f"<h1>Harbour fire</h1><p>{P1}</p><p>{P2}</p>"), url=None)
    assert article.paragraphs == [P1, P2]


def test_removed_is_capped() -> None:
    lines = "".join(f"<figure><figcaption>Caption number {i} of the gallery</figcaption></figure>"
                    f"<div class='caption'>Caption number {i} of the gallery</div>" for i in range(60))
    article = clean(article_page(f"<p>{P1}</p>{lines}<p>{P2}</p><p>{P3}</p>"))
    assert len(article.removed) <= 25


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*.html")), ids=lambda p: p.stem)
def test_whole_pages(page: Path) -> None:
    """Team-written pages in real news layouts: what must and must not reach the body, and the metadata."""
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    article = clean_html(RawArticle(source_id=page.name, content=page.read_text(encoding="utf-8"), kind="html",
                                    url=expected["url"]))
    for key, value in expected["metadata"].items():
        assert getattr(article.metadata, key) == value, (key, article.metadata.sources.get(key))
    assert article.image_captions == expected["image_captions"]
    assert article.paragraphs[0] == expected["first_paragraph"]
    for text in expected["must_contain"]:
        assert text in article.text
    for text in expected["must_not_contain"]:
        assert text not in article.text


@pytest.mark.parametrize("html", [
    pytest.param(f"<article><h1>Harbour fire</h1><p>{P1}</p><p>{P2}</p></article>", id="article-fragment"),
    pytest.param(f"<p>{P1}</p><p>{P2}</p>", id="bare-paragraphs"),
])
def test_html_fragment_is_an_article(html: str) -> None:
    assert clean(html).paragraphs == [P1, P2]
