"""Web fixtures: one SQLite store filled once per run from the samples, the seed and a hostile article."""
from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.errors import InputError
from wirewatch.ingest import read_inputs
from wirewatch.pipeline import extract, extract_many
from wirewatch.record import Record
from wirewatch.store import open_store

REPO_ROOT = Path(__file__).resolve().parents[2]
SEED = REPO_ROOT.parent / "shared" / "fixtures" / "seed" / "business-today-khalilzad-2025-04-27.txt"

# Team-written: an article whose text carries markup, which every page must show as text.
HOSTILE_TEXT = """Leaflets found in Gwoza carried a warning

GWOZA, Nigeria — Police in Gwoza said on Monday that leaflets pasted on the market wall read <script>window.__pwned = true; document.title = "pwned"</script> in block letters, with <img src=x onerror="window.__pwned = true"> scrawled below.

"We have removed every one of them," said Borno police spokesperson Amina Bello, adding that nobody was hurt.
"""
HOSTILE_ID = "hostile-markup"


@pytest.fixture(scope="session")
def sample_records() -> list[Record]:
    """Records of samples/, the seed article (when ../shared is there) and the hostile article."""
    paths = [str(REPO_ROOT / "samples")] + ([str(SEED)] if SEED.is_file() else [])
    records = [r for r in extract_many(read_inputs(paths)) if not isinstance(r, InputError)]
    records.append(extract(HOSTILE_TEXT, kind="text", source_id=HOSTILE_ID, publisher="Test Wire",
                           published="2026-07-07"))
    return records


@pytest.fixture(scope="session")
def web_db(sample_records: list[Record], tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store file holding `sample_records`."""
    path = str(tmp_path_factory.mktemp("web") / "wirewatch.db")
    with open_store(path) as store:
        for record in sample_records:
            store.add(record)
    return path


@pytest.fixture(scope="session")
def record_by_source(sample_records: list[Record]) -> dict[str, Record]:
    """The sample records by their source id (file name, JSONL id or HOSTILE_ID)."""
    return {record.source_id: record for record in sample_records}
