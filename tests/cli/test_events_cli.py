"""`wirewatch events`: the ACLED-style table, on a team-written article."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from wirewatch.cli import app
from wirewatch.cli.events import render_events_table
from wirewatch.record import Event, Fatalities, PlaceRef, Record

ARTICLE = """Gunmen kill villagers in northern Mali

Gunmen killed some 20 villagers in an attack near Kidal on Sunday, local officials said.

Government spokesman Idrissa Kone condemned the killings on Monday and urged the army to protect the region's roads.

Police arrested six suspects in Gao on Tuesday, the regional governor said.
"""


def test_events_prints_one_row_per_event(tmp_path: Path) -> None:
    path = tmp_path / "mali-villagers.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["events", str(path)])
    assert result.exit_code == 0, result.output
    assert "ASSAULT" in result.stdout and "COERCE" in result.stdout
    assert "Kidal" in result.stdout and "~20" in result.stdout
    assert "mali-villagers" in result.stdout


def test_person_filter_keeps_only_their_events(tmp_path: Path) -> None:
    path = tmp_path / "mali-villagers.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["events", str(path), "--person", "kone"])
    assert result.exit_code == 0, result.output
    assert "DISAPPROVE" in result.stdout
    assert "COERCE" not in result.stdout


def test_bad_file_is_reported_and_exits_non_zero(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["events", str(empty)])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr


def test_table_renders_counts_and_certainty_without_the_model() -> None:
    event = Event(type="ASSAULT", actors=["Northern Front"], targets=["army post"], certainty="alleged",
                  place=PlaceRef(name="Gao"), fatalities=Fatalities(min=12, max=None), reported_by="Ama Diallo",
                  evidence="The Northern Front allegedly attacked an army post in Gao, killing at least 12.")
    record = Record(id="x", source_id="gao-post", events=[event])
    table = render_events_table([record])
    cells = [list(column.cells) for column in table.columns]
    assert cells[6] == ["12+"]
    assert cells[7] == ["alleged (by Ama Diallo)"]
    assert table.caption == "1 event(s)"
