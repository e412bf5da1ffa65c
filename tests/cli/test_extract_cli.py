"""The `wirewatch` command line: bad inputs, batch behaviour, exit codes, formats, stdin, schema and help.

Most tests run the typer app in-process with `CliRunner`; a few run `.venv/bin/wirewatch` in a subprocess where
a real pipe on stdin and the process's exit status matter. Every article text here is team-written fiction.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from wirewatch import __version__
from wirewatch.cli import app

ARTICLE_TEXT = """Gunmen kill about a dozen at village market in Tharsis district

By Nadia Verhoeven

Gunmen on motorcycles killed about a dozen people at a village market in Tharsis district on Saturday, police said.

"They fired at anyone who ran," said Omar Delacroix, the district police chief. He said the attackers belonged to the Western Hills Front (WHF), which has been active in the province since mid-March.

The provincial governor said last week that security on market days would be tightened before the harvest.
"""

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Rebels seize hill town | The Daily Example</title>
<meta property="og:title" content="Rebels seize hill town after two-day battle">
<meta property="article:published_time" content="2026-02-14T08:00:00+02:00"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Rebels seize hill town after two-day battle</h1>
<p>Fighters of the Northern Ridge Alliance (NRA) took control of the hill town of Vessen on Friday after two days of fighting that killed at least 20 soldiers, according to a military source.</p>
<p>"We withdrew to protect civilians," army spokesman Col. Ilse Marren said in a statement on Saturday. She said reinforcements had been sent from the provincial capital.</p>
<p>Residents said several hundred families had fled towards the coast since last week.</p>
</article><footer>&copy; 2026 The Daily Example</footer></body></html>
"""

NO_ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>World news | The Daily Example</title></head>
<body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main></main>
<footer><p>&copy; 2026 The Daily Example. All rights reserved.</p><p><a href="/privacy">Privacy</a> <a href="/cookies">Cookies</a></p></footer>
</body></html>
"""

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
PDF_HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\x00\x00\x00\x00"


def jsonl_item(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def invoke(args: list[str], stdin: bytes | str | None = None):  # type: ignore[no-untyped-def]
    """Run the CLI in-process; stdout and stderr stay apart (click >= 8.2)."""
    return CliRunner().invoke(app, args, input=stdin)


def records_of(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def lines_starting(text: str, prefix: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(prefix)]


@pytest.fixture()
def good_txt(tmp_path: Path) -> Path:
    path = tmp_path / "tharsis-market.txt"
    path.write_text(ARTICLE_TEXT, encoding="utf-8")
    return path


@pytest.fixture()
def good_html(tmp_path: Path) -> Path:
    path = tmp_path / "vessen.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    return path


# --- one good input -------------------------------------------------------------------------------------------

def test_good_text_file_gives_one_record_named_after_the_file(good_txt: Path) -> None:
    result = invoke(["extract", str(good_txt)])
    assert result.exit_code == 0, result.stderr
    [record] = records_of(result.stdout)
    assert record["format"] == "wirewatch.record/1"
    assert record["source_id"] == "tharsis-market.txt"
    assert "Omar Delacroix" in record["text"]
    assert record["text"] == "\n\n".join(record["paragraphs"])
    assert not lines_starting(result.stderr, "error:")


def test_good_html_file_gives_one_record(good_html: Path) -> None:
    result = invoke(["extract", str(good_html)])
    assert result.exit_code == 0, result.stderr
    [record] = records_of(result.stdout)
    assert record["source_id"] == "vessen.html"
    assert "Northern Ridge Alliance" in record["text"]
    assert "<p>" not in record["text"]


# --- bad inputs: one clear error line each, naming the file ---------------------------------------------------

def assert_one_error(result, path: Path, *words: str) -> str:  # type: ignore[no-untyped-def]
    errors = lines_starting(result.stderr, "error:")
    assert len(errors) == 1, result.stderr
    assert str(path) in errors[0]
    for word in words:
        assert word in errors[0].lower()
    assert "Traceback" not in result.stderr
    return errors[0]


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = invoke(["extract", str(path)])
    assert result.exit_code == 1
    assert_one_error(result, path, "empty")
    assert result.stdout == ""


def test_whitespace_only_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\t \n")
    result = invoke(["extract", str(path)])
    assert result.exit_code == 1
    assert_one_error(result, path, "empty")


@pytest.mark.parametrize(("name", "data"), [("scan.txt", PNG_HEADER), ("report.html", PDF_HEADER),
                                            ("nul.txt", b"\x00" * 64)])
def test_binary_file_is_an_error(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = invoke(["extract", str(path)])
    assert result.exit_code == 1
    assert_one_error(result, path, "binary")


def test_twenty_megabyte_file_is_an_error_not_a_hang(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    paragraph = ("Officials said the convoy was attacked near the river crossing on Tuesday. " * 40 + "\n\n").encode()
    with path.open("wb") as fh:  # about 20 MB, written here and never committed
        for _ in range(20 * 1024 * 1024 // len(paragraph) + 1):
            fh.write(paragraph)
    assert path.stat().st_size >= 20 * 1024 * 1024
    result = invoke(["extract", str(path)])
    assert result.exit_code == 1
    assert_one_error(result, path, "mb")


def test_invalid_utf8_is_replaced_and_flagged(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(ARTICLE_TEXT.replace("Tharsis district on", "Tharsis district \xe9 on").encode("latin-1"))
    result = invoke(["extract", str(path)])
    assert result.exit_code == 0, result.stderr
    warnings = [w for w in lines_starting(result.stderr, "warning:") if "utf-8" in w.lower()]
    assert len(warnings) == 1 and "latin.txt" in warnings[0]
    [record] = records_of(result.stdout)
    assert any("utf-8" in w.lower() for w in record["warnings"])
    assert "Omar Delacroix" in record["text"]


def test_html_without_article_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "section-front.html"
    path.write_text(NO_ARTICLE_HTML)
    result = invoke(["extract", str(path)])
    assert result.exit_code == 1
    assert_one_error(result, path, "no article")


def test_jsonl_line_that_is_not_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([jsonl_item(id="ok-1", text=ARTICLE_TEXT), "{not json at all",
                               jsonl_item(id="ok-3", text=ARTICLE_TEXT.replace("dozen", "score"))]) + "\n")
    result = invoke(["extract", str(path)])
    assert result.exit_code == 1
    error = assert_one_error(result, path, "json")
    assert "line 2" in error
    assert [r["source_id"] for r in records_of(result.stdout)] == ["ok-1", "ok-3"]


@pytest.mark.parametrize("item", [{"id": "no-body", "title": "A headline and nothing else"},
                                  {"id": "no-body", "text": "   \n "},
                                  {"id": "no-body", "text": 42}])
def test_jsonl_line_without_text_names_file_and_id(tmp_path: Path, item: dict) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(item) + "\n" + jsonl_item(id="ok", text=ARTICLE_TEXT) + "\n")
    result = invoke(["extract", str(path)])
    assert result.exit_code == 1
    error = assert_one_error(result, path, "text")
    assert "no-body" in error
    assert [r["source_id"] for r in records_of(result.stdout)] == ["ok"]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    result = invoke(["extract", str(path)])
    assert result.exit_code == 1
    assert_one_error(result, path, "no such file")


def test_folder_without_articles_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# not an article\n")
    result = invoke(["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert_one_error(result, tmp_path, "folder")


# --- the batch goes on ----------------------------------------------------------------------------------------

@pytest.fixture()
def mixed_batch(tmp_path: Path) -> tuple[Path, int, int]:
    """A folder with two good articles and every kind of bad item; returns (folder, good, bad)."""
    root = tmp_path / "batch"
    (root / "nested" / "deeper").mkdir(parents=True)
    (root / "a-good.txt").write_text(ARTICLE_TEXT)
    (root / "nested" / "deeper" / "b-good.html").write_text(ARTICLE_HTML)
    (root / "c-empty.txt").write_bytes(b"")
    (root / "d-image.txt").write_bytes(PNG_HEADER)
    (root / "e-report.html").write_bytes(PDF_HEADER)
    (root / "f-feed.jsonl").write_text("oops\n" + json.dumps({"id": "no-text"}) + "\n")
    return root, 2, 5


def test_every_bad_item_gets_one_error_and_the_rest_is_done(mixed_batch: tuple[Path, int, int]) -> None:
    root, good, bad = mixed_batch
    result = invoke(["extract", str(root)])
    assert result.exit_code == 1
    assert len(lines_starting(result.stderr, "error:")) == bad, result.stderr
    assert sorted(r["source_id"] for r in records_of(result.stdout)) == ["a-good.txt", "b-good.html"]
    assert f"{good} article(s) extracted, {bad} failed" in result.stderr


def test_keep_going_exits_0_when_something_succeeded(mixed_batch: tuple[Path, int, int]) -> None:
    root, good, _ = mixed_batch
    result = invoke(["extract", str(root), "--keep-going"])
    assert result.exit_code == 0
    assert len(records_of(result.stdout)) == good


def test_keep_going_still_exits_1_when_nothing_succeeded(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(PNG_HEADER)
    result = invoke(["extract", str(tmp_path), "--keep-going"])
    assert result.exit_code == 1
    assert len(lines_starting(result.stderr, "error:")) == 2


def test_quiet_drops_the_summary_but_not_the_errors(mixed_batch: tuple[Path, int, int]) -> None:
    root, _, bad = mixed_batch
    result = invoke(["extract", str(root), "--quiet"])
    assert len(lines_starting(result.stderr, "error:")) == bad
    assert "article(s) extracted" not in result.stderr


def test_folders_are_searched_recursively_and_other_files_ignored(tmp_path: Path) -> None:
    (tmp_path / "2026" / "03").mkdir(parents=True)
    (tmp_path / "2026" / "03" / "market.txt").write_text(ARTICLE_TEXT)
    (tmp_path / "2026" / "vessen.htm").write_text(ARTICLE_HTML)
    (tmp_path / "README.md").write_text("not an article")
    (tmp_path / "photo.jpg").write_bytes(PNG_HEADER)
    result = invoke(["extract", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert sorted(r["source_id"] for r in records_of(result.stdout)) == ["market.txt", "vessen.htm"]


# --- source ids and JSONL hints -------------------------------------------------------------------------------

def test_source_id_is_the_jsonl_id_or_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join([jsonl_item(id="wire-001", text=ARTICLE_TEXT), "",
                               jsonl_item(text=ARTICLE_TEXT.replace("dozen", "score")),
                               jsonl_item(id=7, html=ARTICLE_HTML)]) + "\n")
    result = invoke(["extract", str(path)])
    assert result.exit_code == 0, result.stderr
    assert [r["source_id"] for r in records_of(result.stdout)] == ["wire-001", "wire.jsonl:3", "7"]


def test_jsonl_hints_fill_what_the_text_does_not_say(tmp_path: Path) -> None:
    body = ARTICLE_TEXT.split("\n\n", 2)[2]  # no headline, no byline: the hints are all there is
    hints = {"url": "https://example.org/2026/03/14/tharsis-market", "published": "2026-03-14T18:20:00+05:00",
             "publisher": "The Daily Example", "title": "Gunmen kill about a dozen at village market"}
    path = tmp_path / "hints.jsonl"
    path.write_text(jsonl_item(id="hinted", text=body, **hints) + "\n")
    result = invoke(["extract", str(path)])
    assert result.exit_code == 0, result.stderr
    [record] = records_of(result.stdout)
    assert {key: record[key] for key in hints} == hints


# --- output formats -------------------------------------------------------------------------------------------

def test_format_jsonl_is_one_record_a_line(good_txt: Path, good_html: Path) -> None:
    result = invoke(["extract", str(good_txt), str(good_html), "--format", "jsonl"])
    assert result.exit_code == 0
    assert [r["source_id"] for r in records_of(result.stdout)] == ["tharsis-market.txt", "vessen.html"]


def test_format_json_is_one_object_for_one_article(good_txt: Path) -> None:
    result = invoke(["extract", str(good_txt), "--format", "json"])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert isinstance(record, dict) and record["source_id"] == "tharsis-market.txt"


def test_format_json_is_an_array_for_several(good_txt: Path, good_html: Path) -> None:
    result = invoke(["extract", str(good_txt), str(good_html), "-f", "json"])
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [r["source_id"] for r in records] == ["tharsis-market.txt", "vessen.html"]


def test_format_text_is_a_readable_summary(good_txt: Path) -> None:
    result = invoke(["extract", str(good_txt), "--format", "text"])
    assert result.exit_code == 0
    assert "tharsis-market.txt" in result.stdout
    assert "paragraphs" in result.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)


def test_unknown_format_is_a_usage_error(good_txt: Path) -> None:
    result = invoke(["extract", str(good_txt), "--format", "xml"])
    assert result.exit_code == 2


def test_output_option_writes_the_file(good_txt: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "records.jsonl"
    out.parent.mkdir()
    result = invoke(["extract", str(good_txt), "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert [r["source_id"] for r in records_of(out.read_text(encoding="utf-8"))] == ["tharsis-market.txt"]


# --- stdin ----------------------------------------------------------------------------------------------------

def test_stdin_text_is_sniffed_as_text() -> None:
    result = invoke(["extract", "-"], stdin=ARTICLE_TEXT.encode())
    assert result.exit_code == 0, result.stderr
    [record] = records_of(result.stdout)
    assert record["source_id"] == "stdin"
    assert "Omar Delacroix" in record["text"]


def test_stdin_html_is_sniffed_as_html() -> None:
    result = invoke(["extract", "-"], stdin=ARTICLE_HTML.encode())
    assert result.exit_code == 0, result.stderr
    [record] = records_of(result.stdout)
    assert "Northern Ridge Alliance" in record["text"]
    assert "<p>" not in record["text"] and "<article>" not in record["text"]


def test_stdin_jsonl_is_sniffed_and_each_line_is_an_item() -> None:
    feed = "\n".join([jsonl_item(id="s-1", text=ARTICLE_TEXT), "garbage",
                      jsonl_item(id="s-3", html=ARTICLE_HTML)]) + "\n"
    result = invoke(["extract", "-"], stdin=feed.encode())
    assert result.exit_code == 1
    assert [r["source_id"] for r in records_of(result.stdout)] == ["s-1", "s-3"]
    [error] = lines_starting(result.stderr, "error:")
    assert error.startswith("error: - ") and "line 2" in error


def test_stdin_empty_is_an_error() -> None:
    result = invoke(["extract", "-"], stdin=b"")
    assert result.exit_code == 1
    assert len(lines_starting(result.stderr, "error:")) == 1


WIREWATCH = Path(sys.executable).with_name("wirewatch")


@pytest.mark.skipif(not WIREWATCH.exists() and not shutil.which("wirewatch"), reason="wirewatch is not installed")
def test_real_pipe_and_exit_status(tmp_path: Path) -> None:
    exe = str(WIREWATCH) if WIREWATCH.exists() else str(shutil.which("wirewatch"))
    feed = (jsonl_item(id="p-1", text=ARTICLE_TEXT) + "\n" + '{"id": "p-2"}\n').encode()
    done = subprocess.run([exe, "extract", "-", "--format", "jsonl"], input=feed, capture_output=True, timeout=120)
    assert done.returncode == 1
    assert [r["source_id"] for r in records_of(done.stdout.decode())] == ["p-1"]
    assert len(lines_starting(done.stderr.decode(), "error:")) == 1
    kept = subprocess.run([exe, "extract", "-", "--keep-going", "-q"], input=feed, capture_output=True, timeout=120)
    assert kept.returncode == 0
    assert kept.stderr.decode().count("error:") == 1


# --- schema, help, version ------------------------------------------------------------------------------------

def _validate(instance: object, schema: dict, root: dict, path: str = "$") -> list[str]:
    """A small JSON Schema check covering what pydantic emits (used when `jsonschema` is not installed)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _validate(instance, root["$defs"][name], root, path)
    if "anyOf" in schema:
        options = [_validate(instance, option, root, path) for option in schema["anyOf"]]
        return [] if any(not errors for errors in options) else [f"{path}: matches no anyOf branch"]
    errors: list[str] = []
    types = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "array": list,
             "object": dict, "null": type(None)}
    expected = schema.get("type")
    if expected and not isinstance(instance, types[expected]):
        return [f"{path}: expected {expected}, got {type(instance).__name__}"]
    if expected in ("integer", "number") and isinstance(instance, bool):
        return [f"{path}: expected {expected}, got bool"]
    if "const" in schema and instance != schema["const"]:
        errors.append(f"{path}: expected {schema['const']!r}")
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{path}: {instance!r} not in enum")
    if "minimum" in schema and isinstance(instance, (int, float)) and instance < schema["minimum"]:
        errors.append(f"{path}: below minimum")
    if isinstance(instance, list) and "items" in schema:
        for i, item in enumerate(instance):
            errors += _validate(item, schema["items"], root, f"{path}[{i}]")
    if isinstance(instance, dict):
        properties = schema.get("properties", {})
        errors += [f"{path}: missing {key}" for key in schema.get("required", []) if key not in instance]
        if schema.get("additionalProperties") is False:
            errors += [f"{path}: unexpected {key}" for key in instance if key not in properties]
        for key, value in instance.items():
            if key in properties:
                errors += _validate(value, properties[key], root, f"{path}.{key}")
    return errors


def test_schema_validates_a_produced_record(good_txt: Path, good_html: Path) -> None:
    schema_result = invoke(["schema"])
    assert schema_result.exit_code == 0
    schema = json.loads(schema_result.stdout)
    assert schema["type"] == "object"
    assert {"id", "source_id"} <= set(schema["required"])
    expected = {"format", "paragraphs", "text", "removed", "warnings", "entities", "quotes", "events"}
    assert expected <= set(schema["properties"])
    result = invoke(["extract", str(good_txt), str(good_html)])
    records = records_of(result.stdout)
    assert len(records) == 2
    try:
        import jsonschema  # optional: not a wirewatch dependency
    except ImportError:
        jsonschema = None
    for record in records:
        assert set(record) <= set(schema["properties"])
        assert _validate(record, schema, schema) == []
        if jsonschema is not None:
            jsonschema.validate(record, schema)
    assert _validate({"id": "x"}, schema, schema) == ["$: missing source_id"]  # the checker does check


COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_help_lists_every_command() -> None:
    result = invoke(["--help"])
    assert result.exit_code == 0
    assert COMMANDS and {"extract", "schema", "version"} <= set(COMMANDS)
    for command in COMMANDS:
        assert command in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_working_help(command: str) -> None:
    result = invoke([command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.stdout


def test_version_prints_the_package_version() -> None:
    result = invoke(["version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == __version__


# --- regressions: bugs found and fixed in the readers and the batch loop ---------------------------------------

def test_lone_surrogate_in_a_jsonl_id_does_not_kill_the_batch(tmp_path: Path) -> None:
    path = tmp_path / "surrogate.jsonl"
    path.write_text('{"id": "wire-\\udc80-01", "text": %s}\n%s\n' % (json.dumps(ARTICLE_TEXT),
                                                                     jsonl_item(id="after", text=ARTICLE_TEXT)))
    result = invoke(["extract", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "after" in [r["source_id"] for r in records_of(result.stdout)]


def test_an_unexpected_cleaner_exception_fails_one_item_not_the_batch(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import wirewatch.pipeline as pipeline

    real_clean = pipeline.clean_article

    def flaky_clean(raw):  # type: ignore[no-untyped-def]
        if raw.source_id == "a-breaks.txt":
            raise TypeError("simulated cleaner bug")
        return real_clean(raw)

    monkeypatch.setattr(pipeline, "clean_article", flaky_clean)
    (tmp_path / "a-breaks.txt").write_text(ARTICLE_TEXT)
    (tmp_path / "b-fine.txt").write_text(ARTICLE_TEXT)
    result = invoke(["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert [r["source_id"] for r in records_of(result.stdout)] == ["b-fine.txt"]
    [error] = lines_starting(result.stderr, "error:")
    assert "a-breaks.txt" in error


def test_text_format_lists_events_and_relations(good_txt: Path) -> None:
    result = invoke(["extract", str(good_txt), "--format", "text"])
    assert result.exit_code == 0, result.stderr
    events = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("event:")]
    assert any(line.startswith("event: ASSAULT [reported, ~12 killed]: Gunmen") for line in events), events
    assert any("alias WHF" in line for line in result.stdout.splitlines() if "relation:" in line), result.stdout
