"""URL ingest: pages are fetched only from public addresses, with every hop checked; no real network is used.

Requests go through `httpx.MockTransport`, and names resolve through a table passed as the resolver, so each
test sees exactly which address wirewatch would have connected to.
"""
from __future__ import annotations

import ipaddress

import httpx
import pytest

from wirewatch.errors import InputError
from wirewatch.ingest import read_inputs
from wirewatch.ingest.fetch import check_address, fetch_url

PUBLIC_IP = "93.184.216.34"
PAGE = b"<html><head><title>Harbour fire</title></head><body><p>The night terminal closed.</p></body></html>"
DNS = {"news.example": [PUBLIC_IP], "intranet.example": ["10.0.0.7"], "mixed.example": [PUBLIC_IP, "192.168.1.9"],
       "v6.example": ["2606:4700::6810:84e5"]}


def resolve(host: str, port: int) -> list[str]:
    if host in DNS:
        return DNS[host]
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        raise OSError(f"unknown host {host}") from None


def html(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/html; charset=utf-8"}, content=PAGE)


def refused(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"no request should have been sent, got one to {request.url}")


def fetch(url: str, handler=html, **options):  # type: ignore[no-untyped-def]
    return fetch_url(url, transport=httpx.MockTransport(handler), resolve=resolve, **options)


def test_fetches_a_public_page_through_the_checked_address() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return html(request)

    article = fetch("https://news.example/2026/harbour-fire", handler)
    assert article.kind == "html" and article.content.encode() == PAGE
    assert article.url == article.source_id == article.origin == "https://news.example/2026/harbour-fire"
    [request] = seen
    # Connected to the IP that was checked; the name travels in the Host header and the TLS server name.
    assert request.url.host == PUBLIC_IP
    assert request.headers["host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"


def test_ipv6_hosts_are_connected_to_by_address() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return html(request)

    fetch("http://v6.example/a", handler)
    assert seen[0].url.host == "2606:4700::6810:84e5" and seen[0].headers["host"] == "v6.example"


def test_each_hop_is_resolved_once_so_a_rebinding_name_cannot_switch_address() -> None:
    answers = iter([[PUBLIC_IP], ["127.0.0.1"]])  # a rebinding DNS server: public first, loopback after
    calls: list[str] = []
    seen: list[httpx.Request] = []

    def rebinding(host: str, port: int) -> list[str]:
        calls.append(host)
        return next(answers)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return html(request)

    fetch_url("http://rebind.example/", transport=httpx.MockTransport(handler), resolve=rebinding)
    assert calls == ["rebind.example"] and seen[0].url.host == PUBLIC_IP


@pytest.mark.parametrize("url, address", [
    ("http://127.0.0.1/admin", "127.0.0.1"),
    ("http://10.1.2.3/", "10.1.2.3"),
    ("http://intranet.example/wiki", "10.0.0.7"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
    ("http://[::1]:8080/", "::1"),
    ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1"),
    ("http://[fe80::1]/", "fe80::1"),
    ("http://0.0.0.0/", "0.0.0.0"),
    ("http://224.0.0.1/", "224.0.0.1"),
    ("http://240.0.0.1/", "240.0.0.1"),
    ("http://100.64.0.1/", "100.64.0.1"),
    ("http://mixed.example/", "192.168.1.9"),
])
def test_private_and_special_addresses_are_refused(url: str, address: str) -> None:
    with pytest.raises(InputError, match="not a public address") as error:
        fetch(url, refused)
    assert error.value.source == url and address in str(error.value)


def test_localhost_is_refused_with_the_system_resolver() -> None:
    with pytest.raises(InputError, match="localhost resolves to .* not a public address"):
        fetch_url("http://localhost:8000/", transport=httpx.MockTransport(refused))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://news.example/a.txt", "gopher://news.example/"])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(InputError, match="only http and https"):
        fetch(url, refused)


def test_a_redirect_to_a_private_address_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.host == PUBLIC_IP, "the private hop must never be requested"
        return httpx.Response(302, headers={"location": "http://intranet.example/secrets"})

    with pytest.raises(InputError, match="intranet.example resolves to 10.0.0.7") as error:
        fetch("https://news.example/story", handler)
    assert error.value.source == "https://news.example/story"


def test_a_redirect_to_another_scheme_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(301, headers={"location": "file:///etc/passwd"})

    with pytest.raises(InputError, match="only http and https .*redirected to file:/etc/passwd"):
        fetch("http://news.example/story", handler)


def test_public_redirects_are_followed_and_give_the_final_url() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/short":
            return httpx.Response(301, headers={"location": "/2026/long-story"})
        return html(request)

    assert fetch("http://news.example/short", handler).url == "http://news.example/2026/long-story"


def test_redirect_loops_end() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "/again"})

    with pytest.raises(InputError, match="more than 5 redirects"):
        fetch("http://news.example/", handler)


def test_an_oversize_body_is_refused_whether_declared_or_not() -> None:
    def declared(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/html", "content-length": "50000000"},
                              content=b"")

    def streamed(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/plain"},
                              stream=httpx.ByteStream(b"x" * 4096))

    with pytest.raises(InputError, match="47.7 MB, over the 10.0 MB limit"):
        fetch("http://news.example/huge", declared)
    with pytest.raises(InputError, match="over the 1,000 bytes limit"):
        fetch("http://news.example/long", streamed, max_bytes=1000)


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/json", ""])
def test_content_that_is_not_html_or_text_is_refused(content_type: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"content-type": content_type} if content_type else {}
        return httpx.Response(200, headers=headers, content=b"%PDF-1.7")

    with pytest.raises(InputError, match="not HTML or text"):
        fetch("http://news.example/file", handler)


def test_http_errors_and_unreachable_hosts_name_the_url() -> None:
    def missing(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404)

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(InputError, match="answered 404 Not Found"):
        fetch("http://news.example/gone", missing)
    with pytest.raises(InputError, match="could not fetch .*connection refused"):
        fetch("http://news.example/", down)
    with pytest.raises(InputError, match="cannot resolve nowhere.example"):
        fetch("http://nowhere.example/", refused)


def test_a_declared_charset_is_honoured() -> None:
    def latin1(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/plain; charset=iso-8859-1"},
                              content="Caf\u00e9 owners protest new tax".encode("latin-1"))

    article = fetch("http://news.example/cafe.txt", latin1)
    assert article.kind == "text" and article.content == "Caf\u00e9 owners protest new tax"


def test_check_address_accepts_public_addresses() -> None:
    assert str(check_address("http://x/", "x", PUBLIC_IP)) == PUBLIC_IP
    assert str(check_address("http://x/", "x", "2606:4700::6810:84e5")) == "2606:4700::6810:84e5"


def test_read_inputs_fetches_url_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    import wirewatch.ingest.fetch as fetch_module

    monkeypatch.setattr(fetch_module, "fetch_url", lambda url: fetch(url))
    [article] = read_inputs(["https://news.example/2026/harbour-fire"])
    assert not isinstance(article, InputError) and article.url == "https://news.example/2026/harbour-fire"


def test_read_inputs_turns_a_refused_url_into_an_error_and_goes_on(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "story.txt"
    path.write_text("Harbour fire\n\nThe night terminal closed after a fire on Monday.\n", encoding="utf-8")
    first, second = read_inputs(["http://127.0.0.1:9/admin", str(path)])
    assert isinstance(first, InputError) and first.source == "http://127.0.0.1:9/admin"
    assert not isinstance(second, InputError) and second.source_id == "story.txt"


def test_a_body_that_stalls_mid_read_is_an_input_error() -> None:
    class StallingStream(httpx.SyncByteStream):
        def __iter__(self):  # type: ignore[no-untyped-def]
            yield b"<html><body><p>The night"
            raise httpx.ReadTimeout("read timed out")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/html"}, stream=StallingStream())

    with pytest.raises(InputError, match="timed out after 20 s fetching http://news.example/slow"):
        fetch("http://news.example/slow", handler)
