"""`wirewatch ingest` and `wirewatch search` end to end, on SQLite and PostgreSQL."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirewatch.cli.app import app
from wirewatch.pipeline import extract_many
from wirewatch.store import Filters, open_store

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
WIREWATCH = [str(Path(sys.executable).parent / "wirewatch")]
runner = CliRunner()


def write_articles(folder: Path, count: int) -> None:
    """Write `count` distinct fictional news stories, one .txt file each."""
    rng = random.Random(7)
    towns = ["Tarvos", "Olmaris", "Brenmoor", "Kestal", "Vennick", "Doraval", "Sulpeth", "Harrowgate"]
    nouns = ["ferry", "bridge", "market", "school", "clinic", "harbour", "council", "railway", "mine", "dam",
             "festival", "archive", "orchard", "quarry", "garrison", "lighthouse"]
    verbs = ["reopened", "closed", "flooded", "inspected", "expanded", "repaired", "funded", "relocated"]
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        sentences = [f"The {rng.choice(nouns)} in {rng.choice(towns)} was {rng.choice(verbs)} on day {n}, "
                     f"officials said, after {rng.randint(2, 900)} residents signed a petition about the "
                     f"{rng.choice(nouns)} and the {rng.choice(nouns)}." for _ in range(6)]
        title = f"Story {n}: {rng.choice(towns)} {rng.choice(nouns)} {rng.choice(verbs)}"
        (folder / f"story-{n:04d}.txt").write_text(title + "\n\n" + "\n\n".join(sentences) + "\n", encoding="utf-8")


def counts(db: str) -> tuple[int, int]:
    with open_store(db) as store:
        stats = store.stats()
        return stats.articles, stats.versions


def test_ingest_is_idempotent_and_search_finds_it(fresh_db: str) -> None:
    first = runner.invoke(app, ["ingest", str(SAMPLES), "--db", fresh_db, "--no-nlp"])
    assert first.exit_code == 0, first.stderr
    assert "8 new, 0 unchanged" in first.stderr
    again = runner.invoke(app, ["ingest", str(SAMPLES), "--db", fresh_db, "--no-nlp"])
    assert again.exit_code == 0 and "0 new, 8 unchanged" in again.stderr
    assert counts(fresh_db) == (8, 8)
    found = runner.invoke(app, ["search", "convoy", "--db", fresh_db, "--format", "json", "--type", "article"])
    assert found.exit_code == 0, found.stderr
    page = json.loads(found.stdout)
    assert page["total"] >= 1 and {hit["kind"] for hit in page["items"]} == {"article"}
    text = runner.invoke(app, ["search", "convoy", "--db", fresh_db, "--publisher", "Dawn", "--limit", "1"])
    assert text.exit_code == 0 and text.stdout.startswith("[article] At least 16 killed")


def test_ingest_names_each_failure_and_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 2)
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--no-nlp"])
    assert result.exit_code == 1
    assert "2 new" in result.stderr and "1 failed" in result.stderr and "empty.txt" in result.stderr
    assert runner.invoke(app, ["ingest", str(folder), "--db", db, "--no-nlp", "--keep-going"]).exit_code == 0


def test_search_errors_name_the_problem(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no store at" in missing.stderr
    db = str(tmp_path / "s.db")
    open_store(db).close()
    bad_date = runner.invoke(app, ["search", "x", "--db", db, "--since", "last week"])
    assert bad_date.exit_code == 2 and "--since" in bad_date.stderr and "ISO date" in bad_date.stderr
    bad_dsn = runner.invoke(app, ["search", "x", "--db", "postgresql://nobody:pw@127.0.0.1:1/none"])
    assert bad_dsn.exit_code == 2 and "cannot connect to PostgreSQL" in bad_dsn.stderr and "pw" not in bad_dsn.stderr
    unknown_place = runner.invoke(app, ["search", "x", "--db", db, "--near", "Qqqxyzzy"])
    assert unknown_place.exit_code == 2 and "no place called" in unknown_place.stderr


def test_search_near_a_place_geocodes_offline(tmp_path: Path, sample_records) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        for record in sample_records:
            store.add(record)
    near = runner.invoke(app, ["search", "", "--near", "Parachinar", "--km", "30", "--db", db, "--format", "json",
                               "--type", "article"])
    assert near.exit_code == 0, near.stderr
    titles = {hit["title"] for hit in json.loads(near.stdout)["items"]}
    assert titles == {"At least 16 killed as gunmen ambush passenger convoy in Lower Kurram"}


def test_killed_batch_rerun_loses_nothing_and_doubles_nothing(fresh_db: str, tmp_path: Path) -> None:
    total = 120
    folder = tmp_path / "batch"
    write_articles(folder, total)
    command = [*WIREWATCH, "ingest", str(folder), "--db", fresh_db, "--no-nlp", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    stored = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            stored = counts(fresh_db)[0]
        except Exception:  # noqa: BLE001 - the schema may not exist yet in the first instants
            stored = 0
        if stored >= 10:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the batch finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = counts(fresh_db)
    assert 10 <= partial[0] < total and partial[0] == partial[1]
    rerun = subprocess.run([*WIREWATCH, "ingest", str(folder), "--db", fresh_db, "--no-nlp"],
                           capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert counts(fresh_db) == (total, total)
    assert f"{partial[0]} unchanged" in rerun.stderr and "0 failed" in rerun.stderr
    with open_store(fresh_db) as store:
        sources = [record.source_id for record in store.iter_records(Filters())]
    assert sorted(sources) == sorted(f"story-{n:04d}.txt" for n in range(total))


def test_rerun_skips_the_pipeline_for_stored_items(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wirewatch.cli import store_commands

    seen: list[str] = []

    def counting_extract_many(items, **kwargs):  # type: ignore[no-untyped-def]
        def tap(source):  # type: ignore[no-untyped-def]
            for item in source:
                seen.append(getattr(item, "source_id", "error"))
                yield item
        return extract_many(tap(items), **kwargs)

    monkeypatch.setattr(store_commands, "extract_many", counting_extract_many)
    folder = tmp_path / "in"
    write_articles(folder, 3)
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["ingest", str(folder), "--db", db, "--no-nlp"]).exit_code == 0
    assert len(seen) == 3
    write_articles(folder, 4)  # one more file; the first three are unchanged
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--no-nlp"])
    assert result.exit_code == 0 and "1 new, 3 unchanged" in result.stderr
    assert seen[3:] == ["story-0003.txt"]
