"""Layered HTML metadata: JSON-LD, meta tags, HTML heuristics and fallbacks, as (html, expected) tables."""
from __future__ import annotations

import pytest
import trafilatura
from lxml import etree

from wirewatch.clean.metadata import extract_html_metadata, normalize_date, strip_site_name

BODY = "<p>" + "The council met on Tuesday to discuss the budget for the coming year. " * 4 + "</p>"


def page(head: str = "", body: str = "", lang: str = "en") -> str:
    return f'<!doctype html><html lang="{lang}"><head>{head}</head><body>{body}{BODY}</body></html>'


def ld(json_text: str) -> str:
    return f'<script type="application/ld+json">{json_text}</script>'


def meta_of(html: str, url: str | None = "https://www.example-news.com/2024/05/council-budget/"):
    return extract_html_metadata(trafilatura.load_html(html), url)


CASES = [
    pytest.param(
        page(ld("""{"@context": "https://schema.org", "@graph": [
            {"@type": "WebPage", "@id": "https://www.example-news.com/2024/05/council-budget/#webpage",
             "name": "Council approves budget | Example News"},
            {"@type": "NewsArticle", "headline": "Council approves budget",
             "datePublished": "2024-05-14T10:00:00-05:00", "dateModified": "2024-05-14T12:30:00-05:00",
             "author": [{"@id": "https://www.example-news.com/#/person/1"}, {"@type": "Person", "name": "Ann Lee"}],
             "publisher": {"@id": "https://www.example-news.com/#org"},
             "mainEntityOfPage": {"@id": "https://www.example-news.com/2024/05/council-budget/"}},
            {"@type": "Person", "@id": "https://www.example-news.com/#/person/1", "name": "Maria Gomez"},
            {"@type": "NewsMediaOrganization", "@id": "https://www.example-news.com/#org", "name": "Example News"}
        ]}""")),
        {"title": "Council approves budget", "authors": ["Maria Gomez", "Ann Lee"], "publisher": "Example News",
         "published": "2024-05-14T10:00:00-05:00", "updated": "2024-05-14T12:30:00-05:00",
         "url": "https://www.example-news.com/2024/05/council-budget/", "sources.published": "json-ld"},
        id="json-ld-graph-with-references",
    ),
    pytest.param(
        page(ld("""{"@type": "ReportageNewsArticle", "headline": "Floods cut off &amp; isolate villages",
            "datePublished": "2024-03-02T08:15:00Z",
            "author": {"@type": "Person", "name": "Sam Okoro"},,
            "description": "Rivers rose overnight.\tRoads closed",
            }""")),
        {"title": "Floods cut off & isolate villages", "authors": ["Sam Okoro"],
         "published": "2024-03-02T08:15:00+00:00"},
        id="broken-json-ld-trailing-commas-control-chars-entities",
    ),
    pytest.param(
        page(ld("""{"@type": "NewsArticle", "headline": "Port strike ends", "datePublished": "2024-02-01",
            "description": 'Unions vote to return', "author": {"name": "Lena Park"}}""")),
        {"title": "Port strike ends", "authors": ["Lena Park"], "published": "2024-02-01"},
        id="json-ld-single-quoted-value",
    ),
    pytest.param(
        page(ld('{"@type": "Article", "headline": "A"}') + ld("""[{"@type": "BlogPosting",
            "headline": "Second script wins on dates", "datePublished": "2023-12-24"}]""")),
        {"title": "A"},
        id="several-scripts-first-article-wins",
    ),
    pytest.param(
        page('<meta property="og:title" content="Mayor resigns after audit | Daily Courier">'
             '<meta property="og:site_name" content="Daily Courier">'
             '<meta property="article:published_time" content="2024-06-01T09:30:00+02:00">'
             '<meta property="article:modified_time" content="2024-06-01T11:00:00+02:00">'
             '<meta property="article:author" content="https://www.facebook.com/some.reporter">'
             '<meta name="author" content="Pierre Martin">'
             '<meta property="og:url" content="https://www.example-news.com/2024/06/mayor/">'),
        {"title": "Mayor resigns after audit", "publisher": "Daily Courier", "authors": ["Pierre Martin"],
         "published": "2024-06-01T09:30:00+02:00", "updated": "2024-06-01T11:00:00+02:00",
         "url": "https://www.example-news.com/2024/06/mayor/", "sources.title": "meta"},
        id="opengraph-only-profile-url-is-no-author",
    ),
    pytest.param(
        page('<meta property="article:author" content="https://www.example-news.com/author/jdoe/">'),
        {"authors": []},
        id="meta-author-profile-url-only",
    ),
    pytest.param(
        page('<meta name="byl" content="By Jane Doe and John Roe">'
             '<meta name="parsely-pub-date" content="2024-01-05T14:00:00Z">'),
        {"authors": ["Jane Doe", "John Roe"], "published": "2024-01-05T14:00:00+00:00"},
        id="byl-with-two-authors",
    ),
    pytest.param(
        page('<meta name="sailthru.author" content="Kim Ng">'
             '<meta name="dc.date" content="2024-04-09">'),
        {"authors": ["Kim Ng"], "published": "2024-04-09"},
        id="sailthru-and-dublin-core-date-only",
    ),
    pytest.param(
        page('<meta property="og:site_name" content="Valley Times">',
             '<div class="byline"><a rel="author" href="/author/ray">View all posts by Ray Tanaka</a></div>'),
        {"authors": ["Ray Tanaka"]},
        id="view-all-posts-by",
    ),
    pytest.param(
        page('<meta property="og:site_name" content="Valley Times"><meta name="author" content="Valley Times">'),
        {"authors": []},
        id="site-name-is-not-an-author",
    ),
    pytest.param(
        page("<title>Storm batters coast - Valley Times</title>",
             '<header><h1 class="headline">Storm batters coast</h1></header>'),
        {"title": "Storm batters coast"},
        id="h1-beats-title-with-site-suffix",
    ),
    pytest.param(
        page("<title>Opinion | Why the bridge matters</title>"
             '<meta property="og:title" content="Opinion | Why the bridge matters">',
             "<h1>Why the bridge matters</h1>"),
        {"title": "Why the bridge matters"},
        id="section-prefix-dropped-by-agreement",
    ),
    pytest.param(
        page(ld('{"@type": "NewsArticle", "headline": "Talks on the new trade pact resume in Geneva aft..."}'),
             "<h1>Talks on the new trade pact resume in Geneva after a year</h1>"),
        {"title": "Talks on the new trade pact resume in Geneva after a year"},
        id="truncated-headline-loses",
    ),
    pytest.param(
        page("", '<article><h1>Rail line reopens</h1><span class="byline">By Priya Shah</span>'
                 '<time datetime="2024-07-03T16:45:00+05:30" class="published">3 July</time></article>'),
        {"title": "Rail line reopens", "authors": ["Priya Shah"], "published": "2024-07-03T16:45:00+05:30",
         "sources.published": "html"},
        id="html-heuristics-byline-and-time",
    ),
    pytest.param(
        page("", '<div itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">Dam opens</h1>'
                 '<span itemprop="author" itemscope><span itemprop="name">Omar Haddad</span></span>'
                 '<meta itemprop="datePublished" content="2024-08-30T07:00:00+03:00"></div>'),
        {"title": "Dam opens", "authors": ["Omar Haddad"], "published": "2024-08-30T07:00:00+03:00"},
        id="microdata",
    ),
    pytest.param(
        page(ld('{"@type": "NewsArticle", "headline": "X", "datePublished": "2024-05-14"}')
             + '<meta property="article:published_time" content="2024-05-14T10:00:00-04:00">'),
        {"published": "2024-05-14T10:00:00-04:00", "sources.published": "meta"},
        id="agreeing-later-layer-adds-time-and-offset",
    ),
    pytest.param(
        page(ld('{"@type": "NewsArticle", "headline": "X", "datePublished": "2024-05-14T10:00:00"}')),
        {"published": "2024-05-14T10:00:00"},
        id="no-offset-is-never-invented",
    ),
    pytest.param(
        page('<link rel="canonical" href="/2024/05/council-budget/">'),
        {"url": "https://www.example-news.com/2024/05/council-budget/"},
        id="relative-canonical",
    ),
    pytest.param(
        page('<link rel="canonical" href="https://www.example-news.com/">'),
        {"url": "https://www.example-news.com/2024/05/council-budget/", "sources.url": "hint"},
        id="home-page-canonical-ignored",
    ),
    pytest.param(
        page(ld("""{"@type": "WebPage", "name": "Page", "mainEntity": {"@type": ["NewsArticle", "Article"],
            "headline": "Nested article", "datePublished": "2024-09-01T06:00:00+09:00",
            "author": {"@type": "Person", "name": ["Yuki Sato"]}}}""")),
        {"title": "Nested article", "published": "2024-09-01T06:00:00+09:00", "authors": ["Yuki Sato"]},
        id="nested-main-entity-type-list-name-list",
    ),
    pytest.param(
        page(ld("""{"@context": "https://schema.org", "@graph": [{"@type": "WebPage",
            "@id": "https://www.example-news.com/2024/05/council-budget/#webpage",
            "datePublished": "2024-05-14T09:00:00+00:00", "dateModified": "2024-05-15T09:00:00+00:00"}]}""")),
        {"published": "2024-05-14T09:00:00+00:00", "updated": "2024-05-15T09:00:00+00:00",
         "url": "https://www.example-news.com/2024/05/council-budget/"},
        id="webpage-only-graph-fragment-dropped",
    ),
    pytest.param(
        page("", '<article><h1>Bridge closes</h1><div class="article-meta"><span class="article-date">'
                 'Published 14 May 2024, 10:02 BST</span></div></article>'),
        {"published": "2024-05-14T10:02:00+01:00", "sources.published": "html"},
        id="visible-date-line-with-zone",
    ),
    pytest.param(
        page("", '<article><h1>Bridge closes</h1><time datetime="2024-05-14" class="published">14 May</time>'
                 '<span class="timestamp">Published 14 May 2024, 10:02 BST</span></article>'),
        {"published": "2024-05-14T10:02:00+01:00"},
        id="visible-date-line-adds-time-to-date-only",
    ),
    pytest.param(
        page('<meta property="og:site_name" content="Example News">',
             '<div id="header"><a href="/"><h1>Example News</h1></a></div><h2>Bridge closes</h2>'
             '<ol class="comment-list"><li><span class="comment-author">Karol</span></li></ol>'),
        {"authors": [], "title": None},
        id="logo-h1-and-commenters-ignored",
    ),
    pytest.param(page(lang="pt-BR"), {"language": "pt"}, id="html-lang-primary-subtag"),
    pytest.param(
        page('<meta property="og:description" content="Budget approved">'
             '<meta property="og:title" content="Budget approved">'),
        {"standfirst": None},
        id="description-repeating-title-is-no-standfirst",
    ),
]


@pytest.mark.parametrize(("html", "expected"), CASES)
def test_metadata_layers(html: str, expected: dict) -> None:
    meta = meta_of(html)
    if expected.get("sources.url") == "hint":  # the caller's URL is filled by the pipeline, not here
        assert meta.url in (None, expected["url"])
        return
    for key, value in expected.items():
        if key.startswith("sources."):
            assert meta.sources.get(key.split(".", 1)[1]) == value, (key, meta.sources)
        else:
            assert getattr(meta, key) == value, (key, getattr(meta, key))


def test_every_filled_field_names_its_layer() -> None:
    meta = meta_of(CASES[0].values[0])
    for name in ("title", "authors", "publisher", "published", "updated", "url", "language"):
        assert getattr(meta, name)
        assert meta.sources[name]


def test_publisher_table_wins_for_known_domain() -> None:
    html = page('<meta property="og:site_name" content="U.S.">')
    meta = meta_of(html, "https://www.reuters.com/world/some-story-idUSKBN1")
    assert meta.publisher == "Reuters"
    assert meta.sources["publisher"] == "publishers"


def test_authors_deduplicated_case_insensitively_in_order() -> None:
    html = page(ld('{"@type": "NewsArticle", "headline": "X", "author": ['
                   '{"name": "Ann Lee"}, {"name": "ANN LEE"}, {"name": "Bo Chen"}]}'))
    assert meta_of(html).authors == ["Ann Lee", "Bo Chen"]


@pytest.mark.parametrize("html", [CASES[0].values[0], page("<title>No byline here</title>")],
                         ids=["all-layers-answer", "fallbacks-run"])
def test_html_is_not_modified(html: str) -> None:
    tree = trafilatura.load_html(html)
    before = etree.tostring(tree)
    extract_html_metadata(tree, None)
    assert etree.tostring(tree) == before


@pytest.mark.parametrize(("value", "expected"), [
    ("2019-11-20T10:00:00-05:00", "2019-11-20T10:00:00-05:00"),
    ("2019-11-20T15:00:00Z", "2019-11-20T15:00:00+00:00"),
    ("2019-11-20T15:00:00.123Z", "2019-11-20T15:00:00+00:00"),
    ("2019-11-20T06:35:39+0000", "2019-11-20T06:35:39+00:00"),
    ("2019-11-19 02:24:00 UTC", "2019-11-19T02:24:00+00:00"),
    ("2019-11-20", "2019-11-20"),
    ("2019-11-20T10:00", "2019-11-20T10:00"),
    ("1574168580", "2019-11-19T13:03:00+00:00"),
    ("0000-00-00", None),
    ("2999-01-01", None),
    ("", None),
    ("not a date", None),
])
def test_normalize_date_keeps_precision_and_offset(value: str, expected: str | None) -> None:
    assert normalize_date(value) == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("Storm batters coast | Valley Times", "Storm batters coast"),
    ("Storm batters coast - ValleyTimes.com", "Storm batters coast"),
    ("Valley Times - Storm batters coast", "Storm batters coast"),
    ("Fact check: Is the bridge closing?", "Fact check: Is the bridge closing?"),
    ("Storm - a coast battered", "Storm - a coast battered"),
])
def test_strip_site_name(title: str, expected: str) -> None:
    assert strip_site_name(title, ["Valley Times", "valleytimes.com"]) == expected
