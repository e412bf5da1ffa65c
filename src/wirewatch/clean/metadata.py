"""Layered metadata for HTML articles: JSON-LD, then meta tags, then HTML heuristics, then URL and library fallbacks.

Each layer reads the parsed page and returns an `ArticleMetadata` holding only what it found.
`extract_html_metadata` lays them over one another with `ArticleMetadata.fill_missing`, so a later layer only
fills what the earlier ones left empty, and `sources` names the layer behind every value. Two refinements sit
on top of the plain layering, each for a stated reason: a later layer may make a date *more precise* when it
agrees with the one already found (a date-only ``datePublished`` plus ``article:published_time`` with its
offset), and the title is chosen by agreement between the headline sources rather than by layer order alone.

Dates keep the source's precision and UTC offset: ``Z`` becomes ``+00:00``, a date-only value stays a date, and
no time or offset is ever invented.
"""
from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement

from wirewatch.clean.article import ArticleMetadata
from wirewatch.clean.byline import clean_author, split_authors
from wirewatch.clean.dates import parse_datelines, parse_timestamp
from wirewatch.clean.publishers import publisher_for_url

__all__ = ["article_element", "extract_html_metadata", "match_key", "normalize_date", "strip_site_name"]

LOGGER = logging.getLogger(__name__)

# schema.org types that describe the article itself, most specific first; WebPage only when none of them is there
ARTICLE_TYPES = frozenset({
    "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle",
    "backgroundnewsarticle", "askpublicnewsarticle", "article", "blogposting", "liveblogposting", "report",
    "socialmediaposting", "techarticle", "scholarlyarticle", "satiricalarticle",
})
PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage"})

# meta tag names (name= or property=, lower-cased), in the order they are trusted within the meta layer
META_TITLE = ("og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title", "citation_title", "title")
META_SITE = ("og:site_name", "application-name", "dc.publisher", "citation_publisher", "publisher")
META_DESCRIPTION = ("og:description", "twitter:description", "description", "dc.description", "sailthru.description")
META_AUTHOR = (
    "author", "article:author", "og:article:author", "byl", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "citation_author", "analyticsattributes.author", "cxenseparse:author", "article_author",
)
META_PUBLISHED = (
    "article:published_time", "og:article:published_time", "article:published", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "citation_publication_date", "citation_date",
    "datepublished", "article.published", "article_date_original", "publish-date", "publishdate", "publish_date",
    "pub_date", "pubdate", "date", "published_at", "published",
)
META_UPDATED = (
    "article:modified_time", "og:article:modified_time", "article:modified", "og:updated_time", "dcterms.modified",
    "dc.date.modified", "datemodified", "article.updated", "article_date_updated", "last-modified",
)
META_LANGUAGE = ("content-language", "dc.language", "language", "og:locale")

TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // ")
_ISO_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)
_EPOCH = re.compile(r"\d{10}(?:\d{3})?")
_URLISH = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net)/", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+")
_TAGS = re.compile(r"<[^>]{0,400}>")
_TRAILING_COMMA = re.compile(r",(?:\s*,)*\s*([}\]])|(?<=,)(?:\s*,)+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SINGLE_QUOTED = re.compile(r"([:\[,]\s*)'((?:[^'\\\n]|\\.)*)'(?=\s*[,}\]])")
_JSON_FIELD = re.compile(
    r'"(@type|headline|name|datePublished|dateModified|dateCreated|description|url|inLanguage)"'
    r'\s*:\s*"((?:[^"\\]|\\.)*)"')
_CLASS_BYLINE = re.compile(r"(?:^|[\s_-])(?:byline|by-line|author|authors|writer|contributor)(?:$|[\s_-])", re.I)
_EARLIEST_YEAR = 1990
MAX_DATE_ELEMENTS = 12  # visible date lines read per page: they sit in the article header
MAX_DATE_LINE = 160
# the innermost elements whose class names a date line (not the header that holds it and the byline)
_DATE_CLASS = XPath(
    ".//*[re:test(@class, '(^|[-_ ])(date|dateline|time|timestamp|published|posted|posted-on|updated|pubdate)"
    "([-_ ]|$)', 'i') and not(.//*[re:test(@class, '(^|[-_ ])(date|time|timestamp)([-_ ]|$)', 'i')])]",
    namespaces={"re": "http://exslt.org/regular-expressions"},
)
_TITLE_WITNESSES = frozenset({"json-ld", "meta", "html"})
_NAME_PARTICLES = frozenset({
    "de", "da", "di", "del", "der", "den", "van", "von", "la", "le", "bin", "al", "el", "y", "e",
})


@dataclass(slots=True)
class _Page:
    """What the layers share, read once per page: the tree, the URL, meta tags and JSON-LD nodes."""

    tree: HtmlElement
    url: str | None
    meta: dict[str, list[str]] = field(default_factory=dict)
    nodes: list[dict] = field(default_factory=list)
    by_id: dict[str, dict] = field(default_factory=dict)
    site_names: list[str] = field(default_factory=list)
    country: str | None = None
    publisher: str | None = None
    title_candidates: list[tuple[str, str]] = field(default_factory=list)  # (layer, title), in layer order


def extract_html_metadata(tree: HtmlElement, url: str | None) -> ArticleMetadata:
    """Return the article's metadata read from a parsed HTML page, each field tagged with its layer.

    Layers, each filling only what the ones before left empty: ``json-ld``, ``meta`` (OpenGraph, Dublin Core,
    Parse.ly, Sailthru, citation tags, canonical link), ``html`` (h1, title, time, visible date lines,
    microdata, bylines), then ``trafilatura`` (its own metadata, only when title, authors or publisher are still
    missing) and ``htmldate`` (``original_date=True``, only when no published date was found). The
    ``publishers`` table (by URL) supplies only the publisher and goes first, see `_LAYERS`. ``html-lang``
    gives the language.

    Args:
        tree: the page parsed by lxml (it is not modified).
        url: the page's URL as the caller knows it, or None.

    Returns:
        The metadata; `standfirst` is the page's description, which the caller drops when it merely repeats
        the first body paragraph.
    """
    page = _read_page(tree, url)
    meta = ArticleMetadata(language=_html_language(tree))
    if meta.language:
        meta.sources["language"] = "html-lang"
    for name, layer in _LAYERS:
        found = layer(page)
        _upgrade_dates(meta, found, name)
        meta.fill_missing(found, source=name)
        if name == "html" and meta.url and not page.url:
            page.url = meta.url  # the later, URL-driven layers can use the canonical URL
    # the library fallbacks run only when the page's own markup came up short; trafilatura's metadata costs
    # as much as its body extraction, so a missing date alone goes straight to htmldate
    if not (page.title_candidates and meta.authors and meta.publisher):
        found = _from_trafilatura(page, need_date=not meta.published)
        meta.fill_missing(found, source="trafilatura")
    if not meta.published:
        meta.fill_missing(_from_htmldate(page), source="htmldate")
    title, source = _pick_title(page)
    if title:
        meta.title, meta.sources["title"] = title, source
    if meta.standfirst and title and match_key(meta.standfirst) == match_key(title):
        meta.standfirst = None  # a description that only repeats the headline stands first of nothing
        meta.sources.pop("standfirst", None)
    return meta


# ---------------------------------------------------------------------------------------------------------------
# reading the page once


def _read_page(tree: HtmlElement, url: str | None) -> _Page:
    page = _Page(tree=tree, url=url)
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("http-equiv") or "").strip().lower()
        content = el.get("content")
        if key and content and content.strip():
            page.meta.setdefault(key, []).append(_clean_text(content))
    for script in tree.xpath('//script[@type="application/ld+json" or @type="application/json+ld"]'):
        for obj in _load_json_ld(script.text or ""):
            page.nodes.extend(_walk(obj))
    for node in page.nodes:
        node_id = node.get("@id")
        if isinstance(node_id, str) and len(node) > 2:  # a full node, not a bare {"@id": ...} reference
            page.by_id.setdefault(node_id, node)
    page.url = page.url or _first(page.meta, ("og:url",)) or _canonical(tree, None)
    publisher = publisher_for_url(page.url) if page.url else None
    if publisher is not None:
        page.country, page.publisher = publisher.country, publisher.name
    names = [*page.meta.get("og:site_name", []), *(n for n in [_ld_publisher(page, _article_node(page))] if n)]
    if page.publisher:
        names.append(page.publisher)
    host = (urlsplit(page.url).hostname or "") if page.url else ""
    if host:
        names.append(host.removeprefix("www."))
    page.site_names = [n for n in dict.fromkeys(names) if n]
    return page


def _load_json_ld(text: str) -> list:
    """Parse a JSON-LD script, tolerating trailing commas, control characters, entities and glued objects."""
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    text = text.removeprefix("<![CDATA[").removesuffix("]]>").strip()
    if not text:
        return []
    attempts = [text, _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))]
    attempts.append(_SINGLE_QUOTED.sub(lambda m: m.group(1) + json.dumps(m.group(2).replace("\\'", "'")), attempts[1]))
    if "&quot;" in text or "&#34;" in text:
        attempts.append(_TRAILING_COMMA.sub(r"\1", html.unescape(attempts[1])))
    decoder = json.JSONDecoder(strict=False)
    for candidate in attempts:
        objs, pos = [], 0
        candidate = candidate.strip()
        try:
            while pos < len(candidate):
                obj, end = decoder.raw_decode(candidate, pos)
                objs.append(obj)
                pos = end
                while pos < len(candidate) and candidate[pos] in " \t\r\n,;":
                    pos += 1
        except ValueError:
            if objs:
                return objs
            continue
        return objs
    LOGGER.debug("unreadable JSON-LD script: reading its fields one by one")
    return [_salvage_json_ld(text)]


def _salvage_json_ld(text: str) -> dict:
    """The main fields of a JSON-LD script no repair could parse, read with patterns."""
    node: dict = {}
    for key, value in _JSON_FIELD.findall(text):
        if key != "name":
            node.setdefault(key, _json_string(value))  # the first @type is the document's own
    for key in ("author", "publisher"):
        match = re.search(rf'"{key}"\s*:\s*(\[[^\]]*\]|\{{[^{{}}]*\}}|"(?:[^"\\]|\\.)*")', text)
        if match:
            names = [_json_string(n) for k, n in _JSON_FIELD.findall(match.group(1)) if k == "name"]
            node[key] = [{"name": n} for n in names] if names else match.group(1).strip('"')
    return node


def _json_string(escaped: str) -> str:
    try:
        return json.loads(f'"{escaped}"', strict=False)
    except ValueError:
        return escaped


def _walk(obj: object) -> Iterator[dict]:
    """Yield every dict in a JSON-LD document: the top objects, @graph members and nested values."""
    if isinstance(obj, list):
        for item in obj:
            yield from _walk(item)
    elif isinstance(obj, dict):
        yield obj
        for key, value in obj.items():
            if key != "@context" and isinstance(value, (dict, list)):
                yield from _walk(value)


def _types(node: dict) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)}


def _resolve(page: _Page, value: object) -> object:
    """Follow a bare ``{"@id": ...}`` reference to the full node in the page's graph."""
    if isinstance(value, dict) and "@id" in value and len(value) <= 2:
        return page.by_id.get(value["@id"], value)
    return value


def _article_node(page: _Page) -> dict | None:
    """The JSON-LD node that describes this article: an Article type, preferring one naming this page's URL."""
    articles = [n for n in page.nodes if _types(n) & ARTICLE_TYPES and (n.get("headline") or n.get("datePublished"))]
    if not articles:
        return None
    if page.url and len(articles) > 1:
        here = _url_key(page.url)
        for node in articles:
            if any(_url_key(u) == here for u in _ld_urls(node)):
                return node
    return articles[0]


def _page_node(page: _Page) -> dict | None:
    return next((n for n in page.nodes if _types(n) & PAGE_TYPES and not _types(n) & ARTICLE_TYPES), None)


# ---------------------------------------------------------------------------------------------------------------
# layer 1: JSON-LD


def _from_json_ld(page: _Page) -> ArticleMetadata:
    node = _article_node(page)
    found = ArticleMetadata()
    if node is None:
        node = _page_node(page)  # a bare WebPage still carries dates and a canonical URL
        if node is None:
            return found
        found.published = _first_date(page, [node.get("datePublished")])
        found.updated = _first_date(page, [node.get("dateModified")])
        found.url = _good_url(page, next(iter(_ld_urls(node)), None))
        return found
    headline = _text(node.get("headline")) or _text(node.get("name"))
    if headline:
        page.title_candidates.append(("json-ld", headline))
    found.publisher = _ld_publisher(page, node)
    found.authors = _clean_authors(_ld_names(page, node.get("author") or node.get("creator")), page)
    found.published = _first_date(page, [node.get("datePublished"), node.get("dateCreated")])
    found.updated = _first_date(page, [node.get("dateModified")])
    found.standfirst = _text(node.get("description"))
    found.url = _good_url(page, next(iter(_ld_urls(node)), None))
    found.language = _language_tag(_text(node.get("inLanguage")))
    return found


def _ld_urls(node: dict) -> Iterator[str]:
    for key in ("url", "mainEntityOfPage"):
        value = node.get(key)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str) and value.strip():
            yield value.strip()


def _ld_names(page: _Page, value: object) -> list[str]:
    """Names from a JSON-LD author value: a string, a Person or Organization object, a reference, or a list."""
    value = _resolve(page, value)
    if isinstance(value, list):
        return [name for item in value for name in _ld_names(page, item)]
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, (list, dict)):
            return _ld_names(page, name)
        if not name and (value.get("givenName") or value.get("familyName")):
            name = f"{_text(value.get('givenName')) or ''} {_text(value.get('familyName')) or ''}"
        return [name] if isinstance(name, str) else []
    return []


def _ld_publisher(page: _Page, node: dict | None) -> str | None:
    value = _resolve(page, node.get("publisher") or node.get("sourceOrganization")) if node else None
    if isinstance(value, list):
        value = _resolve(page, value[0]) if value else None
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, str) and not _URLISH.search(value):
        return _text(value)
    org = next((n for n in page.nodes if "newsmediaorganization" in _types(n) and n.get("name")), None)
    return _text(org.get("name")) if org else None


# ---------------------------------------------------------------------------------------------------------------
# layer 2: meta tags


def _from_meta_tags(page: _Page) -> ArticleMetadata:
    found = ArticleMetadata()
    for key in META_TITLE:
        for value in page.meta.get(key, []):
            page.title_candidates.append(("meta", value))
    found.publisher = _first(page.meta, META_SITE, reject=_URLISH.search)
    found.standfirst = _first(page.meta, META_DESCRIPTION)
    found.authors = _clean_authors(_meta_authors(page), page)
    found.published = _first_date(page, _values(page.meta, META_PUBLISHED))
    found.updated = _first_date(page, _values(page.meta, META_UPDATED))
    found.url = _good_url(page, _first(page.meta, ("og:url",))) or _canonical(page.tree, page)
    found.language = _language_tag(_first(page.meta, META_LANGUAGE))
    parsely = _parsely(page)
    if parsely:
        found.authors = found.authors or _clean_authors(_ld_names(page, parsely.get("authors")), page)
        found.published = found.published or _first_date(page, [parsely.get("pub_date")])
        if parsely.get("title"):
            page.title_candidates.append(("meta", _text(parsely["title"]) or ""))
    return found


def _meta_authors(page: _Page) -> list[str]:
    for key in META_AUTHOR:
        # a URL in article:author is a profile link, not a name; a handle is not a name either
        names = [v for v in page.meta.get(key, []) if not _URLISH.search(v) and not v.startswith("@")]
        if names:
            return names
    return []


def _parsely(page: _Page) -> dict | None:
    for key in ("parsely-page", "parsely-metadata"):
        for value in page.meta.get(key, []):
            loaded = _load_json_ld(html.unescape(value))
            if loaded and isinstance(loaded[0], dict):
                return loaded[0]
    return None


def _canonical(tree: HtmlElement, page: _Page | None) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            href = link.get("href").strip()
            return _good_url(page, href) if page is not None else href
    return None


# ---------------------------------------------------------------------------------------------------------------
# layer 3: HTML heuristics


def _from_html(page: _Page) -> ArticleMetadata:
    tree = page.tree
    found = ArticleMetadata()
    scope = article_element(tree)
    for h1 in _headline_elements(tree, scope):
        text = _element_text(h1)
        if text and len(text) < 400:
            page.title_candidates.append(("html", text))
            break
    title = tree.find(".//title")
    if title is not None and _element_text(title):
        page.title_candidates.append(("html-title", strip_site_name(_element_text(title), page.site_names)))
    found.authors = _clean_authors(_html_authors(tree, scope), page)
    times = [t for t in scope.iter("time") if t.get("datetime")]
    shown = _shown_dates(scope, page.country)
    # machine-readable values first; the page's visible date line can add a time zone they lack
    found.published = _first_date(page, [*_microdata(tree, "datePublished"), *_time_values(times, "publish"),
                                         *shown["published"], *(t.get("datetime") for t in times[:1])])
    found.updated = _first_date(page, [*_microdata(tree, "dateModified"), *_time_values(times, "modif", "updat"),
                                       *shown["updated"]])
    publisher = tree.xpath('//*[@itemprop="publisher"]//*[@itemprop="name"]')
    if publisher:
        found.publisher = publisher[0].get("content") or _element_text(publisher[0])
    return found


def article_element(tree: HtmlElement) -> HtmlElement:
    """Return the element holding the article: the longest <article>, the one around articleBody, <main> or <body>."""
    articles = tree.xpath("//article[not(ancestor::article)]")
    if articles:
        return max(articles, key=lambda a: sum(len(p.text_content()) for p in a.iter("p")))
    for xpath in ('//*[@itemprop="articleBody"]/ancestor::*[.//h1][1]', "//main", "//body"):
        found = tree.xpath(xpath)
        if found:
            return found[0]
    return tree


def _headline_elements(tree: HtmlElement, scope: HtmlElement) -> list[HtmlElement]:
    h1s = [*tree.xpath('//*[@itemprop="headline"]'), *scope.iter("h1"), *tree.iter("h1")]
    # a site logo set as <h1> (an image, a link home, class "logo") is no headline
    return [h for h in h1s if not h.xpath('.//img or .//a[@href="/"] or ancestor::a or ancestor-or-self::*['
                                          'contains(@class, "logo") or contains(@id, "logo")]')]


def _html_authors(tree: HtmlElement, scope: HtmlElement) -> list[str]:
    names = []
    for el in tree.xpath('//*[@itemprop="author"]'):
        if _in_comments(el):
            continue
        inner = el.xpath('.//*[@itemprop="name"]')
        target = inner[0] if inner else el
        names.append(target.get("content") or _element_text(target))
        if len(names) > 6:
            break
    if not names:
        names = [_element_text(a) for a in scope.xpath('.//a[contains(concat(" ", @rel, " "), " author ")]')
                 if not _in_comments(a)]
    if not names:
        for el in scope.iter():
            if isinstance(el.tag, str) and el.tag not in ("html", "body", "article", "main", "section") \
                    and _CLASS_BYLINE.search(el.get("class") or "") and not _in_comments(el):
                text = _element_text(el)
                parts = split_authors(text) if text and len(text) < 80 else []
                if _all_names(parts):
                    names.extend(parts)
                    break
    return [n for n in names if n and len(n) < 120]


def _in_comments(el: HtmlElement) -> bool:
    """Whether `el` sits in a comment thread or a form, where "author" classes name commenters and fields."""
    return bool(el.xpath('ancestor::form or ancestor::*[contains(@class, "comment") or contains(@id, "comment")]'))


def _all_names(parts: list[str]) -> bool:
    return bool(parts) and all(_looks_like_name(n) for n in parts)


def _looks_like_name(text: str) -> bool:
    """A loose check for a class-found byline: a few words, capitalized where the script has case."""
    words = re.sub(r"^(?:by|von|par|por|di|door)\s+", "", text.strip(), flags=re.I).split()
    words = [w for w in words if w.isalpha() or len(w) > 1]
    if not 1 <= len(words) <= 5:
        return False
    cased = [w for w in words if w[:1].isalpha() and w[:1].lower() != w[:1].upper()]
    lower = [w for w in cased if w[:1].islower() and w.lower() not in _NAME_PARTICLES]
    return not lower


def _microdata(tree: HtmlElement, prop: str) -> list[str]:
    return [el.get("content") or el.get("datetime") or _element_text(el)
            for el in tree.xpath("//*[@itemprop=$prop]", prop=prop)]


def _time_values(times: list[HtmlElement], *hints: str) -> list[str]:
    """`<time datetime>` values whose class or attributes name the field (``pubdate`` marks publication)."""
    published = hints[0] == "publish"
    return [t.get("datetime") for t in times if any(h in " ".join(t.attrib.values()).lower() for h in hints)
            or (published and "pubdate" in t.attrib)]


def _shown_dates(scope: HtmlElement, country: str | None) -> dict[str, list[str]]:
    """Dates from the article's visible date lines ("Published June 19, 2025 at 8:30 a.m. EDT | Updated ...")."""
    shown: dict[str, list[str]] = {"published": [], "updated": []}
    for el in _DATE_CLASS(scope)[:MAX_DATE_ELEMENTS]:
        text = _element_text(el)
        if text and len(text) <= MAX_DATE_LINE:
            for dateline in parse_datelines(text, country=country):
                shown[dateline.kind].append(dateline.value)
    return shown


# ---------------------------------------------------------------------------------------------------------------
# layer 4: URL, trafilatura, htmldate


def _from_publishers(page: _Page) -> ArticleMetadata:
    return ArticleMetadata(publisher=page.publisher)


def _from_trafilatura(page: _Page, *, need_date: bool) -> ArticleMetadata:
    from trafilatura import extract_metadata  # imported here: the fallback runs on few pages

    date_config = {"original_date": True, "extensive_search": need_date,
                   "max_date": datetime.now(timezone.utc).strftime("%Y-%m-%d")}
    try:
        doc = extract_metadata(page.tree, default_url=page.url, date_config=date_config, extensive=need_date)
    except Exception as exc:  # noqa: BLE001 - a fallback must never sink the article
        LOGGER.debug("trafilatura metadata failed: %s", exc)
        return ArticleMetadata()
    if doc.title:
        page.title_candidates.append(("trafilatura", strip_site_name(doc.title, page.site_names)))
    # trafilatura's author comes from anywhere on the page (a ClaimReview's claimant, a comment): names only
    authors = [a for part in (doc.author or "").split(";") for a in split_authors(part)]
    authors = authors if _all_names(authors) and all(_named_outside_comments(page.tree, a) for a in authors) else []
    found = ArticleMetadata(
        publisher=doc.sitename if doc.sitename and not _URLISH.search(doc.sitename) else None,
        authors=_clean_authors(authors, page), url=_good_url(page, doc.url),
        published=_first_date(page, [doc.date]) if need_date else None,
    )
    found.sources["published"] = "htmldate"  # trafilatura's date is htmldate's, run with original_date=True
    return found


def _named_outside_comments(tree: HtmlElement, name: str) -> bool:
    """Whether `name` appears in the page other than in a comment thread (or only in attributes and meta tags)."""
    hits = tree.xpath("//body//*[contains(text(), $name)]", name=name)
    return not hits or any(not _in_comments(el) for el in hits)


def _from_htmldate(page: _Page) -> ArticleMetadata:
    from htmldate import find_date  # imported here: the fallback runs on few pages

    try:
        value = find_date(page.tree, original_date=True, url=page.url,
                          max_date=datetime.now(timezone.utc).strftime("%Y-%m-%d"))
    except Exception as exc:  # noqa: BLE001 - a fallback must never sink the article
        LOGGER.debug("htmldate failed: %s", exc)
        return ArticleMetadata()
    return ArticleMetadata(published=_first_date(page, [value]))


# The publisher table comes first although it is a URL fallback for everything else: it only supplies the
# publisher, and for a known domain its curated name beats what the markup says (Reuters' og:site_name is
# "U.S."; a paper's JSON-LD names the wire service it republished).
_LAYERS: tuple[tuple[str, Callable[[_Page], ArticleMetadata]], ...] = (
    ("publishers", _from_publishers), ("json-ld", _from_json_ld), ("meta", _from_meta_tags), ("html", _from_html),
)


# ---------------------------------------------------------------------------------------------------------------
# titles


def strip_site_name(title: str, site_names: Iterable[str]) -> str:
    """Return `title` without a leading or trailing site name ("Headline | Site", "Site - Headline").

    Args:
        title: a page title or og:title.
        site_names: names the site goes by (og:site_name, the publisher, the host name).
    """
    keys = {_site_key(n) for n in site_names if n}
    keys.discard("")
    for sep in TITLE_SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        if head.strip() and _matches_site(tail, keys):
            return head.strip()
        first, _, rest = title.partition(sep)
        if rest.strip() and _matches_site(first, keys):
            return rest.strip()
    return title


def _site_key(name: str) -> str:
    name = name.casefold().removeprefix("www.")
    name = re.sub(r"\.(com|net|org|co|in|uk|us|ca|de|fr|it|ru|br|kr|au)\b", "", name)
    return re.sub(r"[^\w]+", "", name.removeprefix("the "))


def _matches_site(part: str, keys: set[str]) -> bool:
    key = _site_key(part)
    # "WSJ" in "WSJ Online" is the site; "wday" inside a whole headline is not
    return bool(key) and any(key == k or (len(k) > 3 and len(key) <= len(k) + 12 and (k in key or key in k))
                             for k in keys)


def _pick_title(page: _Page) -> tuple[str | None, str]:
    """Choose the headline: the candidate most sources agree on, else the first by layer; never a truncated one."""
    candidates = [(layer, _clean_title(t, page)) for layer, t in page.title_candidates]
    candidates = [(layer, t) for layer, t in candidates if t]
    if not candidates:
        return None, ""
    keys = [match_key(t) for _, t in candidates]
    # votes are layers, not tags: og:title and twitter:title saying the same thing is one source
    # and the <title> and trafilatura are only fallbacks: they copy og:title or the h1 too often to be witnesses
    votes = [len({layer for (layer, _), k in zip(candidates, keys) if k == key and layer in _TITLE_WITNESSES})
             for key in keys]
    best = max(range(len(candidates)), key=lambda i: (votes[i], -i))
    layer, title = candidates[best]
    if title.endswith(("...", "…")):  # a shortened copy: a full candidate that starts the same way wins
        stem = match_key(title.rstrip(".… "))
        title, layer = next(((t, lay) for lay, t in candidates if match_key(t).startswith(stem) and
                             not t.endswith(("...", "…"))), (title, layer))
    return title, layer


def _clean_title(title: str, page: _Page) -> str:
    title = _SPACE.sub(" ", html.unescape(title)).strip()
    if any(_site_key(title) == _site_key(name) for name in page.site_names):
        return ""  # the site's name (a logo set as <h1>) is no headline
    stripped = strip_site_name(title, page.site_names)
    if stripped != title:
        return stripped
    # an unknown prefix or suffix ("Opinion | Headline"): keep the part another headline source gives alone
    others = {match_key(t) for layer, t in page.title_candidates if t != title and layer != "html-title"}
    for sep in TITLE_SEPARATORS:
        if sep in title:
            head, _, tail = title.rpartition(sep)
            first, _, rest = title.partition(sep)
            for piece in (head, tail, first, rest):
                if piece.strip() and match_key(piece) in others:
                    return piece.strip()
    return title


def match_key(text: str) -> str:
    """Return the key under which two spellings of one line compare equal: case-folded, letters and digits only.

    Headlines, descriptions, captions and body lines differ in quotes, dashes and spacing between sources.
    """
    return _NON_WORD.sub("", text.casefold())


# ---------------------------------------------------------------------------------------------------------------
# dates


def normalize_date(value: str | None, *, country: str | None = None) -> str | None:
    """Return an ISO 8601 date or datetime at the source's precision, or None when `value` is no plausible date.

    ISO forms keep their offset (``Z`` becomes ``+00:00``, ``+0530`` becomes ``+05:30``) and their precision:
    a date-only value stays a date and a time without an offset stays without one. Epoch seconds are read as
    UTC. Other wording goes to `wirewatch.clean.dates.parse_timestamp` with the publisher's country.

    Args:
        value: the date as the page writes it.
        country: the publisher's ISO country code, for day/month order and time zones.
    """
    if not value or not isinstance(value, str):
        return None
    text = value.strip()
    if _EPOCH.fullmatch(text):
        seconds = int(text[:10])
        result: str | None = datetime.fromtimestamp(seconds, timezone.utc).isoformat()
    elif (match := _ISO_DATE.match(text)) and match.end() == len(text):
        result = _iso_from_match(match)
    else:
        try:
            result = parse_timestamp(text, country=country)
        except (ValueError, OverflowError):
            result = None
        if result is None and match:  # ISO followed by words the parser does not know: the ISO part stands
            result = _iso_from_match(match)
    return result if result and _plausible(result) else None


def _iso_from_match(match: re.Match) -> str | None:
    year, month, day, hour, minute, second, offset = match.groups()
    date = f"{year}-{month}-{day}"
    if hour is None:
        result = date
    else:
        result = f"{date}T{int(hour):02d}:{minute}" + (f":{second}" if second else "")
        if offset:
            offset = offset.upper()
            if offset in ("Z", "UTC", "GMT"):
                offset = "+00:00"
            elif len(offset) == 3:
                offset += ":00"
            elif ":" not in offset:
                offset = f"{offset[:3]}:{offset[3:]}"
            result += offset
    try:
        datetime.fromisoformat(result)
    except ValueError:
        return None
    return result


def _plausible(value: str) -> bool:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return False
    latest = datetime.now(timezone.utc) + timedelta(days=2)
    return _EARLIEST_YEAR <= parsed.year and parsed.replace(tzinfo=None) <= latest.replace(tzinfo=None)


def _first_date(page: _Page, values: Iterable[object]) -> str | None:
    """The first plausible date among `values`, made more precise by later ones that agree with it."""
    best = None
    for value in values:
        date = normalize_date(value, country=page.country) if isinstance(value, str) else None
        if date and (best is None or _more_precise(best, date)):
            best = date
    return best


def _precision(value: str) -> int:
    return 0 if "T" not in value else 2 if re.search(r"(?:[+-]\d{2}:\d{2})$", value) else 1


def _more_precise(old: str, new: str) -> bool:
    """Whether `new` states the same moment as `old` with more detail (a time, or an offset for the same time)."""
    if _precision(new) <= _precision(old) or new[:10] != old[:10]:
        return False
    return "T" not in old or new[11:16] == old[11:16]


def _upgrade_dates(meta: ArticleMetadata, found: ArticleMetadata, layer: str) -> None:
    for name in ("published", "updated"):
        old, new = getattr(meta, name), getattr(found, name)
        if old and new and _more_precise(old, new):
            setattr(meta, name, new)
            meta.sources[name] = layer


# ---------------------------------------------------------------------------------------------------------------
# small helpers


def _clean_authors(names: Iterable[str], page: _Page) -> list[str]:
    """Split, clean and de-duplicate author names (case-insensitively, first spelling and order kept)."""
    out: dict[str, str] = {}
    for raw in names:
        text = _text(raw)
        if not text or _URLISH.search(text):
            continue
        for part in split_authors(text):
            name = clean_author(part, publisher=page.publisher or (page.site_names[0] if page.site_names else None))
            if name and not any(_site_key(name) == _site_key(s) for s in page.site_names):
                out.setdefault(name.casefold(), name)
    return list(out.values())


def _good_url(page: _Page | None, value: str | None) -> str | None:
    """An absolute http(s) URL for this article, or None for a home page or a non-web value."""
    if not value or not isinstance(value, str):
        return None
    base = page.url if page is not None else None
    url = urljoin(base, value.strip()) if base else value.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if base:
        # a canonical pointing at the home page or a section above this page says nothing about the article
        base_path, path = urlsplit(base).path.rstrip("/"), parts.path.rstrip("/")
        if not parts.query and len(path) < len(base_path) and base_path.startswith(path + "/"):
            return None
    return url.partition("#")[0]


def _url_key(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc.removeprefix("www.") + parts.path.rstrip("/")).lower()


def _html_language(tree: HtmlElement) -> str | None:
    root = tree.getroottree().getroot()
    return _language_tag(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"))


def _language_tag(value: str | None) -> str | None:
    """The lower-cased primary subtag of a language tag ("en-US" and "en_US" give "en")."""
    if not value:
        return None
    primary = re.split(r"[-_\s,;]", value.strip(), maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _values(meta: dict[str, list[str]], keys: Iterable[str]) -> list[str]:
    return [v for key in keys for v in meta.get(key, [])]


def _first(meta: dict[str, list[str]], keys: Iterable[str],
           reject: Callable[[str], object] | None = None) -> str | None:
    return next((v for v in _values(meta, keys) if not (reject and reject(v))), None)


def _text(value: object) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str):
        return None
    return _clean_text(value) or None


def _clean_text(value: str) -> str:
    return _SPACE.sub(" ", _TAGS.sub(" ", html.unescape(html.unescape(value)))).strip()


def _element_text(el: HtmlElement) -> str:
    return _SPACE.sub(" ", " ".join(el.itertext())).strip()
