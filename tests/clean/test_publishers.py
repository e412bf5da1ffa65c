"""Tests for wirewatch.clean.publishers: the outlet table, URL lookups and country fallbacks."""
from __future__ import annotations

import socket
from importlib.resources import files

import pytest

from wirewatch.clean import publishers
from wirewatch.clean.publishers import (
    Publisher,
    country_for_url,
    publisher_for_url,
    publisher_in_asset_url,
)


def _table_rows() -> list[list[str]]:
    text = files("wirewatch.clean").joinpath("data", "publishers.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_table_shape() -> None:
    rows = _table_rows()
    assert rows[0] == ["domain", "name", "country"]
    body = rows[1:]
    assert len(body) >= 400
    assert all(len(row) == 3 for row in body)
    domains = [row[0] for row in body]
    assert len(domains) == len(set(domains)), "a domain is listed twice"
    assert all(d == d.lower().strip() and "." in d and "/" not in d and " " not in d for d in domains)
    assert all(row[1].strip() == row[1] != "" for row in body)
    assert all(row[2] == "" or (len(row[2]) == 2 and row[2].isupper()) for row in body)


@pytest.mark.parametrize(("url", "name", "country", "domain"), [
    ("https://www.businesstoday.in/markets/story/sensex-today-123.html", "Business Today", "IN", "businesstoday.in"),
    ("https://www.indiatoday.in/india/story/x-1", "India Today", "IN", "indiatoday.in"),
    ("https://www.hindustantimes.com/india-news/x", "Hindustan Times", "IN", "hindustantimes.com"),
    ("https://timesofindia.indiatimes.com/city/x.cms", "The Times of India", "IN", "timesofindia.indiatimes.com"),
    ("https://economictimes.indiatimes.com/markets/x", "The Economic Times", "IN", "economictimes.indiatimes.com"),
    ("https://www.dawn.com/news/1800000", "Dawn", "PK", "dawn.com"),
    ("https://tribune.com.pk/story/1", "The Express Tribune", "PK", "tribune.com.pk"),
    ("https://www.geo.tv/latest/1", "Geo News", "PK", "geo.tv"),
    ("https://edition.cnn.com/2024/03/04/world/x", "CNN", "US", "edition.cnn.com"),
    ("https://us.cnn.com/2024/03/04/world/x", "CNN", "US", "cnn.com"),
    ("https://amp.theguardian.com/world/x", "The Guardian", "GB", "theguardian.com"),
    ("https://www.bbc.co.uk/news/x", "BBC News", "GB", "bbc.co.uk"),
    ("www.reuters.com/world/x", "Reuters", "GB", "reuters.com"),
    ("apnews.com", "Associated Press", "US", "apnews.com"),
    ("HTTPS://WWW.NYTIMES.COM/2024/x.html", "The New York Times", "US", "nytimes.com"),
    ("https://www.irishtimes.com/news/x", "The Irish Times", "IE", "irishtimes.com"),
    ("https://www.smh.com.au/national/x", "The Sydney Morning Herald", "AU", "smh.com.au"),
])
def test_publisher_for_url(url: str, name: str, country: str, domain: str) -> None:
    assert publisher_for_url(url) == Publisher(name=name, country=country, domain=domain)


@pytest.mark.parametrize("url", [
    "https://unknown-outlet.example/story",
    "https://indiatimes.example/x",
    "not a url",
    "",
    "https://co.uk/",
    "http://[::1]:8080/x",
])
def test_publisher_for_url_unknown(url: str) -> None:
    assert publisher_for_url(url) is None


@pytest.mark.parametrize(("url", "name"), [
    ("https://img.cdn-host.example/businesstoday/2023-04/logo.png", "Business Today"),
    ("https://static.cdn-host.example/images/hindustantimes/logo.svg", "Hindustan Times"),
    ("https://timesofindia.cdn-host.example/photo/1.jpg", "The Times of India"),
    ("https://cdn-host.example/hindustantimes/businesstoday/logo.png", "Hindustan Times"),  # longer stem wins
    ("https://images.dawn.com/logo.png", "Dawn"),  # the host itself is the outlet's
])
def test_publisher_in_asset_url(url: str, name: str) -> None:
    found = publisher_in_asset_url(url)
    assert found is not None and found.name == name


@pytest.mark.parametrize("url", [
    "https://img.cdn-host.example/news/2023-04/logo.png",  # an ordinary word, not an outlet
    "https://img.cdn-host.example/businesstoday-archive/logo.png",  # not a whole segment
    "https://img.cdn-host.example/mybusinesstoday/logo.png",  # a substring only
    "https://img.cdn-host.example/assets/logo.png",
    "https://img.cdn-host.example/edition/logo.png",  # an edition subdomain is no stem
])
def test_publisher_in_asset_url_needs_whole_distinct_stem(url: str) -> None:
    assert publisher_in_asset_url(url) is None


@pytest.mark.parametrize(("url", "country"), [
    ("https://www.thehindu.com/news/x", "IN"),
    ("https://news.example.in/x", "IN"),
    ("https://www.example.co.in/x", "IN"),
    ("https://www.example.co.uk/x", "GB"),
    ("https://example.com.pk/x", "PK"),
    ("https://example.ie/x", "IE"),
    ("https://example.com.au/x", "AU"),
    ("https://example.com/x", None),
    ("https://example.org/x", None),
    ("https://example.tv/x", None),
    ("https://example.io/x", None),
    ("https://example.eu/x", None),
    ("", None),
])
def test_country_for_url(url: str, country: str | None) -> None:
    assert country_for_url(url) == country


def test_publisher_name_is_never_invented_from_a_domain() -> None:
    assert publisher_for_url("https://www.businesstoday.in/x").name == "Business Today"
    assert publisher_for_url("https://www.dailyexample-news.com/x") is None


def test_lookups_never_touch_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    publishers._extractor.cache_clear()
    publishers._split_host.cache_clear()
    publishers._publishers.cache_clear()
    publishers._publishers_by_stem.cache_clear()
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert publisher_for_url("https://www.thehindu.com/news/x") is not None
    assert country_for_url("https://example.com.pk/x") == "PK"
    assert publisher_in_asset_url("https://cdn-host.example/hindustantimes/logo.png") is not None
