"""`read_inputs`: files, folders, JSON Lines and stdin into `RawArticle`s or `InputError`s, never an exception.

Table-driven where it can be; a hypothesis property checks that arbitrary bytes in a .txt/.html/.jsonl file never
make `read_inputs` + `extract_many` raise. Article texts are team-written fiction.
"""
from __future__ import annotations

import codecs
import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirewatch import extract_many
from wirewatch.errors import InputError
from wirewatch.ingest import RawArticle, read_inputs
from wirewatch.ingest import readers
from wirewatch.record import Record

TEXT = ("Militants attacked a border post in Orvane district late on Sunday, killing about seven guards, "
        "according to the provincial police.\n\n\"The post was overrun within minutes,\" said district officer "
        "Lena Castell.\n")
HTML = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Border post attacked</title></head><body>"
        "<article><p>Militants attacked a border post in Orvane district late on Sunday, killing about seven "
        "guards, according to the provincial police.</p></article></body></html>")


def read_all(*paths: str | Path) -> list[RawArticle | InputError]:
    return list(read_inputs([str(p) for p in paths]))


def only(items: list[RawArticle | InputError]) -> RawArticle | InputError:
    assert len(items) == 1, items
    return items[0]


class FakeStdin:
    """Stands in for `sys.stdin`: readers use its binary `buffer`."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


# --- files ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "content", "kind"), [
    ("a.txt", TEXT, "text"),
    ("a.TEXT", TEXT, "text"),
    ("a.html", HTML, "html"),
    ("a.htm", HTML, "html"),
    ("a.xhtml", HTML, "html"),
    ("a.txt", HTML, "text"),  # the suffix decides for known suffixes
    ("a.html", TEXT, "html"),
])
def test_file_kind_follows_the_suffix(tmp_path: Path, name: str, content: str, kind: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    item = only(read_all(path))
    assert isinstance(item, RawArticle)
    assert (item.kind, item.source_id, item.origin) == (kind, name, str(path))
    assert item.content == content
    assert item.warnings == ()


@pytest.mark.parametrize(("content", "kind"), [(TEXT, "text"), (HTML, "html"),
                                               ("  <html><body>x</body></html>", "html"),
                                               ("<!-- saved page -->\n<div>x</div>", "html")])
def test_unknown_suffix_given_by_name_is_sniffed(tmp_path: Path, content: str, kind: str) -> None:
    path = tmp_path / "page.php"
    path.write_text(content)
    item = only(read_all(path))
    assert isinstance(item, RawArticle) and item.kind == kind


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + TEXT.encode())
    item = only(read_all(path))
    assert isinstance(item, RawArticle) and item.content == TEXT and not item.warnings


def test_declared_html_charset_is_used_without_a_warning(tmp_path: Path) -> None:
    page = HTML.replace('charset="utf-8"', 'charset="windows-1252"').replace("Orvane", "Orvané")
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    item = only(read_all(path))
    assert isinstance(item, RawArticle)
    assert "Orvané" in item.content and not item.warnings


def test_invalid_utf8_is_replaced_and_warned(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(TEXT.encode() + b"\nTrailing \xff\xfe bytes.\n")
    item = only(read_all(path))
    assert isinstance(item, RawArticle)
    assert "\ufffd" in item.content
    assert len(item.warnings) == 1 and "UTF-8" in item.warnings[0]


@pytest.mark.parametrize(("data", "words"), [
    (b"", "empty"),
    (b"  \n\n\t", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n\x00\x00", "binary"),
    (bytes(range(1, 9)) * 20, "binary"),  # control bytes without NULs
])
def test_unreadable_files_are_input_errors_naming_the_file(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    item = only(read_all(path))
    assert isinstance(item, InputError)
    assert item.source == str(path) and words in item.message


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_INPUT_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text(TEXT * 20)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read an oversized file"))
    item = only(read_all(path))
    assert isinstance(item, InputError) and "limit" in item.message


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    item = only(read_all(tmp_path / "gone.html"))
    assert isinstance(item, InputError) and "no such file" in item.message


# --- folders --------------------------------------------------------------------------------------------------

def test_folders_are_recursed_in_sorted_order_and_other_suffixes_skipped(tmp_path: Path) -> None:
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "b" / "c" / "z.txt").write_text(TEXT)
    (tmp_path / "b" / "y.html").write_text(HTML)
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "f1", "text": TEXT}) + "\n")
    (tmp_path / "notes.md").write_text("# notes")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    items = read_all(tmp_path)
    assert all(isinstance(i, RawArticle) for i in items)
    assert [i.source_id for i in items] == ["a.txt", "z.txt", "y.html", "f1"]  # sorted by path parts: b/c/ before b/y


def test_empty_folder_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# notes")
    item = only(read_all(tmp_path))
    assert isinstance(item, InputError) and item.source == str(tmp_path)


def test_inputs_keep_their_order_and_errors_do_not_stop_the_rest(tmp_path: Path) -> None:
    good, empty = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text(TEXT)
    empty.write_bytes(b"")
    items = read_all(empty, tmp_path / "missing.txt", good)
    assert [type(i).__name__ for i in items] == ["InputError", "InputError", "RawArticle"]


# --- JSON Lines -----------------------------------------------------------------------------------------------

JSONL_CASES = [
    # (line, expected source_id or error words)
    (json.dumps({"id": "x1", "text": TEXT}), "x1"),
    (json.dumps({"id": 17, "text": TEXT}), "17"),
    (json.dumps({"text": TEXT}), "feed.jsonl:1"),
    (json.dumps({"id": "", "text": TEXT}), "feed.jsonl:1"),
    ("{not json", "error:not valid JSON"),
    ("[1, 2, 3]", "error:expected a JSON object"),
    ('"just a string"', "error:expected a JSON object"),
    (json.dumps({"id": "x2", "title": "headline only"}), "error:no \"text\" or \"html\""),
    (json.dumps({"id": "x3", "text": "  "}), "error:no \"text\" or \"html\""),
    (json.dumps({"id": "x4", "text": ["a", "list"]}), "error:no \"text\" or \"html\""),
]


@pytest.mark.parametrize(("line", "expected"), JSONL_CASES)
def test_jsonl_items(tmp_path: Path, line: str, expected: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(line + "\n")
    item = only(read_all(path))
    if expected.startswith("error:"):
        assert isinstance(item, InputError)
        assert item.source == str(path) and expected[len("error:"):] in item.message
        assert item.item_id  # the line number or the item's id
    else:
        assert isinstance(item, RawArticle) and item.source_id == expected and item.origin == str(path)


def test_jsonl_line_numbers_count_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n\n   \nnope\n" + json.dumps({"text": TEXT}) + "\n")
    items = read_all(path)
    assert [i.item_id if isinstance(i, InputError) else i.source_id for i in items] == ["a", "line 4", "feed.jsonl:5"]


def test_jsonl_html_wins_over_text_and_hints_are_kept(tmp_path: Path) -> None:
    item = {"id": "h", "text": TEXT, "html": HTML, "url": "https://example.org/a", "published": "2026-01-05",
            "publisher": "The Daily Example", "title": "Border post attacked", "extra": {"ignored": True}}
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(item) + "\n")
    raw = only(read_all(path))
    assert isinstance(raw, RawArticle)
    assert (raw.kind, raw.content) == ("html", HTML)
    assert (raw.url, raw.published, raw.publisher, raw.title) == (
        "https://example.org/a", "2026-01-05", "The Daily Example", "Border post attacked")


def test_jsonl_empty_html_falls_back_to_text_and_bad_hints_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "t", "html": " ", "text": TEXT, "published": 20260105, "title": "  "}) + "\n")
    raw = only(read_all(path))
    assert isinstance(raw, RawArticle)
    assert raw.kind == "text" and raw.published is None and raw.title is None


def test_jsonl_crlf_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "a", "text": TEXT}), json.dumps({"id": "b", "text": TEXT})]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    assert [i.source_id for i in read_all(path)] == ["a", "b"]


def test_jsonl_oversized_line_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_INPUT_BYTES", 500)
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "big", "text": TEXT * 10}) + "\n" + json.dumps({"id": "ok", "text": "x"}) + "\n")
    items = read_all(path)
    assert isinstance(items[0], InputError) and "limit" in items[0].message
    assert isinstance(items[1], RawArticle) and items[1].source_id == "ok"


# --- stdin ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "kind"), [(TEXT.encode(), "text"), (HTML.encode(), "html"),
                                            (b"\n  <html><body><p>x y z</p></body></html>", "html")])
def test_stdin_text_and_html_are_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes, kind: str) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    item = only(read_all("-"))
    assert isinstance(item, RawArticle)
    assert (item.kind, item.source_id, item.origin) == (kind, "stdin", "-")


def test_stdin_jsonl_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"id": f"s{i}", "text": TEXT}) for i in range(3)]
    monkeypatch.setattr(sys, "stdin", FakeStdin(("\n".join(lines) + "\n").encode()))
    items = read_all("-")
    assert [i.source_id for i in items] == ["s0", "s1", "s2"]
    assert all(isinstance(i, RawArticle) and i.origin == "-" for i in items)


@pytest.mark.parametrize("trailing_newline", [True, False])
def test_stdin_jsonl_longer_than_the_sniffed_head_loses_no_line(monkeypatch: pytest.MonkeyPatch,
                                                                trailing_newline: bool) -> None:
    # The head read for sniffing ends mid-line; the reader must join it to the rest of the stream.
    monkeypatch.setattr(readers, "MAX_INPUT_BYTES", 100)
    lines = [json.dumps({"id": f"n{i:02d}", "text": "words " * 8}) for i in range(12)]
    data = "\n".join(lines) + ("\n" if trailing_newline else "")
    assert len(data) > 300 and all(len(line) < 100 for line in lines)
    monkeypatch.setattr(sys, "stdin", FakeStdin(data.encode()))
    items = read_all("-")
    assert [getattr(i, "source_id", repr(i)) for i in items] == [f"n{i:02d}" for i in range(12)]


def test_stdin_over_the_limit_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_INPUT_BYTES", 100)
    monkeypatch.setattr(sys, "stdin", FakeStdin(TEXT.encode() * 3))
    item = only(read_all("-"))
    assert isinstance(item, InputError) and item.source == "-"


@pytest.mark.parametrize("data", [b"", b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_stdin_empty_or_binary_is_an_error(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    assert isinstance(only(read_all("-")), InputError)


# --- regressions: bugs found and fixed in the readers ----------------------------------------------------------

def test_stdin_jsonl_with_cr_whitespace_reads_like_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = b'{"id": "c1",\r "text": "x y z"}\n'
    path = tmp_path / "cr.jsonl"
    path.write_bytes(data)
    assert [i.source_id for i in read_all(path)] == ["c1"]
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    assert [getattr(i, "source_id", None) for i in read_all("-")] == ["c1"]


def test_stdin_jsonl_with_a_bad_byte_in_the_first_line_is_still_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b'{"id": "u1", "text": "Gunmen attacked \xff the post."}\n{"id": "u2", "text": "x y z"}\n'
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    items = read_all("-")
    assert "u2" in [getattr(i, "source_id", None) for i in items]


def test_jsonl_line_with_invalid_utf8_is_replaced_and_warned(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"id": "u1", "text": "Gunmen attacked \xff the post."}\n')
    item = only(read_all(path))
    assert isinstance(item, RawArticle) and item.warnings


def test_stdin_html_with_a_bom_is_html(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(codecs.BOM_UTF8 + HTML.encode()))
    item = only(read_all("-"))
    assert isinstance(item, RawArticle) and item.kind == "html"


def test_utf16_file_with_a_bom_is_text(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(TEXT.encode("utf-16"))
    item = only(read_all(path))
    assert isinstance(item, RawArticle) and item.content == TEXT


# --- property: arbitrary bytes never raise ---------------------------------------------------------------------

def _jsonl_from(items: list[dict]) -> bytes:
    return b"\n".join(json.dumps(i).encode() for i in items)


JSON_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=200),
                        st.lists(st.text(max_size=20), max_size=3))
ITEM = st.fixed_dictionaries({}, optional={key: JSON_VALUES for key in
                                           ("id", "text", "html", "url", "published", "publisher", "title")})
CONTENT = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=3000).map(lambda t: t.encode("utf-8")),
    st.lists(ITEM, max_size=4).map(_jsonl_from),
    st.tuples(st.sampled_from([b"<html><body><p>", b"<!doctype html><article>", b"{\"id\": \"x\", \"text\": \""]),
              st.binary(max_size=1500)).map(b"".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                    HealthCheck.too_slow])
@given(data=CONTENT, suffix=st.sampled_from([".txt", ".html", ".jsonl"]))
def test_arbitrary_bytes_never_raise(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    results = list(extract_many(read_inputs([str(path)])))
    assert results or suffix == ".jsonl"  # an empty JSONL file holds no items; anything else yields one
    for result in results:
        assert isinstance(result, (Record, InputError))
        if isinstance(result, Record):
            result.model_dump_json()  # what the CLI writes must serialize too
        else:
            assert result.source == str(path)
