"""Store fixtures: every store test runs on SQLite and, when WIREWATCH_TEST_POSTGRES is set, on PostgreSQL.

Under CI (CI=true) a missing WIREWATCH_TEST_POSTGRES fails the PostgreSQL tests instead of skipping them:
.ci/run starts a server with scripts/ci-postgres.sh, and a silent skip would hide that it did not.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from wirewatch.errors import InputError
from wirewatch.ingest import read_inputs
from wirewatch.pipeline import extract_many
from wirewatch.record import Record
from wirewatch.store import Store, open_store

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES = REPO_ROOT / "samples"
BACKENDS = ["sqlite", "postgresql"]


def postgres_admin_dsn() -> str:
    """The DSN of the test server; skips (or fails under CI) without one."""
    dsn = os.environ.get("WIREWATCH_TEST_POSTGRES")
    if not dsn:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but WIREWATCH_TEST_POSTGRES is unset: source scripts/ci-postgres.sh first")
        pytest.skip("WIREWATCH_TEST_POSTGRES is not set (source scripts/ci-postgres.sh)")
    return dsn


@pytest.fixture
def fresh_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database for the test's backend (`backend` parameter): a SQLite path or a new PostgreSQL db."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    import psycopg

    admin = postgres_admin_dsn()
    name = f"wirewatch_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")  # type: ignore[arg-type]
    yield admin.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # type: ignore[arg-type]


@pytest.fixture
def store(fresh_db: str) -> Iterator[Store]:
    with open_store(fresh_db) as opened:
        yield opened


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # Every test that uses a store (directly or through fresh_db) runs once per backend.
    if "fresh_db" in metafunc.fixturenames:
        metafunc.parametrize("fresh_db", BACKENDS, indirect=True)


@pytest.fixture(scope="session")
def sample_records() -> list[Record]:
    """The records of the bundled samples, extracted once with the full pipeline."""
    results = list(extract_many(read_inputs([str(SAMPLES)]), nlp=True))
    assert not [r for r in results if isinstance(r, InputError)]
    return results  # type: ignore[return-value]


@pytest.fixture
def make_record() -> Callable[..., Record]:
    """Build a small record of our own (fictional text) with the given fields."""
    from wirewatch.record import record_id

    def build(text: str, **fields: object) -> Record:
        paragraphs = text.split("\n\n")
        clean = "\n\n".join(paragraphs)
        return Record(id=record_id(clean), source_id=str(fields.pop("source_id", "fixture")), paragraphs=paragraphs,
                      text=clean, **fields)  # type: ignore[arg-type]

    return build
