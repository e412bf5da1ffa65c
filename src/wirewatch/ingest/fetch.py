"""Fetching an article from a URL, refusing anything that could reach the machine's own network.

A URL from a user or an API caller must not make wirewatch a proxy into private services (SSRF): cloud metadata
at 169.254.169.254, an admin page on localhost, a database on 10.0.0.5. So every hop, the first request and each
redirect, is checked the same way: http or https only, and the host's addresses all public.

DNS rebinding (a name that resolves to a public address when checked and a private one when connected) is closed
by resolving each host once, checking that answer, and connecting to the checked IP itself: the URL's host is
replaced by the IP, the Host header keeps the name, and for HTTPS the TLS server name (SNI, and so the
certificate check) stays the name too. httpx never resolves the name on its own. Proxies from the environment are
ignored for the same reason: through a proxy, the address checked would not be the one reached.
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

import httpx

from wirewatch.errors import InputError
from wirewatch.ingest.raw import RawArticle
from wirewatch.ingest.readers import MAX_INPUT_BYTES, _raw_from_bytes

DEFAULT_TIMEOUT = 20.0
MAX_REDIRECTS = 5
URL_SCHEMES = ("http", "https")
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
USER_AGENT = "wirewatch"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]


def fetch_url(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = MAX_INPUT_BYTES,
              transport: httpx.BaseTransport | None = None, resolve: Resolver | None = None) -> RawArticle:
    """Download one web page or text file and return it as a raw article.

    Args:
        url: an http or https URL.
        timeout: seconds allowed for connecting and for each read.
        max_bytes: largest body accepted (after decompression).
        transport: the httpx transport to send requests through (tests pass a mock one).
        resolve: host, port -> IP addresses; the system resolver by default.

    Raises:
        InputError: naming the URL, when it is refused (scheme, private address, type, size) or cannot be fetched.
    """
    resolver = resolve or _system_resolve
    current = _parse(url, url)
    with httpx.Client(transport=transport, timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            request = _pinned_request(client, current, url, resolver)
            try:
                response = client.send(request, stream=True)
                try:
                    if response.is_redirect:
                        current = _parse(url, str(current.join(response.headers.get("location", ""))))
                        continue
                    return _article(url, current, response, max_bytes)
                finally:
                    response.close()
            except httpx.TimeoutException:
                raise InputError(url, f"timed out after {timeout:g} s fetching {current}") from None
            except httpx.HTTPError as exc:
                raise InputError(url, f"could not fetch {current} ({type(exc).__name__}: {exc})") from None
    raise InputError(url, f"more than {MAX_REDIRECTS} redirects")


def check_address(url: str, host: str, address: str) -> IPAddress:
    """Return `address` as an IP address, or raise InputError when it is not a public one.

    Private, loopback, link-local, multicast, reserved and unspecified addresses are refused, in IPv4 and IPv6,
    as is anything else not globally routable (carrier-grade NAT, documentation ranges) and an IPv6 address that
    maps or embeds a refused IPv4 address.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    embedded = (ip.ipv4_mapped or ip.sixtofour) if isinstance(ip, ipaddress.IPv6Address) else None
    for candidate in (ip, embedded):
        if candidate is None:
            continue
        if (candidate.is_private or candidate.is_loopback or candidate.is_link_local or candidate.is_multicast
                or candidate.is_reserved or candidate.is_unspecified or not candidate.is_global):
            named = f"{host} resolves to {address}, which" if host != address else address
            raise InputError(url, f"refused: {named} is not a public address")
    return ip


def _parse(original: str, url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise InputError(original, f"not a valid URL ({exc})") from None
    if parsed.scheme not in URL_SCHEMES:
        raise InputError(original, f"refused: only http and https URLs are fetched, not {parsed.scheme or 'no'} scheme"
                         + (f" (redirected to {url})" if url != original else ""))
    if not parsed.host:
        raise InputError(original, f"no host in {url}")
    return parsed


def _pinned_request(client: httpx.Client, url: httpx.URL, original: str, resolve: Resolver) -> httpx.Request:
    """Build the request for `url` sent to a checked IP address of its host (see the module docstring)."""
    port = url.port or (443 if url.scheme == "https" else 80)
    host = url.raw_host.decode("ascii")  # an international name in its IDNA (xn--) form, as DNS and TLS use it
    try:
        addresses = resolve(host, port)
    except OSError as exc:
        raise InputError(original, f"cannot resolve {host} ({exc})") from None
    if not addresses:
        raise InputError(original, f"cannot resolve {host}")
    # Every address must be public: a name that also resolves to a private one is refused outright.
    checked = [check_address(original, host, address) for address in addresses]
    ip = checked[0]
    headers = {"Host": url.netloc.decode("ascii"), "User-Agent": USER_AGENT,
               "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9"}
    extensions = {"sni_hostname": host} if url.scheme == "https" else {}
    return client.build_request("GET", url.copy_with(host=str(ip)), headers=headers, extensions=extensions)


def _system_resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _article(original: str, url: httpx.URL, response: httpx.Response, max_bytes: int) -> RawArticle:
    if response.status_code >= 400:
        raise InputError(original, f"{url} answered {response.status_code} {response.reason_phrase}")
    media_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type not in HTML_TYPES | TEXT_TYPES:
        raise InputError(original, f"refused: {url} is {media_type or 'of no declared type'}, not HTML or text")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputError(original, f"refused: {url} is {_size(int(declared))}, over the {_size(max_bytes)} limit")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:  # also stops a compressed body that inflates past the limit
            raise InputError(original, f"refused: {url} is over the {_size(max_bytes)} limit")
    data = bytes(body)
    charset = response.charset_encoding
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            data = data.decode(charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong header: the reader falls back to the page's own meta charset or replacement
    final_url = str(url)
    raw = _raw_from_bytes(data, origin=original, source_id=final_url,
                          kind="html" if media_type in HTML_TYPES else "text")
    if isinstance(raw, InputError):
        raise InputError(original, raw.message)
    return RawArticle(source_id=raw.source_id, content=raw.content, kind=raw.kind, origin=original,
                      url=final_url, warnings=raw.warnings)


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MB" if count >= 2**20 else f"{count:,} bytes"
