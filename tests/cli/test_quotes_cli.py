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
    assert "(“she”)" in result.stdout.lower()  # the pronoun resolved to the harbour master


def test_quotes_reports_a_bad_file_and_exits_non_zero(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["quotes", str(empty)])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr
