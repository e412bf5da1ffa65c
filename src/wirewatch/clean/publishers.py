"""News outlets by domain: who published a URL, and which country its dates and zones should be read for.

The table is package data (`data/publishers.tsv`: domain, name as the outlet writes itself, ISO 3166-1 country),
loaded once on first use. Registered domains come from tldextract's bundled public-suffix snapshot, never from
the network.

Feeds the record's `publisher` field, and the `country` that `dates` and `byline` use to read a page.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Final
from urllib.parse import urlsplit

import tldextract

__all__ = ["Publisher", "country_for_url", "publisher_for_url", "publisher_in_asset_url"]

# Country-code TLDs sold as generic names (.tv, .io, .co ...): they say nothing about where an outlet is.
VANITY_CCTLDS: Final[frozenset[str]] = frozenset({
    "ac", "ad", "ag", "ai", "am", "as", "bz", "cc", "cd", "co", "dj", "fm", "gg", "gl", "im", "io", "je", "la",
    "ly", "me", "ms", "mu", "nu", "sh", "so", "st", "tk", "to", "tv", "vc", "ws",
})
# Domain stems that are ordinary words, so a CDN path segment of that name does not point at the outlet.
GENERIC_STEMS: Final[frozenset[str]] = frozenset({
    "news", "time", "times", "today", "sun", "star", "post", "mirror", "express", "nation", "standard", "world",
    "media", "live", "daily", "online", "global", "citizen", "herald", "tribune", "guardian", "independent",
    "metro", "people", "science", "nature", "inc", "fortune", "wired", "insider", "island", "mercury", "statesman",
    "dispatch", "newsroom", "interest", "leadership", "legit", "pulse", "monitor", "capitalfm", "devex", "vox",
    "polygon", "deadline", "variety", "slate", "salon", "axios", "entrepreneur", "forbes", "space", "stuff",
    "frontline", "business", "finance", "english", "edition",
})
_TABLE: Final = "publishers.tsv"
_MIN_STEM_LENGTH: Final = 3
_MIN_SUBDOMAIN_STEM: Final = 8


@dataclass(frozen=True)
class Publisher:
    """A news outlet as the publisher table knows it.

    Args:
        name: the outlet's name as it writes itself ("The Guardian", "Business Today").
        country: its ISO 3166-1 alpha-2 code, or None for international bodies.
        domain: the table's domain for it ("theguardian.com", "timesofindia.indiatimes.com").
    """

    name: str
    country: str | None
    domain: str


def publisher_for_url(url: str) -> Publisher | None:
    """Return the outlet a URL (or bare host) belongs to, matching the most specific domain in the table.

    "https://edition.cnn.com/x" finds cnn.com; "timesofindia.indiatimes.com" is its own row and wins over
    indiatimes.com. Lookups climb from the full host to the registered domain, never above it. A domain not in
    the table gives None: no name is made up from a domain ("dailyexample.com" -> "Daily Example").

    Args:
        url: an article URL, with or without scheme, or a host name.

    Returns:
        The publisher, or None when no domain of the host is in the table.
    """
    host = _host(url)
    if not host:
        return None
    registered = _split_host(host).top_domain_under_public_suffix
    if not registered:
        return None
    table = _publishers()
    for candidate in _parent_domains(host, registered):
        if candidate in table:
            return table[candidate]
    return None


def publisher_in_asset_url(url: str) -> Publisher | None:
    """Return the outlet an image or logo URL points at, by its host or by a domain stem in the host or path.

    "https://img.cdn-host.example/businesstoday/2023-04/logo.png" finds Business Today: its stem "businesstoday"
    is a whole path segment. Only whole host labels and path segments count, never substrings; when several
    stems match, the longest wins. Stems that are ordinary words ("news", "times") or shared by several outlets
    are not used.

    Args:
        url: the asset's URL.

    Returns:
        The publisher, or None when neither the host nor any label or segment names a known outlet.
    """
    direct = publisher_for_url(url)
    if direct is not None:
        return direct
    parts = urlsplit(url if "//" in url else "//" + url)
    stems = _publishers_by_stem()
    words = {*(parts.hostname or "").split("."), *parts.path.lower().split("/")}
    longest = max((word for word in words if word in stems), key=lambda word: (len(word), word), default=None)
    return stems[longest] if longest else None


def country_for_url(url: str) -> str | None:
    """Return the country of the outlet behind a URL: the table's, else its country-code TLD's.

    Args:
        url: an article URL or host.

    Returns:
        An ISO 3166-1 alpha-2 code (".in" -> IN, ".co.uk" -> GB, ".com.pk" -> PK), or None for generic TLDs
        (.com, .org, .news), vanity ccTLDs (.tv, .io) and hosts that cannot be read.
    """
    publisher = publisher_for_url(url)
    if publisher is not None and publisher.country:
        return publisher.country
    host = _host(url)
    if not host:
        return None
    suffix = _split_host(host).suffix
    code = suffix.rsplit(".", 1)[-1] if suffix else ""
    if len(code) != 2 or not code.isalpha() or code in VANITY_CCTLDS or code == "eu":
        return None
    return "GB" if code == "uk" else code.upper()


@cache
def _publishers() -> dict[str, Publisher]:
    """Return the publisher table by domain, read once from package data."""
    table: dict[str, Publisher] = {}
    text = files("wirewatch.clean").joinpath("data", _TABLE).read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    next(lines)  # the header row
    for line in lines:
        domain, name, country = (line.split("\t") + ["", ""])[:3]
        domain = domain.strip().lower()
        table[domain] = Publisher(name=name.strip(), country=country.strip().upper() or None, domain=domain)
    return table


@cache
def _publishers_by_stem() -> dict[str, Publisher]:
    """Return the publishers whose domain stems are distinctive, by stem; stems shared by two outlets are left out."""
    by_stem: dict[str, Publisher] = {}
    shared: set[str] = set()
    for publisher in _publishers().values():
        for stem in _stems(publisher.domain):
            if stem in by_stem and by_stem[stem].name != publisher.name:
                shared.add(stem)
            by_stem.setdefault(stem, publisher)
    return {stem: p for stem, p in by_stem.items() if stem not in shared}


def _stems(domain: str) -> list[str]:
    """Return a table domain's distinctive stems: its registered name ("businesstoday") and a long subdomain label.

    A subdomain counts only when it is long enough to be a brand ("timesofindia"), not an edition ("edition", "uk").
    """
    extracted = _split_host(domain)
    subdomain = extracted.subdomain.split(".")[0] if extracted.subdomain else ""
    candidates = [extracted.domain.lower()] + ([subdomain.lower()] if len(subdomain) >= _MIN_SUBDOMAIN_STEM else [])
    return [stem for stem in candidates
            if len(stem) >= _MIN_STEM_LENGTH and stem not in GENERIC_STEMS and not stem.isdigit()]


def _parent_domains(host: str, registered: str) -> list[str]:
    """Return the host and each parent domain down to the registered domain, most specific first."""
    labels = host.split(".")
    depth = registered.count(".") + 1
    return [".".join(labels[i:]) for i in range(len(labels) - depth + 1)]


def _host(url: str) -> str:
    """Return the lower-case host of a URL or bare host, without a leading "www." and trailing dot."""
    parts = urlsplit(url.strip() if "//" in url else "//" + url.strip())
    host = (parts.hostname or "").rstrip(".")
    return host.removeprefix("www.")


@lru_cache(maxsize=4096)
def _split_host(host: str) -> tldextract.tldextract.ExtractResult:
    """Return a host split into subdomain, registered name and public suffix; one article asks for a few hosts often."""
    return _extractor()(host)


@cache
def _extractor() -> tldextract.TLDExtract:
    """Return a tldextract reader that uses only its bundled suffix snapshot: no download, no cache directory."""
    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)
