"""`wirewatch quotes`: the who-said-what listing, on a team-written article."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from wirewatch.cli import app

ARTICLE = """Port authority suspends night shifts after warehouse fire

The port authority suspended all night shifts on Monday after a fire gutted two warehouses, officials said.

"We will not reopen the night terminal until the fire service has inspected every building," Harbour Master Ines Okoro told reporters.

She said the cause of the fire was still unknown. "Nobody was hurt," she added, "and that is what matters tonight."
"""


def test_quotes_lists_speakers_cues_and_quotes(tmp_path: Path) -> None:
    path = tmp_path / "port-fire.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["quotes", str(path)])
    assert result.exit_code == 0, result.output
    assert "Ines Okoro" in result.stdout
    assert "We will not reopen the night terminal" in result.stdout
    assert "told" in result.stdout
    assert "Nobody was hurt" in result.stdout and "that is what matters tonight" in result.stdout
    assert "Ines Okoro (“she”)" in result.stdout  # the pronouns resolved to the harbour master
    assert "unknown speaker" not in result.stdout


def test_quotes_reports_a_bad_file_and_exits_non_zero(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["quotes", str(empty)])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr


def test_quotes_for_one_speaker_across_a_folder(tmp_path: Path) -> None:
    (tmp_path / "port-fire.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "council.txt").write_text(
        "Council delays vote on harbour budget\n\nThe city council delayed its vote on the harbour budget on Tuesday."
        "\n\n\"We need another week to read the figures,\" council leader Tomas Brandt said.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["quotes", str(tmp_path), "--speaker", "okoro"])
    assert result.exit_code == 0, result.output
    assert "We will not reopen the night terminal" in result.stdout
    assert "Tomas Brandt" not in result.stdout and "Council delays vote" not in result.stdout
    nobody = CliRunner().invoke(app, ["quotes", str(tmp_path), "-s", "Nobody Atall"])
    assert nobody.exit_code == 0 and nobody.stdout.strip() == ""
