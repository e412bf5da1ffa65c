"""Readers for files, folders, JSON Lines and stdin.

Every reader yields `RawArticle`s, or an `InputError` in place of an item it cannot
read, so a batch goes on past a bad item and loses nothing else.
"""
from __future__ import annotations

import codecs
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from wirewatch.errors import InputError
from wirewatch.ingest.raw import RawArticle

MAX_INPUT_BYTES = 10 * 1024 * 1024
"""Largest single article (file or JSONL line) read; news pages are far below it."""

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<!--|<meta|<div|<article)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)
# Control characters that never occur in text: their share tells a binary file from a text one.
_CONTROL_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_inputs(paths: Iterable[str]) -> Iterator[RawArticle | InputError]:
    """Yield every article found under `paths`, or an error for each item that cannot be read.

    Args:
        paths: files (.txt, .html/.htm, .jsonl), folders (searched recursively), ``-`` for stdin, or http(s)
            URLs (fetched with the checks of `wirewatch.ingest.fetch`).

    Returns:
        An iterator of `RawArticle` or `InputError`, in input order.
    """
    for name in paths:
        if name == "-":
            yield from _read_stream(sys.stdin.buffer, "-")
            continue
        if name.lower().startswith(("http://", "https://")):
            from wirewatch.ingest.fetch import fetch_url  # imported here: fetch builds on this module

            try:
                yield fetch_url(name)
            except InputError as exc:
                yield exc
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not files:
                yield InputError(name, "folder holds no .txt, .html, .htm or .jsonl files")
            for file in files:
                yield from read_file(file)
        elif path.is_file():
            yield from read_file(path)
        else:
            yield InputError(name, "no such file or folder")


def read_file(path: Path) -> Iterator[RawArticle | InputError]:
    """Yield the article(s) in one file; JSON Lines files may hold many."""
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from _read_jsonl(fh, origin)
            return
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            yield InputError(origin, f"file is {size / 1e6:.1f} MB, over the {MAX_INPUT_BYTES / 1e6:.0f} MB limit for one article")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(origin, f"cannot read file: {exc.strerror or exc}")
        return
    kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else _sniff_kind(data)
    yield _raw_from_bytes(data, origin=origin, source_id=path.name, kind=kind)


def _read_stream(stream: BinaryIO, origin: str) -> Iterator[RawArticle | InputError]:
    data = stream.read(MAX_INPUT_BYTES + 1)
    if _looks_like_jsonl(data):
        yield from _read_jsonl(_chain_lines(data, stream), origin)
        return
    if len(data) > MAX_INPUT_BYTES:
        yield InputError(origin, f"input is over the {MAX_INPUT_BYTES / 1e6:.0f} MB limit for one article")
        return
    yield _raw_from_bytes(data, origin=origin, source_id="stdin", kind=_sniff_kind(data))


def _chain_lines(head: bytes, rest: BinaryIO) -> Iterator[bytes]:
    # The sniffed head may end mid-line: hand it back joined to the rest of the stream.
    lines = io.BytesIO(head).readlines()  # split at b"\n" only, as iterating a file does
    tail = lines.pop() if lines and not lines[-1].endswith(b"\n") else b""
    yield from lines
    first = True
    for line in rest:
        if first:
            line, first = tail + line, False
        yield line
    if first and tail:
        yield tail


def _read_jsonl(lines: Iterable[bytes], origin: str) -> Iterator[RawArticle | InputError]:
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"line {lineno}"
        if len(line) > MAX_INPUT_BYTES:
            yield InputError(origin, f"line is over the {MAX_INPUT_BYTES / 1e6:.0f} MB limit for one article", where)
            continue
        warnings: list[str] = []
        try:
            item = json.loads(_decode_text(line, warnings))
        except json.JSONDecodeError as exc:
            yield InputError(origin, f"not valid JSON ({exc.msg} at column {exc.colno})", where)
            continue
        if not isinstance(item, dict):
            yield InputError(origin, f"expected a JSON object, got {type(item).__name__}", where)
            continue
        item = {key: _scrub_surrogates(value, warnings) if isinstance(value, str) else value for key, value in item.items()}
        item_id = str(item["id"]) if item.get("id") not in (None, "") else f"{Path(origin).name}:{lineno}"
        text, html = item.get("text"), item.get("html")
        content = html if isinstance(html, str) and html.strip() else text
        if not isinstance(content, str) or not content.strip():
            yield InputError(origin, 'no "text" or "html" field with content', item_id)
            continue
        hints = {key: item.get(key) if isinstance(item.get(key), str) and item.get(key).strip() else None
                 for key in ("url", "published", "publisher", "title")}
        yield RawArticle(source_id=item_id, content=content, kind="html" if content is html else "text",
                         origin=origin, warnings=tuple(warnings), **hints)


def _raw_from_bytes(data: bytes, *, origin: str, source_id: str, kind: str) -> RawArticle | InputError:
    if not data.strip():
        return InputError(origin, "file is empty")
    if data.startswith(_UTF16_BOMS):  # e.g. saved by PowerShell's '>': NUL bytes, yet text
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    if _is_binary(data):
        return InputError(origin, "file is binary, not text or HTML (is it a PDF, image or archive?)")
    warnings: list[str] = []
    text = _decode(data, kind, warnings)
    return RawArticle(source_id=source_id, content=text, kind=kind, origin=origin,  # type: ignore[arg-type]
                      warnings=tuple(warnings))


def _decode(data: bytes, kind: str, warnings: list[str]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096]) if kind == "html" else None
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return _decode_text(data, warnings)


def _decode_text(data: bytes, warnings: list[str]) -> str:
    """Decode UTF-8, replacing invalid sequences with U+FFFD and saying so in `warnings`."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="replace")
        warnings.append(f"invalid UTF-8: {text.count(chr(0xFFFD))} byte sequence(s) replaced with U+FFFD")
        return text


def _scrub_surrogates(value: str, warnings: list[str]) -> str:
    # A JSON "\udc80" escape decodes to a lone surrogate, which no UTF-8 output can carry.
    if not _LONE_SURROGATE.search(value):
        return value
    warnings.append("lone surrogate escape(s) in the JSON replaced with U+FFFD")
    return _LONE_SURROGATE.sub("\ufffd", value)


def _is_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    return sum(head.count(bytes([b])) for b in _CONTROL_BYTES) > len(head) * 0.05


def _sniff_kind(data: bytes) -> str:
    return "html" if _HTML_START.match(data[:1024].removeprefix(codecs.BOM_UTF8)) else "text"


def _looks_like_jsonl(data: bytes) -> bool:
    head = data.removeprefix(codecs.BOM_UTF8).lstrip()
    if head[:1] != b"{":
        return False
    line = head.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line.decode("utf-8", errors="replace")), dict)
    except json.JSONDecodeError:
        return False
