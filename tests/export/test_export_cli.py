"""`wirewatch export`: from a store (filtered) or from input files, with clear errors for bad options."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import stix2
from typer.testing import CliRunner

from wirewatch.cli import app
from wirewatch.record import Record
from wirewatch.store import open_store

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "ht-bijapur-ied-2026-03-09.txt"


@pytest.fixture
def store_path(tmp_path: Path, event_records: list[Record]) -> Path:
    path = tmp_path / "kb.db"
    with open_store(path) as store:
        for record in event_records:
            store.add(record)
    return path


def test_exports_every_format_from_the_store(store_path: Path, event_records: list[Record], tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--format", "jsonl", "--db", str(store_path)])
    assert result.exit_code == 0, result.output
    assert sorted(Record.model_validate_json(line).id for line in result.stdout.splitlines()) == sorted(
        r.id for r in event_records)
    assert "2 item(s) exported as jsonl" in result.stderr

    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", "-f", "csv", "--db", str(store_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 3 and out.read_bytes().count(b"\r\n") == 4  # header + rows, CRLF as RFC 4180 has it

    result = runner.invoke(app, ["export", "-f", "geojson", "--db", str(store_path)])
    assert json.loads(result.stdout)["type"] == "FeatureCollection"
    result = runner.invoke(app, ["export", "-f", "stix", "--db", str(store_path)])
    assert stix2.parse(result.stdout, allow_custom=False).type == "bundle"


def test_filters_narrow_the_export(store_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "-f", "jsonl", "--db", str(store_path), "--since", "2026-03-01"])
    assert result.exit_code == 0, result.output
    assert [Record.model_validate_json(line).source_id for line in result.stdout.splitlines()] == [
        "northport-march.txt"]
    result = CliRunner().invoke(app, ["export", "-f", "jsonl", "--db", str(store_path), "--publisher", "Nobody"])
    assert result.exit_code == 0 and result.stdout == ""


def test_exports_input_files_without_a_store() -> None:
    result = CliRunner().invoke(app, ["export", "-f", "jsonl", "--from", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    assert Record.model_validate_json(line).publisher == "Hindustan Times"


def test_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = CliRunner().invoke(app, ["export", "-f", "csv", "--db", str(missing)])
    assert result.exit_code == 1
    assert f"no store at {missing}" in result.stderr and not missing.exists()


@pytest.mark.parametrize("arguments, message", [
    (["-f", "xml"], "'xml' is not one of"),
    (["-f", "csv", "--since", "last week"], "'last week' is not a date"),
    (["-f", "csv", "--until", "2026-13-01"], "'2026-13-01' is not a date"),
    (["-f", "csv", "--from", "x.txt", "--text", "fire"], "--from reads input files"),
])
def test_bad_options_are_usage_errors(arguments: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["export", *arguments])
    assert result.exit_code == 2
    assert message in result.stderr
